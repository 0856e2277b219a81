/**
 * What every command shares: the database path (`--db`, `ILN_DB`, `data/iln.duckdb`), opening it,
 * and the pseudonymiser whose key lives beside it. DuckDB loads on the first open, not with the
 * CLI, so `iln --help` starts without its native module.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
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

/**
 * For a run that must write nothing (`--dry-run`): opens the database read-only when it exists,
 * else an empty in-memory one, and runs `fn` with the pseudonymiser of the existing key, else of
 * a key that lives only for this run. No database, key, write-ahead log or folder is created.
 */
export async function withDryRunDb<T>(opts: { db?: string }, fn: (db: Db, pseudonymise: Pseudonymiser) => Promise<T>): Promise<T> {
  const dbPath = dbPathOf(opts);
  const keyPath = keyPathFor(dbPath);
  const pseudonymise = pseudonymiser(existsSync(keyPath) ? loadOrCreateKey(keyPath) : randomBytes(32));
  const { openDatabase } = await import("../db/connection");
  const db = existsSync(dbPath) ? await openDatabase(dbPath, { readOnly: true }) : await openDatabase(":memory:");
  try {
    return await fn(db, pseudonymise);
  } finally {
    db.close();
  }
}
