import { createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ident, sql, type Db } from "../../src/db";
import { InputError, formatProblem } from "../../src/domain/errors";
import { ingest } from "../../loaders/ingest";
import { baseRound, dumpDb, freshDb, tempDir, testPseudonymiser, writeRound, type RoundFiles } from "../helpers/rounds";

let dir: string;
let db: Db;
const pseudonymise = testPseudonymiser();

beforeEach(async () => {
  dir = tempDir();
  db = await freshDb(dir);
});
afterEach(() => db.close());

async function count(table: string): Promise<number> {
  const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`);
  return rows[0].n;
}

/** Ingests a round built from the base round with `change` applied; returns the problems or []. */
async function tryIngest(change: RoundFiles, name = "T1"): Promise<string[]> {
  const folder = writeRound(dir, name, { ...baseRound(), ...change });
  try {
    await ingest(db, folder, { pseudonymise });
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems.map(formatProblem);
    throw err;
  }
}

describe("ingest of a valid round folder", () => {
  it("writes every kind, keyed by pseudonym, latest registration winning", async () => {
    const folder = writeRound(dir, "T1", baseRound());
    const report = await ingest(db, folder, { pseudonymise });
    // 8 registration rows, Ana twice -> 7 people; counted by hand from baseRound().
    expect(report.files.map((f) => [f.kind, f.rows])).toEqual([["events", 4], ["partnerships", 4], ["registrations", 7], ["survey", 4]]);
    expect(report.warnings.some((w) => w.includes("ana@example.org submitted twice; row 8 (the latest) counts, row 2 is ignored"))).toBe(true);
    expect(await count("registrations")).toBe(7);
    expect(await count("identities")).toBe(7);
    const ana = await db.all<{ role: string; country: string; years_experience: number; interests: string[]; pid: string }>(
      sql`SELECT role, country, years_experience, interests, pid FROM registrations r JOIN identities i USING (pid) WHERE i.email = ${"ana@example.org"}`,
    );
    expect(ana).toEqual([{ role: "Senior librarian", country: "BR", years_experience: 4, interests: ["Cataloguing", "Outreach"], pid: pseudonymise("ana@example.org") }]);
    // Ben's email arrived as "Ben@Example.org " and is stored trimmed and lower-cased.
    expect(await db.all(sql`SELECT email, country FROM identities JOIN registrations USING (pid) WHERE email LIKE 'ben%'`)).toEqual([{ email: "ben@example.org", country: "US" }]);
    // No analytics table holds an email.
    const leaked = await db.all(sql`SELECT * FROM registrations WHERE pid LIKE '%@%'`);
    expect(leaked).toEqual([]);
    const sv = await db.all(sql`SELECT program_satisfaction AS p, partner_satisfaction AS q, methods, recommend FROM survey_responses ORDER BY submitted_at`);
    expect(sv).toEqual([
      { p: 5, q: 4, methods: ["Email", "Video call"], recommend: 10 },
      { p: 4, q: 5, methods: ["Email"], recommend: 9 },
      { p: 2, q: 1, methods: [], recommend: 3 },
      { p: 4, q: 3, methods: ["Messaging"], recommend: 7 },
    ]);
  });

  it("changes nothing when the same files are ingested again", async () => {
    const folder = writeRound(dir, "T1", baseRound());
    await ingest(db, folder, { pseudonymise });
    const before = await dumpDb(db);
    const again = await ingest(db, folder, { pseudonymise });
    expect(again.files.every((f) => f.status === "unchanged")).toBe(true);
    expect(await dumpDb(db)).toBe(before);
  });

  it("replaces a round's rows of one kind when a corrected file is ingested", async () => {
    const folder = writeRound(dir, "T1", baseRound());
    await ingest(db, folder, { pseudonymise });
    const survey = String(baseRound()["survey.csv"]).split("\n").slice(0, 3).join("\n") + "\n";
    writeFileSync(path.join(folder, "survey.csv"), survey);
    const report = await ingest(db, folder, { pseudonymise });
    expect(report.files.filter((f) => f.status === "written").map((f) => f.kind)).toEqual(["survey"]);
    expect(await count("survey_responses")).toBe(2);
    expect(await count("registrations")).toBe(7);
  });

  it("ingests one file with --kind and --round into a known round", async () => {
    const folder = writeRound(dir, "T1", { ...baseRound(), "survey.csv": undefined });
    writeFileSync(path.join(folder, "survey.csv"), "");
    await expect(ingest(db, path.join(dir, "T1"), { pseudonymise })).rejects.toThrow(/empty/);
    const f2 = writeRound(dir, "T1b", { ...baseRound() });
    const one = path.join(dir, "survey-late.csv");
    // The folder's survey has 4 responses; the late file has the first 3 of them.
    writeFileSync(one, String(baseRound()["survey.csv"]).split("\n").slice(0, 4).join("\n") + "\n");
    await ingest(db, f2, { pseudonymise });
    const r = await ingest(db, one, { pseudonymise, kind: "survey", round: "T1" });
    expect(r.files[0]).toMatchObject({ kind: "survey", round: "T1", rows: 3, status: "written" });
    expect(await count("survey_responses")).toBe(3);
    await expect(ingest(db, one, { pseudonymise, kind: "survey", round: "T9" })).rejects.toThrow(/unknown round "T9"; the database holds: T1; --round names the round of/);
  });

  it("keeps awkward text intact: quotes, commas, line breaks, accents, blanks", async () => {
    const comment = 'She said "hi",\nthen: 你好 — ok';
    const survey = String(baseRound()["survey.csv"]).replace("Fay was wonderful", `"${comment.replace(/"/g, '""')}"`);
    const folder = writeRound(dir, "T1", { ...baseRound(), "survey.csv": survey });
    await ingest(db, folder, { pseudonymise });
    const rows = await db.all<{ comments: string | null }>(sql`SELECT comments FROM survey_responses ORDER BY submitted_at`);
    expect(rows.map((r) => r.comments)).toEqual([comment, null, null, null]);
  });

  it("gives the same database when files are parsed on worker threads", async () => {
    const folder = writeRound(dir, "T1", baseRound());
    await ingest(db, folder, { pseudonymise, parallel: false });
    const inThread = (await dumpDb(db)).replace(/"ingested_at":"[^"]*"/g, "");
    const other = await freshDb(tempDir());
    try {
      await ingest(other, folder, { pseudonymise, parallel: true });
      expect((await dumpDb(other)).replace(/"ingested_at":"[^"]*"/g, "")).toBe(inThread);
      // Bad input is located the same way from a worker.
      const bad = writeRound(dir, "T1bad", { ...baseRound(), "registrations.csv": String(baseRound()["registrations.csv"]).replace("Japan", "Japn") });
      await expect(ingest(other, bad, { pseudonymise, parallel: true })).rejects.toThrow(/registrations\.csv:6:Country where you work: unknown country "Japn"/);
    } finally {
      other.close();
    }
  });

  it("validates but writes nothing in a dry run", async () => {
    const folder = writeRound(dir, "T1", baseRound());
    const before = await dumpDb(db);
    const r = await ingest(db, folder, { pseudonymise, dryRun: true });
    expect(r.files.every((f) => f.status === "valid (dry run)")).toBe(true);
    expect(await dumpDb(db)).toBe(before);
  });
});

