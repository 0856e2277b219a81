import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCodebook, parseCodebook } from "../../src/themes/codebook";
import { compilePhrase, createCoder, MAX_GAP, matchAt, type Coder, type CompiledPhrase } from "../../src/themes/coder";
import { analyse, type Word } from "../../src/themes/nlp";

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

  it("finds a phrase by its first word however it starts: a typo of it, `*`, `word~`, `<name>`; same-word rules in codebook order", () => {
    const cb = loadCodebook();
    const withPhrases = (phrases: string[]) =>
      createCoder(parseCodebook(JSON.stringify({ ...cb, themes: cb.themes.map((t) => (t.id === "gratitude" ? { ...t, phrases } : t)) }), "own.json"));
    const c = withPhrases(["mentorship program", "* wonderful mentor", "librar~ visit", "<name> helped", "mentorship"]);
    const phrases = (text: string) => [...new Set((c.code(text).triggers.gratitude ?? []).map((t) => t.phrase))];
    // one typo in the first word: a letter missing, one too many, one changed
    for (const typo of ["mentorshp", "mentorrship", "mentorshop"]) expect(phrases(`The ${typo} program`)).toContain("mentorship program");
    expect(phrases("The mentorshhhip program")).toEqual([]);
    expect(phrases("It was a wonderful mentor")).toEqual(["* wonderful mentor"]); // from several starts: "It was a wonderful mentor", "was a ..."
    expect(phrases("My librarian visit")).toEqual(["librar~ visit"]);
    expect(phrases("Maria helped me")).toEqual(["<name> helped"]);
    // rules that start at the same word add their triggers in codebook order
    expect(phrases("Maria helped with the mentorship program")).toEqual(["<name> helped", "mentorship program", "mentorship"]);
    const reversed = withPhrases(["mentorship", "mentorship program"]);
    expect((reversed.code("the mentorship program").triggers.gratitude ?? []).map((t) => t.phrase)).toEqual(["mentorship", "mentorship program"]);
  });

  it("follows a replaced codebook (`--codebook`)", () => {
    const cb = loadCodebook();
    const own = parseCodebook(JSON.stringify({ ...cb, themes: cb.themes.map((t) => (t.id === "gratitude" ? { ...t, phrases: ["merci"] } : t)) }), "own.json");
    const c = createCoder(own);
    expect(c.code("Merci beaucoup").themes).toEqual(["gratitude"]);
    expect(c.code("Thank you").themes).toEqual([]);
  });
});

describe("phrase matching with many gaps", () => {
  /** The matcher before memoisation: plain backtracking, the reference the memoised one must equal. */
  function reference(els: CompiledPhrase["elements"], k: number, clause: readonly Word[], i: number): number {
    if (k === els.length) return i;
    const e = els[k];
    if (e.kind === "gap") {
      for (let skip = 0; skip <= MAX_GAP && i + skip <= clause.length; skip++) {
        const end = reference(els, k + 1, clause, i + skip);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (i >= clause.length) return -1;
    // A one-element phrase asks the real matcher whether this element matches this word.
    const one: CompiledPhrase = { text: "", elements: [e], gaps: false };
    if (matchAt(one, clause, i) !== i + 1) return -1;
    return reference(els, k + 1, clause, i + 1);
  }

  it("a phrase of 12 gaps against 40 words that nearly match it finishes at once", () => {
    const cb = loadCodebook();
    cb.themes[0].phrases.push(`the ${"* ".repeat(12)}zzzqqq`);
    const many = createCoder(cb);
    const t0 = performance.now();
    expect(many.code(Array(40).fill("the").join(" ")).themes).toEqual([]);
    expect(many.code(`${Array(20).fill("the").join(" ")} zzzqqq`).themes).toContain(cb.themes[0].id);
    expect(performance.now() - t0).toBeLessThan(3000); // 12 s before
  });

  it("finds the same ends as plain backtracking: the default codebook's phrases on the real comments, and random many-gap phrases", () => {
    const comments = parse(readFileSync(path.join(__dirname, "../fixtures/themes/real-comments.csv"), "utf8"), { columns: true }) as { text: string }[];
    const clauses = comments.slice(0, 15).flatMap((c) => analyse(c.text).sentences);
    const cb = loadCodebook();
    const phrases = cb.themes.flatMap((t) => [...t.phrases, ...(t.negated ?? []).flatMap((r) => r.phrases)]).map(compilePhrase);
    let compared = 0;
    let matched = 0;
    for (const clause of clauses) {
      for (const p of phrases) {
        for (let i = 0; i < clause.length; i++) {
          const end = matchAt(p, clause, i);
          expect(end).toBe(reference(p.elements, 0, clause, i));
          compared++;
          if (end >= 0) matched++;
        }
      }
    }
    expect(matched).toBeGreaterThan(5);
    // Many-gap phrases over a small vocabulary, where gaps compete.
    const vocab = ["partner", "reply", "never", "the", "idea", "new"];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let trial = 0; trial < 300; trial++) {
      const words = Array.from({ length: 2 + rnd(5) }, () => (rnd(2) ? "*" : vocab[rnd(vocab.length)]));
      if (words[0] === "*") words[0] = vocab[0];
      const p = compilePhrase(words.join(" "));
      const clause = analyse(Array.from({ length: 5 + rnd(15) }, () => vocab[rnd(vocab.length)]).join(" ")).sentences.flat();
      for (let i = 0; i < clause.length; i++) expect(matchAt(p, clause, i)).toBe(reference(p.elements, 0, clause, i));
      compared += clause.length;
    }
    expect(compared).toBeGreaterThan(5_000);
  }, 120_000);
});
