/**
 * Code comments point into the repository's own documentation (docs/), never at a file outside
 * it: every markdown file of docs/ that a source or test file names exists, and no file cites the design
 * document the project was first written against.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SKIP = new Set([".observablehq", "_generated", "out", "node_modules"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|js|mjs|md)$/.test(e.name) ? [p] : [];
  });
}

const files = [...["src", "loaders", "reports", "scripts", "bench", "test", "docs"].flatMap((d) => walk(path.join(ROOT, d))), path.join(ROOT, "README.md"), path.join(ROOT, "observablehq.config.ts")];

describe("documentation pointers", () => {
  it("name files of docs/ that exist", () => {
    const missing: string[] = [];
    let named = 0;
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bdocs\/([\w-]+\.md)/g)) {
        named++;
        if (!existsSync(path.join(ROOT, "docs", m[1]))) missing.push(`${path.relative(ROOT, f)}: docs/${m[1]}`);
      }
    }
    expect(named).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it("never cite a design document outside the repository", () => {
    const citing = files.filter((f) => f !== __filename && /DESIGN(\.md| section)/.test(readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
    expect(citing).toEqual([]);
  });
});
