/**
 * What every command shares: the database path (`--db`, `ILN_DB`, `data/iln.duckdb`), opening it,
 * and the pseudonymiser whose key lives beside it. DuckDB loads on the first open, not with the
 * CLI, so `iln --help` starts without its native module.
 */
import type { Db } from "../db";
import { defaultDbPath } from "../db/errors";
import { keyPathFor, loadOrCreateKey, pseudonymiser, type Pseudonymiser } from "../privacy/pseudonym";

/** Resolves the database path of a command. */
export function dbPathOf(opts: { db?: string }): string {
  return opts.db ?? defaultDbPath();
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

/** The pseudonymiser for the database at `dbPath` (creating its key on first use). */
export function pseudonymiserFor(dbPath: string): Pseudonymiser {
  return pseudonymiser(loadOrCreateKey(keyPathFor(dbPath)));
}
