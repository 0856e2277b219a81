/**
 * Erasure (src/privacy/forget.ts): from every table, from others' notes and comments, physically
 * from the database file, and for good (later ingests of old exports skip the person; the round
 * can still be corrected). The byte-level checks look for the person in the raw files with a
 * positive control first, so they cannot pass because the file never held the text.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FREE_TEXT_COLUMNS, ident, openDatabase, PID_COLUMNS, sql, type Db } from "../../src/db";
import { countryCoverage } from "../../src/metrics/coverage";
import { retentionByRound } from "../../src/metrics/retention";
import { forget } from "../../src/privacy/forget";
import { ingest } from "../../loaders/ingest";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound, type RoundFiles } from "../helpers/rounds";
import { smallRound, ZOE } from "../helpers/small-round";

const pseudonymise = testPseudonymiser();

/**
 * The base round with notes, comments and a role of other people naming Ana: by full name (in
 * another case and Unicode form), by email, and by her given name alone (Dev, in her round).
 */
function roundNamingAna(): Required<Omit<RoundFiles, "mapping.json">> {
  const r = baseRound();
  return {
    ...r,
    "registrations.csv": (r["registrations.csv"] as string).replace(",Gus Weber,Germany,Public,Librarian,", ',Gus Weber,Germany,Public,"Librarian, job share with ANA LIMA",'),
    "events.csv": (r["events.csv"] as string).replace("2016-10-01,gus@example.org,withdrew,moved job", "2016-10-01,gus@example.org,withdrew,moved job; ANA   LIMA knew first (ana@example.org)"),
    "survey.csv": (r["survey.csv"] as string)
      .replace("12/2/2016 10:00:00,fay@example.org,Satisfied,Very satisfied,Fortnightly,Email,Agree,Agree,Strongly agree,Agree,9,Yes,Yes,",
        "12/2/2016 10:00:00,fay@example.org,Satisfied,Very satisfied,Fortnightly,Email,Agree,Agree,Strongly agree,Agree,9,Yes,Yes,My partner ana lima was great")
      .replace(",7,Yes,Undecided,", ",7,Yes,Undecided,Thanks to Ana's tips on cataloguing"),
  };
}

let dir: string;
let dbPath: string;
let db: Db;
beforeEach(async () => {
  dir = tempDir();
  db = await freshDb(dir);
  dbPath = db.path;
  await ingest(db, writeRound(dir, "T1", roundNamingAna()), { pseudonymise });
});
afterEach(() => db.close());

const noCaches = { replayCache: null, loaderCache: null };

/** Reopens the database (forget closes it). */
async function reopen(): Promise<Db> {
  db.close();
  db = await openDatabase(dbPath);
  return db;
}

/** Every cell of every table, as text, that contains `needle` (case-insensitive). */
async function find(needle: string): Promise<string[]> {
  const tables = await db.all<{ t: string }>(sql`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'`);
  const hits: string[] = [];
  for (const { t } of tables) {
    const rows = await db.all<Record<string, unknown>>(sql`SELECT * FROM ${ident(t)}`);
    for (const r of rows) if (JSON.stringify(r).toLowerCase().includes(needle.toLowerCase())) hits.push(`${t}: ${JSON.stringify(r)}`);
  }
  return hits;
}

