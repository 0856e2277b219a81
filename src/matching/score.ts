/**
 * A round's matching problem: the pool (people with their profiles, earlier partners, coordinator
 * forbids), the hard rules, and the integer score of every allowed pair under a weights file.
 *
 * Hard rules (docs/matching.md): two people from the same country are never paired, nor two who
 * were partners in an earlier round, nor a pair a coordinator forbade. Every other pair is allowed
 * and scored `pairScore` (weights.ts) points; the solver sees the score in integer
 * thousandths of a point ({@link SCORE_UNITS}), so it is exact and a weight change of 0.001 point or more
 * per unit of a feature matters.
 *
 * Pure (no Node imports): the dashboards bundle it with a pool JSON file.
 */
import { offsetGap, utcOffset } from "../domain/countries/timezones";
import { careerStage } from "../domain/vocabulary";
import { FEATURE_NAMES, pairFeatures, type PairFeatures, type Profile } from "./features";
import { pairScore, type Weights } from "./weights";

/** One person of a pool: a profile plus an opaque id (a pseudonym in analytics output). */
export interface PoolPerson extends Profile {
  id: string;
}

/** A pool as JSON: who may be matched in a round, and which pairs the rules exclude besides same-country pairs. */
export interface Pool {
  /** Round id. */
  round: string;
  people: PoolPerson[];
  /** Pairs of ids who were partners in an earlier round (order irrelevant). */
  earlierPartners: [string, string][];
}

/** Solver units per point: scores are integers in thousandths of a point. */
export const SCORE_UNITS = 1000;

/** Sentinel of a forbidden pair in a {@link ScoreMatrix}. */
export const FORBIDDEN = -2147483648;

/** Why a pair is not allowed. */
export type Violation = "same_country" | "earlier_partners" | "forbidden";

/** The scored problem: vertex i is `pool.people[i]`. */
export interface ScoreMatrix {
  n: number;
  /** `units[i * n + j]` (i < j): the pair's score in {@link SCORE_UNITS}, or {@link FORBIDDEN}. */
  units: Int32Array;
  /** Index of each id in `pool.people`. */
  index: Map<string, number>;
  /** Earlier-partner and forbidden pairs as keys `i * n + j` (i < j), with the reason. */
  excluded: Map<number, Violation>;
}

/** Profile of a registration answer set, with the career stage derived from years. */
export function withStage<T extends Omit<Profile, "stage">>(p: T): T & { stage: Profile["stage"] } {
  return { ...p, stage: careerStage(p.years) };
}

/**
 * Index of ids: id -> position.
 * @throws Error when an id occurs twice.
 */
export function indexPeople(people: readonly PoolPerson[]): Map<string, number> {
  const index = new Map<string, number>();
  people.forEach((p, i) => {
    if (index.has(p.id)) throw new Error(`person ${p.id} occurs twice in the pool`);
    index.set(p.id, i);
  });
  return index;
}

/**
 * The pairs excluded by rule other than same country: earlier partners and `forbidden` pairs
 * (ids; pairs with someone outside the pool are ignored), keyed `i * n + j` with i < j.
 */
export function excludedPairs(pool: Pool, index: Map<string, number>, forbidden: readonly [string, string][] = []): Map<number, Violation> {
  const n = pool.people.length;
  const out = new Map<number, Violation>();
  const add = (pairs: readonly [string, string][], why: Violation) => {
    for (const [x, y] of pairs) {
      const i = index.get(x);
      const j = index.get(y);
      if (i === undefined || j === undefined || i === j) continue;
      out.set(Math.min(i, j) * n + Math.max(i, j), why);
    }
  };
  add(pool.earlierPartners, "earlier_partners");
  add(forbidden, "forbidden");
  return out;
}

/**
 * The hard rule a pair (i, j) breaks, or null when it is allowed.
 */
export function violationOf(m: ScoreMatrix, people: readonly PoolPerson[], i: number, j: number): Violation | null {
  if (people[i].country === people[j].country) return "same_country";
  return m.excluded.get(Math.min(i, j) * m.n + Math.max(i, j)) ?? null;
}

/**
 * Scores every allowed pair of the pool under `weights` (see module doc). O(n²) feature
 * evaluations; memory 4n² bytes.
 * @param forbidden pairs of ids a coordinator forbade.
 * @throws Error when an id is duplicated, a country has no known UTC offset, or a score is out of
 *   the 32-bit integer range.
 */
