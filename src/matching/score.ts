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
  const { country, score } = compile(people, weights);
  for (let i = 0; i < n; i++) {
    const ci = country[i];
    const row = i * n;
    for (let j = i + 1; j < n; j++) {
      if (ci === country[j]) continue;
      units[row + j] = toUnits(score(i, j));
    }
  }
  for (const key of excluded.keys()) units[key] = FORBIDDEN;
  return { n, units, index, excluded };
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A fast scorer for the pool: the same features as `pairFeatures`, computed from per-person
 * bit masks (interests, languages) and precomputed UTC offsets, summed in `FEATURE_NAMES` order as
 * `pairScore` does, so the result is identical (`test/matching/score.test.ts` checks it).
 */
function compile(people: readonly PoolPerson[], w: Weights): { country: Int32Array; score: (i: number, j: number) => number } {
  const n = people.length;
  /** Each person's labels as a bit set of `words` 32-bit words (label ids in first-seen order). */
  const bits = (lists: readonly (readonly string[])[]): { words: number; set: Int32Array } => {
    const ids = new Map<string, number>();
    for (const l of lists) for (const x of l) if (!ids.has(x)) ids.set(x, ids.size);
    const words = Math.max(1, Math.ceil(ids.size / 32));
    const set = new Int32Array(lists.length * words);
    lists.forEach((l, k) => {
      for (const x of l) {
        const b = ids.get(x) as number;
        set[k * words + (b >>> 5)] |= 1 << (b & 31);
      }
    });
    return { words, set };
  };
  const intern = (values: string[]) => {
    const ids = new Map<string, number>();
    return Int32Array.from(values, (v) => {
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = ids.size));
      return id;
    });
  };
  const int = bits(people.map((p) => p.interests));
  const lang = bits(people.map((p) => p.languages));
  const sector = intern(people.map((p) => p.sector));
  const stage = intern(people.map((p) => p.stage));
  const years = Float64Array.from(people, (p) => p.years);
  const offset = Float64Array.from(people, (p) => utcOffset(p.country));
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
  const wishes = (i: number, j: number) => (noWish[i] || (wish[i * cwords + (country[j] >>> 5)] & (1 << (country[j] & 31))) !== 0 ? 1 : 0);
  const sectorMet = (i: number, j: number) => (anySector[i] || sector[i] === sector[j] ? 1 : 0);
  const careerMet = (i: number, j: number) => (career[i] === 0 ? 1 : (career[i] === 1) === (stage[i] === stage[j]) ? 1 : 0);
  // Weights as locals: the scorer runs n^2/2 times.
  const { base, weights: ww } = w;
  const lin = FEATURE_NAMES.map((f) => ww[f]);
  const terms = (w.utility?.terms ?? []).map((t) => ({ factor: w.utility!.scale * t.weight, intercept: t.intercept, c: FEATURE_NAMES.map((f) => t.coefficients[f]) }));
  const x = new Float64Array(FEATURE_NAMES.length);
  const score = (i: number, j: number): number => {
    let inter = 0;
    let union = 0;
    for (let k = 0; k < int.words; k++) {
      const a = int.set[i * int.words + k];
      const b = int.set[j * int.words + k];
      inter += popcount(a & b);
      union += popcount(a | b);
    }
    let language = 0;
    for (let k = 0; k < lang.words; k++) if ((lang.set[i * lang.words + k] & lang.set[j * lang.words + k]) !== 0) language = 1;
    // The features in FEATURE_NAMES order, summed as pairScore does, so the floating-point result is identical.
    x[0] = sector[i] === sector[j] ? 1 : 0;
    x[1] = Math.abs(years[i] - years[j]);
    x[2] = (sectorMet(i, j) + sectorMet(j, i)) / 2;
    x[3] = (careerMet(i, j) + careerMet(j, i)) / 2;
    x[4] = (wishes(i, j) + wishes(j, i)) / 2;
    x[5] = union === 0 ? 0 : inter / union;
    x[6] = language;
    x[7] = offsetGap(offset[i], offset[j]);
    x[8] = isNew[i] & isNew[j];
    let s = base;
    for (let f = 0; f < 9; f++) s += lin[f] * x[f];
    for (const t of terms) {
      let eta = t.intercept;
      for (let f = 0; f < 9; f++) eta += t.c[f] * x[f];
      s += t.factor * (1 / (1 + Math.exp(-eta)));
    }
    return s;
  };
  return { country, score };
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
