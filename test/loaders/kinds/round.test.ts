/**
 * round.json's schema (loaders/kinds/round.ts). The name reaches every page, the slide deck's XML
 * and terminals: an attacker's vertical tab in it made `iln slides` write a deck LibreOffice could
 * not open, a right-to-left override displays it as other text, a 1 MB name made a 21 MB deck.
 */
import { describe, expect, it } from "vitest";
import { RoundFile } from "../../../loaders/kinds/round";

const round = (name: string) => RoundFile.safeParse({ id: "R1", name, start: "2016-01-01", end: "2016-02-01" });
const message = (name: string) => {
  const r = round(name);
  return r.success ? "ok" : r.error.issues.map((i) => i.message).join("; ");
};

describe("round.json", () => {
  it("accepts names in any script, with emoji and accents", () => {
    for (const name of ["Round 2016B", "Ronda 2016B: España y Perú", "第1回 日本", "Раунд 😀"]) expect(message(name)).toBe("ok");
  });

  it("refuses control characters, text-direction overrides, lone surrogates and names over 200 characters", () => {
    expect(message("Round\u000b2018")).toBe("the name holds a control or text-direction character (U+000B); remove it");
    expect(message("Round\u001b[2J")).toBe("the name holds a control or text-direction character (U+001B); remove it");
    expect(message("A\u202eB")).toBe("the name holds a control or text-direction character (U+202E); remove it");
    expect(message("A\u2066B")).toBe("the name holds a control or text-direction character (U+2066); remove it");
    expect(message("bad \ud800 x")).toBe("the name holds a control or text-direction character (U+D800); remove it");
    expect(message("x".repeat(201))).toBe("a round name of more than 200 characters; shorten it");
    expect(message("x".repeat(200))).toBe("ok");
    expect(message("")).not.toBe("ok");
  });
});
