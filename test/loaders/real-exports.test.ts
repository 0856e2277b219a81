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
import { ident, sql, type Db } from "../../src/db";
import { InputError, formatProblem } from "../../src/domain/errors";
import { ingest } from "../../loaders/ingest";
import { readExport } from "../../loaders/formats/read-export";
import { metricsDocument } from "../../src/metrics/document";
import { baseRound, dumpDb, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";
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

/** The problems of a rejected ingest of `file` as round T1's survey (with `mapping` as the round's mapping.json). */
async function problemsOf(file: string, mapping?: unknown): Promise<string[]> {
  try {
    await ingestSurvey(file, mapping);
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
    // Every Timestamp (3/8/2021 ...) reads both ways and round T1's window holds none of them
    // either way, so the order is stated: M/D/YYYY, as test/fixtures/real/SOURCES.md records.
    const { report, stored, meta } = await ingestSurvey(tsv, { survey: { Description: "comments", Status: null, date_order: "month-first" } });
    expect(stored).toEqual({ n: 15, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: ["comments"] });
    expect(report.anonymousSurveys).toEqual(["T1"]);
    expect(report.warnings.join("\n")).toContain("quotes as plain text");
    const [one] = await db.all<{ comments: string }>(sql`SELECT comments FROM survey_responses WHERE comments LIKE '%TRS jacks%'`);
    expect(one.comments).toContain('12 1/4" TRS jacks');
  });
});

