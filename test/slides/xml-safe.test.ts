import { describe, expect, it } from "vitest";
import { xmlSafeDeep, xmlSafeText } from "../../src/slides/xml-safe";

describe("xmlSafeText", () => {
  it("replaces what XML 1.0 does not allow and keeps the rest, tabs, line ends and surrogate pairs included", () => {
    expect(xmlSafeText("Round\u000b2018")).toBe("Round 2018");
    expect(xmlSafeText("a\u0000b\u001bc")).toBe("a b c");
    expect(xmlSafeText("x\uD800y\uDC00z\uFFFF")).toBe("x\uFFFDy\uFFFDz\uFFFD");
    expect(xmlSafeText("tab\tline\nret\r 😀 é <&>")).toBe("tab\tline\nret\r 😀 é <&>");
  });
  it("xmlSafeDeep copies a document with every string and key made safe", () => {
    const doc = { rounds: [{ round: "R\u00011", name: "N\u000b", n: 3, ok: true, ci: null }], "k\u0002": ["v\u0003"] };
    expect(xmlSafeDeep(doc)).toEqual({ rounds: [{ round: "R 1", name: "N ", n: 3, ok: true, ci: null }], "k ": ["v "] });
    expect(doc.rounds[0].name).toBe("N\u000b");
  });
});
