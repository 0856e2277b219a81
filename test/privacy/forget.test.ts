import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ident, PID_COLUMNS, sql, type Db } from "../../src/db";
import { forget } from "../../src/privacy/forget";
import { ingest } from "../../loaders/ingest";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

let db: Db;
const pseudonymise = testPseudonymiser();
beforeEach(async () => {
  const dir = tempDir();
  db = await freshDb(dir);
  await ingest(db, writeRound(dir, "T1", baseRound()), { pseudonymise });
});
afterEach(() => db.close());

/** Every cell of every table, as text, that contains `needle`. */
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
  it("removes the person from every table; the partner keeps their record", async () => {
    const pid = pseudonymise("ana@example.org");
    expect((await find("ana@example.org")).length).toBeGreaterThan(0);
    const report = await forget(db, " ANA@example.org", pseudonymise);
    // Ana: 1 registration (latest of two rows), 0 events, 1 survey response, 1 identity, 1 partnership (T1-1 with Fay).
    expect(report).toEqual({ found: true, rows: { registrations: 1, events: 0, survey_responses: 1, identities: 1, partnerships: 1 } });
    expect(await find("ana@example.org")).toEqual([]);
    expect(await find(pid)).toEqual([]);
    expect(await find("Ana Lima")).toEqual([]);
    const fay = pseudonymise("fay@example.org");
    const p = await db.all<{ a: string; b: string }>(sql`SELECT pid_a AS a, pid_b AS b FROM partnerships WHERE partnership_id = 'T1-1'`);
    expect(p[0].b).toBe(fay);
    expect(p[0].a).toMatch(/^erased_[0-9a-f]{20}$/);
    expect(await db.all(sql`SELECT count(*)::INTEGER AS n FROM survey_responses WHERE pid = ${fay}`)).toEqual([{ n: 1 }]);
  });

  it("reports an unknown email and changes nothing", async () => {
    expect(await forget(db, "nobody@example.org", pseudonymise)).toMatchObject({ found: false });
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
