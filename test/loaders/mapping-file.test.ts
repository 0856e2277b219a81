import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, formatProblem } from "../../src/domain/errors";
import { countryCell } from "../../loaders/kinds/cells";
import { countryValueKey, kindMapping, readMapping, writeSuggestedMapping } from "../../loaders/mapping-file";
import { tempDir } from "../helpers/rounds";

const dir = tempDir();
function mappingFile(data: unknown): string {
  const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
  return file;
}
function problemsOf(data: unknown): string[] {
  try {
    readMapping(mappingFile(data));
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => formatProblem(p).replace(/^.*?\.json:/, ""));
    throw err;
  }
}

describe("mapping file", () => {
  it("reads headers and country values at the top level and per kind, ignoring _ keys", () => {
    const m = readMapping(mappingFile({ "Where?": "country", countries: { "Boston, MA": "US" }, survey: { Mail: "email", countries: { " boston,  MA ": "CA" }, _c: 1 }, _note: "x" }));
    expect(kindMapping(m, "registrations")).toEqual({ headers: { "Where?": "country" }, countries: { "boston, ma": "US" }, respondents: {} });
    expect(kindMapping(m, "survey")).toEqual({ headers: { Mail: "email" }, countries: { "boston, ma": "CA" }, respondents: {} });
    expect(kindMapping(undefined, "events")).toEqual({ headers: {}, countries: {}, respondents: {} });
  });
  it("reads null headers (ignored columns) and respondent ids, the kind's ids over the top level's, emails normalised", () => {
    const m = readMapping(mappingFile({ "IP Address": null, respondents: { " R1 ": "Ana@Example.org", R2: "ben@example.org" }, survey: { "IP Address": null, Id: "respondent_id", respondents: { R2: "bea@example.org" } } }));
    expect(kindMapping(m, "registrations")).toEqual({ headers: { "IP Address": null }, countries: {}, respondents: { R1: "ana@example.org", R2: "ben@example.org" } });
    expect(kindMapping(m, "survey")).toEqual({ headers: { "IP Address": null, Id: "respondent_id" }, countries: {}, respondents: { R1: "ana@example.org", R2: "bea@example.org" } });
  });
  it("reads date_order at the top level and per kind (the kind's wins), and refuses another value at its key", () => {
    const m = readMapping(mappingFile({ date_order: "day-first", survey: { date_order: "month-first", Mail: "email" } }));
    expect(kindMapping(m, "registrations")).toEqual({ headers: {}, countries: {}, respondents: {}, dateOrder: "dmy" });
    expect(kindMapping(m, "survey")).toEqual({ headers: { Mail: "email" }, countries: {}, respondents: {}, dateOrder: "mdy" });
    expect(problemsOf({ events: { date_order: "dmy" } })).toEqual(['0:events.date_order: expected "day-first" (12/08/2017 is 12 August) or "month-first" (12/08/2017 is 8 December)']);
  });
  it("refuses a respondent id's email that is not one, or holds an invisible character, located at its key", () => {
    expect(problemsOf({ respondents: { R1: "not-an-email" } })).toEqual(['0:respondents.R1: not a valid email address: "not-an-email"']);
    expect(problemsOf({ survey: { respondents: { R2: "ana\u200b@example.org" } } })).toEqual([expect.stringMatching(/^0:survey\.respondents\.R2: the email holds an invisible character \(U\+200B\)/)]);
  });
  it("folds a value's case, accents form and spacing for its key", () => {
    expect(countryValueKey("  Boston,   MA ")).toBe("boston, ma");
    expect(countryValueKey("Espan\u0303a")).toBe(countryValueKey("España"));
  });
  it("applies a country cell's mapped values first, and only its own keys", () => {
    const cell = countryCell({ "boston, ma": "US", france: "BE" });
    expect(cell.safeParse(" Boston,  MA").data).toBe("US");
    expect(cell.safeParse("France").data).toBe("BE");
    expect(cell.safeParse("Spain").data).toBe("ES");
    for (const hostile of ["constructor", "__proto__", "toString"]) expect(cell.safeParse(hostile).success, hostile).toBe(false);
  });
  it("locates every problem at its key", () => {
    expect(problemsOf({ countries: { Amsterdam: "Netherlands", Perth: "au", Lima: null } })).toEqual([
      '0:countries.Amsterdam: not an ISO 3166-1 alpha-2 code this tool knows; write the code in capitals, e.g. "US", "GB", "NL"',
      '0:countries.Perth: not an ISO 3166-1 alpha-2 code this tool knows; write the code in capitals, e.g. "US", "GB", "NL"',
      "0:countries.Lima: write the ISO 3166-1 alpha-2 code this value means (a suggested mapping leaves null where it had no suggestion)",
    ]);
    expect(problemsOf({ registrations: { countries: { Oslo: "XX" } } })).toEqual([expect.stringMatching(/^0:registrations\.countries\.Oslo: not an ISO/)]);
    expect(problemsOf({ Header: 3 })).toEqual([expect.stringMatching(/^0:Header: expected a canonical field name/)]);
    expect(problemsOf({ countries: "nope" })).toEqual([expect.stringMatching(/^0:countries: expected an object of country value -> ISO code/)]);
    expect(problemsOf("[1]")).toEqual(["0:*: a mapping file must be a JSON object"]);
    expect(problemsOf("{")).toEqual([expect.stringMatching(/^0:\*: not valid JSON/)]);
  });
  it("writes unknown values with their first suggestions, keeping the mapping in use", () => {
    const file = path.join(dir, "suggested.json");
    const n = writeSuggestedMapping(file, ["Boston, MA", "boston, ma ", "Atlantis", "Perth"], { "Where?": "country", countries: { Lima: "PE" } });
    expect(n).toBe(3);
    const out = JSON.parse(readFileSync(file, "utf8"));
    expect(out["Where?"]).toBe("country");
    expect(out.countries).toEqual({ Lima: "PE", "Boston, MA": "US", Atlantis: null, Perth: "AU" });
    expect(out._alternatives).toEqual({ "Boston, MA": ["MA"] });
    expect(typeof out._note).toBe("string");
  });
});
