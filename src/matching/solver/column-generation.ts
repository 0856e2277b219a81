/**
 * Exact maximum-weight matching of a large graph by column generation: solve a sparse candidate
 * subgraph exactly, price every other pair against the duals, add the violated pairs, repeat.
 * Shared by the dense API (`maxWeightMatchingDense`, every allowed pair of a pool) and the
 * edge-list API (`maxWeightMatching`); each provides a {@link PairSource}.
 *
 * 1. Candidates, from two passes over all pairs: each vertex's `candidatesPerVertex` heaviest
 *    pairs, its `relativeCandidatesPerVertex` best pairs by weight relative to the partner's own
 *    K-th best (`w(i, j) - h_j`: the partners for whom i is a good choice by their own standard;
 *    top-K alone lists the same popular people for everyone), and the pairs of a greedy matching.
 *    The next ones on both lists (to {@link POOL_PER_VERTEX} per vertex) form the pool.
 * 2. Solve the candidate graph exactly ({@link solvePrimalDual}), on solver weights `W = 2w`
 *    (plus a shift with maxCardinality, below), so with integer weights every number is exact.
 * 3. Price pairs against the final duals: `rc(i, j) = u_i + u_j - 2W + 2 * Z(lca)` (pricer.ts,
 *    O(1) a pair). Cheap rounds price the pool only; full passes price every pair. The first full
 *    pass adds each vertex's `violatorsPerVertex` most violated pairs and sends its other smallest
 *    reduced costs (to {@link KEEP_PER_VERTEX}) to the pool; the later ones, close to optimal,
 *    keep only reduced costs below a small margin (to {@link NEAR_PER_VERTEX} per vertex), so
 *    nearly every pair costs one comparison. Added pairs trigger step 2 again, warm-started (see
 *    {@link warmStart}); a full pass that finds nothing ends the loop.
 *
 * Certificate. When no pair is violated, u >= 0 and z >= 0 are feasible for Edmonds' odd-set LP
 * of the FULL graph, and the complementary slackness the solver guarantees on the candidate graph
 * (matched pairs tight, exposed vertices at u = 0, z_B > 0 only on full blossoms) involves only
 * the matching, the duals and the blossoms, never the added pairs. So the matching's weight
 * equals a feasible dual value of the full graph, which bounds every matching: it is optimal.
 * With integer weights every test is exact; with float weights a pair counts as violated only
 * below `-tol` (`2e-9 * max(1, max|w|)` in solver units, so rounding cannot loop), and the
 * certificate holds up to that tolerance per pair.
 *
 * maxCardinality. Every weight gets the same constant c added, large enough that a matching with
 * more pairs always weighs more: with k the largest possible number of pairs, lo/hi the smallest
 * and largest weight, any matching of j+1 pairs weighs at least (j+1)(c + lo) and any of j pairs
 * at most j(c + hi), so `c > (k - 1)(hi - lo) - lo` suffices (we add a margin of hi - lo + 1).
 * The maximum-weight matching of `w + c` then has maximum cardinality and, among those, maximum
 * weight w; the certificate above applies unchanged to `w + c`. Integer weights keep c an integer
 * (exact up to |c| < 2^49); float weights lose the bits of w below c's last bit (about
 * k * range * 1e-16 per pair).
 *
 * Pure TypeScript, no Node imports.
 */
import { offer, sortSlots, thresholds } from "./keep-best";
import { makePricer, pairBlossomTerm, type Pricer, type RowWalker } from "./pricer";
import { solvePrimalDual, type MatchingState, type WarmStart } from "./primal-dual";

/** Facts gathered by {@link PairSource.scan}. */
export interface PairStats {
  /** Largest |w| over allowed pairs (0 when none). */
  maxAbs: number;
  /** Smallest and largest weight (Infinity / -Infinity when no pair). */
  minW: number;
  maxW: number;
  /** Whether every weight is an integer. */
  allInt: boolean;
  /** Vertices with at least one allowed pair. */
  nonIsolated: number;
}

/**
 * A graph seen as pairs with ids in 0..idLimit. Each pass visits every allowed pair once
 * (parallel edges may be distinct pairs). Passes write into per-vertex slots of "best" lists kept
 * as min-heaps (keep-best.ts); the caller sorts them.
 */
