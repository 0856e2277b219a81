/**
 * Country normalisation: free text -> ISO 3166-1 alpha-2. Base names from `i18n-iso-countries`
 * (`en` locale, every name it lists for a code), plus our table in `country-aliases.ts`; the
 * tables are built in `country-index.ts`. An unresolved value gets ranked suggestions.
 *
 * Decisions (docs/formats.md, "Values"). Never a wrong automatic mapping: a value maps only when it names
 * one country; anything less certain is refused with suggestions for a coordinator to confirm.
 * - Matching folds case, accents, punctuation and spacing, drops a leading "the", and reads
 *   "St"/"St." as "Saint" and "&" as "and": "U.S.A.", "united states ", "Côte d'Ivoire" match.
 * - A bare two-letter value is a code only if ISO assigns it and it is in neither `AMBIGUOUS_CODES`
 *   (US state / Canadian province abbreviations that are also ISO codes, and "SA": "VA", "CA", "IN",
 *   "DE") nor `MISREAD_CODES` ("NA" = n/a, "NO" = no, "IS"/"UA" = "US" mistyped), and is not one
 *   letter twice ("ss", "ff" are keyboard mashing more often than South Sudan). Those are refused
 *   with their readings suggested, the more populous first (populations are the gazetteer's sums).
 *   Alpha-3 codes are accepted. A flag emoji (🇺🇸) is its code.
 * - Values of several parts, split at "/", "|", ";", brackets and spaced dashes ("Spain / España",
 *   "Deutschland (Germany)", "Belgique - België") or at commas, resolve when one country is named
 *   and every other part agrees with it: names it too, is one of its states or provinces, or (naming
 *   no country itself) is a place of that country in the gazetteer ("Canada, Ottawa, Ontario").
 *   Parts naming different countries are a list ("Spain / USA", "Canada and USA"): refused,
 *   suggesting each. "Italy (South)" is refused too (the part in brackets proves nothing).
 * - "<place>, <country>" resolves to the country after the last comma ("Virginia, USA" -> US,
 *   "Sydney, Australia" -> AU), unless an earlier part is itself a country: "Spain, Germany" is a
 *   list. ISO's inverted names ("Korea, Republic of") are read whole or turned round.
 *   "<subdivision> <country>" without a comma resolves only when the first part is a known
 *   subdivision of that country ("Virginia USA" -> US, not "New England" -> GB).
 * - A subdivision or city alone ("Virginia", "NY", "Ontario", "NSW", "Amsterdam") is not a
 *   country: refused, with its country as the first suggestion. "Georgia" alone is the country GE.
 * - "<city>, <state>" ("Boston, MA", "Perth, WA", "Atlanta, Georgia") suggests first the country
 *   where the gazetteer has that city in that state; an abbreviation after a city reads as a state
 *   before an ISO code ("Needham, MA": United States, then Morocco).
 * - "Congo" alone is ambiguous (CG / CD) and rejected; "Korea" alone is taken as KR.
 * - XK (Kosovo, a user-assigned code used by the EU and CLDR) is accepted, as `i18n-iso-countries` does.
 * - A value with no Latin letter is looked up, whole or by its parts ("Москва, Россия"), among the
 *   names of the library's locales in other scripts ("Россия", "日本", "中国", "Ελλάδα", "भारत"):
 *   exact names only (spacing and punctuation aside), no fuzzy suggestion; a name two countries
 *   share in those locales ("Конго") is refused, suggesting both.
 */
import countries from "i18n-iso-countries";
import { distance } from "fastest-levenshtein";
import { AMBIGUOUS_CODES, MISREAD_CODES } from "./country-aliases";
import { byName, byNameOrCode, CODE_SET, nativeCodes, CODES, FUZZY, isUnsafeCode, NAME_INDEX, NAMES, SHORT_NAMES, STATE_INDEX, SUBDIVISION_INDEX } from "./country-index";
import { countryPopulation, placesNamed, regionPopulation, regionsNamed } from "./gazetteer";
import { foldTokens, placeKey } from "./place-key";

/** A suggested country: its ISO alpha-2 code and English display name. */
export interface CountrySuggestion {
  readonly code: string;
  readonly name: string;
}

/** Result of `normaliseCountry`: the code, or up to `MAX_SUGGESTIONS` ranked suggestions. */
export type CountryResult = { ok: true; code: string } | { ok: false; suggestions: CountrySuggestion[] };