describe("forget", () => {
  it("removes the person from every table; the partner keeps their record with a tombstone", async () => {
    const pid = pseudonymise("ana@example.org");
    expect((await find("ana@example.org")).length).toBeGreaterThan(0);
    const report = await forget(db, " ANA@example.org", pseudonymise, noCaches);
    // Ana: 1 registration (latest of two rows), 0 events, 1 survey response, 1 identity, 1 partnership (T1-1 with Fay).
    expect(report).toMatchObject({ found: true, alreadyErased: false, rows: { registrations: 1, events: 0, survey_responses: 1, identities: 1, partnerships: 1 } });
    await reopen();
    expect(await find("ana@example.org")).toEqual([]);
    expect(await find(pid)).toEqual([]);
    expect(await find("Ana Lima")).toEqual([]);
    expect(await find("Fay was wonderful")).toEqual([]);
    const fay = pseudonymise("fay@example.org");
    const p = await db.all<{ a: string; b: string }>(sql`SELECT pid_a AS a, pid_b AS b FROM partnerships WHERE partnership_id = 'T1-1'`);
    expect(p[0].b).toBe(fay);
    expect(p[0].a).toMatch(/^erased_[0-9a-f]{20}$/);
    expect(await db.all(sql`SELECT count(*)::INTEGER AS n FROM survey_responses WHERE pid = ${fay}`)).toEqual([{ n: 1 }]);
  });

  it("counts the tombstone as no participant: participants stay within registrations, and no 'unknown' country appears", async () => {
    // Before: 7 registered, 7 participants; after forgetting Ana, 6 registered but still 7
    // participants, one of them from an "unknown" country (found by a coordinator's review).
    const before = (await retentionByRound(db)).find((r) => r.round === "T1")!;
    expect([before.registered, before.participants]).toEqual([7, 7]);
    await forget(db, "ana@example.org", pseudonymise, noCaches);
    await reopen();
    const after = (await retentionByRound(db)).find((r) => r.round === "T1")!;
    expect([after.registered, after.participants, after.partnerships]).toEqual([6, 6, 4]);
    const countries = (await countryCoverage(db)).filter((c) => c.round === "T1").map((c) => c.country);
    expect(countries).toHaveLength(6);
    expect(countries).not.toContain("unknown");
  });

  it("redacts the person's full name and email in the notes and comments of others, whatever the case and spacing", async () => {
    const report = await forget(db, "ana@example.org", pseudonymise, noCaches);
    expect(report.redacted).toEqual({ registrations: 1, events: 1, survey_responses: 2 });
    await reopen();
    expect(await db.all(sql`SELECT note FROM events WHERE type = 'withdrew'`)).toEqual([{ note: "moved job; [erased] knew first ([erased])" }]);
    expect(await db.all(sql`SELECT comments FROM survey_responses WHERE comments IS NOT NULL ORDER BY ALL`)).toEqual([
      { comments: "My partner [erased] was great" },
      { comments: "Thanks to [erased]'s tips on cataloguing" },
    ]);
    expect(await db.all(sql`SELECT role FROM registrations WHERE role LIKE '%job share%'`)).toEqual([{ role: "Librarian, job share with [erased]" }]);
    // Others' text that does not name her is untouched.
    expect(await db.all(sql`SELECT note FROM events WHERE type = 'no_response_reported'`)).toEqual([{ note: "Emi has not replied" }]);
  });

  it("finds a person whose email was stored in another Unicode form and case", async () => {
    db.close();
    const d2 = tempDir();
    db = await freshDb(d2);
    dbPath = db.path;
    const nfd = "Zoe\u0301@Example.org"; // e + combining acute
    const r = baseRound();
    const files = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v).replaceAll("gus@example.org", nfd).replace("Gus Weber", "Zoé Weber")]));
    await ingest(db, writeRound(d2, "T1", files), { pseudonymise });
    expect((await db.all(sql`SELECT email FROM identities WHERE name = 'Zoé Weber'`)).length).toBe(1);
    const report = await forget(db, "zo\u00e9@example.org", pseudonymise, noCaches);
    expect(report.rows).toMatchObject({ registrations: 1, events: 1, identities: 1, partnerships: 1 });
    await reopen();
    expect(await find("Weber")).toEqual([]);
  });

  it("records the erasure as a keyed hash, not the email or the pseudonym, even for someone not in the database", async () => {
    const report = await forget(db, "nobody@example.org", pseudonymise, noCaches);
    expect(report).toMatchObject({ found: false, alreadyErased: false });
    await reopen();
    const rows = await db.all<{ hash: string }>(sql`SELECT hash FROM erased_people`);
    expect(rows).toEqual([{ hash: pseudonymise.erasureHash("nobody@example.org") }]);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].hash).not.toContain(pseudonymise("nobody@example.org").slice(2));
    const again = await forget(db, "Nobody@Example.org", pseudonymise, noCaches);
    expect(again.alreadyErased).toBe(true);
  });

  it("leaves no byte of the person in the database file, its write-ahead log or the staging folder", async () => {
    const needles = ["ana@example.org", "Ana Lima", pseudonymise("ana@example.org"), "Fay was wonderful", "Senior librarian", "Ana's tips", "Ana", "ANA LIMA"];
    db.close();
    // Positive control: the closed database file holds every needle as plain bytes.
    const before = readFileSync(dbPath);
    for (const n of needles) expect(before.includes(Buffer.from(n)), `before: ${n}`).toBe(true);
    db = await openDatabase(dbPath);
    mkdirSync(`${dbPath}.staging`, { recursive: true });
    writeFileSync(`${dbPath}.staging/registrations.csv`, "a row a killed ingest left: ana@example.org\n");
    await forget(db, "ana@example.org", pseudonymise, noCaches);
    expect(existsSync(`${dbPath}.staging`)).toBe(false);
    expect(existsSync(`${dbPath}.wal`)).toBe(false);
    const after = readFileSync(dbPath);
    for (const n of [...needles, "ana lima", "ANA@EXAMPLE.ORG"]) expect(after.includes(Buffer.from(n)), `after: ${n}`).toBe(false);
    // Nothing but the database itself (and its key, none here) is left beside it.
    const left = (await import("node:fs")).readdirSync(dir).filter((n) => n !== "T1");
    expect(left).toEqual([path.basename(dbPath)]);
    await reopen();
    expect((await db.all(sql`SELECT count(*)::INTEGER AS n FROM registrations`))[0]).toEqual({ n: 6 });
  });

  it("removes the replay cache, the loader cache and leftovers of killed builds", async () => {
    const replayCache = path.join(dir, "replays");
    const loaderCache = path.join(dir, "loaders");
    const leftover = path.join(dir, `.${path.basename(dbPath)}.build-123-abcd`);
    for (const d of [replayCache, loaderCache, leftover]) {
      mkdirSync(d);
      writeFileSync(path.join(d, "x.json"), "{}");
    }
    const report = await forget(db, "ana@example.org", pseudonymise, { replayCache, loaderCache });
    expect(report.removed.sort()).toEqual([leftover, loaderCache, replayCache].sort());
    for (const d of [replayCache, loaderCache, leftover]) expect(existsSync(d)).toBe(false);
  });
});

