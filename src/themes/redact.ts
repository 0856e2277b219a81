/**
 * Redaction of a comment before an internal build shows it as an example quote (never on a public
 * build): wink-nlp's entity detection (emails, URLs, mentions, hashtags, phone-like numbers), its
 * part-of-speech tagger's proper nouns (names of people, places and organisations), and every name
 * and email of the identities table and every country name (i18n-iso-countries, English), matched
 * case-insensitively as whole words (so a place written in lower case goes too).
 */
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { analyse } from "./nlp";

countries.registerLocale(en);
const COUNTRY_NAMES: readonly string[] = Object.values(countries.getNames("en", { select: "all" })).flat();

/** What replaces a redacted span. */
export const REDACTED = "[…]";

const ENTITY_TYPES = new Set(["EMAIL", "URL", "MENTION", "HASHTAG", "PHONE"]);

/** Longest name (in words) looked up. */
const MAX_NAME_WORDS = 5;

function addName(set: { lower: Set<string>; exact: Set<string> }, name: string): void {
  const t = name.trim().replace(/\s+/g, " ");
  if (t.length < 2) return;
  // All-capital aliases (US, UK, USA) match only as written, so "us" stays.
  if (t === t.toUpperCase() && /\p{Lu}/u.test(t)) set.exact.add(t);
  else set.lower.add(t.toLowerCase());
}

const COUNTRIES = { lower: new Set<string>(), exact: new Set<string>() };
for (const c of COUNTRY_NAMES) addName(COUNTRIES, c);

/**
 * `text` with every entity, proper noun, country name and identity (`names`: full names, their
 * parts, emails) replaced by {@link REDACTED}. Pure; never throws. Linear in the text's length
 * (names are looked up in sets, up to five words at a time).
 */
export function redact(text: string, names: readonly string[]): string {
  const spans: [number, number][] = [];
  const a = analyse(text);
  for (const e of a.entities) if (ENTITY_TYPES.has(e.type)) spans.push([e.start, e.end]);
  for (const s of a.sentences) for (const w of s) if (w.pos === "PROPN" && /^\p{Lu}/u.test(w.value)) spans.push([w.offset, w.offset + w.value.length]);
  const people = { lower: new Set<string>(), exact: new Set<string>() };
  for (const n of names) {
    addName(people, n);
    for (const p of n.split(/[\s@]+/)) addName(people, p);
  }
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu)].map((m) => ({ s: m.index!, e: m.index! + m[0].length }));
  for (let i = 0; i < words.length; i++) {
    for (let k = Math.min(words.length, i + MAX_NAME_WORDS); k > i; k--) {
      const phrase = text.slice(words[i].s, words[k - 1].e);
      const flat = phrase.replace(/\s+/g, " ");
      const low = flat.toLowerCase();
      if (COUNTRIES.lower.has(low) || COUNTRIES.exact.has(flat) || people.lower.has(low) || people.exact.has(flat)) {
        spans.push([words[i].s, words[k - 1].e]);
        break;
      }
    }
  }
  for (const e of names) {
    // emails and other names with punctuation the word scan splits
    if (!/[@.]/.test(e) || e.trim().length < 3) continue;
    const t = e.trim().toLowerCase();
    for (let at = text.toLowerCase().indexOf(t); at >= 0; at = text.toLowerCase().indexOf(t, at + 1)) spans.push([at, at + t.length]);
  }
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let out = "";
  let at = 0;
  for (const [s, e] of spans) {
    if (e <= at) continue;
    out += text.slice(at, Math.max(at, s)) + (s >= at ? REDACTED : "");
    at = e;
  }
  return out + text.slice(at);
}