export function scorePool(pool: Pool, weights: Weights, forbidden: readonly [string, string][] = []): ScoreMatrix {
  const people = pool.people;
  const n = people.length;
  const index = indexPeople(people);
  const excluded = excludedPairs(pool, index, forbidden);
  const units = new Int32Array(n * n).fill(FORBIDDEN);
  const scoreRow = compile(people, weights);
  for (let i = 0; i < n; i++) scoreRow(i, units);
  for (const key of excluded.keys()) units[key] = FORBIDDEN;
  return { n, units, index, excluded };
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Each person's labels as a bit set of `words` 32-bit words (label ids in first-seen order), and how many labels each has. */
function labelBits(lists: readonly (readonly string[])[]): { words: number; set: Int32Array; count: Int32Array } {
  const ids = new Map<string, number>();
  for (const l of lists) for (const x of l) if (!ids.has(x)) ids.set(x, ids.size);
  const words = Math.max(1, Math.ceil(ids.size / 32));
  const set = new Int32Array(lists.length * words);
  const count = new Int32Array(lists.length);
  lists.forEach((l, k) => {
    for (const x of l) {
      const b = ids.get(x) as number;
      set[k * words + (b >>> 5)] |= 1 << (b & 31);
    }
    for (let w = 0; w < words; w++) count[k] += popcount(set[k * words + w]);
  });
  return { words, set, count };
}

/** Small integer ids of `values` in first-seen order, and the distinct values. */
function intern<T>(values: readonly T[]): { id: Int32Array; distinct: T[] } {
  const ids = new Map<T, number>();
  const id = Int32Array.from(values, (v) => {
    let k = ids.get(v);
    if (k === undefined) ids.set(v, (k = ids.size));
    return k;
  });
  return { id, distinct: [...ids.keys()] };
}

/**
 * A fast scorer for the pool: `scoreRow(i, units)` writes `toUnits` of the score of every pair
 * (i, j > i) from different countries into `units[i·n + j]`. The same features as
 * `pairFeatures`, from per-person bit masks (interests, languages) and a table of time-zone gaps
 * between the pool's distinct UTC offsets, each feature the same number `pairFeatures` gives
 * (|A ∩ B| / |A ∪ B| with |A ∪ B| = |A| + |B| − |A ∩ B|, the same integers), summed in
 * `FEATURE_NAMES` order as `pairScore` does, so the result is identical to the last bit
 * (`test/matching/score.test.ts` checks it). Written as one loop over j with the features in
 * locals: it runs n²/2 times a pool (12 million at 5,000 people).
 */
function compile(people: readonly PoolPerson[], w: Weights): (i: number, units: Int32Array) => void {
  const n = people.length;
  const int = labelBits(people.map((p) => p.interests));
  const lang = labelBits(people.map((p) => p.languages));
  const sector = intern(people.map((p) => p.sector)).id;
  const stage = intern(people.map((p) => p.stage)).id;
  const years = Float64Array.from(people, (p) => p.years);
  const offsets = intern(people.map((p) => utcOffset(p.country)));
  const zone = offsets.id;
  const Z = offsets.distinct.length;
  const gap = new Float64Array(Z * Z);
  for (let a = 0; a < Z; a++) for (let b = 0; b < Z; b++) gap[a * Z + b] = offsetGap(offsets.distinct[a], offsets.distinct[b]);
  const anySector = Uint8Array.from(people, (p) => (p.prefSector === "any" ? 1 : 0));
  const career = Uint8Array.from(people, (p) => (p.prefCareer === "any" ? 0 : p.prefCareer === "similar" ? 1 : 2));
  const isNew = Uint8Array.from(people, (p) => (p.returning ? 0 : 1));
  // country wishes: a bit set over the pool's countries (plus wished-for countries nobody is from)
  const countries = [...new Set(people.flatMap((p) => [p.country, ...p.prefCountries]))];
  const cid = new Map(countries.map((c, k) => [c, k]));
  const country = Int32Array.from(people, (p) => cid.get(p.country) as number);
  const cwords = Math.max(1, Math.ceil(countries.length / 32));
  const wish = new Int32Array(n * cwords);
  const noWish = Uint8Array.from(people, (p) => (p.prefCountries.length === 0 ? 1 : 0));
  people.forEach((p, k) => {
    for (const c of p.prefCountries) {
      const b = cid.get(c) as number;
      wish[k * cwords + (b >>> 5)] |= 1 << (b & 31);
    }
  });
  // Weights as locals.
  const { base, weights: ww } = w;
  const [l0, l1, l2, l3, l4, l5, l6, l7, l8] = FEATURE_NAMES.map((f) => ww[f]);
  const terms = (w.utility?.terms ?? []).map((t) => ({ factor: w.utility!.scale * t.weight, intercept: t.intercept, c: Float64Array.from(FEATURE_NAMES, (f) => t.coefficients[f]) }));
  const T = terms.length;
  const none = { factor: 0, intercept: 0, c: new Float64Array(9) };
  const { factor: f0, intercept: a0, c: ca } = terms[0] ?? none;
  const { factor: f1, intercept: b0, c: cb } = terms[1] ?? none;
  const [a00, a01, a02, a03, a04, a05, a06, a07, a08] = ca;
  const [b00, b01, b02, b03, b04, b05, b06, b07, b08] = cb;
  const iw = int.words;
  const lw = lang.words;
  const intSet = int.set;
  const intCount = int.count;
  const langSet = lang.set;
  return (i: number, units: Int32Array): void => {
    const ci = country[i];
    const si = sector[i];
    const yi = years[i];
    const anyI = anySector[i];
    const zi = zone[i] * Z;
    const newI = isNew[i];
    const stageI = stage[i];
    const noWishI = noWish[i];
    const wi = i * cwords;
    const cntI = intCount[i];
    const intI = intSet[i * iw];
    const langI = langSet[i * lw];
    const row = i * n;
    for (let j = i + 1; j < n; j++) {
      if (ci === country[j]) continue;
      let inter = 0;
      if (iw === 1) inter = popcount(intI & intSet[j]);
      else for (let k = 0; k < iw; k++) inter += popcount(intSet[i * iw + k] & intSet[j * iw + k]);
      const union = cntI + intCount[j] - inter;
      let x6 = 0;
      if (lw === 1) x6 = (langI & langSet[j]) !== 0 ? 1 : 0;
      else for (let k = 0; k < lw; k++) if ((langSet[i * lw + k] & langSet[j * lw + k]) !== 0) x6 = 1;
      const sj = sector[j];
      // The features in FEATURE_NAMES order, summed as pairScore does, so the floating-point result is identical.
      const x0 = si === sj ? 1 : 0;
      const x1 = Math.abs(yi - years[j]);
      const x2 = ((anyI || si === sj ? 1 : 0) + (anySector[j] || si === sj ? 1 : 0)) / 2;
      const cj = country[j];
      const sameStage = stageI === stage[j];
      const carI = career[i];
      const carJ = career[j];
      const x3 = ((carI === 0 ? 1 : (carI === 1) === sameStage ? 1 : 0) + (carJ === 0 ? 1 : (carJ === 1) === sameStage ? 1 : 0)) / 2;
      const x4 = ((noWishI || (wish[wi + (cj >>> 5)] & (1 << (cj & 31))) !== 0 ? 1 : 0) + (noWish[j] || (wish[j * cwords + (ci >>> 5)] & (1 << (ci & 31))) !== 0 ? 1 : 0)) / 2;
      const x5 = union === 0 ? 0 : inter / union;
      const x7 = gap[zi + zone[j]];
      const x8 = newI & isNew[j];
      let s = base + l0 * x0 + l1 * x1 + l2 * x2 + l3 * x3 + l4 * x4 + l5 * x5 + l6 * x6 + l7 * x7 + l8 * x8;
      if (T > 0) {
        // the first two probability terms from locals (fitted weights have two), any further ones from the list
        const eta = a0 + a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3 + a04 * x4 + a05 * x5 + a06 * x6 + a07 * x7 + a08 * x8;
        s += f0 * (1 / (1 + Math.exp(-eta)));
        if (T > 1) {
          const eta = b0 + b00 * x0 + b01 * x1 + b02 * x2 + b03 * x3 + b04 * x4 + b05 * x5 + b06 * x6 + b07 * x7 + b08 * x8;
          s += f1 * (1 / (1 + Math.exp(-eta)));
          for (let t = 2; t < T; t++) {
            const { c, intercept, factor } = terms[t];
            const eta = intercept + c[0] * x0 + c[1] * x1 + c[2] * x2 + c[3] * x3 + c[4] * x4 + c[5] * x5 + c[6] * x6 + c[7] * x7 + c[8] * x8;
            s += factor * (1 / (1 + Math.exp(-eta)));
          }
        }
      }
      const u = Math.round(s * SCORE_UNITS);
      if (!(Math.abs(u) < 2 ** 31 - 1)) toUnits(s); // throws the out-of-range error
      units[row + j] = u;
    }
  };
}

/**
 * A score in points as integer solver units (rounded to the nearest thousandth).
 * @throws RangeError when it does not fit a 32-bit integer.
 */
export function toUnits(points: number): number {
  const u = Math.round(points * SCORE_UNITS);
  if (!(Math.abs(u) < 2 ** 31 - 1)) throw new RangeError(`pair score ${points} is out of range`);
  return u;
}

/**
 * Score in points of the pair (i, j) as the matrix holds it, or null when the pair is not allowed.
 */
export function scoreOf(m: ScoreMatrix, i: number, j: number): number | null {
  const u = m.units[Math.min(i, j) * m.n + Math.max(i, j)];
  return u === FORBIDDEN ? null : u / SCORE_UNITS;
}

/** Features of the pair (i, j) of the pool (see `pairFeatures`). */
export function featuresOf(people: readonly PoolPerson[], i: number, j: number): PairFeatures {
  return pairFeatures(people[i], people[j]);
}
