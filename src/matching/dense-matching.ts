/**
 * Exact maximum-weight matching of a (nearly) complete graph, the shape of an ILN round: every
 * allowed pair of participants is an edge. The blossom algorithm on all ~n^2/2 pairs is slow, so
 * this solves a sparse candidate graph and proves the result optimal for the full graph by
 * pricing every pair against the duals (column generation; method, certificate and the
 * maxCardinality shift in solver/column-generation.ts). The weight matrix is read row by row in
 * tight loops over typed arrays: a pass over 12.5 million pairs takes tens of milliseconds. On an
 * Int32 matrix the comparisons of those loops run in WebAssembly SIMD (solver/row-filter.ts), with
 * the same offers and so the same result.
 *
 * Pure TypeScript, no Node imports.
 */
import { cardinalityShift, listWidth, now, solveByPricing, type PairSource, type PairStats, type PricingResult, type ScanResult } from "./solver/column-generation";
import { RowWalker, type Pricer } from "./solver/pricer";
import { denseBestFree } from "./solver/dense-best-free";
import { offer, pairStats, thresholds } from "./solver/keep-best";
import { triangleRowBase } from "./solver/triangle";
import { RowFilter } from "./solver/row-filter";
import { priceFiltered, relativeFiltered, scanFiltered, scanRowFiltered } from "./solver/filtered-rows";

export { cardinalityShift };

/**
 * Weight of the pair {i, j}, i < j: a callback returning a finite number, or null/undefined/NaN
 * when the pair is forbidden; or an n*n matrix read at `[i * n + j]` (upper triangle only) where
 * NaN and the `forbidden` sentinel mark forbidden pairs.
 */
export type WeightSource = ((i: number, j: number) => number | null | undefined) | Float64Array | Int32Array;

/** Options of {@link maxWeightMatchingDense}. */
export interface DenseMatchingOptions {
  /** Maximum weight among maximum-cardinality matchings (networkx `maxcardinality`). */
  maxCardinality?: boolean;
  /** Matrix entries equal to this value are forbidden pairs (e.g. -1 in an Int32Array). */
  forbidden?: number;
  /** Best partners kept per person in the first candidate graph; default 10. */
  candidatesPerVertex?: number;
  /**
   * Partners kept per person by RELATIVE weight, `w(i, j)` minus the K-th best weight of j: the
   * partners for whom i is a good choice by their own standard; default 8 (0: none). Top-K alone
   * lists the same popular people for everyone, and the pairs the optimum needs among the others
   * then arrive only through several rounds of pricing.
   */
  relativeCandidatesPerVertex?: number;
  /** Most violated pairs each person contributes per pricing round; default 4. */
  violatorsPerVertex?: number;
}

/**
 * Result of {@link maxWeightMatchingDense}: `mate[v]` (v's partner, -1 when unmatched), the
 * matching's `total` weight, the number of exact solves (`iterations`), the size and list of the
 * last candidate graph, and where the time went (`phases`).
 */
export type DenseMatchingResult = PricingResult;

/**
 * Exact maximum-weight matching of the graph on vertices 0..n-1 whose edges are all allowed
 * pairs of `weight` (see {@link WeightSource}); optimal for the full graph, certified by dual
 * pricing. Same semantics as `maxWeightMatching` on the full edge list (total weight maximal,
 * among maximum-cardinality matchings when `maxCardinality`), though ties may be broken
 * differently.
 *
 * Cost: about 2 + r passes over the n^2/2 pairs (r pricing rounds, typically 2-6) plus the sparse
 * solves; memory O(n^2 / 8) bytes for the candidate bitset plus O(n + candidates). A callback is
 * called about that many times per pair.
 *
 * @throws RangeError when n is not a non-negative integer or n^2 >= 2^31, a matrix is not n*n, a
 *   weight is infinite, or an option is out of range.
 */
export function maxWeightMatchingDense(n: number, weight: WeightSource, options: DenseMatchingOptions = {}): DenseMatchingResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n * n >= 2 ** 31) throw new RangeError(`n = ${n} is too large for a dense weight source (n^2 must be below 2^31)`);
  if (typeof weight !== "function" && weight.length !== n * n) {
    throw new RangeError(`weight matrix has ${weight.length} entries, expected n*n = ${n * n}`);
  }
  return solveByPricing(new DenseSource(n, weight, options.forbidden, false), options);
}

