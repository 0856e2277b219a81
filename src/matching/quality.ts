/**
 * Quality of a matching of a pool (docs/matching.md): scores, the program's principles and the
 * participants' stated preferences, hard-rule violations, people left unmatched, predicted
 * outcome, each overall and broken down by country, world region (UN M49, `regionOf`), sector
 * and career stage, so a matching that serves one group at another's expense shows.
 *
 * Definitions, for a pair:
 * - principles: `another_country` (the partners' countries differ), `similar_sector` (same
 *   sector), `different_stage` (career stages differ): the program's defaults;
 * - preferences: `sector_pref`, `career_pref`, `country_pref`: both partners' stated preference
 *   is met (no preference counts as met), i.e. the feature `*_pref_met` is 1.
 * For a person in a breakdown: the share of the group's matched people whose pair meets each
 * principle, and, among those who stated a preference (not `any`/empty), the share whose own
 * preference is met. A pair breaking a hard rule has no score (it counts in `violations` and not
 * in total, mean or min), so an exact solver's total is never below it.
 *
 * Pure (no Node imports).
 */
import { regionOf } from "../domain/countries/regions";
import type { PairFeatures } from "./features";
import { featuresOf, scoreOf, violationOf, type PoolPerson, type ScoreMatrix, type Violation } from "./score";

/** Names of the principles reported. */
export const PRINCIPLES = ["another_country", "similar_sector", "different_stage"] as const;
/** Names of the stated preferences reported. */
export const PREFERENCES = ["sector_pref", "career_pref", "country_pref"] as const;
export type Principle = (typeof PRINCIPLES)[number];
export type Preference = (typeof PREFERENCES)[number];

/** One pair of a matching with what it meets. */
export interface PairQuality {
  a: number;
  b: number;
  /** Points, or null when the pair breaks a hard rule. */
  score: number | null;
  features: PairFeatures;
  principles: Record<Principle, boolean>;
  preferences: Record<Preference, boolean>;
  violation: Violation | null;
  /** Model-predicted completion probability (a prediction, never an observation); null without a model. */
  predicted_completion: number | null;
}

/** Figures of one group of people (a country, region, sector or stage). */
export interface GroupQuality {
  group: string;
  people: number;
  matched: number;
  unmatched: number;
  mean_score: number | null;
  min_score: number | null;
  /** Share of matched people whose pair meets each principle (null when none matched). */
  principles: Record<Principle, number | null>;
  /** Share of matched people with a stated preference whose preference is met, and how many stated one. */
  preferences: Record<Preference, { share: number | null; stated: number }>;
  /** Mean predicted completion of the group's matched people's pairs (prediction). */
  predicted_completion: number | null;
}

