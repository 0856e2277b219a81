/**
 * Real exports of other programs' surveys, ingested as a round's survey the way a new user would:
 * each file dropped into a round folder as `survey.<ext>`, with a mapping file where its headers
 * differ, into a fresh database. None has a respondent key, so each is an anonymous survey.
 *
 * Expected row counts were computed independently with Debian's python3: `csv.reader` over the
 * decoded text (UTF-8, else cp1252; `delimiter="\t", quoting=csv.QUOTE_NONE` for the Google Sheets
 * TSV), counting the records after the header rows that have a non-blank cell; for XLSX,
 * `openpyxl.load_workbook(f, read_only=True).worksheets[0].iter_rows(values_only=True)`, the same
 * count. Sources: test/fixtures/real/SOURCES.md and ../shared/fixtures/real-exports/SOURCES.md.
 */
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql, type Db } from "../../src/db";
import { InputError, formatProblem } from "../../src/domain/errors";
import { ingest } from "../../loaders/ingest";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";
import { describeShared, fixture } from "../helpers/shared";

const pseudonymise = testPseudonymiser();
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = tempDir();
  db = await freshDb(dir);
});
afterEach(() => db.close());

/** Ingests `file` as round T1's survey (the rest of the round is baseRound()'s); returns what was stored. */
async function ingestSurvey(file: string, mapping?: unknown) {
  const folder = writeRound(dir, "T1", { ...baseRound(), "survey.csv": undefined, ...(mapping ? { "mapping.json": JSON.stringify(mapping) } : {}) });
  copyFileSync(file, path.join(folder, `survey${path.extname(file)}`));
  const report = await ingest(db, folder, { pseudonymise });
  const [stored] = await db.all<{ n: number; linked: number }>(sql`SELECT count(*) AS n, count(pid) AS linked FROM survey_responses WHERE round_id = 'T1'`);
  const [meta] = await db.all<{ anonymous: boolean; asked: string[] }>(sql`SELECT anonymous, asked FROM round_surveys WHERE round_id = 'T1'`);
  return { report, stored, meta };
}

/** The problems of a rejected ingest of `file` as round T1's survey. */
async function problemsOf(file: string): Promise<string[]> {
  try {
    await ingestSurvey(file);
    return [];
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
}

describe("a Google Sheets TSV download (test/fixtures/real)", () => {
  const tsv = path.join(__dirname, "../fixtures/real/osc_implementations_form_responses_1.tsv");

  it("is read without quote processing, a literal inch mark and all, and ingests its 15 rows", async () => {
    expect(readFileSync(tsv, "utf8")).toContain('1/4" TRS jacks');
    const { report, stored, meta } = await ingestSurvey(tsv, { survey: { Description: "comments", Status: null } });
    expect(stored).toEqual({ n: 15, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: ["comments"] });
    expect(report.anonymousSurveys).toEqual(["T1"]);
    expect(report.warnings.join("\n")).toContain("quotes as plain text");
    const [one] = await db.all<{ comments: string }>(sql`SELECT comments FROM survey_responses WHERE comments LIKE '%TRS jacks%'`);
    expect(one.comments).toContain('12 1/4" TRS jacks');
  });
});

describeShared("real exports in ../shared/fixtures/real-exports", () => {
  const real = (...p: string[]) => fixture("real-exports", ...p);
  const HOTDOG = "Do you believe that a hotdog falls under the category of a sandwich?";

  // A yes/no question stands in for participate_again, or free text for comments: the mapping gives any header a field.
  it.each([
    ["Google Forms CSV (Sheets download)", ["google-forms", "uvads_hotdog_spring25_form_responses_1.csv"], HOTDOG, "comments", 64],
    ["Google Forms XLSX (Sheets download)", ["google-forms", "uvads_hotdog_sp24_form_responses.xlsx"], HOTDOG, "participate_again", 91],
    ["the same saved again from Excel as CSV", ["google-forms", "uvads_hotdog_sp24_excel_resaved.csv"], HOTDOG, "participate_again", 91],
    ["Google Forms XLSX with a numeric answer as a float", ["google-forms", "uvads_hotdog_fa25_form_responses.xlsx"], "Is hotdog a sandwich?", "participate_again", 207],
  ] as const)("%s: %s, %s as %s, %i rows", async (_name, parts, header, field, rows) => {
    const { stored, meta } = await ingestSurvey(real(...parts), { survey: { [header]: field } });
    expect(stored).toEqual({ n: rows, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: [field] });
  });

  it("refuses free-text answers to a question mapped to a closed one, each located with its value", async () => {
    const problems = await problemsOf(real("google-forms", "uvads_hotdog_spring25_form_responses_1.csv")).catch(() => []);
    expect(problems).toEqual([]); // unmapped, the question is an unused column
    const folder = writeRound(dir, "T1m", { ...baseRound(), "survey.csv": undefined, "mapping.json": JSON.stringify({ survey: { [HOTDOG]: "participate_again" } }) });
    copyFileSync(real("google-forms", "uvads_hotdog_spring25_form_responses_1.csv"), path.join(folder, "survey.csv"));
    const err = await ingest(db, folder, { pseudonymise }).catch((e: unknown) => e);
    // python3 csv: 8 answers other than Yes/No/Maybe (rows 5, 10, 14, 31, 39, 52, 60, 61).
    expect((err as InputError).problems.map((p) => p.row)).toEqual([5, 10, 14, 31, 39, 52, 60, 61]);
    expect(formatProblem((err as InputError).problems[0])).toBe(`${path.join(folder, "survey.csv")}:5:${HOTDOG}: not a valid answer: "Yesss"; expected one of Yes, No, Maybe`);
  });

  it("Google Forms CSV with multi-line cells and commas in answers (Ask a Manager): 38 rows", async () => {
    const { stored } = await ingestSurvey(real("google-forms", "ask_a_manager_2021_form_responses_excerpt.csv"));
    expect(stored).toEqual({ n: 38, linked: 0 });
  });

  it("Microsoft Forms, Windows-1252, \"anonymous\" in its Email column: 187 rows, anonymous", async () => {
    const { report, stored, meta } = await ingestSurvey(real("microsoft-forms", "uvads_hotdog_fa24_msforms.csv"), { survey: { "Is a hotdog a sandwich": "participate_again" } });
    expect(stored).toEqual({ n: 187, linked: 0 });
    expect(meta.anonymous).toBe(true);
    expect(report.warnings.join("\n")).toMatch(/Windows-1252/);
  });

  it("Qualtrics: two date columns match submitted until the mapping ignores one; 1 row", async () => {
    const file = real("qualtrics", "qualtRics_sample.csv");
    expect((await problemsOf(file)).join("\n")).toContain('a second column for field "submitted"');
    const { stored } = await ingestSurvey(file, { survey: { RecordedDate: null } });
    expect(stored).toEqual({ n: 1, linked: 0 });
  });

  it("exports without a submission time (fivethirtyeight's SurveyMonkey, the LimeSurvey public data) are refused, located", async () => {
    for (const parts of [["surveymonkey", "fivethirtyeight_steak-risk-survey.csv"], ["limesurvey", "ssi_rse_survey_2017_zaf_public_data.csv"]]) {
      const problems = await problemsOf(real(...parts));
      expect(problems).toEqual([expect.stringMatching(/survey\.csv:1:submitted: missing column for "submitted"/)]);
    }
  });
});