export { triangleRowStart } from "./solver/triangle";

/**
 * {@link maxWeightMatchingDense} on the upper triangle only (see {@link triangleRowStart}): half
 * the memory of an n*n matrix. Same result, cost and options.
 * @throws RangeError as {@link maxWeightMatchingDense}, or when `tri` does not have n(n - 1)/2
 *   entries.
 */
export function maxWeightMatchingTriangle(n: number, tri: Float64Array | Int32Array, options: DenseMatchingOptions = {}, scanned?: TriangleScan): DenseMatchingResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n * n >= 2 ** 31) throw new RangeError(`n = ${n} is too large for a dense weight source (n^2 must be below 2^31)`);
  if (tri.length !== (n * (n - 1)) / 2) throw new RangeError(`weight triangle has ${tri.length} entries, expected n(n-1)/2 = ${(n * (n - 1)) / 2}`);
  return solveByPricing(new DenseSource(n, tri, options.forbidden, true), options, scanned?.take(n, listWidth(options), options.forbidden));
}

/**
 * The solver's first scan of a weight triangle (the heaviest pairs of each vertex, the weights'
 * range), made row by row while the rows are being written: by a scorer, say, that scans each
 * row it has just written while the row is still in the processor's cache, sparing the solver
 * a pass over the whole triangle. The same offers in the same order as the scan
 * {@link maxWeightMatchingTriangle} makes itself, so the solve is the same to the last bit.
 * Rows must come in order 0 .. n − 1 and be final (forbidden pairs already marked). Handed to
 * `maxWeightMatchingTriangle` once; it is used only when its width and forbidden value are the
 * ones that solve asks for, and only once.
 */
export class TriangleScan {
  private topId: Int32Array;
  private topW: Float64Array;
  private thr: Float64Array;
  /** The filter of Int32 rows, made at the first such row (undefined: not yet; null: none). */
  private rf: RowFilter | null | undefined;
  private readonly acc = { minW: Infinity, maxW: -Infinity, allInt: true, checkInt: true };
  private next = 0;
  private ms = 0;
  private used = false;

  /**
   * @param width how many heaviest pairs each vertex keeps: `listWidth` of the solve's options.
   * @param forbidden the value marking forbidden pairs (NaN marks one too).
   * @throws never.
   */
  constructor(
    readonly n: number,
    readonly width: number,
    readonly forbidden: number,
  ) {
    this.topId = new Int32Array(n * width).fill(-1);
    this.topW = new Float64Array(n * width).fill(-Infinity);
    this.thr = thresholds(this.topW, n, width);
  }

  /**
   * Scans row i, the pairs (i, j), j > i, at `a[off + j]`.
   * @throws RangeError when rows come out of order.
   */
  row(a: Float64Array | Int32Array, off: number, i: number): void {
    if (i !== this.next) throw new RangeError(`rows must be scanned in order: expected row ${this.next}, got ${i}`);
    const t0 = now();
    this.acc.checkInt &&= !(a instanceof Int32Array);
    if (a instanceof Int32Array && this.rf === undefined) {
      // the thresholds move into the filter's memory, where its comparisons read them
      this.rf = RowFilter.make(this.n);
      if (this.rf) {
        this.rf.thr.set(this.thr);
        this.thr = this.rf.thr.subarray(0, this.n);
      }
    }
    if (a instanceof Int32Array && this.rf) scanRowFiltered(this.rf, a, off, i, this.n, this.forbidden, 0, this.width, this.topId, this.topW, this.thr, this.acc);
    else scanRow(a, off, i, this.n, this.forbidden, this.width, this.topId, this.topW, this.thr, this.acc);
    this.next++;
    this.ms += now() - t0;
  }

  /**
   * The scan, for a solve of n vertices with list width `width` and forbidden value `forbidden`:
   * undefined when it was made for another (the solver then scans itself), not finished, or
   * already taken.
   * @throws RangeError when a weight is not finite.
   */
  take(n: number, width: number, forbidden: number | undefined): ScanResult | undefined {
    const f = forbidden ?? NaN;
    const same = n === this.n && width === this.width && (f === this.forbidden || (f !== f && this.forbidden !== this.forbidden));
    if (!same || this.next !== n || this.used) return undefined;
    this.used = true;
    const { minW, maxW, allInt } = this.acc;
    if (minW === -Infinity || maxW === Infinity) throw new RangeError("a weight is not finite");
    const { topId, topW } = this;
    // the solver owns the lists now: this scan keeps nothing (a proposal's matrix may live on)
    this.topId = new Int32Array(0);
    this.topW = new Float64Array(0);
    this.thr = new Float64Array(0);
    this.rf = null;
    return { topId, topW, stats: pairStats(topId, n, width, minW, maxW, allInt), ms: this.ms };
  }
}


