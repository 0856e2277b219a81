import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ident, sql, type Db } from "../../src/db";
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