export interface PairSource {
  /** Vertices 0..n-1. */
  readonly n: number;
  /** Pair ids are below this. */
  readonly idLimit: number;
  /** Smaller and larger end of pair `id`. */
  pairI(id: number): number;
  pairJ(id: number): number;
  /** Weight of pair `id` (as given, no scaling). */
  pairW(id: number): number;
  /**
   * Offers each pair to both ends' slots of K heaviest (`topId[v*K..]` / `topW[v*K..]`, coming
   * filled with -1 / -Infinity) and returns the pair statistics.
   * @throws RangeError when a weight is not finite.
   */
  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats;
  /** Offers each pair (v, x) to v's slot of R best by `w(v, x) - h[x]` (`relId` / `relKey`), and to x's by `w - h[v]`. */
  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void;
  /**
   * For every vertex v with `mate[v] === -1`, writes to `best[v]` its heaviest pair to another
   * such vertex with weight > floor, or -1 (`best` comes filled with -1).
   */
  bestFree(mate: Int32Array, floor: number, best: Int32Array): void;
  /**
   * Offers each pair with value -rc to both ends' slots of c largest (`worstId[v*c..]` /
   * `worstKey[v*c..]`, coming filled with -1 and one value per slot, the floor: -Infinity keeps
   * the c smallest reduced costs, tol only violations, -margin the reduced costs below a margin),
   * the solver weight of a pair of weight w being `2 * w + shift2`.
   */
  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void;
}

/** Options of {@link solveByPricing}. */
export interface PricingOptions {
  /** Maximum weight among maximum-cardinality matchings. */
  maxCardinality?: boolean;
  /** Heaviest pairs kept per vertex in the first candidate graph; default 10. */
  candidatesPerVertex?: number;
  /** Best pairs kept per vertex by relative weight; default 8 (0: none). */
  relativeCandidatesPerVertex?: number;
  /** Most violated pairs each vertex contributes per full pricing pass; default 4. */
  violatorsPerVertex?: number;
}

/** Result of {@link solveByPricing}. */
export interface PricingResult {
  /** `mate[v]` is v's partner, -1 when unmatched. */
  mate: Int32Array;
  /** Total weight of the matching (weights as given). */
  total: number;
  /** Number of exact solves of the candidate graph (1 when the first one was already optimal). */
  iterations: number;
  /** Number of candidate pairs in the last solve. */
  candidateEdges: number;
  /** Where the time went (wall-clock milliseconds). */
  phases: PricingPhases;
  /** The candidate graph of the last solve (weights as given): what the solver certified from. */
  candidates: { eu: Int32Array; ev: Int32Array; w: Float64Array };
}

/** Time split of {@link solveByPricing}, in wall-clock milliseconds. */
export interface PricingPhases {
  /** Passes over all pairs (first scan, relative candidates, full pricing) and their time. */
  passes: number;
  passMs: number;
  /** Exact solves of the candidate graph and their time. */
  solves: number;
  solveMs: number;
  /** Pricing of the pool between full passes. */
  partialMs: number;
  /** Everything else: candidate lists, greedy matching, warm starts, pricer layouts. */
  otherMs: number;
}

/**
 * Checks and fills in the options of {@link solveByPricing} (`K0`: default candidatesPerVertex).
 * @throws RangeError when an option is out of range.
 */
export function pricingOptions(options: PricingOptions, K0 = 10): Required<PricingOptions> {
  const K = options.candidatesPerVertex ?? K0;
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`candidatesPerVertex must be a positive integer, got ${K}`);
  const R = options.relativeCandidatesPerVertex ?? 8;
  if (!Number.isInteger(R) || R < 0) throw new RangeError(`relativeCandidatesPerVertex must be a non-negative integer, got ${R}`);
  const c = options.violatorsPerVertex ?? 4;
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`violatorsPerVertex must be a positive integer, got ${c}`);
  return { maxCardinality: options.maxCardinality === true, candidatesPerVertex: K, relativeCandidatesPerVertex: R, violatorsPerVertex: c };
}

/** Width of the heaviest-pairs lists {@link solveByPricing} asks a first scan for. */
export function listWidth(options: PricingOptions): number {
  return Math.max(pricingOptions(options).candidatesPerVertex, POOL_PER_VERTEX);
}

