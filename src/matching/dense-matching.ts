/**
 * Exact maximum-weight matching of a (nearly) complete graph, the shape of an ILN round: every
 * allowed pair of participants is an edge. The blossom algorithm on all ~n^2/2 pairs is slow, so
 * this solves a sparse candidate graph and proves the result optimal for the full graph by
 * pricing every pair against the duals (column generation; method, certificate and the
 * maxCardinality shift in solver/column-generation.ts). The weight matrix is read row by row in
 * tight loops over typed arrays: a pass over 12.5 million pairs takes tens of milliseconds.
 *
 * Pure TypeScript, no Node imports.
 */
import { cardinalityShift, solveByPricing, type PairSource, type PairStats } from "./solver/column-generation";
import { ancestors, fillRowTable, type Pricer } from "./solver/pricer";
import { keepBest } from "./solver/keep-best";

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
  /** Most violated pairs each person contributes per pricing round; default 2. */
  violatorsPerVertex?: number;
}

/** Result of {@link maxWeightMatchingDense}. */
export interface DenseMatchingResult {
  /** `mate[v]` is v's partner, -1 when unmatched. */
  mate: Int32Array;
  /** Total weight of the matching. */
  total: number;
  /** Number of exact solves of the candidate graph (1 when the first one was already optimal). */
  iterations: number;
  /** Number of candidate edges in the last solve. */
  candidateEdges: number;
}

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
  return solveByPricing(new DenseSource(n, weight, options.forbidden), options);
}

/**
 * The pairs i < j of a weight matrix or callback. Rows are read from the matrix in place, or
 * from a row buffer the callback fills; NaN and the sentinel are forbidden pairs.
 */
class DenseSource implements PairSource {
  readonly idLimit: number;
  private readonly buf: Float64Array | null;
  private readonly forbidden: number;

  constructor(
    readonly n: number,
    private readonly weight: WeightSource,
    forbidden: number | undefined,
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
    const x = w[i * this.n + j];
    return x === this.forbidden ? NaN : x;
  }

  /** Row i's storage: [array, offset] with the pair (i, j) at array[offset + j]. */
  private row(i: number): [Float64Array | Int32Array, number] {
    const w = this.weight;
    if (typeof w !== "function") return [w, i * this.n];
    const buf = this.buf!;
    for (let j = i + 1; j < this.n; j++) {
      const x = w(i, j);
      buf[j] = x === null || x === undefined ? NaN : x;
    }
    return [buf, 0];
  }

  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats {
    const n = this.n;
    const F = this.forbidden;
    let maxAbs = 0;
    let minW = Infinity;
    let maxW = -Infinity;
    let allInt = true;
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const [a, off] = this.row(i);
      const base = i * K;
      const lastI = base + K - 1;
      for (let j = i + 1; j < n; j++) {
        const x = a[off + j];
        if (x === F || x !== x) continue;
        if (x < minW) {
          if (x === -Infinity) throw new RangeError(`weight of pair (${i}, ${j}) is not finite`);
          minW = x;
        }
        if (x > maxW) {
          if (x === Infinity) throw new RangeError(`weight of pair (${i}, ${j}) is not finite`);
          maxW = x;
        }
        if (allInt && !Number.isInteger(x)) allInt = false;
        seen[i] = 1;
        seen[j] = 1;
        if (x > topW[lastI]) keepBest(topId, topW, base, K, i * n + j, x);
        if (x > topW[j * K + K - 1]) keepBest(topId, topW, j * K, K, i * n + j, x);
      }
    }
    if (maxW >= minW) maxAbs = Math.max(Math.abs(minW), Math.abs(maxW));
    let nonIsolated = 0;
    for (let v = 0; v < n; v++) nonIsolated += seen[v];
    return { maxAbs, minW, maxW, allInt, nonIsolated };
  }

  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
    const n = this.n;
    const F = this.forbidden;
    for (let i = 0; i < n; i++) {
      const [a, off] = this.row(i);
      const hi = h[i];
      const base = i * R;
      const lastI = base + R - 1;
      for (let j = i + 1; j < n; j++) {
        const x = a[off + j];
        if (x === F || x !== x) continue;
        const ki = x - h[j];
        if (ki > relKey[lastI]) keepBest(relId, relKey, base, R, i * n + j, ki);
        const kj = x - hi;
        if (kj > relKey[j * R + R - 1]) keepBest(relId, relKey, j * R, R, i * n + j, kj);
      }
    }
  }

  bestFree(i: number, mate: Int32Array, floor: number): number {
    let best = -1;
    let bw = floor;
    for (let j = 0; j < this.n; j++) {
      if (j === i || mate[j] !== -1) continue;
      const x = i < j ? this.get(i, j) : this.get(j, i);
      if (x > bw) {
        bw = x;
        best = i < j ? i * this.n + j : j * this.n + i;
      }
    }
    return best;
  }

  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const n = this.n;
    const anc = new Int32Array(2 * n + 1);
    const tbl = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [a, off] = this.row(i);
      const d = ancestors(pr, i, anc);
      if (d > 0) fillRowTable(pr, anc, d, tbl);
      priceRow(a, off, i, n, this.forbidden, pr.u, d > 0 ? tbl : null, pr.pos, shift2, c, worstId, worstKey);
    }
  }
}

/**
 * Prices row i of a dense matrix (pairs (i, j), j > i, at `a[off + j]`): -rc = 2W - u_i - u_j -
 * tbl[pos_j] with W = 2x + shift2 (tbl null: no blossom holds i); each pair enters both ends'
 * lists of largest -rc.
 */
function priceRow(
  a: Float64Array | Int32Array,
  off: number,
  i: number,
  n: number,
  F: number,
  u: Float64Array,
  tbl: Float64Array | null,
  pos: Int32Array,
  shift2: number,
  c: number,
  worstId: Int32Array,
  worstKey: Float64Array,
): void {
  const base = 2 * shift2 - u[i];
  const iw = i * c + c - 1;
  if (tbl === null) {
    for (let j = i + 1; j < n; j++) {
      const x = a[off + j];
      const nrc = 4 * x + base - u[j];
      if (nrc > worstKey[iw]) {
        if (x === F) continue;
        keepBest(worstId, worstKey, i * c, c, i * n + j, nrc);
      }
      if (nrc > worstKey[j * c + c - 1] && x !== F) keepBest(worstId, worstKey, j * c, c, i * n + j, nrc);
    }
    return;
  }
  for (let j = i + 1; j < n; j++) {
    const x = a[off + j];
    const nrc = 4 * x + base - u[j] - tbl[pos[j]];
    if (nrc > worstKey[iw]) {
      if (x === F) continue;
      keepBest(worstId, worstKey, i * c, c, i * n + j, nrc);
    }
    if (nrc > worstKey[j * c + c - 1] && x !== F) keepBest(worstId, worstKey, j * c, c, i * n + j, nrc);
  }
}