/** Quality summary of a matching. */
export interface MatchingQuality {
  people: number;
  pairs: number;
  matched: number;
  unmatched: number;
  /** Sum, mean and minimum pair score over pairs that break no hard rule, points (3 decimals). */
  total: number;
  mean: number | null;
  min: number | null;
  /** Share of pairs meeting each principle. */
  principles: Record<Principle, number | null>;
  /** Share of pairs where both partners' stated preference is met. */
  preferences: Record<Preference, number | null>;
  violations: Record<Violation, number> & { total: number };
  /** Mean predicted completion probability over pairs (a prediction, from the fitted model). */
  predicted_completion: number | null;
  breakdowns: { country: GroupQuality[]; region: GroupQuality[]; sector: GroupQuality[]; stage: GroupQuality[] };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function sectorMet(p: PoolPerson, q: PoolPerson): boolean {
  return p.prefSector === "any" || p.sector === q.sector;
}
function careerMet(p: PoolPerson, q: PoolPerson): boolean {
  return p.prefCareer === "any" || (p.prefCareer === "similar") === (p.stage === q.stage);
}
function countryMet(p: PoolPerson, q: PoolPerson): boolean {
  return p.prefCountries.length === 0 || p.prefCountries.includes(q.country);
}

/**
 * The quality of one pair (i, j): score, features, principles, preferences, violation, prediction.
 * @param predict completion probability from features, or undefined for no prediction.
 */
export function pairQuality(m: ScoreMatrix, people: readonly PoolPerson[], i: number, j: number, predict?: (x: PairFeatures) => number): PairQuality {
  const a = people[i];
  const b = people[j];
  const x = featuresOf(people, i, j);
  const violation = violationOf(m, people, i, j);
  return {
    a: i,
    b: j,
    score: violation ? null : scoreOf(m, i, j),
    features: x,
    principles: { another_country: a.country !== b.country, similar_sector: a.sector === b.sector, different_stage: a.stage !== b.stage },
    preferences: { sector_pref: x.sector_pref_met === 1, career_pref: x.career_pref_met === 1, country_pref: x.country_pref_met === 1 },
    violation,
    predicted_completion: predict ? predict(x) : null,
  };
}

const share = (k: number, n: number) => (n === 0 ? null : r3(k / n));

type Key = (p: PoolPerson) => string;
const KEYS: Record<keyof MatchingQuality["breakdowns"], Key> = {
  country: (p) => p.country,
  region: (p) => {
    try {
      return regionOf(p.country).region;
    } catch {
      return "unknown";
    }
  },
  sector: (p) => p.sector,
  stage: (p) => p.stage,
};

/**
 * Quality of the matching `pairs` (index pairs into `people`) of the pool whose scores `m`
 * holds; everyone in `people` not in a pair counts as unmatched. Groups are sorted by size,
 * largest first.
 * @param predict completion probability from pair features (a model fitted elsewhere), optional.
 */
export function matchingQuality(m: ScoreMatrix, people: readonly PoolPerson[], pairs: readonly [number, number][], predict?: (x: PairFeatures) => number): { summary: MatchingQuality; pairs: PairQuality[] } {
  const pq = pairs.map(([i, j]) => pairQuality(m, people, i, j, predict));
  const partnerOf = new Int32Array(people.length).fill(-1);
  const pairOf = new Int32Array(people.length).fill(-1);
  pq.forEach((p, k) => {
    partnerOf[p.a] = p.b;
    partnerOf[p.b] = p.a;
    pairOf[p.a] = k;
    pairOf[p.b] = k;
  });
  let totalUnits = 0;
  let min: number | null = null;
  let scored = 0;
  const violations = { same_country: 0, earlier_partners: 0, forbidden: 0, total: 0 };
  for (const p of pq) {
    if (p.violation) {
      violations[p.violation]++;
      violations.total++;
      continue;
    }
    totalUnits += Math.round((p.score as number) * 1000);
    scored++;
    min = min === null ? (p.score as number) : Math.min(min, p.score as number);
  }
  const count = (f: (p: PairQuality) => boolean) => share(pq.filter(f).length, pq.length);
  const predicted = pq.filter((p) => p.predicted_completion !== null);
  const matched = pq.length * 2;

  // Each matched person's principles met by their pair, preferences stated and preferences met,
  // one bit each (bit k of each: PRINCIPLES[k], PREFERENCES[k]), read by every breakdown.
  const principleBits = new Uint8Array(people.length);
  const statedBits = new Uint8Array(people.length);
  const metBits = new Uint8Array(people.length);
  people.forEach((p, i) => {
    if (pairOf[i] < 0) return;
    const pair = pq[pairOf[i]];
    PRINCIPLES.forEach((k, b) => (principleBits[i] |= pair.principles[k] ? 1 << b : 0));
    const q = people[partnerOf[i]];
    const stated = [p.prefSector !== "any", p.prefCareer !== "any", p.prefCountries.length > 0];
    const met = [sectorMet(p, q), careerMet(p, q), countryMet(p, q)];
    PREFERENCES.forEach((_, b) => {
      if (stated[b]) statedBits[i] |= 1 << b;
      if (met[b]) metBits[i] |= 1 << b;
    });
  });

  const breakdown = (key: Key): GroupQuality[] => {
    const groups = new Map<string, number[]>();
    people.forEach((p, i) => {
      const g = key(p);
      const list = groups.get(g);
      if (list) list.push(i);
      else groups.set(g, [i]);
    });
    const out: GroupQuality[] = [];
    for (const [group, members] of groups) {
      let matchedHere = 0;
      const scores: number[] = [];
      const preds: number[] = [];
      const principleCounts = PRINCIPLES.map(() => 0);
      const statedCounts = PREFERENCES.map(() => 0);
      const metCounts = PREFERENCES.map(() => 0);
      for (const i of members) {
        if (pairOf[i] < 0) continue;
        matchedHere++;
        const pair = pq[pairOf[i]];
        if (pair.score !== null) scores.push(pair.score);
        if (pair.predicted_completion !== null) preds.push(pair.predicted_completion);
        for (let b = 0; b < PRINCIPLES.length; b++) principleCounts[b] += (principleBits[i] >> b) & 1;
        for (let b = 0; b < PREFERENCES.length; b++) {
          if (!((statedBits[i] >> b) & 1)) continue;
          statedCounts[b]++;
          metCounts[b] += (metBits[i] >> b) & 1;
        }
      }
      out.push({
        group,
        people: members.length,
        matched: matchedHere,
        unmatched: members.length - matchedHere,
        mean_score: scores.length ? r3(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
        min_score: scores.length ? Math.min(...scores) : null,
        principles: Object.fromEntries(PRINCIPLES.map((k, b) => [k, share(principleCounts[b], matchedHere)])) as Record<Principle, number | null>,
        preferences: Object.fromEntries(PREFERENCES.map((k, b) => [k, { share: share(metCounts[b], statedCounts[b]), stated: statedCounts[b] }])) as GroupQuality["preferences"],
        predicted_completion: preds.length ? r3(preds.reduce((a, b) => a + b, 0) / preds.length) : null,
      });
    }
    return out.sort((x, y) => y.people - x.people || (x.group < y.group ? -1 : 1));
  };

  const summary: MatchingQuality = {
    people: people.length,
    pairs: pq.length,
    matched,
    unmatched: people.length - matched,
    total: totalUnits / 1000,
    mean: scored ? r3(totalUnits / 1000 / scored) : null,
    min,
    principles: Object.fromEntries(PRINCIPLES.map((k) => [k, count((p) => p.principles[k])])) as Record<Principle, number | null>,
    preferences: Object.fromEntries(PREFERENCES.map((k) => [k, count((p) => p.preferences[k])])) as Record<Preference, number | null>,
    violations,
    predicted_completion: predicted.length ? r3(predicted.reduce((s, p) => s + (p.predicted_completion as number), 0) / predicted.length) : null,
    breakdowns: { country: breakdown(KEYS.country), region: breakdown(KEYS.region), sector: breakdown(KEYS.sector), stage: breakdown(KEYS.stage) },
  };
  return { summary, pairs: pq };
}