/**
 * A first scan done by the caller (as {@link PairSource.scan} with width {@link listWidth}): the
 * slots, the statistics and how long it took (milliseconds).
 */
export interface ScanResult {
  topId: Int32Array;
  topW: Float64Array;
  stats: PairStats;
  ms: number;
}

/**
 * The constant c added to every weight so that maximum weight implies maximum cardinality (see
 * the module comment): `(k - 1) * (hi - lo) - lo + (hi - lo) + 1` with k = floor(non-isolated
 * vertices / 2), rounded up for integer weights; in the units of the weights; 0 when there is no
 * pair. @throws never.
 */
export function cardinalityShift(stats: PairStats): number {
  if (!(stats.maxW >= stats.minW)) return 0;
  const k = Math.floor(stats.nonIsolated / 2);
  const range = stats.maxW - stats.minW;
  const c = Math.max(0, k - 1) * range - stats.minW + range + 1;
  return stats.allInt ? Math.ceil(c) : c;
}

/** Heaviest (and relatively best) pairs listed per vertex in the first passes: the first
 * `candidatesPerVertex` (`relativeCandidatesPerVertex`) become candidates, the rest the pool. */
const POOL_PER_VERTEX = 24;
/** Pairs of smallest reduced cost each vertex keeps from a full pricing pass. */
const KEEP_PER_VERTEX = 48;
/** Pairs of smallest reduced cost (below the margin) each vertex keeps from a later full pass. */
const NEAR_PER_VERTEX = 8;
/** Most violated pool pairs each vertex contributes per partial round. */
const PARTIAL_PER_VERTEX = 4;

/** Milliseconds of a monotonic clock (`performance.now`, or `Date.now` where there is none), for the phases' times. @throws never. */
export const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * Exact maximum-weight matching of the graph of `src` (see the module comment for the method and
 * its certificate).
 *
 * Rounds: after each solve, the pool (pairs listed in the first passes or kept by a full pass
 * for their small reduced cost) is priced first, which is cheap; only when no pool pair is
 * violated does a full pass price every pair, adding each vertex's `violatorsPerVertex` worst
 * violations to the candidates and its other smallest reduced costs to the pool (after the first
 * full pass, only those below the margin: the median over vertices of the
 * {@link NEAR_PER_VERTEX}-th smallest reduced cost among the pairs that pass left unviolated).
 * The last full pass finds nothing: that is the certificate. On real 5,000-person pools this
 * takes the first scan, the relative pass and two full pricing passes.
 *
 * Cost: those passes over all pairs plus the sparse solves (see `phases` in the result).
 *
 * @throws RangeError from the source's scan (a weight that is not finite) or from the options.
 */
