import { describe, expect, it } from "vitest";
import { nameParts, redactEmails, redactNeedles, redactWords } from "../../src/privacy/redact-names";

describe("redactNeedles", () => {
  it("matches case-insensitively across Unicode forms and spacing, and leaves other text alone", () => {
    expect(redactNeedles("Thanks to CHLOE\u0301  martin!", ["Chloé Martin"])).toBe("Thanks to [erased]!");
    expect(redactNeedles("nothing here", ["Chloé Martin"])).toBe("nothing here");
    expect(redactNeedles("mail a.b+c@x.org now", ["A.B+C@X.ORG"])).toBe("mail [erased] now");
    expect(redactNeedles("Ana Limatova", ["  "])).toBe("Ana Limatova");
  });
});

describe("redactEmails", () => {
  it("blanks only the email-shaped tokens the predicate marks", () => {
    const erased = (e: string) => e.toLowerCase() === "ana@example.org";
    expect(redactEmails("write to ANA@example.org, or (ben@example.org).", erased)).toBe("write to [erased], or (ben@example.org).");
    expect(redactEmails("no address here", erased)).toBe("no address here");
  });
});

describe("nameParts", () => {
  it("gives each given and family name of two letters or more, hyphenated ones whole and in pieces, without particles, titles or initials", () => {
    expect(nameParts("Dr María-José de la Cruz")).toEqual(["María-José", "María", "José", "Cruz"]);
    expect(nameParts("  Ana   Lima ")).toEqual(["Ana", "Lima"]);
    expect(nameParts("J. R. Okoro")).toEqual(["Okoro"]);
    expect(nameParts("Jo Li")).toEqual(["Jo", "Li"]);
    expect(nameParts("Ludwig van Beethoven")).toEqual(["Ludwig", "Beethoven"]);
    // "al" stays a part: "Al" is a given name too.
    expect(nameParts("Ahmed al-Sayed")).toEqual(["Ahmed", "al-Sayed", "al", "Sayed"]);
    // Composed the same whatever form the name was stored in.
    expect(nameParts("Zoe\u0308 Lonely")).toEqual(["Zo\u00eb", "Lonely"]);
    expect(nameParts("Ana ANA ana")).toEqual(["Ana"]);
    expect(nameParts("  ")).toEqual([]);
  });
});

describe("redactWords", () => {
  it("replaces whole words, case-insensitively, in any Unicode form, with or without diacritics", () => {
    expect(redactWords("Maria and I met weekly; MARIA's ideas, maria.", ["Maria"])).toBe("[erased] and I met weekly; [erased]'s ideas, [erased].");
    expect(redactWords("ZOE\u0308 and zoë wrote", ["Zoë"])).toBe("[erased] and [erased] wrote");
    // People type a partner's name without its accents, or with others.
    expect(redactWords("Zoe wrote to ZOE", ["Zoë"])).toBe("[erased] wrote to [erased]");
    expect(redactWords("Jose and José and Jo\u0301se\u20dd!", ["José"])).toBe("[erased] and [erased] and [erased]!");
    expect(redactWords("Lucía met Lúcia", ["Lucia"])).toBe("[erased] met [erased]");
    // Text around a match keeps its own diacritics and forms.
    expect(redactWords("Cafe\u0301 with Zoe, très bien", ["Zoë"])).toBe("Café with [erased], très bien");
    expect(redactWords("한국 김민준 씨", ["김민준"])).toBe("한국 [erased] 씨");
    expect(redactWords("Μαρία και εγώ", ["ΜΑΡΊΑ"])).toBe("[erased] και εγώ");
  });

  it("leaves a name inside another word alone, and replaces a hyphenated name whole", () => {
    expect(redactWords("Bananas with Anastasia", ["Ana"])).toBe("Bananas with Anastasia");
    expect(redactWords("Zoëlle and Zoë_x", ["Zoë"])).toBe("Zoëlle and Zoë_x");
    expect(redactWords("María-José said hi to José", ["María-José", "María", "José"])).toBe("[erased] said hi to [erased]");
    expect(redactWords("O'Brien's desk (o'brien)", ["O'Brien"])).toBe("[erased]'s desk ([erased])");
  });

  it("returns the text itself when nothing matched or nothing is asked", () => {
    const text = "Cafe\u0301 chat";
    expect(redactWords(text, ["Maria"])).toBe(text);
    expect(redactWords(text, [])).toBe(text);
    expect(redactWords("a.b", ["."])).toBe("a.b");
  });
});
