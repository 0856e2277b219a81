import { beforeAll, describe, expect, it } from "vitest";
import { loadCodebook, parseCodebook } from "../../src/themes/codebook";
import { createCoder, type Coder } from "../../src/themes/coder";

let coder: Coder;
beforeAll(() => {
  coder = createCoder(loadCodebook());
});

const themesOf = (text: string) => coder.code(text).themes;

describe("theme coder (default codebook)", () => {
  it("codes lemmatised phrases and keeps the words that triggered each theme", () => {
    const c = coder.code("Thanks so much! I made a lifelong friend and picked up many ideas for my library.");
    expect(c.themes).toEqual(["new_ideas", "connection", "gratitude"]);
    expect(c.triggers.gratitude[0]).toEqual({ phrase: "thanks", words: "Thanks" });
    expect(c.triggers.connection[0].words).toBe("friend");
    expect(c.triggers.new_ideas.map((t) => t.words)).toEqual(expect.arrayContaining(["picked up", "ideas"]));
  });

  it("a negation cue within three words before a phrase cancels it", () => {
    expect(themesOf("I did not feel more confident after the program.")).toEqual([]);
    expect(themesOf("I didn't learn anything new.")).not.toContain("new_ideas");
    expect(themesOf("I feel more confident.")).toEqual(["confidence"]);
    // too far away, or across a clause break, the cue does not reach
    expect(themesOf("Nobody told me, but I feel more confident.")).toContain("confidence");
    expect(themesOf("No, I feel more confident.")).toContain("confidence");
  });

  it("negated rules code a theme only when negated, and `near` wants the partner as the subject", () => {
    const c = coder.code("My partner never replied to my emails.");
    expect(c.themes).toEqual(["partner_unresponsive"]);
    expect(c.triggers.partner_unresponsive[0]).toEqual({ phrase: "not reply", words: "partner never replied" });
    expect(themesOf("My partner replied quickly.")).toEqual([]);
    expect(themesOf("I could not attend the calls they organised.")).not.toContain("partner_unresponsive");
    expect(themesOf("They didn't attend our calls.")).toContain("partner_unresponsive");
    expect(themesOf("I didn't have time for the topics.")).toContain("time_pressure");
  });

  it("handles contractions without apostrophes, typos, hyphens, proper nouns and gaps", () => {
    expect(themesOf("she didnt reply at all")).toContain("partner_unresponsive");
    expect(themesOf("I feel more confidant now")).toEqual(["confidence"]);
    expect(themesOf("Timezones made it hard")).toEqual(["communication_barrier"]);
    expect(themesOf("A real boost to my self-confidence")).toEqual(["confidence"]);
    expect(coder.code("Loved hearing about libraries in Ghana.").triggers.international_perspective[0].words).toBe("libraries in Ghana");
    expect(themesOf("Loved hearing about libraries in general.")).toEqual([]);
    expect(coder.code("It really opened my eyes.").triggers.international_perspective[0].words).toBe("opened my eyes");
  });

  it("gives wink-nlp's sentiment on -1..1 (positive above 0, negative below); empty text has no theme and 0", () => {
    expect(coder.code("A wonderful, inspiring experience, thank you!").sentiment).toBeGreaterThan(0.3);
    expect(coder.code("Awful and frustrating, a waste of time.").sentiment).toBeLessThan(-0.2);
    expect(coder.code("   ")).toEqual({ themes: [], triggers: {}, sentiment: 0 });
    for (const t of ["!!!", "é", "\u0000", "a".repeat(5000)]) expect(() => coder.code(t)).not.toThrow();
  });

  it("follows a replaced codebook (`--codebook`)", () => {
    const cb = loadCodebook();
    const own = parseCodebook(JSON.stringify({ ...cb, themes: cb.themes.map((t) => (t.id === "gratitude" ? { ...t, phrases: ["merci"] } : t)) }), "own.json");
    const c = createCoder(own);
    expect(c.code("Merci beaucoup").themes).toEqual(["gratitude"]);
    expect(c.code("Thank you").themes).toEqual([]);
  });
});