export function solveByPricing(src: PairSource, options: PricingOptions = {}, scanned?: ScanResult): PricingResult {
  const { maxCardinality: maxCard, candidatesPerVertex: K, relativeCandidatesPerVertex: R, violatorsPerVertex: c } = pricingOptions(options);
  const n = src.n;
  const phases: PricingPhases = { passes: 0, passMs: 0, solves: 0, solveMs: 0, partialMs: 0, otherMs: 0 };
  const tStart = now();
  let t0 = now();
  const L = listWidth(options);
  let topId: Int32Array;
  let topW: Float64Array;
  let stats: PairStats;
  if (scanned) {
    ({ topId, topW, stats } = scanned);
    phases.passMs += scanned.ms;
  } else {
    topId = new Int32Array(n * L).fill(-1);
    topW = new Float64Array(n * L).fill(-Infinity);
    stats = src.scan(L, topId, topW);
    phases.passMs += now() - t0;
  }
  sortSlots(topId, topW, n, L);
  phases.passes++;
  const shift = maxCard ? cardinalityShift(stats) : 0;
  const shift2 = 2 * shift;
  const tol = stats.allInt && Math.abs(shift) < 2 ** 49 ? 0 : 2e-9 * Math.max(1, stats.maxAbs) + 128 * Number.EPSILON * Math.abs(shift);

  const cand = new CandidateSet(src, shift2);
  const poolIds: number[] = [];
  const take = (ids: Int32Array, width: number, first: number): void => {
    for (let v = 0; v < n; v++) {
      for (let r = 0; r < width; r++) {
        const id = ids[v * width + r];
        if (id < 0) break;
        if (r < first) cand.add(id);
        else poolIds.push(id);
      }
    }
  };
  take(topId, L, K);
  if (R > 0) {
    t0 = now();
    const RL = Math.max(R, POOL_PER_VERTEX);
    const h = new Float64Array(n);
    for (let i = 0; i < n; i++) h[i] = topW[i * L + K - 1] === -Infinity ? 0 : topW[i * L + K - 1];
    const relId = new Int32Array(n * RL).fill(-1);
    const relKey = relativeFloor(src, topId, topW, L, h, RL);
    src.relative(h, RL, relId, relKey);
    phases.passes++;
    sortSlots(relId, relKey, n, RL);
    phases.passMs += now() - t0;
    take(relId, RL, R);
  }
  addGreedyMatching(src, cand, maxCard);
  const pool = new PairPool(src, poolIds, cand);

  let iterations = 0;
  let state: MatchingState | null = null;
  let pr: Pricer | null = null;
  let fresh = 0;
  const P = Math.max(c, KEEP_PER_VERTEX);
  const worstId = new Int32Array(n * P);
  let fullPasses = 0;
  let margin = 0;
  const Q = Math.max(c, NEAR_PER_VERTEX);
  const worstKey = new Float64Array(n * P);
  for (;;) {
    iterations++;
    const init = state !== null ? warmStart(n, state, pr!, cand, fresh, tol, stats.allInt) : undefined;
    t0 = now();
    state = solvePrimalDual(n, cand.eu(), cand.ev(), cand.ew(), init);
    phases.solves++;
    phases.solveMs += now() - t0;
    pr = makePricer(state);
    fresh = cand.size;
    if (pool.size > 0 && fullPasses > 0) {
      t0 = now();
      worstId.fill(-1, 0, n * PARTIAL_PER_VERTEX);
      worstKey.fill(tol, 0, n * PARTIAL_PER_VERTEX);
      pool.price(pr, shift2, PARTIAL_PER_VERTEX, worstId, worstKey);
      for (let s = 0; s < n * PARTIAL_PER_VERTEX; s++) if (worstId[s] >= 0) cand.add(worstId[s]);
      phases.partialMs += now() - t0;
      if (cand.size > fresh) continue;
    }
    t0 = now();
    if (fullPasses === 0) {
      // Far from optimal: each vertex's c worst violations become candidates, the rest of its P
      // smallest reduced costs join the pool that the next rounds price first. Each list starts at
      // the P-th largest -rc among the vertex's pool pairs: a pair below it could not enter anyway,
      // and the heaps skip most offers.
      pool.floor(pr, shift2, P, worstId, worstKey);
      src.price(pr, shift2, P, worstId, worstKey);
      sortSlots(worstId, worstKey, n, P);
      const near: number[] = [];
      const rcAtQ: number[] = [];
      for (let v = 0; v < n; v++) {
        let ok = 0;
        for (let r = 0; r < P; r++) {
          const s = v * P + r;
          const id = worstId[s];
          if (id < 0) break;
          if (worstKey[s] <= tol && ++ok === Q) rcAtQ.push(-worstKey[s]);
          if (worstKey[s] > tol && r < c) cand.add(id);
          else if (!cand.has(id)) near.push(id);
        }
      }
      pool.add(near);
      // The margin of the later passes: the median over vertices of the Q-th smallest reduced
      // cost among their pairs that are not violated.
      rcAtQ.sort((x, y) => x - y);
      margin = rcAtQ.length > 0 ? Math.max(0, rcAtQ[rcAtQ.length >> 1]) : 0;
    } else {
      // Close to optimal, a full pass expects to certify: each vertex keeps only its Q smallest
      // reduced costs below the margin, so most pairs fail one comparison and few are offered.
      // Its c worst violations become candidates; when there are any, the other pairs join the
      // pool, as the pairs the next solves may violate (without them a pass that finds a few
      // violations is often followed by one more).
      const start = Math.min(tol, -margin);
      worstId.fill(-1, 0, n * Q);
      worstKey.fill(start, 0, n * Q);
      src.price(pr, shift2, Q, worstId, worstKey);
      sortSlots(worstId, worstKey, n, Q);
      const near: number[] = [];
      for (let v = 0; v < n; v++) {
        for (let r = 0; r < Q; r++) {
          const s = v * Q + r;
          const id = worstId[s];
          if (id < 0) break;
          if (worstKey[s] > tol && r < c) cand.add(id);
          else if (!cand.has(id)) near.push(id);
        }
      }
      if (cand.size > fresh) pool.add(near);
    }
    fullPasses++;
    phases.passes++;
    phases.passMs += now() - t0;
    if (cand.size === fresh) break;
  }
  // Total: each matched pair's heaviest candidate edge (parallel edges possible in edge lists).
  const mate = state.mate;
  const eu = cand.eu();
  const ev = cand.ev();
  const pairW = new Float64Array(n).fill(-Infinity);
  for (let k = 0; k < cand.size; k++) {
    if (mate[eu[k]] === ev[k] && cand.weight(k) > pairW[eu[k]]) pairW[eu[k]] = pairW[ev[k]] = cand.weight(k);
  }
  let total = 0;
  for (let v = 0; v < n; v++) if (mate[v] > v) total += pairW[v];
  const w = new Float64Array(cand.size);
  for (let k = 0; k < cand.size; k++) w[k] = cand.weight(k);
  phases.otherMs = now() - tStart - phases.passMs - phases.solveMs - phases.partialMs;
  return { mate, total, iterations, candidateEdges: cand.size, phases, candidates: { eu: eu.slice(), ev: ev.slice(), w } };
}