describe("ingest after forget", () => {
  it("skips the erased person in an old export (same data, other bytes) with a warning naming the rows, and keeps the partner's partnership", async () => {
    await forget(db, "ana@example.org", pseudonymise, noCaches);
    await reopen();
    const r = roundNamingAna();
    const lf = (t: string | Uint8Array) => String(t).replace(/\r\n/g, "\n");
    const old = writeRound(dir, "T1-old", { ...r, "registrations.csv": lf(r["registrations.csv"]), "partnerships.csv": lf(r["partnerships.csv"]) + "\n", "survey.csv": lf(r["survey.csv"]) + "\n", "events.csv": lf(r["events.csv"]) + "\n" });
    const report = await ingest(db, old, { pseudonymise });
    const files = (k: string) => path.join(old, k);
    // Registrations: row 8 is Ana's latest (row 2, her earlier one, is dropped as a duplicate first).
    expect(report.warnings).toContain(`${files("registrations.csv")}: row 8 belongs to a person erased by \`iln forget\`: skipped (remove them from the export)`);
    expect(report.warnings).toContain(`${files("survey.csv")}: row 2 belongs to a person erased by \`iln forget\`: skipped (remove them from the export)`);
    expect(report.warnings).toContain(`${files("partnerships.csv")}: row 2 holds a person erased by \`iln forget\`: their side of the partnership is kept as an anonymous tombstone`);
    expect(await find("ana@example.org")).toEqual([]);
    expect(await find(pseudonymise("ana@example.org"))).toEqual([]);
    const p = await db.all<{ a: string; b: string }>(sql`SELECT pid_a AS a, pid_b AS b FROM partnerships WHERE partnership_id = 'T1-1'`);
    expect(p).toEqual([{ a: expect.stringMatching(/^erased_[0-9a-f]{20}$/), b: pseudonymise("fay@example.org") }]);
  });

  it("accepts a corrected file of a round whose partnerships hold a tombstone", async () => {
    await forget(db, "ana@example.org", pseudonymise, noCaches);
    await reopen();
    const survey = (baseRound()["survey.csv"] as string).split("\n").filter((l) => !l.startsWith("12/1/2016")).join("\n").replace(",9,Yes,Yes,", ",8,Yes,Yes,");
    const report = await ingest(db, path.join(writeRound(dir, "fix", { "survey.csv": survey }), "survey.csv"), { pseudonymise, kind: "survey", round: "T1" });
    expect(report.files.map((f) => f.status)).toEqual(["written"]);
    expect(await db.all(sql`SELECT recommend FROM survey_responses WHERE pid = ${pseudonymise("fay@example.org")}`)).toEqual([{ recommend: 8 }]);
  });
});

