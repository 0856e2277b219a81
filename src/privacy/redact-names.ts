/**
 * Redacting a person's name and email in free text (docs/privacy.md, "Erasure"): coordinators'
 * notes and survey comments can mention an erased person. Pure functions; `iln forget` applies
 * them to the rows that remain, the ingest to the notes and comments of an old export.
 */

/** Text that replaces a redacted name or email. */
export const REDACTED = "[erased]";

/** A case-insensitive pattern for `needle` (NFC) in NFC text; any whitespace run in it matches any other. */
function needlePattern(needle: string): RegExp | null {
  const words = needle.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"), "giu");
}

/**
 * Replaces every occurrence of each needle (a full name, an email) in `text`, compared after
 * Unicode NFC normalisation and case-insensitively, by {@link REDACTED}.
 * @returns the redacted text (NFC), or `text` itself when nothing matched.
 */
export function redactNeedles(text: string, needles: readonly string[]): string {
  const nfc = text.normalize("NFC");
  let out = nfc;
  for (const n of needles) {
    const re = needlePattern(n);
    if (re) out = out.replace(re, REDACTED);
  }
  return out === nfc ? text : out;
}

const EMAIL_LIKE = /[^\s<>()[\]",;:]+@[^\s<>()[\]",;:]+\.[^\s<>()[\]",;:.]+/gu;

/**
 * Replaces every email-shaped token of `text` for which `erased(token)` holds by {@link REDACTED}.
 * @returns the redacted text, or `text` itself when nothing matched.
 */
export function redactEmails(text: string, erased: (email: string) => boolean): string {
  return text.replace(EMAIL_LIKE, (m) => (erased(m) ? REDACTED : m));
}
