/**
 * Redacting a person's name and email in free text (docs/privacy.md, "Erasure"): coordinators'
 * notes, survey comments and typed-in roles can mention an erased person, by full name or by a
 * single name ("Maria and I met weekly"). Pure functions; `iln forget` applies them to the rows
 * that remain, the ingest to the free text of an old export.
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

/**
 * Words of a name that are never redacted alone (they stay redacted inside the full name):
 * particles and titles, which identify nobody and are common words of the comments' languages
 * ("de", "la", "van", "Dr"). Lower case.
 */
const NOT_A_NAME_ALONE: ReadonlySet<string> = new Set([
  "bin", "binti", "bint", "ibn", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du", "el", "la", "le",
  "van", "von", "den", "ten", "ter", "zu", "af", "av",
  "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame",
]);

/** Letters (and their combining marks) of a word: a name part needs at least two letters. */
const LETTER = /\p{L}/gu;

/**
 * The parts of a full name that are redacted alone (docs/privacy.md, "Erasure"): each word
 * (split on whitespace) and each piece of a hyphenated word, in Unicode NFC, that has at least
 * two letters and is not a particle or title. "Dr María-José de la Cruz" gives "María-José",
 * "María", "José", "Cruz"; an initial ("J.") gives nothing.
 * @returns the parts, without duplicates (case-insensitively), in the name's order.
 */
export function nameParts(name: string): string[] {
  const out = new Map<string, string>();
  for (const word of name.normalize("NFC").trim().split(/\s+/).filter(Boolean)) {
    const pieces = word.includes("-") ? [word, ...word.split("-")] : [word];
    for (const piece of pieces) {
      const core = piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, "");
      if ((core.match(LETTER) ?? []).length < 2 || NOT_A_NAME_ALONE.has(core.toLowerCase())) continue;
      if (!out.has(core.toLowerCase())) out.set(core.toLowerCase(), core);
    }
  }
  return [...out.values()];
}

/** No letter, mark, digit or underscore on either side: a whole word in any script. */
const BEFORE = "(?<![\\p{L}\\p{M}\\p{N}_])";
const AFTER = "(?![\\p{L}\\p{M}\\p{N}_])";

/** `text` without its diacritics, character by character: NFD, combining marks dropped. */
const bare = (text: string): string => text.normalize("NFD").replace(/\p{M}/gu, "");

/**
 * `text` (NFC) without diacritics, with where each of its UTF-16 offsets starts in `text`
 * (`from[k]` for offset k, and `from[length]` = `text.length`): each code point is folded on its
 * own ("ë" to "e", a lone mark to nothing, a Hangul syllable to its letters), so a match in the
 * folded text maps back to whole code points of `text`.
 */
function folded(text: string): { bare: string; from: number[] } {
  let out = "";
  const from: number[] = [];
  let at = 0;
  for (const cp of text) {
    const b = bare(cp);
    for (let k = 0; k < b.length; k++) from.push(at);
    out += b;
    at += cp.length;
  }
  from.push(at);
  return { bare: out, from };
}

/**
 * Replaces every whole-word occurrence of each of `words` (name parts, see {@link nameParts}) in
 * `text` by {@link REDACTED}: compared after Unicode NFC normalisation, case-insensitively and
 * without diacritics on either side ("Zoë" matches "ZOË", "Zoe\u0308" and "Zoe", as people type
 * a partner's name without its accents); a word inside another ("Ana" in "Banana", "Zoë" in
 * "Zoëlle") is left alone.
 * @returns the redacted text (NFC), or `text` itself when nothing matched.
 */
export function redactWords(text: string, words: readonly string[]): string {
  const escaped = [...new Set(words.map((w) => bare(w.normalize("NFC").trim())).filter(Boolean))].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!escaped.length) return text;
  // Longest first, so "María-José" is replaced whole rather than as "María" and "José".
  escaped.sort((a, b) => b.length - a.length);
  const nfc = text.normalize("NFC");
  const { bare: plain, from } = folded(nfc);
  let out = "";
  let last = 0;
  for (const m of plain.matchAll(new RegExp(`${BEFORE}(?:${escaped.join("|")})${AFTER}`, "giu"))) {
    const start = from[m.index];
    const end = from[m.index + m[0].length];
    if (start < last) continue;
    out += nfc.slice(last, start) + REDACTED;
    last = end;
  }
  return last === 0 && !out ? text : out + nfc.slice(last);
}