/**
 * The slots a relative pass starts from (width R, ids -1): each vertex v's filled with a value just
 * below the R-th largest relative key `w(v, x) - h[x]` among the pairs of v's heaviest list (the
 * first scan's, `topId` / `topW` of width L, sorted), or -Infinity when that list is shorter than R.
 * Those pairs are among v's pairs, so the R-th largest relative key over all of them is at least
 * that value: a pass started from it offers only pairs that beat it (about a third of the offers
 * on real pools), and every pair that could end in v's list, ties with the bound included, still
 * gets there. O(n L^2) comparisons at most (insertion sorts of L keys).
 * @throws never.
 */
export function relativeFloor(src: PairSource, topId: Int32Array, topW: Float64Array, L: number, h: Float64Array, R: number): Float64Array {
  const n = src.n;
  const relKey = new Float64Array(n * R).fill(-Infinity);
  const keys = new Float64Array(L);
  for (let v = 0; v < n; v++) {
    let m = 0;
    for (let r = 0; r < L; r++) {
      const id = topId[v * L + r];
      if (id < 0) break;
      const i = src.pairI(id);
      keys[m++] = topW[v * L + r] - h[i === v ? src.pairJ(id) : i];
    }
    if (m < R) continue;
    // the R-th largest key: an insertion sort of the m <= L keys, largest first (a typed array's
    // own sort costs microseconds a call, milliseconds over every vertex)
    for (let a = 1; a < m; a++) {
      const x = keys[a];
      let q = a - 1;
      while (q >= 0 && keys[q] < x) {
        keys[q + 1] = keys[q];
        q--;
      }
      keys[q + 1] = x;
    }
    const b = keys[R - 1];
    relKey.fill(b - Math.max(1, Math.abs(b)) * 1e-9, v * R, v * R + R);
  }
  return relKey;
}

/**
 * Pairs worth pricing often (each vertex's heaviest and relatively best beyond the first
 * candidates), grouped by their first vertex, priced exactly against a state between full passes.
 * Rows are visited in the blossom forest's depth-first order, as a full pass visits them, and each
 * pair's blossom term is a range-minimum query (`pairBlossomTerm`, the same value a
 * {@link RowWalker} keeps): walking the forest costs about 10 ms a pass on a 5,000-person pool
 * whatever the number of pairs, several times the queries for a pool of 200,000 pairs.
 */