/**
 * The pairs i < j of a weight matrix (n*n, or its upper triangle when `packed`) or callback. Rows
 * are read from the matrix in place, or from a row buffer the callback fills; NaN and the
 * sentinel are forbidden pairs.
 */
class DenseSource implements PairSource {
  readonly idLimit: number;
  private readonly buf: Float64Array | null;
  private readonly forbidden: number;

  constructor(
    readonly n: number,
    private readonly weight: WeightSource,
    forbidden: number | undefined,
    private readonly packed: boolean,
  ) {
    this.idLimit = n * n;
    this.buf = typeof weight === "function" ? new Float64Array(n) : null;
    this.forbidden = forbidden ?? NaN;
  }

  pairI(id: number): number {
    return Math.floor(id / this.n);
  }
  pairJ(id: number): number {
    return id % this.n;
  }
  pairW(id: number): number {
    const i = Math.floor(id / this.n);
    const j = id % this.n;
    return this.get(i, j);
  }

  /** Weight of pair (i, j), i < j, or NaN when forbidden. */
  private get(i: number, j: number): number {
    const w = this.weight;
    if (typeof w === "function") {
      const x = w(i, j);
      return x === null || x === undefined ? NaN : x;
    }
    const x = w[this.rowOffset(i) + j];
    return x === this.forbidden ? NaN : x;
  }

  /** Where row i's pair (i, j) sits in the matrix: at rowOffset(i) + j. */
  private rowOffset(i: number): number {
    return this.packed ? triangleRowBase(this.n, i) : i * this.n;
  }

  /** Row i's storage: [array, offset] with the pair (i, j) at array[offset + j]. */
  private row(i: number): [Float64Array | Int32Array, number] {
    const w = this.weight;
    if (typeof w !== "function") return [w, this.rowOffset(i)];
    const buf = this.buf!;
    for (let j = i + 1; j < this.n; j++) {
      const x = w(i, j);
      buf[j] = x === null || x === undefined ? NaN : x;
    }
    return [buf, 0];
  }

  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats {
    const n = this.n;
    // An integer matrix needs no per-pair integrality test.
    const acc = { minW: Infinity, maxW: -Infinity, allInt: true, checkInt: !(this.weight instanceof Int32Array) };
    const w = this.weight;
    const rf = w instanceof Int32Array ? RowFilter.make(n) : null;
    if (rf) {
      scanFiltered(rf, w as Int32Array, (i) => this.rowOffset(i), n, this.forbidden, 0, K, topId, topW, acc);
    } else {
      const thr = thresholds(topW, n, K);
      for (let i = 0; i < n; i++) {
        const [a, off] = this.row(i);
        scanRow(a, off, i, n, this.forbidden, K, topId, topW, thr, acc);
      }
    }
    const { minW, maxW } = acc;
    if (minW === -Infinity || maxW === Infinity) this.throwInfinite();
    return pairStats(topId, n, K, minW, maxW, acc.allInt);
  }

