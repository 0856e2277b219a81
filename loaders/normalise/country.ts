/**
 * Country normalisation: free text -> ISO 3166-1 alpha-2. Base names from `i18n-iso-countries`
 * (`en` locale, every name it lists for a code), plus our table in `country-aliases.ts`.
 *
 * Decisions (docs/formats.md, "Values"):
 * - Matching folds case, accents, punctuation and spacing, drops a leading "the", and reads
 *   "St"/"St." as "Saint" and "&" as "and": "U.S.A.", "united states ", "Côte d'Ivoire" match.
 * - A bare two-letter value is a code only if ISO assigns it and it is not in `AMBIGUOUS_CODES`
 *   (US state / Canadian province abbreviations that are also ISO codes, and "SA"): "VA", "CA",
 *   "IN", "DE" are rejected, with both readings suggested. Three-letter ISO alpha-3 codes are accepted.
 * - "<place>, <country>" resolves to the country after the last comma ("Virginia, USA" -> US,
 *   "Sydney, Australia" -> AU), unless an earlier part is itself a country: "Spain, Germany" is a
 *   list and is rejected (suggesting both), so a multi-select cell can be split; ISO's inverted names ("Korea, Republic of") are read whole or
 *   turned round. "<subdivision> <country>" without a comma resolves only when the first part is
 *   a known subdivision of that country ("Virginia USA" -> US, not "New England" -> GB).
 * - A subdivision alone ("Virginia", "NY", "Ontario", "NSW") is not a country: rejected, with its
 *   country as the first suggestion. "Georgia" alone is the country GE.
 * - "Congo" alone is ambiguous (CG / CD) and rejected; "Korea" alone is taken as KR.
 * - XK (Kosovo, a user-assigned code used by the EU and CLDR) is accepted, as `i18n-iso-countries` does.
 */
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import { distance } from "fastest-levenshtein";
import { AMBIGUOUS_CODES, COUNTRY_ALIASES, DISPLAY_NAMES, SUBDIVISIONS } from "./country-aliases";

/** Result of `normaliseCountry`: the code, or up to 3 suggested English country names. */
export type CountryResult = { ok: true; code: string } | { ok: false; suggestions: string[] };

countries.registerLocale(en);

const SPECIAL_LETTERS: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ı: "i", þ: "th", ð: "d" };

/**
 * Folds text to space-separated lower-case ASCII tokens: accents removed, apostrophes and full
 * stops removed (so "U.S.A." -> "usa", "d'Ivoire" -> "divoire"), "&" -> "and", any other
 * punctuation a space, "st" before another word -> "saint", a leading "the" dropped.
 */
function foldTokens(s: string): string[] {
  const t = s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øæœßłđıþð]/g, (c) => SPECIAL_LETTERS[c])
    .replace(/&/g, " and ")
    .replace(/['’‘`´.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  if (t === "") return [];
  const tokens = t.split(" ").map((w, i, all) => (w === "st" && i < all.length - 1 ? "saint" : w));
  if (tokens.length > 1 && tokens[0] === "the") tokens.shift();
  return tokens;
}

/** Lookup key of a text: its folded tokens joined without spaces ("Cote d Ivoire" = "Côte d'Ivoire"). */
function keyOf(s: string): string {
  return foldTokens(s).join("");
}

/** `i18n-iso-countries` codes: alpha-2 -> alpha-3. */
const ALPHA2_TO_ALPHA3: Record<string, string> = countries.getAlpha2Codes();
const CODES: readonly string[] = Object.freeze(Object.keys(ALPHA2_TO_ALPHA3).sort());
const CODE_SET = new Set(CODES);

/** Display name of each code. */
const NAMES = new Map<string, string>();
/** Folded name key -> code; `null` marks a key shared by two codes ("congo"). */
const NAME_INDEX = new Map<string, string | null>();
/** Every (key, code) pair of a name of 4+ characters, for fuzzy suggestions. */
const FUZZY: Array<[string, string]> = [];

function addName(name: string, code: string, override: boolean): void {
  const key = keyOf(name);
  if (key === "") return;
  const prev = NAME_INDEX.get(key);
  if (override || prev === undefined) NAME_INDEX.set(key, code);
  else if (prev !== code) NAME_INDEX.set(key, null);
  if (key.length >= 4) FUZZY.push([key, code]);
}

for (const [code, names] of Object.entries(en.countries as Record<string, string | string[]>)) {
  const list = Array.isArray(names) ? names : [names];
  NAMES.set(code, DISPLAY_NAMES[code] ?? list[0]);
  for (const n of list) addName(n, code, false);
}
for (const code of CODES) {
  if (!NAMES.has(code)) throw new Error(`i18n-iso-countries has no English name for ${code}`);
  addName(ALPHA2_TO_ALPHA3[code], code, false);
}
for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
  if (!CODE_SET.has(code)) throw new Error(`country-aliases: ${alias} -> unknown code ${code}`);
  addName(alias, code, true);
}

/** Folded subdivision key -> the codes of the countries that have it ("wa" -> US, AU). */
const SUBDIVISION_INDEX = new Map<string, string[]>();
for (const [code, places] of Object.entries(SUBDIVISIONS)) {
  for (const p of places) {
    const key = keyOf(p);
    const list = SUBDIVISION_INDEX.get(key) ?? [];
    if (!list.includes(code)) list.push(code);
    SUBDIVISION_INDEX.set(key, list);
  }
}

/** Code of a folded key naming a country (name, alias, alpha-3), or undefined. */
function byName(key: string): string | undefined {
  return NAME_INDEX.get(key) ?? undefined;
}