class PairPool {
  private start: Int32Array;
  private ids: Int32Array;
  private js: Int32Array;
  private ws: Float64Array;
  size = 0;
  constructor(
    private readonly src: PairSource,
    list: number[],
    private readonly cand: CandidateSet,
  ) {
    this.start = new Int32Array(src.n + 1);
    this.ids = new Int32Array(0);
    this.js = new Int32Array(0);
    this.ws = new Float64Array(0);
    this.add(list);
  }
  /**
   * Adds pairs (current candidates and repeats of a pair are dropped) and regroups by first
   * vertex with a counting sort. O(n + pool size).
   */
  add(more: number[]): void {
    const src = this.src;
    const n = src.n;
    const { ids: oldIds, js: oldJs, ws: oldWs, start: oldStart, cand } = this;
    const start = new Int32Array(n + 1);
    // New pairs that are not candidates, with their row; old entries keep their partner and weight.
    const rowOf = new Int32Array(more.length);
    for (let r = 0; r < more.length; r++) {
      const id = more[r];
      rowOf[r] = cand.has(id) ? -1 : src.pairI(id);
      if (rowOf[r] >= 0) start[rowOf[r] + 1]++;
    }
    for (let i = 0; i < n; i++) {
      for (let k = oldStart[i]; k < oldStart[i + 1]; k++) if (!cand.has(oldIds[k])) start[i + 1]++;
    }
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const fill = start.slice(0, n);
    const total = start[n];
    const ids = new Int32Array(total);
    const js = new Int32Array(total);
    const ws = new Float64Array(total);
    for (let i = 0; i < n; i++) {
      for (let k = oldStart[i]; k < oldStart[i + 1]; k++) {
        if (cand.has(oldIds[k])) continue;
        const q = fill[i]++;
        ids[q] = oldIds[k];
        js[q] = oldJs[k];
        ws[q] = oldWs[k];
      }
    }
    // New pairs' weights are read at the end, row by row (the order a matrix is laid out in,
    // rather than at random): NaN until then.
    for (let r = 0; r < more.length; r++) {
      if (rowOf[r] < 0) continue;
      const q = fill[rowOf[r]]++;
      const id = more[r];
      ids[q] = id;
      js[q] = src.pairJ(id);
      ws[q] = NaN;
    }
    // Drop repeats within each row (seen[j] = row that last listed partner j, with id idAt[j]).
    const seen = new Int32Array(n).fill(-1);
    const idAt = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const qe = start[i + 1];
      const q0 = start[i];
      start[i] = m;
      for (let q = q0; q < qe; q++) {
        const id = ids[q];
        const j = js[q];
        if (seen[j] === i && idAt[j] === id) continue;
        seen[j] = i;
        idAt[j] = id;
        ids[m] = id;
        js[m] = j;
        ws[m] = ws[q];
        m++;
      }
    }
    start[n] = m;
    for (let k = 0; k < m; k++) if (ws[k] !== ws[k]) ws[k] = src.pairW(ids[k]);
    this.start = start;
    this.ids = ids.subarray(0, m);
    this.js = js.subarray(0, m);
    this.ws = ws.subarray(0, m);
    this.size = m;
  }

  /**
   * Fills each vertex v's slot of width P (`ids` / `keys` at v * P) with ids -1 and the P-th
   * largest -rc among v's pool pairs (-Infinity when it has fewer): a lower bound of the P-th
   * largest -rc over all of v's pairs, so a full pass started from it keeps the same lists up to
   * ties at that bound while offering far fewer pairs.
   */
  floor(pr: Pricer, shift2: number, P: number, ids: Int32Array, keys: Float64Array): void {
    const n = this.src.n;
    const { start, js, ws } = this;
    ids.fill(-1, 0, n * P);
    keys.fill(-Infinity, 0, n * P);
    const thr = new Float64Array(n).fill(-Infinity);
    const { order, u } = pr;
    for (let r = 0; r < n; r++) {
      const i = order[r];
      const base = 2 * shift2 - u[i];
      for (let k = start[i], ke = start[i + 1]; k < ke; k++) {
        const j = js[k];
        const nrc = 4 * ws[k] + base - (u[j] + pairBlossomTerm(pr, i, j));
        if (nrc > thr[i]) offer(ids, keys, thr, i, P, k, nrc);
        if (nrc > thr[j]) offer(ids, keys, thr, j, P, k, nrc);
      }
    }
    for (let v = 0; v < n; v++) {
      keys.fill(thr[v], v * P, v * P + P);
      ids.fill(-1, v * P, v * P + P);
    }
  }

  /**
   * Each vertex's c most violated pool pairs that are not candidates yet (as -rc, kept only above
   * the initial contents of `worstKey`, which the caller sets to tol).
   */
  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const n = this.src.n;
    const { start, js, ws, ids } = this;
    const thr = thresholds(worstKey, n, c);
    const { order, u } = pr;
    for (let r = 0; r < n; r++) {
      const i = order[r];
      const base = 2 * shift2 - u[i];
      for (let k = start[i], ke = start[i + 1]; k < ke; k++) {
        const j = js[k];
        const nrc = 4 * ws[k] + base - (u[j] + pairBlossomTerm(pr, i, j));
        if (!(nrc > thr[i]) && !(nrc > thr[j])) continue;
        const id = ids[k];
        if (this.cand.has(id)) continue;
        offer(worstId, worstKey, thr, i, c, id, nrc);
        offer(worstId, worstKey, thr, j, c, id, nrc);
      }
    }
  }
}

