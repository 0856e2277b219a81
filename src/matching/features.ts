/**
 * Pair features of a candidate partnership (docs/matching.md). Pure functions of two
 * participant profiles; no Node imports, so the same code runs in the CLI, the tests and the
 * browser. The demo generator uses them for its historical matching and its planted outcomes.
 */
import { offsetGap, utcOffset } from "../domain/countries/timezones";
import type { CareerPreference, CareerStage, SectorPreference } from "../domain/vocabulary";

/** One participant as the matching sees them. */
export interface Profile {
  /** ISO 3166-1 alpha-2 country code, upper case. */
  country: string;
  /** Library sector (free text accepted; compared exactly). */
  sector: string;
  /** Years of experience in libraries: the number given, or the midpoint of the range ticked (`yearsFromExperience`, src/domain/vocabulary.ts). */
  years: number;
  /** Career stage, `careerStage` of `years` (src/domain/vocabulary.ts). */
  stage: CareerStage;
  /** Professional interests (exact labels). */
  interests: string[];
  /** Languages the participant can work in (exact labels, e.g. "English"). */
  languages: string[];
  /** Partner sector preference: `same` sector, or `any`. */
  prefSector: SectorPreference;
  /** Partner career stage preference: `different`, `similar`, or `any` (no preference). */
  prefCareer: CareerPreference;
  /** Countries the participant would like a partner from (alpha-2); empty = no preference. */
  prefCountries: string[];
  /** True when the participant was matched in an earlier round. */
  returning: boolean;
}

/** The features of a pair (docs/matching.md). All are numbers so that weights can multiply them. */
export interface PairFeatures {
  /** 1 when both work in the same sector, else 0. */
  same_sector: number;
  /** Absolute difference of years of experience, in years (>= 0). */
  career_gap: number;
  /** Share of the two partners whose sector preference the pair meets: 0, 0.5 or 1. `any` is always met; `same` is met when the sectors are equal. */
  sector_pref_met: number;
  /** Share of the two partners whose career-stage preference the pair meets: 0, 0.5 or 1. `any` is always met; `different` when the stages differ; `similar` when they are equal. */
  career_pref_met: number;
  /** Share of the two partners whose country preference the pair meets: 0, 0.5 or 1. An empty list is always met; otherwise met when the partner's country is in the list. */
  country_pref_met: number;
  /** Jaccard index of the two interest sets, |A ∩ B| / |A ∪ B|, 0..1; 0 when both are empty. */
  shared_interests: number;
  /** 1 when the partners share at least one working language, else 0. */
  shared_language: number;
  /** Circular distance between the two countries' representative UTC offsets, hours, 0..12. */
  timezone_gap: number;
  /** 1 when neither partner is returning (both new to the program), else 0. */
  both_new: number;
}

/** Names of the pair features, in a fixed order (for design matrices and weights files). */
export const FEATURE_NAMES = [
  "same_sector",
  "career_gap",
  "sector_pref_met",
  "career_pref_met",
  "country_pref_met",
  "shared_interests",
  "shared_language",
  "timezone_gap",
  "both_new",
] as const satisfies readonly (keyof PairFeatures)[];

/** One of {@link FEATURE_NAMES}. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What people are told about a feature: the matching page's controls and tables are built from it. */
export interface FeatureInfo {
  /** The feature in plain words, as the weight's slider is labelled. */
  label: string;
  /** What one unit of the feature is (its weight is in points per unit). */
  unit: string;
  /** One sentence: what the feature measures. */
  explanation: string;
  /** The weight slider's range and step on the matching page, points per unit. */
  slider: { min: number; max: number; step: number };
}

