/**
 * What every command shares: the database path (`--db`, `ILN_DB`, `data/iln.duckdb`), opening it,
 * and the pseudonymiser whose key lives beside it. DuckDB loads on the first open, not with the
 * CLI, so `iln --help` starts without its native module.
 */
import { existsSync } from "node:fs";
import type { Db } from "../db";
import { defaultDbPath } from "../db/errors";
import { UsageError } from "../domain/errors";
import { pseudonymiser, type Pseudonymiser } from "../privacy/pseudonym";
import { minCellSize } from "../privacy/suppress";
import { keyForIngest, settleIngestKey } from "./pseudonym-key";

/**
 * Resolves the database path of a command: `--db`, else `ILN_DB`, else `data/iln.duckdb`.
 * @throws UsageError when `--db` or `ILN_DB` is given but blank (DuckDB would open an in-memory
 *   database that keeps nothing, and the run would report success).
 */
export function dbPathOf(opts: { db?: string }): string {
  if (opts.db !== undefined) {
    if (opts.db.trim() === "") throw new UsageError("--db needs a file name (an empty one would be a database in memory that keeps nothing)");
    return opts.db;
  }
  const env = process.env.ILN_DB;
  if (env !== undefined && env.trim() === "") throw new UsageError("ILN_DB is set but empty: give it the database file, or unset it for data/iln.duckdb");
  return defaultDbPath();
}

/**
 * The minimum cell size `ILN_MIN_CELL` (default 5), checked before a command that publishes or
 * shows figures (`metrics`, `themes`, `slides`) does any work.
 * @throws UsageError naming the variable when it is set but not a decimal integer >= 1.
 */
export function checkMinCell(): number {
  try {
    return minCellSize();
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Opens the database of a command and runs `fn`, closing it afterwards.
 * @throws DatabaseMissingError / DatabaseBusyError from the open; what `fn` throws.
 */
export async function withDb<T>(opts: { db?: string }, readOnly: boolean, fn: (db: Db) => Promise<T>): Promise<T> {
  const { openDatabase } = await import("../db/connection");
  const db = await openDatabase(dbPathOf(opts), { readOnly });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/**
 * For a run that writes people into the database (`iln ingest`): decides the key first
 * (src/cli/pseudonym-key.ts: refused when missing or foreign beside a database that holds people,
 * created only for a new or empty one), then opens the database for writing and runs `fn` with
 * its pseudonymiser. Afterwards the database records the key's check value; a run that fails
 * leaves no key file it created, and no database file either when there was none before it (`fn`
 * writes in one transaction, committed last, as `ingest` does, so a failed `fn` committed nothing). A
 * database that was there is left byte for byte as it was by a run that wrote nothing (opening
 * writes nothing to a database of the current schema: src/db/connection.ts, `ensureSchema`).
 * @throws KeyMissingError / KeyFileError before anything is opened for writing; what `fn` and the open throw.
 */
export async function withIngestDb<T>(opts: { db?: string }, fn: (db: Db, pseudonymise: Pseudonymiser) => Promise<T>): Promise<T> {
  const k = await keyForIngest(dbPathOf(opts), { create: true });
  const existed = existsSync(dbPathOf(opts));
  let db: Db;
  try {
    const { openDatabase } = await import("../db/connection");
    db = await openDatabase(dbPathOf(opts));
  } catch (err) {
    if (k.created) (await import("node:fs")).rmSync(k.keyPath, { force: true });
    throw err;
  }
  let ran = false;
  try {
    const result = await fn(db, pseudonymiser(k.key));
    ran = true;
    await settleIngestKey(db, k, true);
    return result;
  } catch (err) {
    await settleIngestKey(db, k, false);
    if (!existed && !ran) {
      // The run failed, so its transaction never committed: the database it created holds the
      // schema alone, and is removed, as it was not there before.
      db.close();
      for (const f of [dbPathOf(opts), `${dbPathOf(opts)}.wal`]) (await import("node:fs")).rmSync(f, { force: true });
    }
    throw err;
  } finally {
    db.close();
  }
}

/**
 * For a run that must write nothing (`--dry-run`): opens the database read-only when it exists,
 * else an empty in-memory one, and runs `fn` with the pseudonymiser of the existing key, else of
 * a key that lives only for this run. No database, key, write-ahead log or folder is created. The
 * key is checked as a real run checks it (a missing or foreign key beside a database that holds
 * people is refused).
 */
export async function withDryRunDb<T>(opts: { db?: string }, fn: (db: Db, pseudonymise: Pseudonymiser) => Promise<T>): Promise<T> {
  const dbPath = dbPathOf(opts);
  const pseudonymise = pseudonymiser((await keyForIngest(dbPath, { create: false })).key);
  const { openDatabase } = await import("../db/connection");
  const db = existsSync(dbPath) ? await openDatabase(dbPath, { readOnly: true }) : await openDatabase(":memory:");
  try {
    return await fn(db, pseudonymise);
  } finally {
    db.close();
  }
}