/** `csv` with the last cell (the comment) of the row holding `email` set to `comment` (no commas). */
function withComment(csv: string, email: string, comment: string): string {
  return csv.split("\n").map((l) => (l.includes(`,${email},`) ? l.replace(/,[^,]*$/, `,${comment}`) : l)).join("\n");
}

/**
 * Two small real-looking rounds (test/helpers/small-round.ts): S1, where Zoë Lonely is partnered
 * with p23, and S2 a year later without her, where p23 takes part again. Others name her by her
 * given or family name alone: her partner (in both rounds), someone else of S1 (a comment and a
 * typed-in role), and a word of S2 that is her family name ("lonely") in no relation to her.
 */
function roundsNamingZoe(): Record<"s1" | "s2", Record<keyof ReturnType<typeof smallRound>, string>> {
  const s1 = smallRound("S1", 2016) as Record<keyof ReturnType<typeof smallRound>, string>;
  s1["survey.csv"] = withComment(withComment(s1["survey.csv"], "p23@example.org", "zoe\u0308 and I met weekly; Zoëlle sends her regards"), "p02@example.org", "Thanks to LONELY for the zine; I felt lonely at first");
  s1["registrations.csv"] = s1["registrations.csv"].replace(/(,p03@example\.org,[^\r]*?),Librarian,/, "$1,Librarian (covering for Zoë),");
  const yara = (text: string) => text.replaceAll(ZOE.email.toUpperCase(), "YARA@EXAMPLE.ORG").replaceAll(ZOE.email, "yara@example.org").replaceAll(ZOE.name, "Yara Quill").replaceAll("Zoe\u0301 Lonely", "Yara Quill").replaceAll(ZOE.given, "Yara");
  const s2 = Object.fromEntries(Object.entries(smallRound("S2", 2017, "yara@example.org")).map(([k, v]) => [k, yara(String(v))])) as typeof s1;
  s2["survey.csv"] = withComment(withComment(s2["survey.csv"], "p23@example.org", "I miss ZOË"), "p02@example.org", "I felt lonely at first");
  return { s1, s2 };
}

