/**
 * What every command shares: the database path (`--db`, `ILN_DB`, `data/iln.duckdb`), opening it,
 * and the pseudonymiser whose key lives beside it.
 */
import { defaultDbPath, openDatabase, type Db } from "../db";
import { keyPathFor, loadOrCreateKey, pseudonymiser, type Pseudonymiser } from "../privacy/pseudonym";

/** Resolves the database path of a command. */
export function dbPathOf(opts: { db?: string }): string {
  return opts.db ?? defaultDbPath();
}

/** Opens the database of a command and runs `fn`, closing it afterwards. */
export async function withDb<T>(opts: { db?: string }, readOnly: boolean, fn: (db: Db) => Promise<T>): Promise<T> {
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