/** Growable list of candidate pairs, deduplicated by pair id (a bitset over the source's ids). */
class CandidateSet {
  private readonly bits: Uint32Array;
  private ids: Int32Array;
  private u: Int32Array;
  private v: Int32Array;
  private w: Float64Array;
  /** Weights as given, read from the source once (what `weight` returns). */
  private given: Float64Array;
  size = 0;
  constructor(
    private readonly src: PairSource,
    private readonly shift2: number,
  ) {
    this.bits = new Uint32Array(Math.ceil(src.idLimit / 32) + 1);
    const cap = Math.max(16, 16 * src.n);
    this.ids = new Int32Array(cap);
    this.u = new Int32Array(cap);
    this.v = new Int32Array(cap);
    this.w = new Float64Array(cap);
    this.given = new Float64Array(cap);
  }
  has(id: number): boolean {
    return (this.bits[id >>> 5] & (1 << (id & 31))) !== 0;
  }
  /** Adds pair `id` unless present; returns whether it was added. */
  add(id: number): boolean {
    const bit = 1 << (id & 31);
    if (this.bits[id >>> 5] & bit) return false;
    this.bits[id >>> 5] |= bit;
    if (this.size === this.u.length) {
      const cap = this.size * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids, new Int32Array(cap));
      this.u = grow(this.u, new Int32Array(cap));
      this.v = grow(this.v, new Int32Array(cap));
      this.w = grow(this.w, new Float64Array(cap));
      this.given = grow(this.given, new Float64Array(cap));
    }
    const k = this.size++;
    this.ids[k] = id;
    this.u[k] = this.src.pairI(id);
    this.v[k] = this.src.pairJ(id);
    const w = this.src.pairW(id);
    this.given[k] = w;
    this.w[k] = 2 * w + this.shift2;
    return true;
  }
  /** Weight of candidate k as given (no scaling). */
  weight(k: number): number {
    return this.given[k];
  }
  eu(): Int32Array {
    return this.u.subarray(0, this.size);
  }
  ev(): Int32Array {
    return this.v.subarray(0, this.size);
  }
  /** Solver weights `2w + shift2`. */
  ew(): Float64Array {
    return this.w.subarray(0, this.size);
  }
}

/**
 * Greedy matching: candidate pairs by decreasing weight (positive ones only, unless
 * maxCardinality); then every still-unmatched vertex names its heaviest pair to another unmatched
 * vertex, and those pairs are matched by decreasing weight while both ends are free. Its pairs
 * join the candidates.
 */
function addGreedyMatching(src: PairSource, cand: CandidateSet, maxCard: boolean): void {
  const n = src.n;
  const m = cand.size;
  const eu = cand.eu();
  const ev = cand.ev();
  const ew = cand.ew();
  const order = decreasingOrder(ew);
  const floorW = maxCard ? -Infinity : 0;
  const mate = new Int32Array(n).fill(-1);
  for (let r = 0; r < m; r++) {
    const k = order[r];
    if (!maxCard && ew[k] <= 0) break; // without maxCardinality, ew = 2w
    if (mate[eu[k]] === -1 && mate[ev[k]] === -1) {
      mate[eu[k]] = ev[k];
      mate[ev[k]] = eu[k];
    }
  }
  const best = new Int32Array(n).fill(-1);
  src.bestFree(mate, floorW, best);
  const free: number[] = [];
  for (let v = 0; v < n; v++) if (best[v] >= 0) free.push(v);
  free.sort((a, b) => src.pairW(best[b]) - src.pairW(best[a]));
  for (const v of free) {
    const id = best[v];
    const a = src.pairI(id);
    const b = src.pairJ(id);
    if (mate[a] !== -1 || mate[b] !== -1) continue;
    mate[a] = b;
    mate[b] = a;
    cand.add(id);
  }
}