/** Every feature's {@link FeatureInfo}, defined once here beside the names and shipped to the matching page. */
export const FEATURE_INFO: Readonly<Record<FeatureName, Readonly<FeatureInfo>>> = Object.freeze({
  same_sector: {
    label: "Same sector",
    unit: "a pair in one sector (0 or 1)",
    explanation: "1 when both partners work in the same library sector.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
  career_gap: {
    label: "Career gap (per year)",
    unit: "a year of experience apart",
    explanation: "How many years of library experience the partners are apart.",
    slider: { min: -0.5, max: 0.5, step: 0.01 },
  },
  sector_pref_met: {
    label: "Sector wish met",
    unit: "both partners' wish met (0, ½ or 1)",
    explanation: "The share of the two partners whose wish for a partner from the same sector (or any sector) the pair meets.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
  career_pref_met: {
    label: "Career-stage wish met",
    unit: "both partners' wish met (0, ½ or 1)",
    explanation: "The share of the two partners whose wish for a partner at a different or a similar career stage the pair meets.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
  country_pref_met: {
    label: "Country wish met",
    unit: "both partners' wish met (0, ½ or 1)",
    explanation: "The share of the two partners whose list of countries they would like a partner from (if any) the pair meets.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
  shared_interests: {
    label: "Shared interests (Jaccard)",
    unit: "all interests shared (Jaccard index 0 to 1)",
    explanation: "The professional interests the partners share, as a share of all the interests either of them named.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
  shared_language: {
    label: "Shared language",
    unit: "a working language shared (0 or 1)",
    explanation: "1 when the partners can work in at least one language in common.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
  timezone_gap: {
    label: "Time-zone gap (per hour)",
    unit: "an hour between the partners' clocks (0 to 12)",
    explanation: "How many hours apart the partners' countries' standard times are, around the clock.",
    slider: { min: -1, max: 1, step: 0.01 },
  },
  both_new: {
    label: "Both new to ILN",
    unit: "a pair of newcomers (0 or 1)",
    explanation: "1 when neither partner took part in an earlier round.",
    slider: { min: -5, max: 10, step: 0.1 },
  },
});

function sectorMet(p: Profile, partner: Profile): number {
  return p.prefSector === "any" || p.sector === partner.sector ? 1 : 0;
}

function careerMet(p: Profile, partner: Profile): number {
  if (p.prefCareer === "any") return 1;
  const same = p.stage === partner.stage;
  return (p.prefCareer === "similar") === same ? 1 : 0;
}

function countryMet(p: Profile, partner: Profile): number {
  return p.prefCountries.length === 0 || p.prefCountries.includes(partner.country) ? 1 : 0;
}

/** Jaccard index of two label lists taken as sets (duplicates ignored); 0 when both are empty. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  // Lists are short (a handful of labels): quadratic scans beat allocating Sets.
  let sizeA = 0;
  let inter = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.indexOf(a[i]) !== i) continue;
    sizeA++;
    if (b.includes(a[i])) inter++;
  }
  let sizeB = 0;
  for (let i = 0; i < b.length; i++) if (b.indexOf(b[i]) === i) sizeB++;
  const union = sizeA + sizeB - inter;
  return union === 0 ? 0 : inter / union;
}

/**
 * The features of the pair (a, b), as defined on {@link PairFeatures}. Symmetric: the result for
 * (b, a) is the same. Does not check that the pair is allowed (same country, earlier partners):
 * that is the matcher's job.
 * @throws {Error} when a country has no known UTC offset (see `utcOffset`).
 * @example pairFeatures(a, b).timezone_gap // 9 for AU (+10) with US (-5)
 */
export function pairFeatures(a: Profile, b: Profile): PairFeatures {
  let lang = 0;
  for (const l of a.languages) if (b.languages.includes(l)) { lang = 1; break; }
  return {
    same_sector: a.sector === b.sector ? 1 : 0,
    career_gap: Math.abs(a.years - b.years),
    sector_pref_met: (sectorMet(a, b) + sectorMet(b, a)) / 2,
    career_pref_met: (careerMet(a, b) + careerMet(b, a)) / 2,
    country_pref_met: (countryMet(a, b) + countryMet(b, a)) / 2,
    shared_interests: jaccard(a.interests, b.interests),
    shared_language: lang,
    timezone_gap: offsetGap(utcOffset(a.country), utcOffset(b.country)),
    both_new: !a.returning && !b.returning ? 1 : 0,
  };
}
