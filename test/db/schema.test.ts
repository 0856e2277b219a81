/**
 * The schema's upgrade path (`MIGRATIONS`, src/db/schema.ts): a database written by version 1 (a
 * survey pseudonym NOT NULL, no `round_surveys`) or version 2 (a survey submission time NOT NULL)
 * is upgraded when opened, writable or read-only. The older databases are made here from a fresh
 * one by undoing what the later versions added.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, sql, type Db } from "../../src/db";
import { SCHEMA_VERSION } from "../../src/db/schema";
import { tempDir } from "../helpers/rounds";

/** A database as version 2 left it: a survey response's submission time NOT NULL. */
async function versionTwo(db: Db): Promise<void> {
  await db.run(sql`ALTER TABLE survey_responses ALTER COLUMN submitted_at SET NOT NULL`);
  await db.run(sql`UPDATE meta SET value = '2' WHERE key = 'schema_version'`);
}

/** A database as version 1 left it: two rounds' responses, one answering the optional `recommend`. */
async function versionOne(file: string): Promise<void> {
  const db = await openDatabase(file);
  await versionTwo(db);
  await db.run(sql`DROP TABLE round_surveys`);
  await db.run(sql`ALTER TABLE survey_responses ALTER COLUMN pid SET NOT NULL`);
  await db.run(sql`UPDATE meta SET value = '1' WHERE key = 'schema_version'`);
  const answer = (round: string, pid: string, recommend: number | null) =>
    db.run(sql`INSERT INTO survey_responses VALUES (${round}, ${pid}, '2016-12-01 00:00:00', 5, 4, 'Weekly', []::VARCHAR[], 4, 4, 4, 4, ${recommend}, 'Yes', NULL, NULL, 2)`);
  await answer("R1", "p_1", 9);
  await answer("R1", "p_2", null);
  await answer("R2", "p_3", null);
  db.close();
}

/** Whether `survey_responses.<column>` is nullable: "YES" or "NO". */
async function nullable(db: Db, column: string): Promise<string> {
  return (await db.all<{ n: string }>(sql`SELECT is_nullable AS n FROM information_schema.columns WHERE table_name = 'survey_responses' AND column_name = ${column}`))[0].n;
}

async function state(db: Db) {
  return {
    version: (await db.all<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'schema_version'`))[0].value,
    nullable: await nullable(db, "pid"),
    timeNullable: await nullable(db, "submitted_at"),
    surveys: await db.all(sql`SELECT round_id, anonymous, respondent_key, asked FROM round_surveys ORDER BY round_id`),
  };
}

const V1_ASKED = ["program_satisfaction", "partner_satisfaction", "contact_frequency", "outcome_perspective", "outcome_ideas", "outcome_confidence", "outcome_motivation", "participate_again"];

describe("schema upgrade from version 1", () => {
  it("upgrades on a writable open: nullable survey pseudonym, one round_surveys record per surveyed round", async () => {
    const file = path.join(tempDir(), "v1.duckdb");
    await versionOne(file);
    const db = await openDatabase(file);
    try {
      expect(await state(db)).toEqual({
        version: String(SCHEMA_VERSION),
        nullable: "YES",
        timeNullable: "YES",
        surveys: [
          { round_id: "R1", anonymous: false, respondent_key: "email", asked: [...V1_ASKED, "recommend"] },
          { round_id: "R2", anonymous: false, respondent_key: "email", asked: V1_ASKED },
        ],
      });
      await db.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, methods, source_row) VALUES ('R2', NULL, '2016-12-02 00:00:00', []::VARCHAR[], 3)`);
    } finally {
      db.close();
    }
    // Opening again changes nothing.
    const again = await openDatabase(file);
    try {
      expect((await state(again)).surveys).toHaveLength(2);
    } finally {
      again.close();
    }
  });

  it("upgrades before a read-only open reads", async () => {
    const file = path.join(tempDir(), "v1.duckdb");
    await versionOne(file);
    const db = await openDatabase(file, { readOnly: true });
    try {
      expect(db.readOnly).toBe(true);
      expect((await state(db)).version).toBe(String(SCHEMA_VERSION));
    } finally {
      db.close();
    }
  });

  it("upgrades a version-2 database: a submission time may be unknown, the responses kept", async () => {
    const file = path.join(tempDir(), "v2.duckdb");
    const old = await openDatabase(file);
    await versionTwo(old);
    await old.run(sql`INSERT INTO round_surveys VALUES ('R1', true, NULL, ['recommend'])`);
    await old.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, methods, recommend, source_row) VALUES ('R1', NULL, '2016-12-01 00:00:00', []::VARCHAR[], 9, 2)`);
    await expect(old.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, methods, source_row) VALUES ('R1', NULL, NULL, []::VARCHAR[], 3)`)).rejects.toThrow(/NOT NULL/);
    old.close();
    const db = await openDatabase(file);
    try {
      expect(await state(db)).toEqual({
        version: String(SCHEMA_VERSION),
        nullable: "YES",
        timeNullable: "YES",
        surveys: [{ round_id: "R1", anonymous: true, respondent_key: null, asked: ["recommend"] }],
      });
      await db.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, methods, source_row) VALUES ('R1', NULL, NULL, []::VARCHAR[], 3)`);
      expect(await db.all(sql`SELECT submitted_at::VARCHAR AS t, recommend FROM survey_responses ORDER BY source_row`)).toEqual([{ t: "2016-12-01 00:00:00", recommend: 9 }, { t: null, recommend: null }]);
    } finally {
      db.close();
    }
  });
});
