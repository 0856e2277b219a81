/**
 * Pseudonyms (docs/privacy.md): a participant's key in every analytics table is
 * `HMAC-SHA256(key, normalisedEmail)`, hex, first 20 characters (80 bits; the chance of a
 * collision among a million people is about 4e-13), prefixed `p_`. The key is 32 random bytes
 * in a local file created on first use with mode 0600, outside git (`*.key` is ignored), so the
 * same person is recognised across rounds while the tables hold no email and the pseudonym
 * cannot be recomputed from an email without the key.
 *
 * The same key gives each person an erasure hash, `HMAC-SHA256(key, "erased:" + email)`: the
 * database's list of erased people holds these, never emails or pseudonyms, so the list does not
 * keep the erased pseudonym alive while the ingest can still recognise an erased person.
 */
import { createHmac, randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * An email as people are told apart by it (docs/formats.md, "Values"): Unicode NFKC (so the
 * composed and decomposed forms of an accented letter, and compatibility forms such as full-width
 * letters, are one address), trimmed, lower-cased. An ASCII address is only trimmed and
 * lower-cased, so pseudonyms of ASCII emails are those of earlier versions. Invisible characters
 * are not removed here: the ingest rejects an email holding one (`invisibleCharacter`).
 */
export function normaliseEmail(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase().normalize("NFKC");
}

/**
 * Invisible and format characters (Unicode general category Cf, such as zero-width spaces and
 * joiners, bidirectional controls and the byte-order mark; other default-ignorable code points
 * such as variation selectors; and control characters): the first one in `text`, or null.
 * Two emails that differ by one of these look identical and would be two people.
 */
export function invisibleCharacter(text: string): string | null {
  const m = /[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]/u.exec(text);
  return m ? m[0] : null;
}

/**
 * Where the pseudonym key lives: `ILN_KEY_FILE`, else beside the database as `<db>.key`
 * (`data/iln.duckdb.key` by default).
 */
export function keyPathFor(dbPath: string): string {
  if (process.env.ILN_KEY_FILE) return process.env.ILN_KEY_FILE;
  return dbPath === ":memory:" ? path.join(".iln", "memory.key") : `${dbPath}.key`;
}

/** Whether `text` is what a pseudonym key file holds: 64 lower-case hex characters, surrounding whitespace aside. @throws never. */
export function isKeyText(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text.trim());
}

/** Thrown when a command that must not create a key (`iln forget`) finds none. */
export class KeyMissingError extends Error {
  constructor(readonly keyPath: string) {
    super(`no pseudonym key at ${keyPath}: without the key that pseudonymised the database nobody can be found in it (set ILN_KEY_FILE if the key lives elsewhere); nothing changed`);
    this.name = "KeyMissingError";
  }
}

/**
 * Thrown for a key file that cannot serve: not a regular file, unreadable, damaged (not 64 hex
 * characters), or not the key of the database it stands beside. Bad input, not a bug: the CLI
 * prints the message and exits 1.
 */
export class KeyFileError extends Error {
  constructor(readonly keyPath: string, message: string) {
    super(message);
    this.name = "KeyFileError";
  }
}

/** Largest key file read: a key is 64 hex characters and a newline; anything much longer is not a key. */
const MAX_KEY_FILE_BYTES = 4096;

/**
 * Reads the key file (a regular file, symbolic links followed, of at most 4 KiB).
 * @throws KeyMissingError when there is none; KeyFileError when it is not a regular file, cannot
 *   be read, or does not hold 64 hex characters.
 */
export function loadKey(keyPath: string): Buffer {
  if (!existsSync(keyPath)) throw new KeyMissingError(keyPath);
  const restore = "restore the key from a backup (or set ILN_KEY_FILE to where it lives); nothing changed";
  let text: string;
  try {
    // Non-blocking, so a FIFO in its place cannot hang the open; its type is checked on the open file.
    const fd = openSync(keyPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      if (!fstatSync(fd).isFile()) throw new KeyFileError(keyPath, `pseudonym key ${keyPath} is not a file (a folder, pipe or device); ${restore}`);
      const buf = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
      const n = readSync(fd, buf, 0, buf.length, 0);
      text = buf.subarray(0, n).toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof KeyFileError) throw err;
    throw new KeyFileError(keyPath, `cannot read the pseudonym key ${keyPath}: ${(err as Error).message}; nothing changed`);
  }
  if (!isKeyText(text)) throw new KeyFileError(keyPath, `pseudonym key file ${keyPath} is damaged (expected 64 hex characters); ${restore}`);
  return Buffer.from(text.trim(), "hex");
}

/**
 * Creates a new key file: 32 random bytes, hex, mode 0600 (its folder too when missing). Only for
 * a database that holds nobody yet: a new key beside a database that holds people makes every
 * returning person new and lets erased people back in (src/cli/pseudonym-key.ts decides).
 * @returns the key.
 * @throws Error from the file system, and when the file already exists (it is never overwritten).
 */
export function createKey(keyPath: string): Buffer {
  mkdirSync(path.dirname(path.resolve(keyPath)), { recursive: true });
  writeFileSync(keyPath, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return loadKey(keyPath);
}

/**
 * Reads the key file, creating it when absent (see {@link createKey}: only where no database
 * holds people under another key).
 * @throws as {@link loadKey} when the file exists but cannot serve.
 */
export function loadOrCreateKey(keyPath: string): Buffer {
  return existsSync(keyPath) ? loadKey(keyPath) : createKey(keyPath);
}

/**
 * The key's check value, which a database records (`meta.key_check`) so that a key file that is
 * not its own is refused instead of silently splitting identities: `HMAC-SHA256(key,
 * "iln:pseudonym-key-check")`, hex. It tells nothing about the key nor about any email.
 */
export function keyCheck(key: Buffer): string {
  return createHmac("sha256", key).update("iln:pseudonym-key-check").digest("hex");
}

/** A function from email (any case, spacing or Unicode form) to pseudonym, for one key. */
export interface Pseudonymiser {
  (email: string): string;
  /** The person's erasure hash (module doc): 64 hex characters, distinct from the pseudonym. */
  erasureHash(email: string): string;
}

/** Builds the pseudonymiser of `key` (memoised per distinct normalised email). */
export function pseudonymiser(key: Buffer): Pseudonymiser {
  const memo = new Map<string, string>();
  const pid = (email: string) => {
    const e = normaliseEmail(email);
    let p = memo.get(e);
    if (p === undefined) {
      p = "p_" + createHmac("sha256", key).update(e).digest("hex").slice(0, 20);
      memo.set(e, p);
    }
    return p;
  };
  return Object.assign(pid, {
    erasureHash: (email: string) => createHmac("sha256", key).update(`erased:${normaliseEmail(email)}`).digest("hex"),
  });
}

const TOMBSTONE = /^erased_[0-9a-f]{20}$/;

/**
 * A fresh tombstone: what stands for an erased person in a row shared with someone else (a
 * partnership), `erased_` and 20 random hex characters, derived from nothing.
 */
export function newTombstone(): string {
  return `erased_${randomBytes(10).toString("hex")}`;
}

/** True for a tombstone (never a pseudonym or an email). */
export function isTombstone(id: string): boolean {
  return TOMBSTONE.test(id);
}
