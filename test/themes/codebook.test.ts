import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/domain/errors";
import { DEFAULT_CODEBOOK_PATH, loadCodebook, parseCodebook, THEME_IDS } from "../../src/themes/codebook";

const DEFAULT_TEXT = readFileSync(DEFAULT_CODEBOOK_PATH, "utf8");

function problems(text: string): string[] {
  try {
    parseCodebook(text, "cb.yaml");
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.file}:${p.row}:${p.column}: ${p.message}`);
    throw err;
  }
  return [];
}

describe("codebook", () => {
  it("the default codebook defines the eleven themes of docs/themes.md, each with a definition, examples and phrases", () => {
    const cb = loadCodebook();
    expect(cb.themes.map((t) => t.id)).toEqual([...THEME_IDS]);
    for (const t of cb.themes) {
      expect(t.definition.length, t.id).toBeGreaterThan(20);
      expect(t.examples.length, t.id).toBeGreaterThanOrEqual(2);
      expect(t.phrases.length, t.id).toBeGreaterThanOrEqual(5);
    }
    expect(cb.negation.cues).toContain("never");
  });

  it("JSON is accepted too", () => {
    const cb = loadCodebook();
    expect(parseCodebook(JSON.stringify(cb), "cb.json")).toEqual(cb);
  });

  it("a missing theme, a repeated id or a bad field is reported with its line and path", () => {
    const noGratitude = DEFAULT_TEXT.replace("  - id: gratitude", "  - id: thanks");
    // the line of the themes list (its first item)
    expect(problems(noGratitude)).toContain(`cb.yaml:${lineOf(DEFAULT_TEXT, "  - id: international_perspective")}:themes: the codebook must define theme "gratitude"`);
    const twice = DEFAULT_TEXT.replace("  - id: gratitude", "  - id: connection");
    expect(problems(twice)).toContain(`cb.yaml:${lineOf(DEFAULT_TEXT, "  - id: gratitude")}:themes.5.id: theme "connection" is defined twice`);
    const badWindow = DEFAULT_TEXT.replace("window: 3", "window: 0");
    expect(problems(badWindow)[0]).toMatch(new RegExp(`^cb\\.yaml:${lineOf(DEFAULT_TEXT, "window: 3")}:negation\\.window: `));
    const emptyPhrase = DEFAULT_TEXT.replace("      - thankful\n", '      - ""\n');
    expect(problems(emptyPhrase)[0]).toMatch(/^cb\.yaml:\d+:themes\.5\.phrases\.\d+: a phrase may not be empty/);
  });

  it("YAML syntax errors and unreadable files are input errors, not crashes", () => {
    expect(problems("themes: [a, b\nversion: 1")[0]).toMatch(/^cb\.yaml:\d+:\*: not valid YAML/);
    expect(() => loadCodebook("/no/such/codebook.yaml")).toThrow(InputError);
    expect(problems("just text")[0]).toMatch(/^cb\.yaml:\d+:\*: /);
  });
});

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

describe("hostile codebooks", () => {
  it("an alias bomb is a located input error, not an internal error", () => {
    const bomb = "version: 1\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nthemes: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
    expect(() => parseCodebook(bomb, "bomb.yaml")).toThrow(InputError);
    expect(() => parseCodebook(bomb, "bomb.yaml")).toThrow("bomb.yaml:0:*: not valid YAML for a codebook: its aliases (*name) expand to too much (an alias bomb?); write the lists out");
  });

  it("deep nesting says so", () => {
    const deep = `version: 1\nthemes: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(() => parseCodebook(deep, "deep.yaml")).toThrow("deep.yaml:0:*: not valid YAML for a codebook: it is too deeply nested");
  });
});
