/**
 * Which key a command may use with a database (src/cli/pseudonym-key.ts), through `iln ingest`,
 * `iln forget` and `--dry-run` in process: a key is created only for a new or empty database; a
 * missing, foreign, damaged or folder key beside a database that holds people is refused with
 * exit 1, creating no key and changing no table.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main";
import { KEY_CHECK } from "../../src/cli/pseudonym-key";
import { openDatabase, sql } from "../../src/db";
import { keyCheck, loadKey } from "../../src/privacy/pseudonym";
import { baseRound, dumpDb, tempDir, writeRound } from "../helpers/rounds";

afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, err };
}

async function dump(file: string): Promise<string> {
  const db = await openDatabase(file, { readOnly: true });
  try {
    return await dumpDb(db);
  } finally {
    db.close();
  }
}

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

let dir: string;
let round: string;
/** A database holding round T1, its key, and a pristine copy of both. */
let base: string;
beforeAll(async () => {
  dir = tempDir("iln-key-");
  round = writeRound(dir, "T1", baseRound());
  base = path.join(dir, "base.duckdb");
  const r = await run(["ingest", round, "--db", base]);
  expect(r.code, r.err).toBe(0);
}, 120_000);

/** A fresh copy of the base database and its key under `name`. */
function copy(name: string): string {
  const db = path.join(dir, `${name}.duckdb`);
  copyFileSync(base, db);
  copyFileSync(`${base}.key`, `${db}.key`);
  return db;
}

describe("the pseudonym key of a database", () => {
  it("is created with a new database, whose meta records its check value", async () => {
    const db = await openDatabase(base, { readOnly: true });
    const rows = await db.all<{ value: string }>(sql`SELECT value FROM meta WHERE key = ${KEY_CHECK}`);
    db.close();
    expect(rows).toEqual([{ value: keyCheck(loadKey(`${base}.key`)) }]);
  });

  it("missing beside a database that holds people: refused with exit 1, no key created, nothing changed (an erased person stays erased)", async () => {
    const file = copy("lost");
    expect((await run(["forget", "ana@example.org", "--db", file])).code).toBe(0);
    rmSync(`${file}.key`);
    const before = await dump(file);
    const bytes = digest(file);
    for (const args of [["ingest", round, "--db", file], ["ingest", round, "--db", file, "--dry-run"]]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`iln: no pseudonym key at ${file}.key, but the database ${file} already holds 6 participant(s)`);
      expect(r.err).toContain("restore the key from a backup");
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(existsSync(`${file}.key`)).toBe(false);
    }
    expect(digest(file)).toBe(bytes);
    expect(await dump(file)).toBe(before);
  }, 60_000);

  it("of another database (a foreign key): refused by ingest, dry run and forget with exit 1", async () => {
    const file = copy("foreign");
    writeFileSync(`${file}.key`, `${"ab".repeat(32)}\n`);
    const before = await dump(file);
    for (const args of [["ingest", round, "--db", file], ["ingest", round, "--db", file, "--dry-run"], ["forget", "ana@example.org", "--db", file]]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`iln: the pseudonym key ${file}.key is not the key of the database ${file}`);
    }
    expect(await dump(file)).toBe(before);
  }, 60_000);

  it("damaged, or a folder: exit 1 with the key's path, never an internal error", async () => {
    const file = copy("damaged");
    writeFileSync(`${file}.key`, "hello\n");
    const r = await run(["ingest", round, "--db", file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`iln: pseudonym key file ${file}.key is damaged (expected 64 hex characters); restore the key from a backup`);
    expect((await run(["forget", "ana@example.org", "--db", file])).code).toBe(1);
    rmSync(`${file}.key`);
    mkdirSync(`${file}.key`);
    const d = await run(["ingest", round, "--db", file]);
    expect(d.code).toBe(1);
    expect(d.err).toContain(`iln: pseudonym key ${file}.key is not a file (a folder, pipe or device)`);
  }, 60_000);

  it("of a database recorded before the check: accepted and recorded on its next ingest", async () => {
    const file = copy("old");
    const w = await openDatabase(file);
    await w.run(sql`DELETE FROM meta WHERE key = ${KEY_CHECK}`);
    w.close();
    expect((await run(["ingest", round, "--db", file])).code).toBe(0);
    const db = await openDatabase(file, { readOnly: true });
    expect(await db.all(sql`SELECT value FROM meta WHERE key = ${KEY_CHECK}`)).toEqual([{ value: keyCheck(loadKey(`${file}.key`)) }]);
    db.close();
  }, 60_000);

  it("is not left behind by a rejected first ingest", async () => {
    const bad = writeRound(dir, "BAD", { ...baseRound(), "round.json": JSON.stringify({ id: "T1", name: "x", start: "2016-08-01", end: "2016-02-30" }) });
    const file = path.join(dir, "first.duckdb");
    expect((await run(["ingest", bad, "--db", file])).code).toBe(1);
    expect(existsSync(`${file}.key`)).toBe(false);
  }, 60_000);
});

describe("--db and ILN_DB", () => {
  it("refuse a blank path (DuckDB would keep the data in memory only) with exit 2", async () => {
    const r = await run(["ingest", round, "--db", ""]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--db needs a file name");
    vi.stubEnv("ILN_DB", " ");
    try {
      const e = await run(["metrics"]);
      expect(e.code).toBe(2);
      expect(e.err).toContain("ILN_DB is set but empty");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
