/**
 * Which pseudonym key a command may use with a database (README.md, "Privacy"). A key is created
 * only for a database that holds nobody yet; beside a database that holds people a missing key is
 * refused (a new one would make every returning person new and let erased people back in), and so
 * is a key that is not the database's own: the database records the check value of its key
 * (`meta.key_check`, `keyCheck`) the first time a key is used with it, and every later use
 * compares. A database recorded before this check accepts the key it is next used with.
 */
import { existsSync, rmSync } from "node:fs";
import type { Db } from "../db";
import { sql } from "../db/sql";
import { createKey, keyCheck, KeyFileError, KeyMissingError, keyPathFor, loadKey } from "../privacy/pseudonym";

/** The `meta` entry holding the database's key check value. */
export const KEY_CHECK = "key_check";

/** What a database says about its key: how many records name people, and the key check it recorded (null: none yet). */
export interface KeyState {
  /** Rows that hold a pseudonym or an erasure hash: identities, registrations, survey answers, events, partnerships, erased people. */
  records: number;
  /** Distinct people registered (for messages). */
  people: number;
  check: string | null;
}

/** Reads the {@link KeyState} of an open database. @throws Error from DuckDB. */
export async function keyStateOf(db: Db): Promise<KeyState> {
  const [row] = await db.all<{ records: number; people: number }>(sql`SELECT
      (SELECT count(*) FROM identities) + (SELECT count(*) FROM registrations) + (SELECT count(*) FROM erased_people)
        + (SELECT count(*) FROM survey_responses WHERE pid IS NOT NULL) + (SELECT count(*) FROM events) + (SELECT count(*) FROM partnerships) AS records,
      (SELECT count(DISTINCT pid) FROM registrations) AS people`);
  const check = await db.all<{ value: string }>(sql`SELECT value FROM meta WHERE key = ${KEY_CHECK}`);
  return { records: row.records, people: row.people, check: check[0]?.value ?? null };
}

/** Records the key's check value in the database (a writable one). @throws Error from DuckDB. */
export async function recordKeyCheck(db: Db, key: Buffer): Promise<void> {
  await db.run(sql`INSERT OR REPLACE INTO meta VALUES (${KEY_CHECK}, ${keyCheck(key)})`);
}

/**
 * Checks that `key` is the key of the database whose state is `state`.
 * @throws KeyFileError naming the key file when the database recorded another key's check value.
 */
export function verifyKey(state: KeyState, key: Buffer, keyPath: string, dbPath: string): void {
  if (state.check !== null && state.check !== keyCheck(key)) {
    throw new KeyFileError(keyPath, `the pseudonym key ${keyPath} is not the key of the database ${dbPath} (it was created with another one): using it would make every returning person new and let erased people back in; restore the database's own key from a backup (or set ILN_KEY_FILE to where it lives); nothing changed`);
  }
}

/** The refusal for a missing key beside a database that holds people. */
export function keyLostError(keyPath: string, dbPath: string, state: KeyState): KeyMissingError {
  const err = new KeyMissingError(keyPath);
  err.message = `no pseudonym key at ${keyPath}, but the database ${dbPath} already holds ${state.people ? `${state.people} participant(s)` : "people's records"}: a new key would make every returning person new and let erased people back in; restore the key from a backup (or set ILN_KEY_FILE to where it lives); nothing changed`;
  return err;
}

/** The key a run that writes into `dbPath` uses, and whether this run created its file. */
export interface IngestKey {
  key: Buffer;
  keyPath: string;
  /** True when the key file was created by this run (remove it when the run writes nothing). */
  created: boolean;
  /** The database's recorded key check, or null (record it after a successful run). */
  state: KeyState | null;
}

/**
 * The key for an ingest into `dbPath`, decided before the database is opened for writing: the
 * key file when it exists (and, when the database recorded a key check, is its key); when it does
 * not, a new key only if the database does not exist or holds nobody. With `create: false` (a dry
 * run) no key file is created: an ephemeral key stands in for the new one.
 * @throws KeyMissingError when the key is missing beside a database that holds people;
 *   KeyFileError when the key file is damaged or not the database's key; DatabaseBusyError from the
 *   read-only look at the database.
 */
export async function keyForIngest(dbPath: string, options: { create: boolean }): Promise<IngestKey> {
  const keyPath = keyPathFor(dbPath);
  let state: KeyState | null = null;
  if (dbPath !== ":memory:" && existsSync(dbPath)) {
    const { openDatabase } = await import("../db/connection");
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      state = await keyStateOf(db);
    } finally {
      db.close();
    }
  }
  if (existsSync(keyPath)) {
    const key = loadKey(keyPath);
    if (state) verifyKey(state, key, keyPath, dbPath);
    return { key, keyPath, created: false, state };
  }
  if (state && state.records > 0) throw keyLostError(keyPath, dbPath, state);
  if (!options.create) {
    const { randomBytes } = await import("node:crypto");
    return { key: randomBytes(32), keyPath, created: false, state };
  }
  return { key: createKey(keyPath), keyPath, created: true, state };
}

/**
 * The existing key of an open database, verified against its recorded key check; for commands
 * that never create a key (`iln forget`, `iln match` with locks).
 * @throws KeyMissingError when there is no key file; KeyFileError as {@link loadKey} and {@link verifyKey}.
 */
export async function existingKeyOf(db: Db, dbPath: string): Promise<Buffer> {
  const keyPath = keyPathFor(dbPath);
  const key = loadKey(keyPath);
  verifyKey(await keyStateOf(db), key, keyPath, dbPath);
  return key;
}

/**
 * After an ingest with a key from {@link keyForIngest}: when it succeeded, records the key check if
 * the database has none yet; when it failed and this run created the key file, removes that file
 * unless the database now holds records (it never should: a rejected ingest writes nothing).
 */
export async function settleIngestKey(db: Db, k: IngestKey, succeeded: boolean): Promise<void> {
  if (succeeded) {
    if (k.state?.check == null) await recordKeyCheck(db, k.key);
    return;
  }
  if (k.created && (await keyStateOf(db)).records === 0) rmSync(k.keyPath, { force: true });
}