describe("forget: single names in others' free text", () => {
  let d: string;
  let h: Db;
  beforeEach(async () => {
    d = tempDir();
    h = await freshDb(d);
    const { s1, s2 } = roundsNamingZoe();
    await ingest(h, writeRound(d, "S1", s1), { pseudonymise });
    await ingest(h, writeRound(d, "S2", s2), { pseudonymise });
  });
  afterEach(() => h.close());

  /** Every comment and role of `round`, by email of its writer. */
  async function texts(db: Db, round: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [email, pid] of [["p02", "p02@example.org"], ["p03", "p03@example.org"], ["p23", "p23@example.org"]].map(([k, e]) => [k, pseudonymise(e)])) {
      const [c] = await db.all<{ c: string | null }>(sql`SELECT comments AS c FROM survey_responses WHERE round_id = ${round} AND pid = ${pid}`);
      const [r] = await db.all<{ r: string | null }>(sql`SELECT role AS r FROM registrations WHERE round_id = ${round} AND pid = ${pid}`);
      if (c?.c) out[`${email} comment`] = c.c;
      if (r?.r && r.r !== "Librarian") out[`${email} role`] = r.r;
    }
    return out;
  }

  it("redacts her given and family names alone in her round and her partner's rows, whole words only, and leaves no byte of them", async () => {
    expect(await texts(h, "S1")).toEqual({
      "p02 comment": "Thanks to LONELY for the zine; I felt lonely at first",
      "p03 role": "Librarian (covering for Zoë)",
      "p23 comment": "zoe\u0308 and I met weekly; Zoëlle sends her regards",
    });
    h.close();
    const needles = ["Zoë", "zoë", "ZOË", "Zoe\u0308", "zoe\u0308", "Lonely", "LONELY"];
    // Positive control: the file holds her names in the forms the exports wrote them.
    const before = readFileSync(path.join(d, "test.duckdb"));
    expect(needles.filter((n) => before.includes(Buffer.from(n)))).toEqual(needles.filter((n) => n !== "Zoe\u0308"));
    h = await openDatabase(path.join(d, "test.duckdb"));
    const report = await forget(h, ZOE.email, pseudonymise, noCaches);
    // Comments: p01's (her email), p02's and p23's of S1, p23's of S2; notes: p23's two; p03's role.
    expect(report.redacted).toEqual({ registrations: 1, events: 2, survey_responses: 4 });
    h = await openDatabase(path.join(d, "test.duckdb"));
    expect(await texts(h, "S1")).toEqual({
      "p02 comment": "Thanks to [erased] for the zine; I felt [erased] at first",
      "p03 role": "Librarian (covering for [erased])",
      "p23 comment": "[erased] and I met weekly; Zoëlle sends her regards",
    });
    // Her former partner's comment of a later round; someone else's "lonely" there is no name of hers.
    expect(await texts(h, "S2")).toEqual({ "p02 comment": "I felt lonely at first", "p23 comment": "I miss [erased]" });
    expect(await h.all(sql`SELECT note FROM events WHERE round_id = 'S1' AND note IS NOT NULL ORDER BY ALL`)).toEqual([
      { note: "Met [erased] online" },
      // "Zoé" (another accent) is her given name as people type it: found without diacritics.
      { note: "[erased] [erased] ([erased]) has not replied" },
    ]);
    h.close();
    // Byte for byte (latin1 keeps every byte), once the one word that merely starts like her name is taken out.
    const after = Buffer.from(readFileSync(path.join(d, "test.duckdb")).toString("latin1").replaceAll(Buffer.from("Zoëlle").toString("latin1"), ""), "latin1");
    expect(needles.filter((n) => after.includes(Buffer.from(n)))).toEqual([]);
    h = await openDatabase(path.join(d, "test.duckdb"));
  });

  it("does the same to an old export of her round ingested after the erasure", async () => {
    await forget(h, ZOE.email, pseudonymise, noCaches);
    h = await openDatabase(path.join(d, "test.duckdb"));
    const { s1 } = roundsNamingZoe();
    // Other bytes (a blank line at the end), so the files are not skipped as unchanged.
    const old = writeRound(d, "S1-old", Object.fromEntries(Object.entries(s1).map(([k, v]) => [k, k.endsWith(".csv") ? `${v}\n` : v])));
    const report = await ingest(h, old, { pseudonymise });
    expect(report.warnings.some((w) => w.includes("named a person erased by `iln forget`"))).toBe(true);
    expect(await texts(h, "S1")).toEqual({
      "p02 comment": "Thanks to [erased] for the zine; I felt [erased] at first",
      "p03 role": "Librarian (covering for [erased])",
      "p23 comment": "[erased] and I met weekly; Zoëlle sends her regards",
    });
    expect(await texts(h, "S2")).toEqual({ "p02 comment": "I felt lonely at first", "p23 comment": "I miss [erased]" });
  });
});