/**
 * The indices 0..m-1 of `values` by decreasing value, equal values by increasing index (a stable
 * sort: what `Int32Array.prototype.sort` with the comparator `(a, b) => values[b] - values[a]`
 * gives, without a comparator's call per comparison). Bottom-up merge sort, O(m log m).
 * @throws never.
 */
export function decreasingOrder(values: Float64Array): Int32Array {
  const m = values.length;
  let a = new Int32Array(m);
  let b = new Int32Array(m);
  for (let k = 0; k < m; k++) a[k] = k;
  for (let width = 1; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(lo + width, m);
      const hi = Math.min(lo + 2 * width, m);
      let p = lo;
      let q = mid;
      let o = lo;
      // the right run's element goes first only when strictly larger: equal values keep their order
      while (p < mid && q < hi) b[o++] = values[a[q]] > values[a[p]] ? a[q++] : a[p++];
      while (p < mid) b[o++] = a[p++];
      while (q < hi) b[o++] = a[q++];
    }
    const t = a;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Warm start for the next solve after candidates `fresh..` were added (undefined: start cold,
 * when more than a third of the vertices would be exposed roots): blossom duals are
 * folded into vertex duals (u'_v = u_v + sum of z_B over blossoms containing v; every pair stays
 * feasible), matched pairs no longer tight are split, and each new pair still violated has one
 * endpoint's dual raised to make it feasible (that endpoint and its partner become exposed).
 * With integer weights, exposed vertices of positive dual are made even (raising an exposed
 * vertex's dual keeps feasibility), so the next solve stays in exact integer arithmetic.
 */
function warmStart(n: number, state: MatchingState, pr: Pricer, cand: CandidateSet, fresh: number, tol: number, allInt: boolean): WarmStart | undefined {
  const u = new Float64Array(n);
  for (let v = 0; v < n; v++) u[v] = state.dual[v] + pr.zIn[v] / 2;
  const mate = Int32Array.from(state.mate);
  const eu = cand.eu();
  const ev = cand.ev();
  const ew = cand.ew();
  // Weight of each matched pair: its heaviest candidate edge (parallel edges possible).
  const matchedW = new Float64Array(n).fill(-Infinity);
  for (let k = 0; k < fresh; k++) {
    if (mate[eu[k]] === ev[k] && ew[k] > matchedW[eu[k]]) {
      matchedW[eu[k]] = ew[k];
      matchedW[ev[k]] = ew[k];
    }
  }
  for (let v = 0; v < n; v++) {
    const p = mate[v];
    if (p > v && u[v] + u[p] - 2 * matchedW[v] > tol) {
      mate[v] = -1;
      mate[p] = -1;
    }
  }
  for (let k = fresh; k < cand.size; k++) {
    let i = eu[k];
    let j = ev[k];
    const d = 2 * ew[k] - u[i] - u[j];
    if (d <= 0) continue;
    if (mate[i] !== -1 && mate[j] === -1) {
      const t = i;
      i = j;
      j = t;
    }
    u[i] += d;
    const p = mate[i];
    if (p !== -1) {
      mate[p] = -1;
      mate[i] = -1;
    }
  }
  if (allInt) {
    for (let v = 0; v < n; v++) if (mate[v] === -1 && u[v] % 2 !== 0) u[v] += 1;
  }
  // After a large addition the fold leaves most vertices exposed: the greedy cold start is then
  // better (on a 20,000-person pool it halves that solve).
  let roots = 0;
  for (let v = 0; v < n; v++) if (mate[v] === -1 && u[v] > 0) roots++;
  if (roots > n / 3) return undefined;
  return { mate, dual: u };
}