describe("bad input is rejected whole, located, and leaves the database as it was", () => {
  const base = baseRound();
  const reg = String(base["registrations.csv"]);
  const regLines = reg.split("\r\n");
  const withReg = (i: number, line: string) => regLines.map((l, j) => (j === i ? line : l)).join("\r\n");

  // Each case: the change, and substrings the problem lines must contain (file:row:column and the value).
  const cases: [string, RoundFiles, string[]][] = [
    ["unknown country", { "registrations.csv": withReg(3, regLines[3].replace("France", "Atlantis")) }, ["registrations.csv:4:Country where you work: unknown country \"Atlantis\""]],
    ["misspelt country with suggestions", { "registrations.csv": withReg(3, regLines[3].replace("France", "Frnace")) }, ["registrations.csv:4:Country where you work: unknown country \"Frnace\"; suggestions: France [FR] (map it with --mapping"]],
    ["unknown sector", { "registrations.csv": withReg(2, regLines[2].replace("Public", "Pubic")) }, ["registrations.csv:3:Library sector: not a valid library sector: \"Pubic\""]],
    ["bad email", { "registrations.csv": withReg(4, regLines[4].replace("dev@example.org", "dev-at-example")) }, ["registrations.csv:5:Email Address: not a valid email address: \"dev-at-example\""]],
    ["bad date", { "registrations.csv": withReg(5, regLines[5].replace("7/14/2016", "7/34/2016")) }, ["registrations.csv:6:Timestamp: not a valid date and time: \"7/34/2016 13:00:00\""]],
    ["bad years", { "registrations.csv": withReg(6, regLines[6].replace(",4,", ",lots,")) }, ["registrations.csv:7:Years of experience in libraries: not a valid years of experience: \"lots\""]],
    ["missing column", { "registrations.csv": reg.replace("Library sector", "Something else") }, ["registrations.csv:1:sector: missing column for \"sector\""]],
    ["empty file", { "survey.csv": "" }, ["survey.csv:0:"]],
    ["malformed CSV (unterminated quote)", { "events.csv": "date,email,type,note\n2016-08-20,ben@example.org,intervention,\"never closed\n" }, ["events.csv:2:"]],
    ["partner not registered", { "partnerships.csv": String(base["partnerships.csv"]).replace("fay@example.org", "zed@example.org") }, ["partnerships.csv:2:email_b: \"zed@example.org\" is in partnership \"T1-1\" but not registered in round T1"]],
    ["overlapping partnerships", { "partnerships.csv": String(base["partnerships.csv"]).replace("2016-09-15,withdrawn", "2016-09-01,withdrawn") }, ["partnerships.csv:5:matched_on: \"ben@example.org\" is in partnership \"T1-4\" from 2016-09-01 while still in \"T1-2\""]],
    ["rematch replaces a missing partnership", { "partnerships.csv": String(base["partnerships.csv"]).replace(",T1-2,", ",T1-9,") }, ["partnerships.csv:5:replaces: replaces partnership \"T1-9\", which is not in round T1"]],
    ["duplicate partnership id", { "partnerships.csv": String(base["partnerships.csv"]).replace("T1-3,", "T1-1,") }, ["partnerships.csv:4:partnership_id: partnership id \"T1-1\" appears twice (first at row 2)"]],
    ["survey respondent not matched", { "survey.csv": String(base["survey.csv"]).replace("dev@example.org", "emi2@example.org") }, ["survey.csv:5:Email Address: respondent \"emi2@example.org\" is not a matched participant of round T1"]],
    ["event for an unknown person", { "events.csv": String(base["events.csv"]).replace("gus@", "gustav@") }, ["events.csv:5:email: \"gustav@example.org\" is not registered in round T1"]],
    ["bad Likert label", { "survey.csv": String(base["survey.csv"]).replace("Very satisfied,Satisfied", "Very satisfied,Happy") }, ["survey.csv:2:How satisfied were you with your partner?: not a valid satisfaction answer: \"Happy\""]],
    ["bad round.json", { "round.json": JSON.stringify({ id: "T1", name: "x", start: "2016-13-01", end: "2016-11-30" }) }, ["round.json:0:start: expected a date as YYYY-MM-DD"]],
  ];

  it.each(cases)("%s", async (_name, change, expected) => {
    // A valid round already in the database must survive the rejected one untouched.
    const good = writeRound(dir, "T0", { ...baseRound(), "round.json": JSON.stringify({ id: "T0", name: "Earlier", start: "2016-01-01", end: "2016-05-01" }) });
    await ingest(db, good, { pseudonymise });
    const before = await dumpDb(db);
    const problems = await tryIngest(change);
    for (const e of expected) expect(problems.join("\n")).toContain(e);
    expect(await dumpDb(db)).toBe(before);
  });

  it("names a person already in the database by email, against the run's file as a whole", async () => {
    // Round T1 as it is, then a corrected registrations file without Fay, who is in partnership T1-1.
    await ingest(db, writeRound(dir, "T1", baseRound()), { pseudonymise });
    const before = await dumpDb(db);
    const withoutFay = regLines.filter((l) => !l.includes("fay@example.org")).join("\r\n");
    const corrected = writeRound(dir, "T1c", { "round.json": baseRound()["round.json"], "registrations.csv": withoutFay });
    await expect(ingest(db, corrected, { pseudonymise })).rejects.toThrow(/registrations\.csv:0:\*: "fay@example\.org" is in partnership "T1-1" but not registered in round T1/);
    expect(await dumpDb(db)).toBe(before);
  });

  it("lists every problem of every file, not just the first", async () => {
    const problems = await tryIngest({
      "registrations.csv": withReg(3, regLines[3].replace("France", "Atlantis").replace("Academic", "Acadmic")),
      "survey.csv": String(base["survey.csv"]).replace("Weekly", "Daily"),
    });
    expect(problems.length).toBe(3);
  });

  it("reads Windows-1252 files (as Excel saves them) without mangling accents", async () => {
    const bytes = iconv.encode(reg.replace("France", "Côte d'Ivoire"), "win1252");
    const folder = writeRound(dir, "T1", { ...baseRound(), "registrations.csv": bytes });
    const r = await ingest(db, folder, { pseudonymise });
    expect(r.warnings.join("\n")).toMatch(/1252/);
    expect(await db.all(sql`SELECT name FROM identities WHERE email = ${"chloe@example.org"}`)).toEqual([{ name: "Chloé Martin" }]);
    expect(await db.all(sql`SELECT country FROM registrations WHERE pid = ${pseudonymise("chloe@example.org")}`)).toEqual([{ country: "CI" }]);
  });

  it("reads a semicolon-separated Windows-1252 export (Excel in a comma-decimal locale) as the comma file", async () => {
    const records = parse(reg, { relax_column_count: true }) as string[][];
    const semicolon = iconv.encode(stringify(records, { delimiter: ";", record_delimiter: "\r\n" }), "win1252");
    expect(semicolon.includes(Buffer.from(";"))).toBe(true);
    const regs = async (target: Db) => target.all(sql`SELECT * EXCLUDE (source_row) FROM registrations ORDER BY pid`);
    await ingest(db, writeRound(dir, "T1", baseRound()), { pseudonymise });
    const other = await freshDb(tempDir());
    try {
      const r = await ingest(other, writeRound(dir, "T1s", { ...baseRound(), "registrations.csv": semicolon }), { pseudonymise });
      expect(r.warnings.join("\n")).toMatch(/read as semicolon-separated values/);
      expect(r.warnings.join("\n")).toMatch(/1252/);
      expect(JSON.stringify(await regs(other))).toBe(JSON.stringify(await regs(db)));
    } finally {
      other.close();
    }
  });

  it("rejects, writes the unknown countries with suggestions, and ingests with the reviewed mapping", async () => {
    const places = withReg(2, regLines[2].replace(",USA,", ",\"Boston, MA\",")).replace(",France,", ",Amsterdam,").replace("Japan", "Your mom");
    const folder = writeRound(dir, "T1c", { ...baseRound(), "registrations.csv": places });
    const file = path.join(dir, "suggested.json");
    const before = await dumpDb(db);
    const said: string[] = [];
    const err = await ingest(db, folder, { pseudonymise, suggestMapping: file, progress: (l) => said.push(l) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map(formatProblem).join("\n")).toContain('registrations.csv:3:Country where you work: unknown country "Boston, MA"; suggestions: United States [US], Morocco [MA]');
    expect(await dumpDb(db)).toBe(before);
    expect(said.join("\n")).toContain(`wrote 3 unknown country value(s) with suggested codes to ${file}`);
    const suggestion = JSON.parse(readFileSync(file, "utf8"));
    expect(suggestion.countries).toEqual({ "Boston, MA": "US", Amsterdam: "NL", "Your mom": null });
    expect(suggestion._alternatives).toEqual({ "Boston, MA": ["MA"] });
    // Passed back unreviewed, the null is refused, located at its key.
    await expect(ingest(db, folder, { pseudonymise, mapping: file })).rejects.toThrow(/suggested\.json:0:countries\.Your mom: write the ISO 3166-1 alpha-2 code/);
    // Reviewed: the coordinator writes JP for the joke answer (the original row said Japan).
    writeFileSync(file, JSON.stringify({ ...suggestion, countries: { ...suggestion.countries, "Your mom": "JP" } }));
    await ingest(db, folder, { pseudonymise, mapping: file });
    const rows = await db.all<{ email: string; country: string }>(sql`SELECT email, country FROM identities JOIN registrations USING (pid) ORDER BY email`);
    expect(rows.map((r) => r.country)).toEqual(["BR", "US", "NL", "AU", "JP", "GB", "DE"]);
  });

  it("applies a mapping's country values before normalisation, per kind over the top level", async () => {
    const mapping = { countries: { "usa ": "CA", France: "BE" }, registrations: { countries: { France: "FR" } } };
    expect(await tryIngest({ "mapping.json": JSON.stringify(mapping) }, "T1v")).toEqual([]);
    const rows = await db.all<{ country: string }>(sql`SELECT country FROM registrations ORDER BY country`);
    // "USA" matches "usa " (case and spaces aside) and the value mapping wins over the normaliser.
    expect(rows.map((r) => r.country)).toEqual(["AU", "BR", "CA", "DE", "FR", "GB", "JP"]);
  });

  it("refuses a mapping whose country code is unknown, located at the value", async () => {
    const problems = await tryIngest({ "mapping.json": JSON.stringify({ countries: { Amsterdam: "Netherlands" } }) }, "T1x");
    expect(problems).toEqual([expect.stringMatching(/mapping\.json:0:countries\.Amsterdam: not an ISO 3166-1 alpha-2 code this tool knows/)]);
  });

  it("honours a mapping file for headers it does not know", async () => {
    const renamed = reg.replace("Library sector", "Type of institution");
    await expect(tryIngest({ "registrations.csv": renamed })).resolves.not.toEqual([]);
    const ok = await tryIngest({ "registrations.csv": renamed, "mapping.json": JSON.stringify({ registrations: { "Type of institution": "sector" } }) }, "T1m");
    expect(ok).toEqual([]);
  });
});

/** The base survey with columns dropped (by header) and others renamed. */
function surveyWith(opts: { drop?: string[]; rename?: Record<string, string>; add?: { header: string; values: string[] } } = {}): string {
  const records = parse(String(baseRound()["survey.csv"])) as string[][];
  const keep = records[0].map((h, i) => (opts.drop?.includes(h) ? -1 : i)).filter((i) => i >= 0);
  const out = records.map((r, k) => keep.map((i) => (k === 0 ? opts.rename?.[r[i]] ?? r[i] : r[i])));
  if (opts.add) out.forEach((r, k) => r.push(k === 0 ? opts.add!.header : opts.add!.values[k - 1]));
  return stringify(out);
}

describe("surveys: respondent keys, anonymous surveys, questions not asked", () => {
  const EMAIL = "Email Address";

  it("ingests a survey without a respondent key as anonymous: no pseudonym, recorded per round, no consistency check", async () => {
    const folder = writeRound(dir, "T1", { ...baseRound(), "survey.csv": surveyWith({ drop: [EMAIL] }) });
    const report = await ingest(db, folder, { pseudonymise });
    expect(report.anonymousSurveys).toEqual(["T1"]);
    expect(report.files.find((f) => f.kind === "survey")).toMatchObject({ rows: 4, anonymous: true });
    expect(await db.all(sql`SELECT count(*) AS n, count(pid) AS linked FROM survey_responses`)).toEqual([{ n: 4, linked: 0 }]);
    const [meta] = await db.all<{ anonymous: boolean; respondent_key: string | null; asked: string[] }>(sql`SELECT anonymous, respondent_key, asked FROM round_surveys WHERE round_id = 'T1'`);
    expect(meta.anonymous).toBe(true);
    expect(meta.respondent_key).toBeNull();
    expect(meta.asked).toHaveLength(12);
  });

  it("warns when an anonymous survey has more responses than the round has participants, read with its partnerships or after them", async () => {
    // the base round's partnerships hold 7 people; its 4 anonymous answers twice over are 8
    const records = parse(surveyWith({ drop: [EMAIL] })) as string[][];
    const doubled = stringify([...records, ...records.slice(1)]);
    const together = writeRound(dir, "T1", { ...baseRound(), "survey.csv": doubled });
    const warning = `${path.join(together, "survey.csv")}: 8 anonymous responses for the 7 participants of round T1: more answers than people (another round's or another survey's file, a link shared beyond the round, or people answering twice?); the round's response rate will not be published`;
    expect((await ingest(db, together, { pseudonymise })).warnings).toContain(warning);
    expect(await count("survey_responses")).toBe(8);
    // the survey file alone, the partnerships already in the database: the same warning; 4 answers: none
    const alone = path.join(dir, "later-survey.csv");
    writeFileSync(alone, doubled + "\n"); // not byte for byte the file already ingested
    expect((await ingest(db, alone, { pseudonymise, kind: "survey", round: "T1" })).warnings).toContain(warning.replace(path.join(together, "survey.csv"), alone));
    writeFileSync(alone, surveyWith({ drop: [EMAIL] }));
    expect((await ingest(db, alone, { pseudonymise, kind: "survey", round: "T1" })).warnings.some((w) => w.includes("anonymous responses for the"))).toBe(false);
  });

  it("reads one file of a round folder with the folder's mapping.json, as the folder's ingest does, and says so", async () => {
    const base = baseRound();
    const partnerships = String(base["partnerships.csv"]).replace("partnership_id,email_a,email_b,", "Pair,Partner A,Partner B,");
    const folder = writeRound(dir, "T1", { ...base, "partnerships.csv": partnerships, "mapping.json": JSON.stringify({ partnerships: { Pair: "partnership_id", "Partner A": "email_a", "Partner B": "email_b" } }) });
    await ingest(db, folder, { pseudonymise });
    // the file alone, as `iln match` suggests: before, 'missing column for "email_a"'
    const file = path.join(folder, "partnerships.csv");
    writeFileSync(file, partnerships + "\n"); // other bytes, so it is read again
    const r = await ingest(db, file, { pseudonymise, kind: "partnerships", round: "T1", dryRun: true });
    expect(r.files.map((f) => f.status)).toEqual(["valid (dry run)"]);
    expect(r.warnings).toContain(`${file}: read with the mapping file beside it, ${path.join(folder, "mapping.json")} (--mapping FILE reads another)`);
  });

  it("warns when partnerships are still active after their round ended (the completion rate counts them as not completed)", async () => {
    const base = baseRound();
    const partnerships = String(base["partnerships.csv"]).replace("2016-08-01,completed,2016-11-30,,yes", "2016-08-01,active,,,yes");
    const folder = writeRound(dir, "T1", { ...base, "partnerships.csv": partnerships });
    const warning = `${path.join(folder, "partnerships.csv")}: 1 of the 4 partnerships of round T1 are still "active" though the round ended on 2016-11-30: the completion rate counts them as not completed; mark those that finished "completed" (or "dissolved"/"withdrawn") in partnerships.csv and ingest it again`;
    expect((await ingest(db, folder, { pseudonymise, today: "2016-12-01" })).warnings).toContain(warning);
    // while the round runs, active is what a partnership is
    const during = await ingest(db, folder, { pseudonymise, today: "2016-11-30", dryRun: true });
    expect(during.warnings.some((w) => w.includes('still "active"'))).toBe(false);
    // the events file alone, later: the partnerships are read from the database
    const later = await ingest(db, writeRound(dir, "T1", { ...base, "partnerships.csv": partnerships, "events.csv": String(base["events.csv"]) + "\n" }), { pseudonymise, today: "2017-01-10" });
    expect(later.warnings.some((w) => w.includes('1 of the 4 partnerships of round T1 are still "active"'))).toBe(true);
  });

  it("reads Microsoft Forms' anonymous Email column (\"anonymous\" in every row) as an anonymous survey", async () => {
    const records = parse(String(baseRound()["survey.csv"])) as string[][];
    const anon = stringify(records.map((r, k) => r.map((c, i) => (k > 0 && i === 1 ? "anonymous" : c))));
    const report = await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": anon }), { pseudonymise });
    expect(report.anonymousSurveys).toEqual(["T1"]);
    expect(report.warnings.join("\n")).toContain('column "Email Address" holds no email address (only blanks or "anonymous"): read as an anonymous survey');
  });

  it("records the questions a survey asked; no column is required", async () => {
    const only = stringify([["Timestamp", EMAIL, "Overall satisfaction", "Something else entirely"], ["12/1/2016 10:00:00", "ana@example.org", "5", "x"]]);
    const report = await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": only }), { pseudonymise });
    expect(report.warnings.join("\n")).toContain('1 column(s) not used and kept out of the database: "Something else entirely"');
    expect(await db.all(sql`SELECT anonymous, respondent_key, asked FROM round_surveys`)).toEqual([{ anonymous: false, respondent_key: "email", asked: ["program_satisfaction"] }]);
    expect(await db.all(sql`SELECT program_satisfaction AS p, partner_satisfaction AS q, methods FROM survey_responses`)).toEqual([{ p: 5, q: null, methods: [] }]);
  });

  it("maps respondent ids to emails with the mapping file's respondents, or --respondents FILE; an unknown id is located", async () => {
    const ids = ["R-ana", "R-fay", "R-ben", "R-dev"];
    const survey = surveyWith({ drop: [EMAIL], add: { header: "Respondent ID", values: ids } });
    const respondents = { "R-ana": "ana@example.org", "R-fay": "FAY@example.org", "R-ben": "ben@example.org", "R-dev": "dev@example.org" };
    await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": survey, "mapping.json": JSON.stringify({ survey: { respondents } }) }), { pseudonymise });
    const linked = await db.all<{ pid: string }>(sql`SELECT pid FROM survey_responses ORDER BY submitted_at`);
    expect(linked.map((r) => r.pid)).toEqual(["ana", "fay", "ben", "dev"].map((n) => pseudonymise(`${n}@example.org`)));
    expect(await db.all(sql`SELECT anonymous, respondent_key FROM round_surveys`)).toEqual([{ anonymous: false, respondent_key: "respondent_id" }]);

    const other = await freshDb(tempDir());
    try {
      const file = path.join(dir, "respondents.csv");
      writeFileSync(file, "respondent_id,email\nR-ana,ana@example.org\nR-fay,fay@example.org\nR-ben,ben@example.org\n");
      const folder = writeRound(dir, "T1r", { ...baseRound(), "survey.csv": survey });
      const err = await ingest(other, folder, { pseudonymise, respondents: file }).catch((e: unknown) => e);
      expect((err as InputError).problems.map(formatProblem)).toEqual([`${path.join(folder, "survey.csv")}:5:Respondent ID: respondent id "R-dev" is not in the respondents mapping; add it, or map this column to null to read the survey as anonymous`]);
      writeFileSync(file, "Respondent ID,Email Address\nR-ana,ana@example.org\nR-fay,fay@example.org\nR-ben,ben@example.org\nR-dev,dev@example.org\n");
      await ingest(other, folder, { pseudonymise, respondents: file });
      expect((await other.all<{ pid: string }>(sql`SELECT pid FROM survey_responses ORDER BY submitted_at`)).map((r) => r.pid)).toEqual(linked.map((r) => r.pid));
    } finally {
      other.close();
    }
  });

  it("ingests a survey without a submission-time column: times unknown (NULL), a second answer counts by file order, warned once", async () => {
    // The base survey without Timestamp, and Ana answering again at the end (row 6) with other ratings.
    const records = parse(surveyWith({ drop: ["Timestamp"] })) as string[][];
    const again = [...records[1]];
    again[1] = "Very dissatisfied";
    const folder = writeRound(dir, "T1", { ...baseRound(), "survey.csv": stringify([...records, again]) });
    const report = await ingest(db, folder, { pseudonymise });
    expect(report.files.find((f) => f.kind === "survey")).toMatchObject({ rows: 4, anonymous: false });
    const survey = path.join(folder, "survey.csv");
    expect(report.warnings.filter((w) => w.includes("submission-time"))).toEqual([
      `${survey}: no submission-time column (accepted headers: Timestamp | End Date | EndDate | Completion time | submitdate | Submitted | Date submitted | SubmissionDate | Recorded Date | RecordedDate; or map one with --mapping): every row's submission time is unknown and stored empty, so a respondent who answered twice counts once by file order (the last row counts), and no row can be checked against the round's window`,
    ]);
    expect(report.warnings).toContain(`${survey}:2: ana@example.org submitted twice; row 6 (the last in the file: the times are unknown) counts, row 2 is ignored`);
    const rows = await db.all(sql`SELECT pid, submitted_at, program_satisfaction AS p, source_row FROM survey_responses ORDER BY source_row`);
    expect(rows).toEqual([
      { pid: pseudonymise("fay@example.org"), submitted_at: null, p: 4, source_row: 3 },
      { pid: pseudonymise("ben@example.org"), submitted_at: null, p: 2, source_row: 4 },
      { pid: pseudonymise("dev@example.org"), submitted_at: null, p: 4, source_row: 5 },
      { pid: pseudonymise("ana@example.org"), submitted_at: null, p: 1, source_row: 6 },
    ]);
  });

  it("keeps a submission-time column's rule: a blank time is a located problem, and the latest time counts whatever the file order", async () => {
    const records = parse(String(baseRound()["survey.csv"])) as string[][];
    // Ana again at the end (row 6), dated a day before her first answer (row 2): row 2 counts.
    const earlier = [...records[1]];
    earlier[0] = "11/30/2016 10:00:00";
    earlier[2] = "Very dissatisfied";
    const report = await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": stringify([...records, earlier]) }), { pseudonymise });
    expect(report.warnings.join("\n")).not.toContain("submission-time");
    expect(report.warnings.some((w) => w.endsWith("survey.csv:6: ana@example.org submitted twice; row 2 (the latest) counts, row 6 is ignored"))).toBe(true);
    expect(await db.all(sql`SELECT program_satisfaction AS p, submitted_at::VARCHAR AS t FROM survey_responses WHERE pid = ${pseudonymise("ana@example.org")}`)).toEqual([{ p: 5, t: "2016-12-01 10:00:00" }]);

    const blank = records.map((r, k) => (k === 2 ? ["", ...r.slice(1)] : r));
    expect(await tryIngest({ "survey.csv": stringify(blank) }, "T1b")).toEqual([`${path.join(dir, "T1b", "survey.csv")}:3:Timestamp: date and time is required but the cell is blank`]);
  });

  it("counts text in a SurveyMonkey multi-select's \"Other (please specify)\" box as the option Other, and stores no such text", async () => {
    // SurveyMonkey's current layout: the question above its first option column, the options (and
    // the Other box) in row 2. Fay ticked Email and wrote "WeChat" in the box; Ben wrote only there.
    const q = "How did you communicate with your partner?";
    const survey = [
      `Respondent ID,Collector ID,End Date,Email Address,${q},,,Any other comments?`,
      ",,,,Email,Video call,Other (please specify),Open-Ended Response",
      "1,9,12/01/2016 10:00:00 AM,ana@example.org,Email,Video call,,",
      "2,9,12/02/2016 10:00:00 AM,fay@example.org,Email,,WeChat,",
      "3,9,12/03/2016 10:00:00 AM,ben@example.org,,,  Carrier pigeon ,",
      "4,9,12/04/2016 10:00:00 AM,dev@example.org,,,,",
    ].join("\n") + "\n";
    await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": survey }), { pseudonymise });
    const rows = await db.all<{ methods: string[] }>(sql`SELECT methods FROM survey_responses ORDER BY source_row`);
    expect(rows.map((r) => r.methods)).toEqual([["Email", "Video call"], ["Email", "Other"], ["Other"], []]);
    const dump = await dumpDb(db);
    expect(dump).not.toContain("WeChat");
    expect(dump).not.toContain("pigeon");
  });

  // Qualtrics' multiple-answer question "How did you communicate...?" with an "Other (please
  // specify)" choice that takes text, as Qualtrics exports it: in one column (choices joined by
  // commas) beside the Other choice's text box (Q3_6_TEXT), or split into a column per choice, with
  // choice text or numeric values (1 ticked). Fay ticked Email and Other, writing "WeChat"; Ben
  // ticked Other only ("Carrier pigeon"); Dev ticked nothing.
  const METHODS_Q = "How did you communicate with your partner?";
  const qualtricsMethods = (tags: string[], labels: string[], cells: string[][]) =>
    [
      ["EndDate", "ResponseId", "RecipientEmail", "Q1", ...tags].join(","),
      ["End Date", "Response ID", "Recipient Email", '"Overall, how satisfied are you with the ILN program?"', ...labels].join(","),
      ["EndDate", "ResponseId", "RecipientEmail", "QID1", ...tags.map((t) => t.replace(/^Q/, "QID"))].map((id) => `"{""ImportId"":""${id}""}"`).join(","),
      ...["ana", "fay", "ben", "dev"].map((p, k) => [`2016-12-0${k + 1} 09:05:00`, `R_${p}`, `${p}@example.org`, "Satisfied", ...cells[k]].join(",")),
    ].join("\n") + "\n";
  const SPLIT_TAGS = ["Q3_1", "Q3_2", "Q3_6", "Q3_6_TEXT"];
  const SPLIT_LABELS = [`${METHODS_Q} - Email`, `${METHODS_Q} - Video call`, `${METHODS_Q} - Other (please specify)`, `${METHODS_Q} - Other (please specify) - Text`];
  it.each([
    ["in one column beside the Other box", ["Q3", "Q3_6_TEXT"], [METHODS_Q, `${METHODS_Q} - Other (please specify) - Text`], [['"Email,Video call"', ""], ['"Email,Other (please specify)"', "WeChat"], ["Other (please specify)", "Carrier pigeon"], ["", ""]]],
    ["split into columns, choice text", SPLIT_TAGS, SPLIT_LABELS, [["Email", "Video call", "", ""], ["Email", "", "Other (please specify)", "WeChat"], ["", "", "Other (please specify)", "Carrier pigeon"], ["", "", "", ""]]],
    ["split into columns, numeric values", SPLIT_TAGS, SPLIT_LABELS, [["1", "1", "0", ""], ["1", "0", "1", "WeChat"], ["0", "0", "1", "Carrier pigeon"], ["0", "0", "0", ""]]],
    // As Qualtrics labels a question one of whose choices takes text: "<question> - Selected Choice"
    // (the labels of public Qualtrics exports, e.g. "... (select all that apply)? - Selected Choice")
    ["in one column labelled '- Selected Choice'", ["Q3", "Q3_6_TEXT"], [`${METHODS_Q} - Selected Choice`, `${METHODS_Q} - Other (please specify) - Text`], [['"Email,Video call"', ""], ['"Email,Other (please specify)"', "WeChat"], ["Other (please specify)", "Carrier pigeon"], ["", ""]]],
    ["split into columns labelled '- Selected Choice - <choice>'", SPLIT_TAGS, SPLIT_LABELS.map((l) => l.replace(`${METHODS_Q} - `, `${METHODS_Q} - Selected Choice - `).replace("Selected Choice - Other (please specify) - Text", "Other (please specify) - Text")), [["Email", "Video call", "", ""], ["Email", "", "Other (please specify)", "WeChat"], ["", "", "Other (please specify)", "Carrier pigeon"], ["", "", "", ""]]],
  ])("reads a Qualtrics multiple-answer question %s: the Other box's text counts as Other and is stored nowhere", async (_, tags, labels, cells) => {
    await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": qualtricsMethods(tags, labels, cells) }), { pseudonymise });
    const rows = await db.all<{ methods: string[] }>(sql`SELECT methods FROM survey_responses ORDER BY source_row`);
    expect(rows.map((r) => r.methods)).toEqual([["Email", "Video call"], ["Email", "Other"], ["Other"], []]);
    const dump = await dumpDb(db);
    expect(dump).not.toContain("WeChat");
    expect(dump).not.toContain("pigeon");
  });

  it("reads a Qualtrics multiple-answer column whose choice labels hold commas in parentheses, each choice as its option", async () => {
    // Cells as the review's Qualtrics export writes them (/work/briefs/review-flow.md item 7):
    // "Video call (Zoom, Teams, Skype)" is the choice Video call with its examples, "Messaging app
    // (WhatsApp, WeChat)" the choice Messaging.
    const cells = [
      ['"Other (please specify),Video call (Zoom, Teams, Skype),Social media"', "Signal"],
      ['"Email,Messaging app (WhatsApp, WeChat)"', ""],
      ['"Video call (Zoom, Teams, Skype)"', ""],
      ["", ""],
    ];
    await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": qualtricsMethods(["Q3", "Q3_6_TEXT"], [`${METHODS_Q} - Selected Choice`, `${METHODS_Q} - Other (please specify) - Text`], cells) }), { pseudonymise });
    const rows = await db.all<{ methods: string[] }>(sql`SELECT methods FROM survey_responses ORDER BY source_row`);
    expect(rows.map((r) => r.methods)).toEqual([["Other", "Video call", "Social media"], ["Email", "Messaging"], ["Video call"], []]);
  });

  // A current Qualtrics export (tags, labels, ImportIds), laid out as Qualtrics writes it: Status 0
  // is an ordinary response, 1 / "Survey Preview" a preview, 8 spam; Finished 0 / False a partial
  // response Qualtrics closed later (its RecordedDate is then after its EndDate, as in row 10).
  const QUALTRICS = [
    "StartDate,EndDate,Status,Finished,RecordedDate,ResponseId,RecipientEmail,Q1,Q2",
    'Start Date,End Date,Response Type,Finished,Recorded Date,Response ID,Recipient Email,"Overall, how satisfied are you with the ILN program?",How satisfied were you with your partner?',
    ["StartDate", "EndDate", "Status", "Finished", "RecordedDate", "ResponseId", "RecipientEmail", "QID1", "QID2"].map((id) => `"{""ImportId"":""${id}""}"`).join(","),
    "2016-12-01 09:00:00,2016-12-01 09:05:00,0,1,2016-12-01 09:05:00,R_ana,,Very satisfied,Satisfied",
    "2016-12-01 10:00:00,2016-12-01 10:01:00,1,1,2016-12-01 10:01:00,R_prev1,,Very dissatisfied,Very dissatisfied",
    "2016-12-01 11:00:00,2016-12-01 11:01:00,Survey Preview,True,2016-12-01 11:01:00,R_prev2,,Very dissatisfied,Very dissatisfied",
    "2016-12-01 12:00:00,2016-12-01 12:01:00,8,1,2016-12-01 12:01:00,R_spam,,Very dissatisfied,Very dissatisfied",
    "2016-12-02 09:00:00,2016-12-02 09:01:00,0,0,2016-12-09 09:01:00,R_ben,,Dissatisfied,",
    "2016-12-03 09:00:00,2016-12-03 09:01:00,0,False,2016-12-10 09:01:00,R_dev,,Dissatisfied,",
    "2016-12-04 09:00:00,2016-12-04 09:07:00,0,1,2016-12-05 00:00:00,R_fay,,Satisfied,Very satisfied",
  ].join("\n") + "\n";

  it("reads a Qualtrics export: ResponseId keys it through --respondents, EndDate is the submission time, previews, spam and unfinished rows are skipped and counted", async () => {
    const file = path.join(dir, "respondents.csv");
    writeFileSync(file, "respondent_id,email\nR_ana,ana@example.org\nR_fay,fay@example.org\nR_ben,ben@example.org\n");
    const folder = writeRound(dir, "T1", { ...baseRound(), "survey.csv": QUALTRICS });
    const report = await ingest(db, folder, { pseudonymise, respondents: file });
    const survey = path.join(folder, "survey.csv");
    expect(report.files.find((f) => f.kind === "survey")).toMatchObject({ rows: 2, anonymous: false });
    expect(report.warnings).toContain(`${survey}: skipped 5 Qualtrics row(s) that are no respondent's finished answers: 2 survey preview (by Status), rows 5, 6; 1 spam (by Status), row 7; 2 unfinished (Finished 0 or False), rows 8, 9`);
    expect(report.warnings).toContain(`${survey}: column "Recorded Date" is not used for field "submitted": column "End Date" gives it (map "Recorded Date" to "submitted" with --mapping to use it instead)`);
    const rows = await db.all(sql`SELECT pid, submitted_at::VARCHAR AS t, program_satisfaction AS p, source_row FROM survey_responses ORDER BY source_row`);
    expect(rows).toEqual([
      { pid: pseudonymise("ana@example.org"), t: "2016-12-01 09:05:00", p: 5, source_row: 4 },
      { pid: pseudonymise("fay@example.org"), t: "2016-12-04 09:07:00", p: 4, source_row: 10 },
    ]);
  });

  it("refuses --respondents for a survey without a respondent id column, and says when an email column makes it unused", async () => {
    const file = path.join(dir, "respondents.csv");
    writeFileSync(file, "respondent_id,email\nR-ana,ana@example.org\n");
    const anonymous = writeRound(dir, "T1", { ...baseRound(), "survey.csv": surveyWith({ drop: [EMAIL] }) });
    const err = await ingest(db, anonymous, { pseudonymise, respondents: file }).catch((e: unknown) => e);
    expect((err as InputError).problems.map(formatProblem)).toEqual([
      `${path.join(anonymous, "survey.csv")}:1:respondent_id: a respondents mapping was given (--respondents FILE, or "respondents" in the mapping file), but the file has no respondent id column to use it with (accepted headers: Respondent ID | RespondentID | Respondent | Participant ID | Respondent key | ResponseId | Response ID); map the column holding the ids to "respondent_id" with --mapping, or leave the respondents mapping out to read the survey as anonymous`,
    ]);
    expect(await count("survey_responses")).toBe(0);
    const keyed = writeRound(dir, "T1e", baseRound());
    const report = await ingest(db, keyed, { pseudonymise, respondents: file });
    expect(report.warnings).toContain(`${path.join(keyed, "survey.csv")}: a respondents mapping was given (--respondents FILE, or "respondents" in the mapping file), but it is not used: the rows are keyed by their email column`);
  });

  it("reads a respondent id column without a respondents mapping as anonymous, and says why", async () => {
    const survey = surveyWith({ drop: [EMAIL], add: { header: "Respondent ID", values: ["1", "2", "3", "4"] } });
    const report = await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": survey }), { pseudonymise });
    expect(report.anonymousSurveys).toEqual(["T1"]);
    expect(report.warnings.join("\n")).toContain('column "Respondent ID" holds respondent ids, but no respondents mapping was given');
  });
});

describe("mapping entries beat aliases; null ignores a column", () => {
  it("maps a header that already matches an alias to another field, and the mapped column wins its field", async () => {
    // "Email Address" is the email by alias; the mapping says the email is "Contact" instead and ignores "Email Address".
    const records = parse(String(baseRound()["survey.csv"])) as string[][];
    const withContact = stringify(records.map((r, k) => [...r, k === 0 ? "Contact" : r[1]]).map((r, k) => r.map((c, i) => (k > 0 && i === 1 ? "not-an-email" : c))));
    const bad = await tryIngest({ "survey.csv": withContact });
    // the base survey's 4 rows (2-5) all hold it: one problem, at the first row, naming the rows
    expect(bad).toContain(`${path.join(dir, "T1", "survey.csv")}:2:Email Address: not a valid email address: "not-an-email" (in 4 rows: 2, 3, 4, 5)`);
    const mapped = await tryIngest({ "survey.csv": withContact, "mapping.json": JSON.stringify({ survey: { Contact: "email" } }) }, "T1b");
    expect(mapped).toEqual([]);
    const ignored = await tryIngest({ "survey.csv": withContact, "mapping.json": JSON.stringify({ survey: { Contact: "email", "Email Address": null } }) }, "T1c");
    expect(ignored).toEqual([]);
  });

  it("ignores a column mapped to null, and says so once", async () => {
    const report = await ingest(db, writeRound(dir, "T1", { ...baseRound(), "mapping.json": JSON.stringify({ survey: { "Any other comments?": null } }) }), { pseudonymise });
    expect(report.warnings.filter((w) => w.includes("ignored as the mapping says"))).toEqual([`${path.join(dir, "T1", "survey.csv")}: 1 column(s) ignored as the mapping says: "Any other comments?"`]);
    expect(await db.all(sql`SELECT count(comments) AS n FROM survey_responses`)).toEqual([{ n: 0 }]);
    expect((await db.all<{ asked: string[] }>(sql`SELECT asked FROM round_surveys`))[0].asked).not.toContain("comments");
  });

  it("turns two columns for one field into a problem saying how to choose", async () => {
    const records = parse(String(baseRound()["survey.csv"])) as string[][];
    const twice = stringify(records.map((r, k) => [...r, k === 0 ? "E-mail" : r[1]]));
    expect((await tryIngest({ "survey.csv": twice })).join("\n")).toContain(`survey.csv:1:E-mail: a second column for field "email" (the first is "Email Address"); map the one to use with --mapping ({"Header": "email"}), or the other to null`);
    expect(await tryIngest({ "survey.csv": twice, "mapping.json": JSON.stringify({ survey: { "E-mail": null } }) }, "T1n")).toEqual([]);
  });
});

describe("every file of a round folder is read or reported", () => {
  it("reads a kind as .tsv or .txt in any case (.xlsx: test/loaders/real-exports.test.ts), and lists other files as ignored", async () => {
    const folder = writeRound(dir, "T1", { ...baseRound(), "events.csv": undefined, "survey.csv": undefined });
    writeFileSync(path.join(folder, "events.tsv"), String(baseRound()["events.csv"]).replace(/,/g, "\t"));
    writeFileSync(path.join(folder, "Survey.TXT"), String(baseRound()["survey.csv"]));
    writeFileSync(path.join(folder, "notes.docx"), "x");
    writeFileSync(path.join(folder, "surveys.csv"), "x");
    const report = await ingest(db, folder, { pseudonymise });
    expect(report.files.map((f) => [f.kind, f.rows]).sort()).toEqual([["events", 4], ["partnerships", 4], ["registrations", 7], ["survey", 4]]);
    expect(report.ignored).toEqual([path.join(folder, "notes.docx"), path.join(folder, "surveys.csv")]);
    expect(report.warnings.join("\n")).toContain(`${path.join(folder, "surveys.csv")}: not an export kind this tool reads`);
    expect(report.warnings.join("\n")).toContain("(did you mean survey.csv?)");
  });

  it("refuses a pipe or folder named like an export as what it is, writing nothing", async () => {
    const before = await dumpDb(db);
    const folder = writeRound(dir, "T1", { ...baseRound(), "registrations.csv": undefined, "events.csv": undefined });
    mkdirSync(path.join(folder, "events.csv"));
    execFileSync("mkfifo", [path.join(folder, "registrations.csv")]);
    const problems = await ingest(db, folder, { pseudonymise }).then(() => [], (e: InputError) => e.problems.map(formatProblem));
    expect(problems).toEqual([
      `${path.join(folder, "events.csv")}:0:*: named like the round's events export but is a folder; give the export file itself`,
      `${path.join(folder, "registrations.csv")}:0:*: named like the round's registrations export but is a named pipe; give the export file itself`,
    ]);
    expect(await dumpDb(db)).toBe(before);
  });

  it("rejects a kind in a format it cannot read, or given twice, located, writing nothing", async () => {
    const before = await dumpDb(db);
    const folder = writeRound(dir, "T1", baseRound());
    writeFileSync(path.join(folder, "survey.xls"), "x");
    writeFileSync(path.join(folder, "events.xlsx"), "x");
    const err = await ingest(db, folder, { pseudonymise }).catch((e: unknown) => e);
    expect((err as InputError).problems.map(formatProblem)).toEqual([
      `${path.join(folder, "events.xlsx")}:0:*: a second events file in this round folder (the first is events.csv); keep one`,
      `${path.join(folder, "survey.xls")}:0:*: a events export in a format this tool does not read (.xls); save it as .csv, .tsv, .txt, .xlsx`.replace("a events", "a survey"),
    ]);
    expect(await dumpDb(db)).toBe(before);
  });
});

describe("a header-only file never silently replaces a round's rows", () => {
  it("rejects it, naming the rows it would delete, unless --allow-empty", async () => {
    const folder = writeRound(dir, "T1", baseRound());
    await ingest(db, folder, { pseudonymise });
    const before = await dumpDb(db);
    writeFileSync(path.join(folder, "survey.csv"), String(baseRound()["survey.csv"]).split("\n")[0] + "\n");
    const err = await ingest(db, folder, { pseudonymise }).catch((e: unknown) => e);
    expect((err as InputError).problems.map(formatProblem)).toEqual([
      `${path.join(folder, "survey.csv")}:2:*: the file has a header but no data rows; it would delete the 4 survey row(s) round T1 holds. Remove the file, or pass --allow-empty to clear them`,
    ]);
    expect(await dumpDb(db)).toBe(before);
    await ingest(db, folder, { pseudonymise, allowEmpty: true });
    expect(await count("survey_responses")).toBe(0);
    expect(await count("registrations")).toBe(7);
  });
});

describe("email identity", () => {
  it("reads an email in NFC and NFD form as one person, and keeps ASCII pseudonyms as before", async () => {
    const nfc = "jos\u00e9@example.org";
    const nfd = "jose\u0301@example.org";
    expect(pseudonymise(nfc)).toBe(pseudonymise(nfd));
    expect(pseudonymise("\uff41\uff4e\uff41@example.org")).toBe(pseudonymise("ana@example.org")); // full-width letters (NFKC)
    // The HMAC of the trimmed, lower-cased ASCII address, as version 1 computed it (Python: hmac.new(bytes([7]*32), b"ana@example.org", "sha256").hexdigest()[:20]).
    expect(pseudonymise(" Ana@Example.org ")).toBe("p_" + createHmac("sha256", Buffer.alloc(32, 7)).update("ana@example.org").digest("hex").slice(0, 20));
    const reg = String(baseRound()["registrations.csv"]).replace("emi@example.org", nfd);
    const survey = String(baseRound()["survey.csv"]).replace("dev@example.org", "dev@example.org").replace("12/4/2016 10:00:00,dev@example.org", `12/4/2016 10:00:00,${nfc}`);
    const partnerships = String(baseRound()["partnerships.csv"]).replace(/emi@example\.org/g, nfc);
    const problems = await tryIngest({ "registrations.csv": reg, "partnerships.csv": partnerships, "survey.csv": survey });
    expect(problems).toEqual([]);
  });

  it("rejects an email holding an invisible or format character, with the row", async () => {
    const reg = String(baseRound()["registrations.csv"]).replace("dev@example.org", "dev\u200b@example.org").replace("gus@example.org", "gus@example.org\u202e");
    const problems = await tryIngest({ "registrations.csv": reg });
    expect(problems).toContain(`${path.join(dir, "T1", "registrations.csv")}:5:Email Address: the email holds an invisible character (U+200B) in "dev\u200b@example.org"; retype the address`);
    expect(problems).toContain(`${path.join(dir, "T1", "registrations.csv")}:9:Email Address: the email holds an invisible character (U+202E) in "gus@example.org\u202e"; retype the address`);
  });
});

describe("a registrations file whose every date reads both month-first and day-first", () => {
  // Base round T1 runs 2016-08-01 to 2016-11-30: registrations are expected from 2016-05-03 (90
  // days before its start, counted by hand: 31 days of July, 30 of June, 29 of May) to its end.
  // Day-first (as a UK-locale Excel writes) the rows are 12 Jul, 1-5 Jul, 6 Aug and 7 Aug 2016:
  // all 8 inside. Month-first they are 7 Dec, 7 Jan, 7 Feb, 7 Mar, 7 Apr, 7 May, 8 Jun, 8 Jul
  // 2016: 3 inside. Ana registered on rows 2 and 8: day-first row 8 (6 Aug) is her latest,
  // month-first row 2 (7 Dec) would be.
  const stamps = ["12/07/2016 9:00", "01/07/2016 10:00", "02/07/2016 11:00", "03/07/2016 12:00", "04/07/2016 13:00", "05/07/2016 14:00", "06/08/2016 15:30", "07/08/2016 9:00"];
  const ukRegistrations = () => {
    const lines = String(baseRound()["registrations.csv"]).split("\r\n");
    return lines.map((l, i) => (i >= 1 && i <= stamps.length ? l.replace(/^[^,]*/, stamps[i - 1]) : l)).join("\r\n");
  };
  const ana = () => db.all<{ role: string; t: string }>(sql`SELECT role, strftime(submitted_at, '%Y-%m-%d %H:%M') AS t FROM registrations JOIN identities USING (pid) WHERE email = ${"ana@example.org"}`);

  it("is read day-first by the round's window, and the duplicate rule keeps the truly latest row", async () => {
    const folder = writeRound(dir, "T1", { ...baseRound(), "registrations.csv": ukRegistrations() });
    const report = await ingest(db, folder, { pseudonymise });
    expect(report.warnings.some((w) => w.includes('column "Timestamp" read as day/month/year') && w.includes("8 of 8 rows fall inside round T1's window (2016-05-03 to 2016-11-30) read so, 3 read the other way"))).toBe(true);
    expect(report.warnings.some((w) => w.includes("ana@example.org submitted twice; row 8 (the latest) counts, row 2 is ignored"))).toBe(true);
    expect(report.warnings.some((w) => w.includes("outside round T1's window"))).toBe(false);
    expect(await ana()).toEqual([{ role: "Senior librarian", t: "2016-08-06 15:30" }]);
  });

  it("reads the unchanged file again when the round's dates change, so the window decides anew", async () => {
    // A round from 2016-02-01 to 2016-06-30 (registrations from 2015-11-03): month-first, 6 of the
    // 8 rows fall inside (7 Jan to 8 Jun 2016), day-first none; Ana's latest is then row 2 (7 Dec).
    const early = JSON.stringify({ id: "T1", name: "Test round 1", start: "2016-02-01", end: "2016-06-30" });
    const folder = writeRound(dir, "T1", { "round.json": early, "registrations.csv": ukRegistrations() });
    await ingest(db, folder, { pseudonymise });
    expect(await ana()).toEqual([{ role: "Librarian", t: "2016-12-07 09:00" }]);
    // The coordinator corrects the dates in round.json; the export itself is byte for byte the same.
    writeRound(dir, "T1", { "round.json": String(baseRound()["round.json"]), "registrations.csv": ukRegistrations() });
    const again = await ingest(db, folder, { pseudonymise });
    expect(again.files.find((f) => f.kind === "registrations")?.status).toBe("written");
    expect(await ana()).toEqual([{ role: "Senior librarian", t: "2016-08-06 15:30" }]);
  });

  it("follows the mapping file's date_order over the window", async () => {
    const folder = writeRound(dir, "T1", { ...baseRound(), "registrations.csv": ukRegistrations(), "mapping.json": JSON.stringify({ registrations: { date_order: "month-first" } }) });
    const report = await ingest(db, folder, { pseudonymise });
    // Month-first, row 2 is Ana's latest (row 8 is dropped), and 5 of the 7 rows kept are outside
    // (7 Jan to 7 Apr, and 7 Dec 2016).
    expect(report.warnings.some((w) => w.includes("5 of 7 rows registered outside round T1's window"))).toBe(true);
    expect(report.warnings.some((w) => w.includes("ana@example.org submitted twice; row 2 (the latest) counts, row 8 is ignored"))).toBe(true);
    expect(await ana()).toEqual([{ role: "Librarian", t: "2016-12-07 09:00" }]);
  });

  it("is refused, writing nothing, when the window cannot tell", async () => {
    // Every row 05/06/2016 or 06/05/2016 (5 Jun / 6 May either way round): both inside, a tie.
    const tie = ukRegistrations().split("\r\n").map((l, i) => (i >= 1 && i <= stamps.length ? l.replace(/^[^,]*/, i % 2 ? "05/06/2016 9:00" : "06/05/2016 9:00") : l)).join("\r\n");
    const problems = await tryIngest({ "registrations.csv": tie });
    expect(problems).toEqual([expect.stringMatching(/registrations\.csv:0:Timestamp: the date order cannot be told: every date in this column reads both month-first and day-first \(e\.g\. "05\/06\/2016 9:00", row 2\), and the round's window \(2016-05-03 to 2016-11-30\) does not tell which; state it in the mapping file with "date_order": "day-first" or "month-first"/)]);
    expect(await count("registrations")).toBe(0);
  });
});