/**
 * Columns of the schema's tables that hold a pseudonym but are not named in PID_COLUMNS: by name
 * (`pid`, `pid_*`), or by content (a value that is one of `pids`, whatever the column's name).
 */
async function unlistedPidColumns(pids: readonly string[]): Promise<string[]> {
  const cols = await db.all<{ t: string; c: string; type: string }>(sql`
    SELECT c.table_name AS t, c.column_name AS c, c.data_type AS type FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
    WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`);
  const out: string[] = [];
  for (const { t, c, type } of cols) {
    if (PID_COLUMNS[t]?.columns.includes(c)) continue;
    if (/^pid(_|$)/.test(c)) {
      out.push(`${t}.${c}`);
      continue;
    }
    if (!type.startsWith("VARCHAR")) continue;
    const cell = type.endsWith("[]") ? sql`list_has_any(${ident(c)}, ${pids}::VARCHAR[])` : sql`list_contains(${pids}::VARCHAR[], ${ident(c)})`;
    const [{ n }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(t)} WHERE ${cell}`);
    if (n > 0) out.push(`${t}.${c}`);
  }
  return out;
}

describe("FREE_TEXT_COLUMNS", () => {
  it("names text columns of tables that have the round_id and pid deciding what is near an erased person", async () => {
    for (const [t, columns] of Object.entries(FREE_TEXT_COLUMNS)) {
      const have = new Map((await db.all<{ c: string; type: string }>(sql`SELECT column_name AS c, data_type AS type FROM information_schema.columns WHERE table_name = ${t}`)).map((r) => [r.c, r.type]));
      expect(have.get("round_id"), `${t}.round_id`).toBe("VARCHAR");
      expect(have.get("pid"), `${t}.pid`).toBe("VARCHAR");
      for (const c of columns) expect(have.get(c), `${t}.${c}`).toBe("VARCHAR");
    }
  });
});

describe("PID_COLUMNS", () => {
  it("names every column of the schema that holds a pseudonym, and only columns that exist", async () => {
    const pids = (await db.all<{ pid: string }>(sql`SELECT pid FROM identities`)).map((r) => r.pid);
    expect(pids.length).toBe(7);
    expect(await unlistedPidColumns(pids)).toEqual([]);
    for (const [t, { columns }] of Object.entries(PID_COLUMNS)) {
      const have = (await db.all<{ c: string }>(sql`SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${t}`)).map((r) => r.c);
      for (const c of columns) expect(have, `${t}.${c}`).toContain(c);
    }
  });

  it("catches a table that holds pseudonyms under any name without being listed", async () => {
    const [{ pid }] = await db.all<{ pid: string }>(sql`SELECT pid FROM identities LIMIT 1`);
    await db.run(sql`CREATE TABLE theme_codes (pid VARCHAR, theme VARCHAR)`);
    await db.run(sql`CREATE TABLE mentors (mentor VARCHAR, mentees VARCHAR[])`);
    await db.run(sql`INSERT INTO mentors VALUES ('someone', [${pid}])`);
    expect(await unlistedPidColumns([pid])).toEqual(["mentors.mentees", "theme_codes.pid"]);
  });
});
