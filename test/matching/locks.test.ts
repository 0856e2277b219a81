/** src/matching/locks.ts: lock and forbid files, JSON or CSV. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, formatProblem } from "../../src/domain/errors";
import { readPairsFile, readPairsWithPlaces } from "../../src/matching/locks";
import { tempDir } from "../helpers/rounds";

const dir = tempDir("iln-locks-");
function file(text: string): string {
  const f = path.join(dir, `p${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, text);
  return f;
}

describe("readPairsFile", () => {
  it("reads pairs as arrays or as objects, located by item", () => {
    const f = file('[["a@x.org", "b@x.org"], {"email_a": "c@x.org", "email_b": "d@x.org"}]');
    expect(readPairsWithPlaces(f)).toEqual({ pairs: [["a@x.org", "b@x.org"], ["c@x.org", "d@x.org"]], rows: [1, 2], columns: ["[0]", "[1]"] });
  });

  it("refuses an object giving email_a twice (JSON.parse kept the last silently), at its line and path", () => {
    const f = file('[\n  ["a@x.org", "b@x.org"],\n  {"email_a": "c@x.org", "email_b": "d@x.org",\n   "email_a": "e@x.org"}\n]');
    let err: unknown;
    try {
      readPairsFile(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map(formatProblem)).toEqual([
      `${f}:4:1.email_a: the key "email_a" is given twice in one object (lines 3 and 4); JSON would silently keep only the last: keep one`,
    ]);
  });
});
