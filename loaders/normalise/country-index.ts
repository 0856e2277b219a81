/**
 * The lookup tables behind `normaliseCountry`, built once at load: country names and aliases by
 * folded key, display names, the sub-national places of `country-aliases.ts`, and the ISO 3166-2
 * states, provinces and territories of the United States, Canada and Australia (from `iso-3166`),
 * the three countries whose abbreviations people write after a city ("Boston, MA", "Perth, WA").
 */
import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import { iso31662 } from "iso-3166";
import { AMBIGUOUS_CODES, COUNTRY_ALIASES, DISPLAY_NAMES, MISREAD_CODES, SUBDIVISIONS } from "./country-aliases";
import { placeKey } from "./place-key";

countries.registerLocale(en);

/** `i18n-iso-countries` codes: alpha-2 -> alpha-3. */
const ALPHA2_TO_ALPHA3: Record<string, string> = countries.getAlpha2Codes();
/** Every accepted alpha-2 code, sorted. */
export const CODES: readonly string[] = Object.freeze(Object.keys(ALPHA2_TO_ALPHA3).sort());
/** The same codes as a set. */
export const CODE_SET: ReadonlySet<string> = new Set(CODES);

/** Display name of each code. */
export const NAMES = new Map<string, string>();
/** Folded name key -> code; `null` marks a key shared by two codes ("congo"). */
export const NAME_INDEX = new Map<string, string | null>();
/** Every (key, code) pair of a name of 4+ characters, for fuzzy suggestions. */
export const FUZZY: Array<[string, string]> = [];

function addName(name: string, code: string, override: boolean): void {
  const key = placeKey(name);
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
for (const [code, other] of [...Object.entries(AMBIGUOUS_CODES), ...Object.entries(MISREAD_CODES)]) {
  if (!CODE_SET.has(code) || (other !== null && !CODE_SET.has(other))) throw new Error(`country-aliases: bad code pair ${code} / ${other}`);
}

/**
 * The `i18n-iso-countries` locales whose names are written in scripts other than Latin (Amharic,
 * Arabic, Cyrillic, Greek, Hebrew, Devanagari, Chinese, Japanese, Korean, Thai...): the languages
 * in which a registrant may write their country, "Россия", "日本", "中国", "Ελλάδα".
 */
const NON_LATIN_LOCALES = ["am", "ar", "be", "bg", "bn", "dv", "el", "fa", "he", "hi", "hy", "ja", "ka", "kk", "km", "ko", "ky", "mk", "ml", "mn", "mr", "ps", "ru", "sd", "sr", "ta", "tg", "th", "tt", "ug", "uk", "ur", "zh"];

/** Key of a name in any script: NFKC, lower case, without spaces, punctuation or symbols. */
export function nativeKey(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");
}

/** Native key -> the codes the locales give it (two for "Конго": CD, CG); read at first use. */
let nativeIndex: Map<string, string[]> | null = null;

/**
 * The codes the locales of {@link NON_LATIN_LOCALES} give a country name written in a non-Latin
 * script ("Россия" -> [RU], "日本" -> [JP], "Конго" -> [CD, CG]); [] when none has it. Names with
 * Latin letters are left to the English index. The locales (about 6,700 names) are read at the
 * first call. Never throws.
 */
export function nativeCodes(name: string): readonly string[] {
  if (nativeIndex === null) {
    const require = createRequire(import.meta.url);
    nativeIndex = new Map();
    for (const lang of NON_LATIN_LOCALES) {
      const names = (require(`i18n-iso-countries/langs/${lang}.json`) as { countries: Record<string, string | string[]> }).countries;
      for (const [code, list] of Object.entries(names)) {
        if (!CODE_SET.has(code)) continue;
        for (const n of [list].flat()) {
          const key = nativeKey(n);
          if (key === "" || /[a-z]/.test(key)) continue;
          const codes = nativeIndex.get(key) ?? [];
          if (!codes.includes(code)) nativeIndex.set(key, [...codes, code].sort());
        }
      }
    }
  }
  const key = nativeKey(name);
  return key === "" ? [] : nativeIndex.get(key) ?? [];
}

/** Folded subdivision key -> the codes of the countries that have it ("wa" -> US, AU). */
export const SUBDIVISION_INDEX = new Map<string, string[]>();
for (const [code, places] of Object.entries(SUBDIVISIONS)) {
  for (const p of places) {
    const key = placeKey(p);
    const list = SUBDIVISION_INDEX.get(key) ?? [];
    if (!list.includes(code)) list.push(code);
    SUBDIVISION_INDEX.set(key, list);
  }
}

/** A state, province or territory: its country and its ISO 3166-2 name. */
export interface State {
  readonly code: string;
  readonly name: string;
}

/**
 * The countries whose ISO 3166-2 states people abbreviate after a city. Their outlying
 * territories that have ISO alpha-2 codes of their own (US-PR = PR, US-GU = GU ...) are left out:
 * "San Juan, PR" names Puerto Rico itself.
 */
const STATE_COUNTRIES = ["US", "CA", "AU"] as const;

/** Folded state key, by ISO 3166-2 suffix or name ("ma", "massachusetts") -> the states it names. */
export const STATE_INDEX = new Map<string, State[]>();
for (const s of iso31662) {
  if (!(STATE_COUNTRIES as readonly string[]).includes(s.parent)) continue;
  const suffix = s.code.slice(s.parent.length + 1);
  if (CODE_SET.has(suffix) && !(suffix in AMBIGUOUS_CODES)) continue; // a territory with its own code
  const state: State = Object.freeze({ code: s.parent, name: s.name });
  for (const key of new Set([placeKey(suffix), placeKey(s.name)])) {
    const list = STATE_INDEX.get(key) ?? [];
    list.push(state);
    STATE_INDEX.set(key, list);
  }
}

/** Code of a folded key naming a country (name, alias, alpha-3), or undefined. */
export function byName(key: string): string | undefined {
  return NAME_INDEX.get(key) ?? undefined;
}

/**
 * True for an assigned two-letter code that does not stand alone as a country: one of
 * `AMBIGUOUS_CODES` ("VA") or `MISREAD_CODES` ("NA", "IS"), or one letter twice ("SS", "EE"),
 * which in a country column is more often keyboard mashing ("ss", "ff") than South Sudan.
 */
export function isUnsafeCode(upper: string): boolean {
  return CODE_SET.has(upper) && (upper in AMBIGUOUS_CODES || upper in MISREAD_CODES || upper[0] === upper[1]);
}

/**
 * Code of a folded key that is a name, or a bare two-letter code that may stand alone: assigned
 * and not `isUnsafeCode`.
 */
export function byNameOrCode(key: string): string | undefined {
  const named = byName(key);
  if (named) return named;
  if (key.length === 2) {
    const upper = key.toUpperCase();
    if (CODE_SET.has(upper) && !isUnsafeCode(upper)) return upper;
  }
  return undefined;
}

/** Every (key, code) pair of a name, alias or alpha-3 code of 2-3 characters ("usa", "uk"), for typos of short names. */
export const SHORT_NAMES: ReadonlyArray<readonly [string, string]> = [...NAME_INDEX]
  .filter((e): e is [string, string] => e[0].length <= 3 && e[1] !== null);
