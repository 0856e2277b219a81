/**
 * loaders/read-json.ts: round.json and mapping files with a key given twice are refused, located at
 * the second one's line with the key's path as the column, where JSON.parse kept the last silently
 * (`{"id": "S1", ..., "id": "S9"}` ingested as round S9).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, formatProblem } from "../../src/domain/errors";
import { discover } from "../../loaders/discover";
import { readJson } from "../../loaders/read-json";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

/** The problems of the InputError `f` throws, as FILE:ROW:COLUMN lines with the folder cut. */
function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
    throw e;
  }
  return [];
}

describe("readJson", () => {
  const dir = tempDir("iln-json-");

  it("refuses a round.json giving a key twice, naming the file, the line and the key", () => {
    const round = writeRound(dir, "S1", {
      ...baseRound(),
      "round.json": '{\n  "id": "S1",\n  "name": "Round S1",\n  "start": "2016-08-01",\n  "end": "2016-11-30",\n  "id": "S9"\n}\n',
    });
    const expected = 'round.json:6:id: the key "id" is given twice in one object (lines 2 and 6); JSON would silently keep only the last: keep one';
    expect(problems(() => readJson(path.join(round, "round.json")))).toEqual([expected]);
    expect(problems(() => discover(round))).toEqual([expected]);
  });

  it("refuses a mapping.json giving a header or a country value twice in a section, at its path", () => {
    const round = writeRound(dir, "S2", {
      ...baseRound(),
      "mapping.json": '{"survey": {"Mail": "email", "Mail": null},\n "countries": {"Boston, MA": "US", "Boston, MA": "CA"}}',
    });
    expect(problems(() => discover(round))).toEqual(['mapping.json:1:survey.Mail: the key "Mail" is given twice in one object (both on line 1); JSON would silently keep only the last: keep one']);
    const other = path.join(dir, "m.json");
    writeFileSync(other, '{"countries": {"Boston, MA": "US", "Boston, MA": "CA"}}');
    expect(problems(() => discover(writeRound(dir, "S3", baseRound()), { mapping: other }))).toEqual([
      'm.json:1:countries.Boston, MA: the key "Boston, MA" is given twice in one object (both on line 1); JSON would silently keep only the last: keep one',
    ]);
  });

  it("reads the same key in different objects, and a BOM, as before", () => {
    const file = path.join(dir, "ok.json");
    writeFileSync(file, '\uFEFF{"survey": {"Mail": "email"}, "registrations": {"Mail": "email"}}');
    expect(readJson(file)).toEqual({ survey: { Mail: "email" }, registrations: { Mail: "email" } });
  });
});

describe("mapping sections whose keys are read normalised", () => {
  it("refuse two country values or respondent ids that read as one with different values (last-wins otherwise)", () => {
    const dir = tempDir("iln-json-");
    const file = path.join(dir, "mapping.json");
    writeFileSync(file, JSON.stringify({ countries: { "Boston, MA": "US", " boston,  ma": "CA", "Perth, WA": "AU", "perth, wa": "AU" }, survey: { respondents: { R_1: "a@x.org", " R_1 ": "b@x.org" } } }));
    expect(problems(() => discover(writeRound(dir, "S4", baseRound()), { mapping: file })).sort()).toEqual([
      'mapping.json:0:countries. boston,  ma: the same key as "Boston, MA" (case and spacing aside) with another value ("US", here "CA"): keep one',
      'mapping.json:0:survey.respondents. R_1 : the same key as "R_1" (spaces around it aside) with another value ("a@x.org", here "b@x.org"): keep one',
    ]);
  });
});