  /** @throws RangeError naming the first pair whose weight is infinite. */
  private throwInfinite(): never {
    for (let i = 0; i < this.n; i++) {
      for (let j = i + 1; j < this.n; j++) {
        const x = this.get(i, j);
        if (x === Infinity || x === -Infinity) throw new RangeError(`weight of pair (${i}, ${j}) is not finite`);
      }
    }
    throw new RangeError("a weight is not finite");
  }

  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
    const n = this.n;
    const F = this.forbidden;
    const w = this.weight;
    const rf = w instanceof Int32Array ? RowFilter.make(n) : null;
    if (rf) {
      relativeFiltered(rf, w as Int32Array, (i) => this.rowOffset(i), n, F, 0, h, R, relId, relKey);
      return;
    }
    const thr = thresholds(relKey, n, R);
    for (let i = 0; i < n; i++) {
      const [a, off] = this.row(i);
      relativeRow(a, off, i, n, F, h, R, relId, relKey, thr);
    }
  }

  bestFree(mate: Int32Array, floor: number, best: Int32Array): void {
    denseBestFree(this.n, mate, floor, best, (i, j) => this.get(i, j));
  }

  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const n = this.n;
    const thr = thresholds(worstKey, n, c);
    // Rows in depth-first order of the blossom forest: e[j] = u_j + 2 Z(lca(i, j)) is updated
    // from row to row in O(n + sum of blossom depths) a pass (pricer.ts), so every pair costs the
    // same few operations.
    const w = this.weight;
    const rf = w instanceof Int32Array ? RowFilter.make(n) : null;
    if (rf) {
      priceFiltered(rf, w as Int32Array, (i) => this.rowOffset(i), n, this.forbidden, pr, 2 * shift2, c, worstId, worstKey, thr);
      return;
    }
    const walk = new RowWalker(pr);
    for (let r = 0; r < n; r++) {
      const i = walk.next();
      const [a, off] = this.row(i);
      priceRow(a, off, i, n, this.forbidden, 2 * shift2 - pr.u[i], walk.e, c, worstId, worstKey, thr);
    }
  }
}

/** Offers row i's pairs to both ends' relative lists (keys `w - h[other end]`). */
function relativeRow(a: Float64Array | Int32Array, off: number, i: number, n: number, F: number, h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array, thr: Float64Array): void {
  const hi = h[i];
  let ti = thr[i];
  for (let j = i + 1; j < n; j++) {
    const x = a[off + j];
    if (x === F || x !== x) continue;
    const ki = x - h[j];
    if (ki > ti) {
      offer(relId, relKey, thr, i, R, i * n + j, ki);
      ti = thr[i];
    }
    const kj = x - hi;
    if (kj > thr[j]) offer(relId, relKey, thr, j, R, i * n + j, kj);
  }
}

/**
 * Scans row i (pairs (i, j), j > i, at `a[off + j]`): weight range and integrality into `acc`,
 * each pair offered to both ends' heaviest lists.
 */
function scanRow(
  a: Float64Array | Int32Array,
  off: number,
  i: number,
  n: number,
  F: number,
  K: number,
  topId: Int32Array,
  topW: Float64Array,
  thr: Float64Array,
  acc: { minW: number; maxW: number; allInt: boolean; checkInt: boolean },
): void {
  let minW = acc.minW;
  let maxW = acc.maxW;
  let ti = thr[i];
  for (let j = i + 1; j < n; j++) {
    const x = a[off + j];
    if (x === F || x !== x) continue;
    if (x < minW) minW = x;
    if (x > maxW) maxW = x;
    if (x > ti) {
      offer(topId, topW, thr, i, K, i * n + j, x);
      ti = thr[i];
    }
    if (x > thr[j]) offer(topId, topW, thr, j, K, i * n + j, x);
  }
  acc.minW = minW;
  acc.maxW = maxW;
  if (acc.checkInt) {
    for (let j = i + 1; j < n; j++) {
      const x = a[off + j];
      if (x === F || x !== x) continue;
      if (!Number.isInteger(x)) {
        acc.allInt = false;
        acc.checkInt = false;
        break;
      }
    }
  }
}

/**
 * Prices row i of a dense matrix (pairs (i, j), j > i, at `a[off + j]`): -rc = 4x + base - e[j]
 * with `base = 2 shift2 - u_i` and `e[j] = u_j + 2 Z(lca(i, j))` ({@link RowWalker}); a pair
 * enters an end's list when it beats that list's threshold.
 */
function priceRow(
  a: Float64Array | Int32Array,
  off: number,
  i: number,
  n: number,
  F: number,
  base: number,
  e: Float64Array,
  c: number,
  worstId: Int32Array,
  worstKey: Float64Array,
  thr: Float64Array,
): void {
  let ti = thr[i];
  for (let j = i + 1; j < n; j++) {
    const x = a[off + j];
    const nrc = 4 * x + base - e[j];
    if (nrc > ti && x !== F) {
      offer(worstId, worstKey, thr, i, c, i * n + j, nrc);
      ti = thr[i];
    }
    if (nrc > thr[j] && x !== F) offer(worstId, worstKey, thr, j, c, i * n + j, nrc);
  }
}
