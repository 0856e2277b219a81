/**
 * Opening the database (src/db/connection.ts): DuckDB never installs or loads an extension on its
 * own, and a path that is not a DuckDB database (a SQLite file, a folder, a pipe, random bytes) is
 * refused before DuckDB sees it, naming what it is.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDatabaseFile, DatabaseInvalidError, openDatabase, snapshotDatabase, sql } from "../../src/db";
import { tempDir } from "../helpers/rounds";

describe("openDatabase", () => {
  it("turns DuckDB's automatic extension install and load off", async () => {
    const db = await openDatabase(path.join(tempDir(), "s.duckdb"));
    try {
      const rows = await db.all<{ install: boolean; load: boolean; community: boolean }>(sql`SELECT current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load, current_setting('allow_community_extensions') AS community`);
      expect(rows).toEqual([{ install: false, load: false, community: false }]);
    } finally {
      db.close();
    }
  });

  it("refuses a SQLite file, random bytes, a folder and a FIFO as not a DuckDB database (no download attempted)", async () => {
    const dir = tempDir();
    const sqlite = path.join(dir, "sq.duckdb");
    writeFileSync(sqlite, Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(8000)]));
    await expect(openDatabase(sqlite)).rejects.toThrow(new DatabaseInvalidError(sqlite, "it is a SQLite database"));
    await expect(openDatabase(sqlite, { readOnly: true })).rejects.toThrow(/is not a DuckDB database \(it is a SQLite database\): check --db \/ ILN_DB, or restore the database from a backup/);
    await expect(snapshotDatabase(sqlite, path.join(dir, "snap.duckdb"))).rejects.toThrow(DatabaseInvalidError);
    const garbage = path.join(dir, "garbage.duckdb");
    writeFileSync(garbage, "id,text\n1,hello\n");
    await expect(openDatabase(garbage)).rejects.toThrow(/its first bytes are not DuckDB's/);
    const folder = path.join(dir, "folder.duckdb");
    mkdirSync(folder);
    expect(() => checkDatabaseFile(folder)).toThrow(/it is a folder/);
    const fifo = path.join(dir, "fifo.duckdb");
    execFileSync("mkfifo", [fifo]);
    expect(() => checkDatabaseFile(fifo)).toThrow(/it is a pipe or device/);
    expect(() => checkDatabaseFile(path.join(dir, "absent.duckdb"))).not.toThrow();
  });
});

describe("a writable open of a database that has the current schema", () => {
  /** The file's bytes, hashed, with its modification time. */
  const fingerprint = async (file: string) => {
    const { createHash } = await import("node:crypto");
    const { readFileSync, statSync } = await import("node:fs");
    return { sha256: createHash("sha256").update(readFileSync(file)).digest("hex"), mtime: statSync(file).mtimeMs };
  };

  it("writes nothing: the file is byte-identical after opening, reading and closing (a rejected ingest rewrote it)", async () => {
    const file = path.join(tempDir(), "same.duckdb");
    (await openDatabase(file)).close(); // creates it with the schema
    const before = await fingerprint(file);
    const db = await openDatabase(file);
    await db.all(sql`SELECT count(*) AS n FROM rounds`);
    db.close();
    expect(await fingerprint(file)).toEqual(before);
  });

  it("still brings the schema up to date once when its record differs, then writes nothing", async () => {
    const file = path.join(tempDir(), "old.duckdb");
    const db = await openDatabase(file);
    await db.run(sql`DELETE FROM meta WHERE key = 'schema_digest'`); // as written before the digest was recorded
    await db.run(sql`DROP VIEW participants`);
    db.close();
    const again = await openDatabase(file);
    expect(await again.all(sql`SELECT count(*)::INTEGER AS n FROM participants`)).toEqual([{ n: 0 }]);
    expect((await again.all<{ n: number }>(sql`SELECT count(*)::INTEGER AS n FROM meta WHERE key = 'schema_digest'`))[0].n).toBe(1);
    again.close();
    const before = await fingerprint(file);
    (await openDatabase(file)).close();
    expect(await fingerprint(file)).toEqual(before);
  });
});