/** Code of a folded key that is a name, or an accepted bare two-letter code. */
function byNameOrCode(key: string): string | undefined {
  const named = byName(key);
  if (named) return named;
  if (key.length === 2) {
    const upper = key.toUpperCase();
    if (CODE_SET.has(upper) && !(upper in AMBIGUOUS_CODES)) return upper;
  }
  return undefined;
}

const QUALIFIER = /(^|\s)(of|of the|the)$/;

/** Resolves a raw value, or returns undefined. */
function resolve(tokens: string[], parts: string[][]): string | undefined {
  const whole = byNameOrCode(tokens.join(""));
  if (whole) return whole;
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
    if (SUBDIVISION_INDEX.has(lastKey)) return undefined;
    const country = byNameOrCode(lastKey) ?? bySubdivisionPrefix(last);
    // "Spain, Germany" is a list, not a place in Germany: an earlier part that is itself a
    // country (and not a subdivision of the last one, as "Georgia, USA") blocks the rule.
    const isList = parts.slice(0, -1).some((p) => {
      const key = p.join("");
      return byNameOrCode(key) !== undefined && !(country && SUBDIVISION_INDEX.get(key)?.includes(country));
    });
    if (country && !isList) return country;
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

/** Up to 3 display names to offer for a value that did not resolve, best first. */
function suggest(tokens: string[], parts: string[][]): string[] {
  const out: string[] = [];
  const add = (code: string) => {
    const name = NAMES.get(code)!;
    if (out.length < 3 && !out.includes(name)) out.push(name);
  };
  const key = tokens.join("");
  // An ambiguous two-letter code: both readings.
  if (key.length === 2 && key.toUpperCase() in AMBIGUOUS_CODES) {
    add(key.toUpperCase());
    add(AMBIGUOUS_CODES[key.toUpperCase()]);
  }
  // A shared name ("Congo"): every country it names.
  if (NAME_INDEX.get(key) === null) for (const [k, c] of FUZZY) if (k === key) add(c);
  // Countries named whole in a comma part ("Atlanta, Georgia": Georgia; "fr, de": France, Germany).
  if (parts.length > 1)
    for (const p of parts) {
      const k = p.join("");
      const code = byNameOrCode(k) ?? (k.toUpperCase() in AMBIGUOUS_CODES ? k.toUpperCase() : undefined);
      if (code) add(code);
    }
  // Subdivisions anywhere: the whole value, a comma part, or a run of words.
  const candidates = [key, ...parts.map((p) => p.join(""))];
  for (let i = 0; i < tokens.length; i++)
    for (let j = i + 1; j <= Math.min(tokens.length, i + 4); j++) candidates.push(tokens.slice(i, j).join(""));
  for (const c of candidates) for (const code of SUBDIVISION_INDEX.get(c) ?? []) add(code);
  // Country names contained in a longer text ("Spain technically but ...").
  if (tokens.length > 1)
    for (let i = 0; i < tokens.length; i++)
      for (let j = i + 1; j <= Math.min(tokens.length, i + 4); j++) {
        const k = tokens.slice(i, j).join("");
        const code = k.length >= 4 ? byName(k) : undefined;
        if (code) add(code);
      }
  // Otherwise the closest names by edit distance, within 40% of the length (at least 2 edits).
  if (key.length >= 4 && out.length === 0) {
    const limit = Math.max(2, Math.floor(key.length * 0.4));
    const best = new Map<string, number>();
    for (const [k, code] of FUZZY) {
      const d = distance(key, k);
      if (d <= limit && d < (best.get(code) ?? Infinity)) best.set(code, d);
    }
    // Near-misses of a subdivision name ("new ylork"): offer its country.
    for (const [k, codes] of SUBDIVISION_INDEX)
      if (k.length >= 5 && distance(key, k) <= 1) for (const code of codes) best.set(code, Math.min(best.get(code) ?? Infinity, 1));
    [...best.entries()]
      .sort((a, b) => a[1] - b[1] || NAMES.get(a[0])!.localeCompare(NAMES.get(b[0])!))
      .forEach(([code]) => add(code));
  }
  return out;
}

const cache = new Map<string, CountryResult>();
const CACHE_LIMIT = 100_000;

/**
 * Free-text country -> ISO 3166-1 alpha-2 code (upper case). Trims, folds case, accents and
 * punctuation ("U.S.A.", "united states ", "Côte d'Ivoire", "Ivory Coast", "UK", "England",
 * "Scotland" -> GB, "Holland" -> NL, "Burma" -> MM, "Deutschland" -> DE, "Korea, Republic of" -> KR).
 * Accepts assigned alpha-2 codes except the ambiguous ones in `AMBIGUOUS_CODES` ("CA", "VA", "IN",
 * "DE" ...), alpha-3 codes ("GBR"), and "<place>, <country>" ("Virginia, USA" -> US). A US state,
 * Canadian province or Australian state alone is not a country. When not resolved, `suggestions`
 * holds up to 3 English country names (the subdivision's country first, then the closest names by
 * Levenshtein distance); it may be empty (blank or unrecognisable input). Never throws.
 * Results are memoised per distinct raw string and frozen; do not mutate them.
 * @example normaliseCountry("U.S.A.") // {ok: true, code: "US"}
 * @example normaliseCountry("VA") // {ok: false, suggestions: ["Vatican City", "United States"]}
 */
export function normaliseCountry(raw: string): CountryResult {
  const hit = cache.get(raw);
  if (hit) return hit;
  const tokens = foldTokens(raw);
  const parts = raw.split(",").map(foldTokens).filter((p) => p.length > 0);
  const code = tokens.length ? resolve(tokens, parts) : undefined;
  const result: CountryResult = code
    ? Object.freeze({ ok: true as const, code })
    : Object.freeze({ ok: false as const, suggestions: Object.freeze(suggest(tokens, parts)) as string[] });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, result);
  return result;
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
