/**
 * `decodeBytes` and `checkMojibake`. Byte sequences are written by hand from the UTF-8 and
 * Windows-1252 code charts (é = C3 A9 in UTF-8, E9 in Windows-1252; ’ = E2 80 99 / 92).
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/domain/errors";
import { checkMojibake, decodeBytes } from "../../../loaders/formats/decode";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("decodeBytes", () => {
  it("reads UTF-8 without and with a BOM", () => {
    expect(decodeBytes("f", bytes(0x63, 0x61, 0x66, 0xc3, 0xa9))).toEqual({ text: "café", encoding: "utf-8", warnings: [] });
    expect(decodeBytes("f", bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ text: "a", encoding: "utf-8-bom", warnings: [] });
  });

  it("falls back to Windows-1252 with a warning", () => {
    const d = decodeBytes("f", bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x92, 0x80));
    expect(d.text).toBe("café \u2019\u20ac");
    expect(d.encoding).toBe("windows-1252");
    expect(d.warnings).toEqual(["decoded as Windows-1252: the bytes are not valid UTF-8"]);
  });

  it("keeps UTF-8 when valid multi-byte sequences sit next to a stray byte", () => {
    // "é" (C3 A9), a stray 0x8C, "ñ" (C3 B1)
    const d = decodeBytes("f", bytes(0xc3, 0xa9, 0x8c, 0xc3, 0xb1));
    expect([d.text, d.encoding]).toEqual(["é\uFFFDñ", "utf-8"]);
    expect(d.warnings).toEqual(['decoded as UTF-8 although 1 byte sequence(s) are not valid UTF-8; they show as "\uFFFD"']);
  });

  it("stays with Windows-1252 when invalid bytes outnumber UTF-8-looking pairs", () => {
    // Windows-1252 "Ô’ é é": D4 92 happens to be a valid UTF-8 pair, the lone E9s are not
    const d = decodeBytes("f", bytes(0xd4, 0x92, 0x20, 0xe9, 0x20, 0xe9));
    expect([d.text, d.encoding]).toEqual(["Ô’ é é", "windows-1252"]);
  });

  it("mentions a BOM that lies", () => {
    const d = decodeBytes("f", bytes(0xef, 0xbb, 0xbf, 0xe9));
    expect([d.text, d.encoding]).toEqual(["é", "windows-1252"]);
    expect(d.warnings[0]).toMatch(/byte-order mark/);
  });

  it("repairs double-encoded UTF-8 and warns", () => {
    // "EspaÃ±ol" in UTF-8: 45 73 70 61 C3 83 C2 B1 6F 6C
    const d = decodeBytes("f", bytes(0x45, 0x73, 0x70, 0x61, 0xc3, 0x83, 0xc2, 0xb1, 0x6f, 0x6c));
    expect(d.text).toBe("Español");
    expect(d.encoding).toBe("utf-8");
    expect(d.warnings[0]).toMatch(/double-encoded.*"Ã±".*repaired/);
  });

  it("throws InputError for empty, NUL and UTF-16 input", () => {
    expect(() => decodeBytes("f", bytes())).toThrow(InputError);
    expect(() => decodeBytes("f", bytes(0x61, 0x00))).toThrow(/NUL byte at offset 1/);
    expect(() => decodeBytes("f", bytes(0xfe, 0xff, 0x00, 0x61))).toThrow(/UTF-16/);
  });
});

describe("checkMojibake", () => {
  it("leaves correct text alone", () => {
    for (const s of ["café", "Côte d’Ivoire", "Perú, España", "naïve “quotes” — 10 €", "plain ascii", "Łódź 東京"]) {
      expect(checkMojibake(s)).toEqual({ sample: null, repaired: null });
    }
  });

  it("finds and repairs two- and three-byte sequences", () => {
    expect(checkMojibake("Â¡Traduciendo!")).toEqual({ sample: "Â¡", repaired: "¡Traduciendo!" });
    expect(checkMojibake("Computer Scienceâ€™s")).toEqual({ sample: "â€™", repaired: "Computer Science’s" });
  });

  it("does not repair when correct and broken text are mixed", () => {
    // é (E9 as a byte) followed by a space is not valid UTF-8 once re-encoded
    expect(checkMojibake("EspaÃ±ol, café ")).toEqual({ sample: "Ã±", repaired: null });
    expect(checkMojibake("EspaÃ±ol 東京")).toEqual({ sample: "Ã±", repaired: null });
  });
});
