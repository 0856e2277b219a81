/**
 * Email addresses as people are told apart by them (docs/formats.md, "Values"): normalised by
 * `normaliseEmail` (Unicode NFKC, trimmed, lower-cased), and refused when they hold an invisible
 * or format character, since two addresses differing by one look identical and would be two people.
 */
import { showValue } from "../../src/domain/errors";
import { invisibleCharacter, normaliseEmail } from "../../src/privacy/pseudonym";

const EMAIL_RE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** `U+200B` for a character (its first code point). Never throws. */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Reads an email cell: `{email}` normalised, `{blank: true}` for an empty cell, or `{message}`
 * naming the value (not an address; an invisible character, with its code point). Never throws.
 */
export function readEmail(raw: string): { email: string } | { blank: true } | { message: string } {
  const hidden = invisibleCharacter(raw.trim());
  if (hidden !== null) return { message: `the email holds an invisible character (${codePoint(hidden)}) in ${showValue(raw)}; retype the address` };
  const e = normaliseEmail(raw);
  if (e === "") return { blank: true };
  return EMAIL_RE.test(e) ? { email: e } : { message: `not a valid email address: ${showValue(raw)}` };
}
