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
import { TriangleScan } from "./dense-matching";
import { FEATURE_NAMES, pairFeatures, type PairFeatures, type Profile } from "./features";
import { triangleRowBase } from "./solver/triangle";
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

/**
 * The scored problem: vertex i is `pool.people[i]`. The scores are an upper triangle (the layout
 * of `solver/triangle.ts`: n(n − 1)/2 entries, 4 bytes each, half an n·n matrix), read with
 * {@link pairSlot}.
 */
export interface ScoreMatrix {
  n: number;
  /**
   * `triangle[pairSlot(n, i, j)]` (i < j): the pair's score in {@link SCORE_UNITS}, or
   * {@link FORBIDDEN}. (Named for its layout: an n·n matrix read at `i * n + j` it was once.)
   */
  triangle: Int32Array;
  /** Index of each id in `pool.people`. */
  index: Map<string, number>;
  /** Earlier-partner and forbidden pairs as keys `i * n + j` (i < j), with the reason. */
  excluded: Map<number, Violation>;
  /** The solver's first scan of `triangle`, made while it was scored (`scorePools` with `scanWidth`), for its first solve. */
  scan?: TriangleScan;
}

/** Where the pair (i, j), i < j, of n people sits in {@link ScoreMatrix}'s `triangle`. @throws never. */
export function pairSlot(n: number, i: number, j: number): number {
  return triangleRowBase(n, i) + j;
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
 * Scores every allowed pair of the pool under `weights` (see module doc): {@link scorePools} of
 * one weighting. O(n²) feature evaluations; memory 2n² bytes.
 * @param forbidden pairs of ids a coordinator forbade.
 * @throws Error when an id is duplicated, a country has no known UTC offset, or a score is out of
 *   the 32-bit integer range.
 */
export function scorePool(pool: Pool, weights: Weights, forbidden: readonly [string, string][] = []): ScoreMatrix {
  return scorePools(pool, [weights], forbidden)[0];
}

/**
 * Scores every allowed pair of the pool under each of `weightings` in one pass over the pairs:
 * each pair's features are computed once, then its score under each weighting written to that
 * weighting's triangle. Result k is, to the last bit, what `scorePool(pool, weightings[k],
 * forbidden)` gives; the results share one `index` and one `excluded` map (read them, never
 * change them). Cost: O(n²) feature evaluations plus O(n²) score sums per weighting; memory 2n²
 * bytes per weighting (a 5,000-person pool: 50 MB each).
 * @param forbidden pairs of ids a coordinator forbade.
 * @param options.tables false: compute every pair's score, never from the table of feature
 *   combinations (the same result; see `compile`). Default true.
 * @param options.scanWidth when given, each row is also scanned as the solver's first scan does
 *   (`TriangleScan` of that list width) just after it is written, while it is in cache: each
 *   result's `scan`, for its first solve (`solve` in propose.ts).
 * @throws Error when an id is duplicated, a country has no known UTC offset, or a score is out of
 *   the 32-bit integer range.
 */
export function scorePools(pool: Pool, weightings: readonly Weights[], forbidden: readonly [string, string][] = [], options: { tables?: boolean; scanWidth?: number } = {}): ScoreMatrix[] {
  const people = pool.people;
  const n = people.length;
  const index = indexPeople(people);
  const excluded = excludedPairs(pool, index, forbidden);
  const triangles = weightings.map(() => new Int32Array((n * (n - 1)) / 2));
  const scoreRow = compile(people, weightings, options.tables !== false);
  const width = options.scanWidth;
  const scans = width === undefined ? null : weightings.map(() => new TriangleScan(n, width, FORBIDDEN));
  // excluded pairs row by row (keys i · n + j ascending): each row is final before it is scanned
  const keys = Float64Array.from(excluded.keys()).sort();
  let next = 0;
  for (let i = 0; i < n; i++) {
    const at = triangleRowBase(n, i);
    scoreRow(i, triangles, at);
    for (; next < keys.length && Math.floor(keys[next] / n) === i; next++) for (const t of triangles) t[at + (keys[next] % n)] = FORBIDDEN;
    if (scans) triangles.forEach((t, k) => scans[k].row(t, at, i));
  }
  return triangles.map((triangle, k) => ({ n, triangle, index, excluded, ...(scans ? { scan: scans[k] } : {}) }));
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

/** Entries of a weighting in {@link compile}'s parameter array before its terms: base, the nine weights, the number of terms. */
const HEAD = 11;
/** Entries of a probability term in it: factor (scale × weight), intercept, the nine coefficients. */
const TERM = 11;

/** Largest table of feature combinations {@link compile} keeps per weighting (entries of 4 bytes: 16 MB). */
export const MAX_COMBINATIONS = 1 << 22;

/** Most distinct years of experience, or profiles, {@link compile} tabulates pairs of (a table of up to 1,048,576 entries). */
const MAX_CODED = 1024;

/**
 * A fast scorer for the pool under several weightings: `scoreRow(i, out, at)` writes `toUnits`
 * of the score under `weightings[k]` of every pair (i, j > i) into `out[k][at + j]`
 * ({@link FORBIDDEN} for a same-country pair). The same features as `pairFeatures`, from
 * per-person bit masks (interests, languages) and a table of time-zone gaps between the pool's
 * distinct UTC offsets, each feature the same number `pairFeatures` gives (|A ∩ B| / |A ∪ B|
 * with |A ∪ B| = |A| + |B| − |A ∩ B|, the same integers), computed once a pair whatever the
 * number of weightings; then each weighting's score summed in `FEATURE_NAMES` order as
 * `pairScore` does (its numbers read from one parameter array), so the result is identical to the
 * last bit (`test/matching/score.test.ts` checks it). Written as loops over j with the features
 * in locals: they run n²/2 times a pool (12 million at 5,000 people).
 *
 * A pool's pairs take few distinct feature combinations (a 4,975-person pool of the synthetic
 * history: 339,105 among 11.4 million allowed pairs), since every feature takes few values in a
 * pool: years of experience, interest-set sizes and time zones are few. So, unless `tables` is
 * false or the pool's combinations could exceed {@link MAX_COMBINATIONS}, each pair's features
 * are read as small codes (each code standing for one exact value of its feature) and combined
 * into an index, most of it read from tables over pairs of the pool's distinct years, time zones
 * and profiles (sector, career stage, their wishes, newness); each weighting's score of a combination is computed the first time the
 * combination occurs, from those exact values, and read from that weighting's table after. The
 * same features give the same score, so the result is the same to the last bit; a fitted
 * weighting's two logistic terms (two `Math.exp` a pair) are then paid once per combination.
 */
function compile(people: readonly PoolPerson[], weightings: readonly Weights[], tables = true): (i: number, out: Int32Array[], at: number) => void {
  const n = people.length;
  const int = labelBits(people.map((p) => p.interests));
  const lang = labelBits(people.map((p) => p.languages));
  const sector = intern(people.map((p) => p.sector)).id;
  const stageOf = intern(people.map((p) => p.stage));
  const stage = stageOf.id;
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
  // The weightings one after another: base, the nine weights, the number of terms, then each term.
  const P = Float64Array.from(
    weightings.flatMap((w) => [
      w.base,
      ...FEATURE_NAMES.map((f) => w.weights[f]),
      w.utility?.terms.length ?? 0,
      ...(w.utility?.terms ?? []).flatMap((t) => [w.utility!.scale * t.weight, t.intercept, ...FEATURE_NAMES.map((f) => t.coefficients[f])]),
    ]),
  );
  const K = weightings.length;
  const first = new Int32Array(K); // where each weighting starts in P
  for (let k = 1; k < K; k++) first[k] = first[k - 1] + HEAD + TERM * P[first[k - 1] + 10];
  /** Weighting k's score of the features x0..x8, in units, summed as pairScore does (identical to the last bit). */
  const unitsOf = (k: number, x0: number, x1: number, x2: number, x3: number, x4: number, x5: number, x6: number, x7: number, x8: number): number => {
    let o = first[k];
    let s = P[o] + P[o + 1] * x0 + P[o + 2] * x1 + P[o + 3] * x2 + P[o + 4] * x3 + P[o + 5] * x4 + P[o + 6] * x5 + P[o + 7] * x6 + P[o + 8] * x7 + P[o + 9] * x8;
    const T = P[o + 10];
    o += HEAD;
    for (let t = 0; t < T; t++, o += TERM) {
      const eta = P[o + 1] + P[o + 2] * x0 + P[o + 3] * x1 + P[o + 4] * x2 + P[o + 5] * x3 + P[o + 6] * x4 + P[o + 7] * x5 + P[o + 8] * x6 + P[o + 9] * x7 + P[o + 10] * x8;
      s += P[o] * (1 / (1 + Math.exp(-eta)));
    }
    const u = Math.round(s * SCORE_UNITS);
    if (!(Math.abs(u) < 2 ** 31 - 1)) toUnits(s); // throws the out-of-range error
    return u;
  };
  const iw = int.words;
  const lw = lang.words;
  const intSet = int.set;
  const intCount = int.count;
  const langSet = lang.set;
  /** |A ∩ B| of the interests of i and j. */
  const sharedInterests = (i: number, j: number): number => {
    if (iw === 1) return popcount(intSet[i] & intSet[j]);
    let inter = 0;
    for (let k = 0; k < iw; k++) inter += popcount(intSet[i * iw + k] & intSet[j * iw + k]);
    return inter;
  };
  /** 1 when i and j share a working language, else 0. */
  const sharedLanguage = (i: number, j: number): number => {
    if (lw === 1) return (langSet[i] & langSet[j]) !== 0 ? 1 : 0;
    for (let k = 0; k < lw; k++) if ((langSet[i * lw + k] & langSet[j * lw + k]) !== 0) return 1;
    return 0;
  };
  /** How many of i and j have the other's country among their wishes, or no wish (0, 1 or 2). */
  const countryWishesMet = (i: number, j: number): number => {
    const ci = country[i];
    const cj = country[j];
    return (noWish[i] || (wish[i * cwords + (cj >>> 5)] & (1 << (cj & 31))) !== 0 ? 1 : 0) + (noWish[j] || (wish[j * cwords + (ci >>> 5)] & (1 << (ci & 31))) !== 0 ? 1 : 0);
  };

  // Codes of the three features that take more than three values: the career gap (by pairs of the
  // pool's distinct years), the interests' Jaccard index (by intersection and union sizes) and the
  // time-zone gap (by pairs of distinct offsets), each code one exact value.
  const yearsOf = intern(Array.from(years));
  const Y = yearsOf.distinct.length;
  const careerGaps = intern(Y <= MAX_CODED ? yearsOf.distinct.flatMap((a) => yearsOf.distinct.map((b) => Math.abs(a - b))) : []);
  const careerGapCode = Y <= MAX_CODED ? careerGaps.id : null; // at a · Y + b: the gap of distinct years a and b
  const sizes = [...new Set(intCount)].sort((a, b) => a - b);
  const maxSize = sizes.length ? sizes[sizes.length - 1] : 0;
  const unions = 2 * maxSize + 1; // |A ∪ B| is 0 .. 2 · the largest set
  // the (intersection, union) sizes two of the pool's interest sets can have, at inter · unions + union
  const slots: number[] = [];
  const ratios: number[] = [];
  if (maxSize <= 64)
    for (const a of sizes)
      for (const b of sizes)
        for (let inter = 0; inter <= Math.min(a, b); inter++) {
          const union = a + b - inter;
          slots.push(inter * unions + union);
          ratios.push(union === 0 ? 0 : inter / union);
        }
  const jaccards = intern(ratios);
  const jaccardCode = maxSize <= 64 ? new Int32Array((maxSize + 1) * unions).fill(-1) : null;
  if (jaccardCode) slots.forEach((slot, k) => (jaccardCode[slot] = jaccards.id[k]));
  const zoneGaps = intern(Array.from(gap));
  const zoneGapCode = zoneGaps.id; // at a · Z + b: the gap of distinct offsets a and b
  const G1 = careerGaps.distinct.length;
  const G5 = jaccards.distinct.length;
  const G7 = zoneGaps.distinct.length;
  // combinations: same sector 2 × career gap G1 × three half-step shares 3³ × Jaccard G5 × shared language 2 × time-zone gap G7 × both new 2
  const combinations = 2 * G1 * 27 * G5 * 2 * G7 * 2;
  // What a pair's sectors, sector wishes, career stages, stage wishes and newness give: one table
  // over the pool's distinct profiles of those (a handful of sectors: a few hundred profiles).
  const stages = stageOf.distinct.length;
  const profiles = intern(Array.from(people, (_, p) => (((sector[p] * 2 + anySector[p]) * stages + stage[p]) * 3 + career[p]) * 2 + isNew[p]));
  const A = profiles.distinct.length;
  if (tables && careerGapCode && jaccardCode && combinations <= MAX_COMBINATIONS && A <= MAX_CODED) {
    // The key: digits c0 same sector (2), c1 career gap (G1), c7 time-zone gap (G7), c8 both new
    // (2), c3 career-stage wishes met (3), c2 sector wishes met (3), c4 country wishes met (3), c6
    // shared language (2), c5 Jaccard index (G5), the last the lowest; c2, c3 and c4 count the two
    // partners whose wish is met (twice the feature). Each digit's place value:
    const M6 = G5;
    const M4 = 2 * M6;
    const M2 = 3 * M4;
    const M3 = 3 * M2;
    const M8 = 3 * M3;
    const M7 = 2 * M8;
    const M1 = G7 * M7;
    const M0 = G1 * M1;
    const profile = profiles.id;
    const example = new Int32Array(A); // a person of each profile
    for (let p = n - 1; p >= 0; p--) example[profile[p]] = p;
    const byProfiles = new Int32Array(A * A);
    for (let x = 0; x < A; x++)
      for (let y = 0; y < A; y++) {
        const a = example[x];
        const b = example[y];
        const c0 = sector[a] === sector[b] ? 1 : 0;
        const c2 = (anySector[a] || c0 ? 1 : 0) + (anySector[b] || c0 ? 1 : 0);
        const sameStage = stage[a] === stage[b];
        const c3 = (career[a] === 0 ? 1 : (career[a] === 1) === sameStage ? 1 : 0) + (career[b] === 0 ? 1 : (career[b] === 1) === sameStage ? 1 : 0);
        byProfiles[x * A + y] = c0 * M0 + c2 * M2 + c3 * M3 + (isNew[a] & isNew[b]) * M8;
      }
    const byYears = Int32Array.from(careerGapCode, (c) => c * M1);
    const byZones = Int32Array.from(zoneGapCode, (c) => c * M7);
    const yearId = yearsOf.id;
    /** Weighting k's units of the combination `key` (its digits read back, each the code of one exact feature value). */
    const unitsOfKey = (k: number, key: number): number => {
      const c5 = key % G5;
      const c6 = Math.floor(key / M6) % 2;
      const c4 = Math.floor(key / M4) % 3;
      const c2 = Math.floor(key / M2) % 3;
      const c3 = Math.floor(key / M3) % 3;
      const c8 = Math.floor(key / M8) % 2;
      const c7 = Math.floor(key / M7) % G7;
      const c1 = Math.floor(key / M1) % G1;
      const c0 = Math.floor(key / M0);
      return unitsOf(k, c0, careerGaps.distinct[c1], c2 / 2, c3 / 2, c4 / 2, jaccards.distinct[c5], c6, zoneGaps.distinct[c7], c8);
    };
    // each combination's K scores side by side (one cache line for all weightings); FORBIDDEN: not yet computed
    const table = new Int32Array(combinations * K).fill(FORBIDDEN);
    const keys = new Int32Array(n); // row i's combination of each pair (i, j), -1 for a same-country pair
    return (i: number, out: Int32Array[], at: number): void => {
      // The row in two loops: the pairs' combinations first, then each weighting's scores from its
      // table into its triangle (one output array a loop: 25-30% faster than all K in one loop).
      const ci = country[i];
      const ai = profile[i] * A;
      const yi = yearId[i] * Y;
      const zi = zone[i] * Z;
      const cntI = intCount[i];
      for (let j = i + 1; j < n; j++) {
        if (ci === country[j]) {
          keys[j] = -1;
          continue;
        }
        const inter = sharedInterests(i, j);
        keys[j] = byProfiles[ai + profile[j]] + byYears[yi + yearId[j]] + byZones[zi + zone[j]] + countryWishesMet(i, j) * M4 + sharedLanguage(i, j) * M6 + jaccardCode[inter * unions + cntI + intCount[j] - inter];
      }
      for (let k = 0; k < K; k++) {
        const o = out[k];
        for (let j = i + 1; j < n; j++) {
          const key = keys[j];
          if (key < 0) {
            o[at + j] = FORBIDDEN;
            continue;
          }
          const e = key * K + k;
          let u = table[e];
          if (u === FORBIDDEN) u = table[e] = unitsOfKey(k, key);
          o[at + j] = u;
        }
      }
    };
  }
  return (i: number, out: Int32Array[], at: number): void => {
    const ci = country[i];
    const si = sector[i];
    const yi = years[i];
    const anyI = anySector[i];
    const zi = zone[i] * Z;
    const newI = isNew[i];
    const stageI = stage[i];
    const cntI = intCount[i];
    const carI = career[i];
    for (let j = i + 1; j < n; j++) {
      if (ci === country[j]) {
        for (let k = 0; k < K; k++) out[k][at + j] = FORBIDDEN;
        continue;
      }
      const inter = sharedInterests(i, j);
      const union = cntI + intCount[j] - inter;
      const x6 = sharedLanguage(i, j);
      const sj = sector[j];
      // The features in FEATURE_NAMES order.
      const x0 = si === sj ? 1 : 0;
      const x1 = Math.abs(yi - years[j]);
      const x2 = ((anyI || si === sj ? 1 : 0) + (anySector[j] || si === sj ? 1 : 0)) / 2;
      const sameStage = stageI === stage[j];
      const carJ = career[j];
      const x3 = ((carI === 0 ? 1 : (carI === 1) === sameStage ? 1 : 0) + (carJ === 0 ? 1 : (carJ === 1) === sameStage ? 1 : 0)) / 2;
      const x4 = countryWishesMet(i, j) / 2;
      const x5 = union === 0 ? 0 : inter / union;
      const x7 = gap[zi + zone[j]];
      const x8 = newI & isNew[j];
      for (let k = 0; k < K; k++) out[k][at + j] = unitsOf(k, x0, x1, x2, x3, x4, x5, x6, x7, x8);
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
  const u = m.triangle[pairSlot(m.n, Math.min(i, j), Math.max(i, j))];
  return u === FORBIDDEN ? null : u / SCORE_UNITS;
}

/** Features of the pair (i, j) of the pool (see `pairFeatures`). */
export function featuresOf(people: readonly PoolPerson[], i: number, j: number): PairFeatures {
  return pairFeatures(people[i], people[j]);
}