/** Most suggestions returned for one value. */
export const MAX_SUGGESTIONS = 3;

/** Codes of the flag emoji in a text (a flag is two regional indicator letters), in order. */
function flagCodes(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/gu)) {
    const code = String.fromCharCode(m[1].codePointAt(0)! - 0x1f1e6 + 65, m[2].codePointAt(0)! - 0x1f1e6 + 65);
    if (CODE_SET.has(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Splits at the separators of bilingual or listed values; one element when there is none. */
function segmentsOf(raw: string): string[] {
  return raw
    .split(/[/|;()[\]]|\s+[-–—]+\s*|[-–—]+\s+/)
    .map((s) => s.trim())
    .filter((s) => foldTokens(s).length > 0);
}

/** Splits a segment naming no country at "and", "&" or "+" ("Canada and USA"). */
function listItemsOf(segment: string): string[] {
  const items = segment.split(/\s+(?:and|&|\+)\s+/i).map((s) => s.trim()).filter((s) => foldTokens(s).length > 0);
  return items.length > 1 ? items : [segment];
}

/** Comma parts of a text, folded. */
function commaParts(raw: string): string[][] {
  return raw.split(",").map(foldTokens).filter((p) => p.length > 0);
}

/** True when the gazetteer has a place or region of this name in country `code`. */
function isPlaceIn(key: string, code: string): boolean {
  return placesNamed(key).some((p) => p.code === code) || regionsNamed(key).some((r) => r.code === code);
}

/**
 * The one country the parts agree on, or undefined: each part names it, is one of its known
 * subdivisions ("Georgia" of US), or names no country and is a gazetteer place of it.
 */
function agreedCode(keys: string[], codes: (string | undefined)[]): string | undefined {
  const candidates = [...new Set(codes.filter((c): c is string => c !== undefined))];
  const agreeing = candidates.filter((x) =>
    keys.every((k, i) => codes[i] === x || SUBDIVISION_INDEX.get(k)?.includes(x) || (codes[i] === undefined && isPlaceIn(k, x))),
  );
  return agreeing.length === 1 ? agreeing[0] : undefined;
}

const QUALIFIER = /(^|\s)(of|of the|the)$/;

/** Resolves a text without bracket, slash or dash separators (commas allowed), or undefined. */
function resolvePlain(raw: string): string | undefined {
  const tokens = foldTokens(raw);
  if (!tokens.length) return undefined;
  const whole = byNameOrCode(tokens.join(""));
  if (whole) return whole;
  const parts = commaParts(raw);
  if (parts.length >= 2) {
    const first = parts[0].join("");
    const last = parts[parts.length - 1];
    if (parts.length === 2) {
      const turned = byName(last.join("") + first);
      if (turned) return turned;
      if (QUALIFIER.test(last.join(" "))) return byName(first);
    }
    // "Atlanta, Georgia": the last part is both a country and a US state, so it proves nothing.
    const lastKey = last.join("");
    const country = SUBDIVISION_INDEX.has(lastKey) ? undefined : (byNameOrCode(lastKey) ?? bySubdivisionPrefix(last));
    // "Spain, Germany" is a list, not a place in Germany: an earlier part that is itself a
    // country (and not a subdivision of the last one, as "Georgia, USA") blocks the rule.
    const isList = parts.slice(0, -1).some((p) => {
      const key = p.join("");
      return byNameOrCode(key) !== undefined && !(country && SUBDIVISION_INDEX.get(key)?.includes(country));
    });
    if (country && !isList) return country;
    // "England, UK", "Canada, Ottawa, Ontario": every part agrees on one country.
    const keys = parts.map((p) => p.join(""));
    const agreed = agreedCode(keys, keys.map(byNameOrCode));
    if (agreed) return agreed;
    if (SUBDIVISION_INDEX.has(lastKey)) return undefined;
  }
  return bySubdivisionPrefix(tokens);
}

/** "<subdivision> <country>" without a comma ("Virginia USA", "NSW Australia"), or undefined. */
function bySubdivisionPrefix(tokens: string[]): string | undefined {
  for (let i = 1; i < tokens.length; i++) {
    const country = byName(tokens.slice(i).join(""));
    if (country && SUBDIVISION_INDEX.get(tokens.slice(0, i).join(""))?.includes(country)) return country;
  }
  return undefined;
}

/** The items of a value split at bilingual/list separators, and what each resolves to. */
interface Items {
  texts: string[];
  codes: (string | undefined)[];
}

function itemsOf(raw: string): Items {
  const texts: string[] = [];
  for (const seg of segmentsOf(raw)) {
    if (resolvePlain(seg) === undefined) texts.push(...listItemsOf(seg));
    else texts.push(seg);
  }
  return { texts, codes: texts.map(resolvePlain) };
}

/** Resolves a raw value, or returns undefined. */
function resolve(raw: string): string | undefined {
  const plain = resolvePlain(raw);
  if (plain) return plain;
  const items = itemsOf(raw);
  if (items.texts.length < 2) return undefined;
  return agreedCode(items.texts.map(placeKey), items.codes);
}

/** The readings of a bare code that does not stand alone, more populous first (gazetteer sums). */
function codeReadings(key: string): string[] {
  const upper = key.toUpperCase();
  if (!isUnsafeCode(upper)) return [];
  const readings: Array<[string, number]> = [[upper, countryPopulation(upper)]];
  for (const s of STATE_INDEX.get(key) ?? []) readings.push([s.code, regionPopulation(s.code, s.name)]);
  if (upper in AMBIGUOUS_CODES && !(STATE_INDEX.get(key) ?? []).some((s) => s.code === AMBIGUOUS_CODES[upper])) {
    readings.push([AMBIGUOUS_CODES[upper], 0]);
  }
  const other = MISREAD_CODES[upper];
  if (other) readings.push([other, countryPopulation(other)]);
  return readings.sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/** Codes sorted by the gazetteer population of their country, most populous first. */
function byPopulation(codes: string[]): string[] {
  return codes.map((c) => [c, countryPopulation(c)] as const).sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/**
 * Folded words of 2-3 letters written in capitals ("USA tomorrow" -> usa; "U.S." -> us), in order,
 * when the text also has lower-case letters (in all-capital text capitals say nothing).
 */
function capitalWords(raw: string): string[] {
  if (!/\p{Ll}/u.test(raw)) return [];
  const out: string[] = [];
  for (const m of raw.matchAll(/[\p{L}.]+/gu)) {
    const w = m[0].replace(/\./g, "");
    if (/^[A-Z]{2,3}$/.test(w)) out.push(w.toLowerCase());
  }
  return out;
}

/**
 * "<city>, <state>" or "<city> <state>": the countries where the gazetteer has the city in that
 * state or region ("Boston, MA" -> US, "Perth, WA" -> AU, "Atlanta, Georgia" -> US).
 */
function cityInRegion(tokens: string[], parts: string[][]): string[] {
  const pairs: Array<[string, string]> = [];
  if (parts.length >= 2) pairs.push([parts[parts.length - 2].join(""), parts[parts.length - 1].join("")]);
  const words = parts.length >= 2 ? parts[parts.length - 1] : tokens;
  for (let i = Math.max(1, words.length - 3); i < words.length; i++) pairs.push([words.slice(0, i).join(""), words.slice(i).join("")]);
  const out: string[] = [];
  for (const [place, region] of pairs) {
    const places = placesNamed(place);
    if (!places.length) continue;
    for (const s of STATE_INDEX.get(region) ?? [])
      for (const p of places) if (p.code === s.code && placeKey(p.region) === placeKey(s.name)) out.push(p.code);
    for (const p of places) if (placeKey(p.region) === region) out.push(p.code);
  }
  return out;
}

/** Up to `MAX_SUGGESTIONS` codes to offer for a value that did not resolve, best first. */
function suggest(raw: string, tokens: string[]): string[] {
  const out: string[] = [];
  const add = (code: string | undefined) => {
    if (code && !out.includes(code)) out.push(code);
  };
  const key = tokens.join("");
  const parts = commaParts(raw);
  const items = itemsOf(raw);
  // Flags (and what the text says, when a flag disagrees with it), then a city in its state.
  flagCodes(raw).forEach(add);
  if (out.length && tokens.length) add(resolve(raw));
  cityInRegion(tokens, parts).forEach(add);
  // A bare code that does not stand alone: its readings.
  if (key.length === 2) codeReadings(key).forEach(add);
  // A shared name ("Congo"): every country it names, the most populous first.
  if (NAME_INDEX.get(key) === null) byPopulation(FUZZY.filter(([k]) => k === key).map(([, c]) => c)).forEach(add);
  // Countries named by a part, in order ("Spain / USA"; "Atlanta, Georgia"). An ambiguous code
  // after a place is a state first ("Needham, MA": US, then Morocco), in a list of countries a
  // country ("France, DE": France, Germany).
  const pieces = [...(parts.length > 1 ? parts.map((p) => p.join("")) : []), ...(items.texts.length > 1 ? items.texts.map(placeKey) : [])];
  const isList = pieces.some((k) => byNameOrCode(k) !== undefined);
  for (const k of pieces) {
    const upper = k.toUpperCase();
    if (k.length === 2 && upper in AMBIGUOUS_CODES) {
      if (isList) add(upper);
      for (const s of STATE_INDEX.get(k) ?? []) add(s.code);
      add(upper);
    } else if (k.length === 2 && isUnsafeCode(upper)) add(upper);
    else add(byNameOrCode(k));
  }
  // Subdivisions anywhere: the whole value, a part, or a run of words. In a text of 3+ words a
  // word of 1-2 letters is an abbreviation only when written in capitals ("in", "on", "me" are words).
  const capitals = capitalWords(raw);
  const candidates = [key, ...pieces];
  for (let i = 0; i < tokens.length; i++)
    for (let j = i + 1; j <= Math.min(tokens.length, i + 4); j++) {
      const run = tokens.slice(i, j).join("");
      if (run.length > 2 || tokens.length <= 2 || capitals.includes(run)) candidates.push(run);
    }
  for (const c of candidates) for (const code of SUBDIVISION_INDEX.get(c) ?? []) add(code);
  // Cities and regions of the gazetteer, the most populous first ("Amsterdam", "London").
  if (out.length === 0)
    for (const c of [key, ...pieces]) {
      for (const p of placesNamed(c)) add(p.code);
      for (const r of regionsNamed(c)) add(r.code);
    }
  // Country names contained in a longer text ("Spain technically but ...").
  if (tokens.length > 1)
    for (let i = 0; i < tokens.length; i++)
      for (let j = i + 1; j <= Math.min(tokens.length, i + 4); j++) {
        const k = tokens.slice(i, j).join("");
        add(k.length >= 4 ? byName(k) : undefined);
      }
  // Abbreviations written in capitals in a longer text ("UK for U.S. company").
  if (tokens.length > 1) for (const w of capitals) add(byNameOrCode(w));
  // Otherwise the closest names by edit distance: 1 edit for 3 letters ("ISA"), else within 40%
  // of the length (at least 2 edits); ties go to the more populous country.
  if (key.length >= 3 && out.length === 0) {
    const limit = key.length === 3 ? 1 : Math.max(2, Math.floor(key.length * 0.4));
    const best = new Map<string, number>();
    for (const [k, code] of [...FUZZY, ...SHORT_NAMES]) {
      const d = distance(key, k);
      if (d <= limit && d < (best.get(code) ?? Infinity)) best.set(code, d);
    }
    // Near-misses of a subdivision name ("new ylork"): offer its country.
    for (const [k, codes] of SUBDIVISION_INDEX)
      if (k.length >= 5 && distance(key, k) <= 1) for (const code of codes) best.set(code, Math.min(best.get(code) ?? Infinity, 1));
    [...best.entries()]
      .sort((a, b) => a[1] - b[1] || countryPopulation(b[0]) - countryPopulation(a[0]) || NAMES.get(a[0])!.localeCompare(NAMES.get(b[0])!))
      .forEach(([code]) => add(code));
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

const cache = new Map<string, CountryResult>();
const CACHE_LIMIT = 100_000;

/**
 * Free-text country -> ISO 3166-1 alpha-2 code (upper case). Trims, folds case, accents and
 * punctuation ("U.S.A.", "united states ", "Côte d'Ivoire", "Ivory Coast", "UK", "England",
 * "Scotland" -> GB, "Holland" -> NL, "Burma" -> MM, "Deutschland" -> DE, "Korea, Republic of" -> KR).
 * Accepts assigned alpha-2 codes except those of `AMBIGUOUS_CODES` and `MISREAD_CODES`, alpha-3
 * codes ("GBR"), flag emoji, "<place>, <country>" ("Virginia, USA" -> US) and parts that agree
 * ("Spain / España" -> ES, "England, UK" -> GB); see the module comment for every rule.
 * When not resolved, `suggestions` holds up to 3 countries, best first (a city's or state's country,
 * both readings of an ambiguous code, the countries a list names, gazetteer cities by population,
 * then the closest names by Levenshtein distance); it may be empty (blank or unrecognisable input).
 * A suggestion is never applied automatically. Never throws. Results are memoised per distinct
 * raw string and frozen; do not mutate them.
 * @example normaliseCountry("U.S.A.") // {ok: true, code: "US"}
 * @example normaliseCountry("Boston, MA") // {ok: false, suggestions: [{code: "US", name: "United States"}, {code: "MA", name: "Morocco"}]}
 */
export function normaliseCountry(raw: string): CountryResult {
  const hit = cache.get(raw);
  if (hit) return hit;
  const tokens = foldTokens(raw);
  const flags = flagCodes(raw);
  let code: string | undefined;
  if (tokens.length) code = resolve(raw);
  else if (flags.length === 1) code = flags[0];
  else code = resolveNative(raw);
  if (code && flags.some((f) => f !== code)) code = undefined; // "🇨🇦 USA": the flag disagrees
  const result: CountryResult = code
    ? Object.freeze({ ok: true as const, code })
    : Object.freeze({
        ok: false as const,
        suggestions: Object.freeze(orNative(suggest(raw, tokens), raw).map((c) => Object.freeze({ code: c, name: NAMES.get(c)! }))) as CountrySuggestion[],
      });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, result);
  return result;
}

/** `suggested`, or when empty the countries a non-Latin value may mean ("Конго": CD, CG; "Россия, 日本": RU, JP). */
function orNative(suggested: string[], raw: string): readonly string[] {
  return suggested.length ? suggested : nativeCandidates(raw);
}

/**
 * The countries a value with no Latin letter names, as `nativeCodes` reads its names: those of
 * the whole value, else of its parts between commas, slashes, brackets and dashes, in order.
 */
function nativeCandidates(raw: string): string[] {
  const whole = nativeCodes(raw);
  if (whole.length) return [...whole];
  return [...new Set(raw.normalize("NFKC").split(/[,;/|()[\]\-\u2013\u2014\u3001\u30fb\uff65\u060c]+/).flatMap((p) => nativeCodes(p)))];
}

/** The one country a value with no Latin letter names ("Россия", "Москва, Россия"), or undefined. */
function resolveNative(raw: string): string | undefined {
  const codes = nativeCandidates(raw);
  return codes.length === 1 ? codes[0] : undefined;
}

/**
 * A suggestion list for a message: `"United States [US], Morocco [MA]"`; "" for none.
 */
export function formatSuggestions(suggestions: readonly CountrySuggestion[]): string {
  return suggestions.map((s) => `${s.name} [${s.code}]`).join(", ");
}

/**
 * English display name of an assigned alpha-2 code ("GB" -> "United Kingdom", "US" -> "United
 * States"): our preferred short name, else the first `i18n-iso-countries` English name.
 * @throws {RangeError} when `code` is not an assigned alpha-2 code (upper case).
 */
export function countryName(code: string): string {
  const name = NAMES.get(code);
  if (name === undefined) throw new RangeError(`Unknown ISO 3166-1 alpha-2 code: ${JSON.stringify(code)}`);
  return name;
}

/** True when `code` is an accepted alpha-2 code (upper case): one of `allCountryCodes()`. */
export function isCountryCode(code: string): boolean {
  return CODE_SET.has(code);
}

/**
 * All accepted alpha-2 codes, upper case, sorted: the 249 ISO 3166-1 assigned codes plus XK
 * (Kosovo), as `i18n-iso-countries` lists them. Returns a new array each call.
 */
export function allCountryCodes(): string[] {
  return [...CODES];
}

/**
 * ISO 3166-1 numeric code of an alpha-2 code, as a 3-digit string ("AU" -> "036"), the feature
 * `id` of world-atlas. XK gives "983" (not an ISO code; world-atlas has no feature with it).
 * @throws {RangeError} when `code` is not an assigned alpha-2 code (upper case).
 */
export function countryNumeric(code: string): string {
  const n = CODE_SET.has(code) ? countries.alpha2ToNumeric(code) : undefined;
  if (n === undefined) throw new RangeError(`Unknown ISO 3166-1 alpha-2 code: ${JSON.stringify(code)}`);
  return n;
}
