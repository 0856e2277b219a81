/**
 * Pseudonyms (docs/privacy.md): a participant's key in every analytics table is
 * `HMAC-SHA256(key, normalisedEmail)`, hex, first 20 characters (80 bits; the chance of a
 * collision among a million people is about 4e-13), prefixed `p_`. The key is 32 random bytes
 * in a local file created on first use with mode 0600, outside git (`*.key` is ignored), so the
 * same person is recognised across rounds while the tables hold no email and the pseudonym
 * cannot be recomputed from an email without the key.
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

/**
 * Reads the key file, creating it with 32 random bytes (hex) when absent.
 * @throws Error when the file exists but does not hold 64 hex characters.
 */
export function loadOrCreateKey(keyPath: string): Buffer {
  if (!existsSync(keyPath)) {
    mkdirSync(path.dirname(path.resolve(keyPath)), { recursive: true });
    writeFileSync(keyPath, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  }
  const hex = readFileSync(keyPath, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`pseudonym key file ${keyPath} is damaged (expected 64 hex characters)`);
  return Buffer.from(hex, "hex");
}

/** A function from email (any case or spacing) to pseudonym, for one key. */
export type Pseudonymiser = (email: string) => string;

/** Builds the pseudonymiser of `key` (memoised per distinct normalised email). */
export function pseudonymiser(key: Buffer): Pseudonymiser {
  const memo = new Map<string, string>();
  return (email) => {
    const e = normaliseEmail(email);
    let p = memo.get(e);
    if (p === undefined) {
      p = "p_" + createHmac("sha256", key).update(e).digest("hex").slice(0, 20);
      memo.set(e, p);
    }
    return p;
  };
}
