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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
 * Reads the key file.
 * @throws KeyMissingError when there is none; Error when it does not hold 64 hex characters.
 */
export function loadKey(keyPath: string): Buffer {
  if (!existsSync(keyPath)) throw new KeyMissingError(keyPath);
  const hex = readFileSync(keyPath, "utf8").trim();
  if (!isKeyText(hex)) throw new Error(`pseudonym key file ${keyPath} is damaged (expected 64 hex characters)`);
  return Buffer.from(hex, "hex");
}

/**
 * Reads the key file, creating it with 32 random bytes (hex, mode 0600) when absent.
 * @throws Error when the file exists but does not hold 64 hex characters.
 */
export function loadOrCreateKey(keyPath: string): Buffer {
  if (!existsSync(keyPath)) {
    mkdirSync(path.dirname(path.resolve(keyPath)), { recursive: true });
    writeFileSync(keyPath, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  }
  return loadKey(keyPath);
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