describe("Google Forms' own CSV download from a form in Central European Time (test/fixtures/real)", () => {
  const csv = path.join(__dirname, "../fixtures/real/kobo_transfer_google_form_download.csv");

  it("reads `2023/11/13 4:20:37 pm CET` as the local time written and ingests its 5 rows", async () => {
    // python3 csv: 5 rows, Timestamp 2023/11/13 4:20:37 pm CET, 4:20:44, 4:20:51, 4:20:57, 4:21:09
    // (pm: 16:20:37 ...); "Your fave fruit?" apple, orange, banana, banana, orange. The free-text
    // answer stands in for comments: the form asked no ILN question.
    const { report, stored, meta } = await ingestSurvey(csv, { survey: { "Your fave fruit?": "comments" } });
    expect(stored).toEqual({ n: 5, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: ["comments"] });
    const got = await db.all<{ t: string; c: string }>(sql`SELECT submitted_at::VARCHAR AS t, comments AS c FROM survey_responses WHERE round_id = 'T1' ORDER BY source_row`);
    expect(got).toEqual([
      { t: "2023-11-13 16:20:37", c: "apple" },
      { t: "2023-11-13 16:20:44", c: "orange" },
      { t: "2023-11-13 16:20:51", c: "banana" },
      { t: "2023-11-13 16:20:57", c: "banana" },
      { t: "2023-11-13 16:21:09", c: "orange" },
    ]);
    // Round T1 is 2016: a 2023 file is kept and warned about, as any file dated outside its round.
    expect(report.warnings.join("\n")).toMatch(/5 of 5 rows submitted outside round T1's window/);
  });

  it("splits its checkbox answers on `;`, and refuses options that are no communication method, each located, the round's survey as it was", async () => {
    // python3 csv, "Select all that apply" split on ";": Sunday in rows 2, 3, 5; Monday 2, 5, 6;
    // Wednesday 3, 4, 5; Tuesday 5, 6.
    await ingestSurvey(csv, { survey: { "Your fave fruit?": "comments" } });
    const before = await dumpDb(db);
    const problems = await problemsOf(csv, { survey: { "Select all that apply": "methods" } });
    expect(problems.map((p) => p.replace(/^.*?:(\d+):/, "$1:"))).toEqual([
      '2:Select all that apply: unknown option "Sunday"; expected one of Email, Video call, Social media, Phone, Messaging, Other (in 3 rows: 2, 3, 5)',
      '2:Select all that apply: unknown option "Monday"; expected one of Email, Video call, Social media, Phone, Messaging, Other (in 3 rows: 2, 5, 6)',
      '3:Select all that apply: unknown option "Wednesday"; expected one of Email, Video call, Social media, Phone, Messaging, Other (in 3 rows: 3, 4, 5)',
      '5:Select all that apply: unknown option "Tuesday"; expected one of Email, Video call, Social media, Phone, Messaging, Other (in 2 rows: 5, 6)',
    ]);
    expect(await dumpDb(db)).toBe(before);
  });
});

describe("a raw LimeSurvey export with anonymized responses and incomplete ones (test/fixtures/real)", () => {
  const csv = path.join(__dirname, "../fixtures/real/uu_name_face_limesurvey_results.csv");

  it("skips the responses never submitted, reads the 1980-01-01 placeholder as an unknown time, and ingests the other 8", async () => {
    // python3 csv: 11 rows; submitdate blank in rows 5, 9, 12 (lastpage 2, 1, 18) and
    // "1980-01-01 00:00:00" in the other 8 (rows 2-4, 6-8, 10, 11); Eindvraag in those 8: Nee in
    // rows 2, 3, 6, 7, 8, Ja in rows 4, 10, 11. Eindvraag stands in for comments.
    const { report, stored, meta } = await ingestSurvey(csv, { survey: { Eindvraag: "comments" } });
    expect(stored).toEqual({ n: 8, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: ["comments"] });
    const got = await db.all<{ row: number; t: string | null; c: string }>(sql`SELECT source_row AS row, submitted_at::VARCHAR AS t, comments AS c FROM survey_responses WHERE round_id = 'T1' ORDER BY source_row`);
    expect(got).toEqual([[2, "Nee"], [3, "Nee"], [4, "Ja"], [6, "Nee"], [7, "Nee"], [8, "Nee"], [10, "Ja"], [11, "Ja"]].map(([row, c]) => ({ row, t: null, c })));
    const warnings = report.warnings.join("\n");
    expect(warnings).toContain('skipped 3 LimeSurvey response(s) never submitted (blank "submitdate": incomplete responses, which an export of "All responses" includes), rows 5, 9, 12');
    expect(warnings).toContain('every response\'s "submitdate" is 1980-01-01 00:00:00, the date LimeSurvey writes into every response of a survey with anonymized responses');
    expect(warnings).toMatch(/no submission-time column .*every row's submission time is unknown and stored empty/);
    // Never read as answered in 1980, so never warned about as outside the round.
    expect(warnings).not.toContain("outside round");
  });

  it("refuses its Dutch yes/no (Ja, Nee) for participate_again, each value located, the round's survey as it was", async () => {
    await ingestSurvey(csv, { survey: { Eindvraag: "comments" } });
    const before = await dumpDb(db);
    const problems = await problemsOf(csv, { survey: { Eindvraag: "participate_again" } });
    expect(problems.map((p) => p.replace(/^.*?:(\d+):/, "$1:"))).toEqual([
      '2:Eindvraag: not a valid answer: "Nee"; expected one of Yes, No, Maybe (in 5 rows: 2, 3, 6, 7, 8)',
      '4:Eindvraag: not a valid answer: "Ja"; expected one of Yes, No, Maybe (in 3 rows: 4, 10, 11)',
    ]);
    expect(await dumpDb(db)).toBe(before);
  });
});

describe("an ODK Central CSV export, every row a cell short of its header (test/fixtures/real)", () => {
  const csv = path.join(__dirname, "../fixtures/real/ruodk_odk_central_flora_quadrat.csv");

  it("reads SubmissionDate as the submission time and the missing Status as blank: 2 rows", async () => {
    // python3 csv: a header of 14 columns and 2 rows of 13 cells (no cell for the last, Status);
    // SubmissionDate 2019-05-23T03:12:16.012Z and 2019-05-23T03:07:34.385Z (ISO, the Z dropped as
    // every zone is); vegetation_structure-vegclass_placeholder "Lanscaped native shrubs over red
    // gravel" and "Planter box over concrete pavers", which stands in for comments.
    const { report, stored, meta } = await ingestSurvey(csv, { survey: { "vegetation_structure-vegclass_placeholder": "comments" } });
    expect(stored).toEqual({ n: 2, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: ["comments"] });
    expect(await db.all(sql`SELECT submitted_at::VARCHAR AS t, comments AS c FROM survey_responses WHERE round_id = 'T1' ORDER BY source_row`)).toEqual([
      { t: "2019-05-23 03:12:16", c: "Lanscaped native shrubs over red gravel" },
      { t: "2019-05-23 03:07:34", c: "Planter box over concrete pavers" },
    ]);
    const warnings = report.warnings.join("\n");
    expect(warnings).toContain('every row has 13 cells, 1 fewer than the 14 columns of the header: the header\'s last column "Status" is read as blank in every row');
    expect(warnings).not.toContain("no submission-time column");
  });

  it("refuses to take a field from the column no row has a cell for, located at the header, the round's survey as it was", async () => {
    await ingestSurvey(csv, { survey: { "vegetation_structure-vegclass_placeholder": "comments" } });
    const before = await dumpDb(db);
    const problems = await problemsOf(csv, { survey: { Status: "comments" } });
    expect(problems.map((p) => p.replace(/^.*?:(\d+):/, "$1:"))).toEqual([
      '1:Status: no row of the file has a cell for this column (each row stops 1 cell(s) short of the header), so it cannot feed "comments"; check the header line, or map the column to null',
    ]);
    expect(await dumpDb(db)).toBe(before);
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
    const { report, stored, meta } = await ingestSurvey(real(...parts), { survey: { [header]: field } });
    expect(stored).toEqual({ n: rows, linked: 0 });
    expect(meta).toEqual({ anonymous: true, asked: [field] });
    // A file with a submission time keeps it in every row.
    const [times] = await db.all<{ known: number }>(sql`SELECT count(submitted_at) AS known FROM survey_responses WHERE round_id = 'T1'`);
    expect(times.known).toBe(rows);
    expect(report.warnings.join("\n")).not.toContain("no submission-time column");
  });

  it("refuses free-text answers to a question mapped to a closed one, each located with its value", async () => {
    const folder = writeRound(dir, "T1m", { ...baseRound(), "survey.csv": undefined, "mapping.json": JSON.stringify({ survey: { [HOTDOG]: "participate_again" } }) });
    copyFileSync(real("google-forms", "uvads_hotdog_spring25_form_responses_1.csv"), path.join(folder, "survey.csv"));
    const err = await ingest(db, folder, { pseudonymise }).catch((e: unknown) => e);
    // python3 csv: 8 answers other than Yes/No/Maybe (rows 5, 10, 14, 31, 39, 52, 60, 61), of
    // which rows 31 and 61 both say "N": one problem per distinct value, at its first row.
    const problems = (err as InputError).problems;
    expect(problems.map((p) => p.row)).toEqual([5, 10, 14, 31, 39, 52, 60]);
    expect(problems[3].message).toBe('not a valid answer: "N"; expected one of Yes, No, Maybe (in 2 rows: 31, 61)');
    expect(formatProblem((err as InputError).problems[0])).toBe(`${path.join(folder, "survey.csv")}:5:${HOTDOG}: not a valid answer: "Yesss"; expected one of Yes, No, Maybe`);
  });

  it("Google Forms CSV with multi-line cells and commas in answers (Ask a Manager): 38 rows", async () => {
    // A free-text column stands in for comments: the file has no ILN question of its own.
    const { stored } = await ingestSurvey(real("google-forms", "ask_a_manager_2021_form_responses_excerpt.csv"), { survey: { "Additional context on income": "comments" } });
    expect(stored).toEqual({ n: 38, linked: 0 });
  });

  it("refuses a survey in which no ILN question is recognised (another program's form), located at its header, the database unchanged", async () => {
    await ingestSurvey(real("google-forms", "uvads_hotdog_sp24_form_responses.xlsx"), { survey: { [HOTDOG]: "participate_again" } });
    const before = await dumpDb(db);
    const file = path.join(dir, "fa25.xlsx");
    copyFileSync(real("google-forms", "uvads_hotdog_fa25_form_responses.xlsx"), file);
    const err = await ingest(db, file, { pseudonymise, kind: "survey", round: "T1" }).catch((e: unknown) => e);
    // python3 zipfile + re over xl/worksheets/sheet1.xml and xl/sharedStrings.xml: row 1 is shared strings 0-2,
    // "Timestamp", "What year are you in?", "Is hotdog a sandwich?".
    expect((err as InputError).problems.map(formatProblem)).toEqual([
      `${file}:1:*: no survey question of the ILN recognised in this file's columns ("Timestamp", "What year are you in?", "Is hotdog a sandwich?"); a survey has at least one of program_satisfaction, partner_satisfaction, contact_frequency, methods, outcome_perspective, outcome_ideas, outcome_confidence, outcome_motivation, recommend, participate_again, continue_partnership, comments (headers such as "Overall, how satisfied are you with the ILN program?", "How satisfied were you with your partner?", "How often were you in contact with your partner?"; all in docs/formats.md). Is it the right file? If it is, map its question columns with --mapping ({"Header": "program_satisfaction"})`,
    ]);
    expect(await dumpDb(db)).toBe(before);
  });

  it("Microsoft Forms, Windows-1252, \"anonymous\" in its Email column: 187 rows, anonymous", async () => {
    // Its dates (9/1/2024 ...) read both ways and round T1's window holds none of them either way:
    // the order is stated, month-first (a US university's fall 2024 term; SOURCES.md).
    const { report, stored, meta } = await ingestSurvey(real("microsoft-forms", "uvads_hotdog_fa24_msforms.csv"), { survey: { "Is a hotdog a sandwich": "participate_again", date_order: "month-first" } });
    expect(stored).toEqual({ n: 187, linked: 0 });
    expect(meta.anonymous).toBe(true);
    expect(report.warnings.join("\n")).toMatch(/Windows-1252/);
  });

  it("Qualtrics (German labels): EndDate (Enddatum) is the submission time, RecordedDate (Erfassungsdatum) set aside without a mapping; 1 row", async () => {
    // The multiple-choice answer (Q1, "2") stands in for program_satisfaction.
    const { report, stored } = await ingestSurvey(real("qualtrics", "qualtRics_sample.csv"), { survey: { Q1: "program_satisfaction" } });
    expect(stored).toEqual({ n: 1, linked: 0 });
    expect(report.warnings.join("\n")).toContain('column "Erfassungsdatum" is not used for field "submitted": column "Enddatum" gives it');
    expect(report.warnings.join("\n")).toContain('column "Antwort-ID" holds respondent ids, but no respondents mapping was given');
    // python3 csv: the one data row's EndDate (column 2) is 2017-07-18 08:28:48.
    expect(await db.all(sql`SELECT submitted_at::VARCHAR AS t, program_satisfaction AS p FROM survey_responses`)).toEqual([{ t: "2017-07-18 08:28:48", p: 2 }]);
  });

  // Exports without a submission-time column: older SurveyMonkey (RespondentID only, 2-row header,
  // row 2 `Response` or the option label), LimeSurvey data processed by pandas. Counts and answer
  // tallies from Debian's python3: `csv.reader(io.StringIO(text, newline=""))`, text decoded as UTF-8
  // else cp1252, the records after the header rows (2 for SurveyMonkey, 1 for LimeSurvey) that have a
  // non-blank cell, `collections.Counter` over the mapped column: steak-risk 552 records, 550
  // responses, "Do you eat steak?" Yes 430, No 109, blank 11; StarWars_first100 102 records, 100
  // responses, "Have you seen any of the 6 films...?" Yes 88, No 12, "Do you consider yourself to be a
  // fan of the Star Wars film franchise?" Yes 67, No 18, blank 15; the LimeSurvey public data 23
  // records, 22 responses, "rse1. Do you write code as part of your job?" Yes 19, No 3.
  const STARWARS_SEEN = "Have you seen any of the 6 films in the Star Wars franchise?";
  const STARWARS_FAN = "Do you consider yourself to be a fan of the Star Wars film franchise?";
  it.each([
    ["SurveyMonkey, older format (steak-risk)", ["surveymonkey", "fivethirtyeight_steak-risk-survey.csv"], { "Do you eat steak?": "participate_again" }, 550,
      { participate_again: { Yes: 430, No: 109, null: 11 } }],
    ["SurveyMonkey, multi-select over empty header cells, not UTF-8 (StarWars)", ["surveymonkey", "fivethirtyeight_StarWars_first100.csv"],
      { [STARWARS_SEEN]: "participate_again", [STARWARS_FAN]: "continue_partnership" }, 100,
      { participate_again: { Yes: 88, No: 12 }, continue_partnership: { Yes: 67, No: 18, null: 15 } }],
    ["LimeSurvey via pandas, a question mapped by its code", ["limesurvey", "ssi_rse_survey_2017_zaf_public_data.csv"], { rse1: "participate_again" }, 22,
      { participate_again: { Yes: 19, No: 3 } }],
  ] as const)("without a submission time: %s ingests every response, times unknown, warned once", async (_name, parts, survey, rows, tallies) => {
    const { report, stored, meta } = await ingestSurvey(real(...parts), { survey });
    expect(stored).toEqual({ n: rows, linked: 0 });
    expect(report.files.find((f) => f.kind === "survey")).toMatchObject({ rows, anonymous: true });
    const asked = Object.keys(tallies);
    expect(meta).toEqual({ anonymous: true, asked });
    const [times] = await db.all<{ known: number }>(sql`SELECT count(submitted_at) AS known FROM survey_responses WHERE round_id = 'T1'`);
    expect(times.known).toBe(0);
    const untimed = report.warnings.filter((w) => w.includes("no submission-time column"));
    expect(untimed).toHaveLength(1);
    expect(untimed[0]).toMatch(/survey\.csv: no submission-time column \(accepted headers: Timestamp \| End Date \|.*\): every row's submission time is unknown and stored empty, so no row can be checked against the round's window$/);
    expect(report.warnings.join("\n")).not.toContain("outside round");
    for (const [field, counts] of Object.entries(tallies)) {
      const got = await db.all<{ v: string | null; n: number }>(sql`SELECT ${ident(field)} AS v, count(*) AS n FROM survey_responses WHERE round_id = 'T1' GROUP BY ALL`);
      expect(Object.fromEntries(got.map((g) => [String(g.v), g.n]))).toEqual(counts);
    }
    // Downstream: the metrics read the round; items its survey did not ask stay not asked.
    const doc = await metricsDocument(db, { round: "T1" });
    const [t1] = doc.rounds;
    expect(t1.survey).toEqual({ anonymous: true, asked });
    expect(t1.program_satisfaction).toEqual({ asked: false, n: null, mean: null, top2: null, top2_ci: null, weighted: null });
    const pa = tallies.participate_again;
    expect(t1.participate_again).toMatchObject({ n: pa.Yes + pa.No, count: pa.Yes });
  });

  it("a SurveyMonkey export keyed through a respondents mapping: duplicates resolved by file order, said once", async () => {
    // python3 csv (as above): the StarWars excerpt's first column holds 100 distinct RespondentIDs;
    // rows 3-102. Each id is mapped here, in file order, to one of the round's four respondents of
    // baseRound()'s survey in turn, so row 99 + k (k = 0..3) is each one's last response.
    const file = real("surveymonkey", "fivethirtyeight_StarWars_first100.csv");
    const ids = readExport(file).rows.map((r) => r[0].trim());
    expect(new Set(ids).size).toBe(100);
    const people = ["ana", "fay", "ben", "dev"].map((n) => `${n}@example.org`);
    const respondents = Object.fromEntries(ids.map((id, i) => [id, people[i % 4]]));
    const { report, stored, meta } = await ingestSurvey(file, { survey: { [STARWARS_SEEN]: "participate_again", respondents } });
    expect(stored).toEqual({ n: 4, linked: 4 });
    expect(meta).toEqual({ anonymous: false, asked: ["participate_again"] });
    const kept = await db.all<{ pid: string; source_row: number }>(sql`SELECT pid, source_row FROM survey_responses WHERE round_id = 'T1' ORDER BY source_row`);
    expect(kept).toEqual(people.map((p, k) => ({ pid: pseudonymise(p), source_row: 99 + k })));
    expect(report.warnings.filter((w) => w.includes("no submission-time column"))).toEqual([
      expect.stringMatching(/so a respondent who answered twice counts once by file order \(the last row counts\), and no row can be checked against the round's window$/),
    ]);
    const dropped = report.warnings.filter((w) => /survey\.csv:\d+: .* submitted twice/.test(w));
    expect(dropped).toHaveLength(96);
    expect(dropped[0]).toMatch(/survey\.csv:3: ana@example\.org submitted twice; row 7 \(the last in the file: the times are unknown\) counts, row 3 is ignored$/);
  });
});
