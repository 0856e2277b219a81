/**
 * Files that hold personal data are owner-only (src/db/files.ts, src/db/connection.ts), whatever
 * the umask: the database and its write-ahead log, the ingest's staging folder, the key, and the
 * coordinators' CSV files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, snapshotDatabase, sql, writePrivateFile } from "../../src/db";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

const mode = (f: string) => statSync(f).mode & 0o777;

describe("writePrivateFile", () => {
  it("creates 0600 and narrows an existing wider file before writing", () => {
    const dir = tempDir();
    const f = path.join(dir, "x.csv");
    writeFileSync(f, "old");
    chmodSync(f, 0o644);
    writePrivateFile(f, "new");
    expect(mode(f)).toBe(0o600);
    writePrivateFile(path.join(dir, "y.csv"), "y");
    expect(mode(path.join(dir, "y.csv"))).toBe(0o600);
  });
});

describe("database files", () => {
  it("are 0600 under a permissive umask: the database, its WAL, and a snapshot", async () => {
    const old = process.umask(0o002);
    try {
      const dir = tempDir();
      const file = path.join(dir, "m.duckdb");
      const db = await openDatabase(file);
      await db.run(sql`INSERT INTO meta VALUES ('x', 'y')`);
      expect(existsSync(`${file}.wal`)).toBe(true);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}.wal`)).toBe(0o600);
      db.close();
      expect(process.umask()).toBe(0o002);
      const snap = path.join(dir, "snap.duckdb");
      await snapshotDatabase(file, snap);
      expect(mode(snap)).toBe(0o600);
      const s = await openDatabase(snap, { readOnly: true });
      expect(await s.all(sql`SELECT value FROM meta WHERE key = 'x'`)).toEqual([{ value: "y" }]);
      s.close();
    } finally {
      process.umask(old);
    }
  });

  it("a database opened with create: false is not created", async () => {
    const file = path.join(tempDir(), "none", "n.duckdb");
    await expect(openDatabase(file, { create: false })).rejects.toThrow(/no database at/);
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});

describe("files the CLI writes", () => {
  it("the database, its key and the coordinators' CSVs are owner-only under a permissive umask", () => {
    const dir = tempDir();
    const db = path.join(dir, "c.duckdb");
    const run = (args: string[]) => spawnSync("/bin/sh", ["-c", `umask 002 && exec "${process.execPath}" bin/iln.js ${args.map((a) => `'${a}'`).join(" ")}`], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" });
    expect(run(["ingest", writeRound(dir, "T1", baseRound()), "--db", db]).status).toBe(0);
    for (const f of [db, `${db}.key`]) expect(mode(f), f).toBe(0o600);
    const atRisk = path.join(dir, "at-risk.csv");
    expect(run(["metrics", "--round", "T1", "--at-risk", atRisk, "--db", db]).status).toBe(0);
    expect(mode(atRisk)).toBe(0o600);
    const out = path.join(dir, "proposal.csv");
    const unmatched = path.join(dir, "unmatched.csv");
    expect(run(["match", "--round", "T1", "--weights", "src/matching/weights.default.json", "--out", out, "--unmatched", unmatched, "--db", db]).status).toBe(0);
    expect(mode(out)).toBe(0o600);
    expect(mode(unmatched)).toBe(0o600);
  });
});
