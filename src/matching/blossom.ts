/**
 * Exact maximum-weight matching in general (non-bipartite) graphs given as an edge list, with
 * networkx's semantics (`networkx.max_weight_matching`).
 *
 * Small or sparse graphs go straight to the primal-dual blossom solver (solver/primal-dual.ts:
 * Edmonds' algorithm with every alternating tree kept across augmentations and an event queue for
 * the dual adjustments, O(nm log n)). Dense graphs (more than {@link DIRECT_MAX_AVERAGE_DEGREE}
 * pairs per vertex on average) take the same column generation as the dense API: solve a sparse
 * subset of candidate pairs, price every other pair against the duals, repeat until none is
 * violated, which certifies the result for the whole graph (solver/column-generation.ts). The
 * tuples are read once (solver/read-tuples.ts): lists holding at least a quarter of all pairs are
 * copied into a weight triangle in that pass, validated as they go, and solved by
 * `maxWeightMatchingTriangle` (see {@link DENSE_MATRIX_MAX_ENTRIES_PER_EDGE}), or, when that
 * triangle would be too large but the weights are integers of a narrow range, into one- or
 * two-byte codes priced the same way (solver/packed-triangle.ts); larger or sparser dense lists
 * are priced in place, the pass listing each vertex's heaviest pairs; sparse ones become a CSR
 * (solver/edge-list-source.ts).
 *
 * Exactness: the solver sees doubled weights, so with integer weights every dual is a multiple of
 * 1/2 and all arithmetic is exact (|w| < 2^49). Float weights use float arithmetic like networkx;
 * pricing then tolerates a violation of 2e-9 * max|w| per pair.
 *
 * Pure TypeScript, no Node imports: the dashboards run the same code in the browser.
 */
import { cardinalityShift, listWidth, solveByPricing, type PricingOptions } from "./solver/column-generation";
import { EdgeListSource } from "./solver/edge-list-source";
import { readTuples, type TrianglePlan } from "./solver/read-tuples";
import { MISSING_INT, TupleSource } from "./solver/tuple-source";
import { PackedTriangleSource } from "./solver/packed-triangle";
import { maxWeightMatchingTriangle } from "./dense-matching";
import { solvePrimalDual, type MatchingState, type WarmStart } from "./solver/primal-dual";

export { reducedCost } from "./solver/pricer";
export type { MatchingState, WarmStart };

/**
 * Edge lists with at most this many distinct pairs per vertex on average are solved directly;
 * denser ones by column generation.
 */
export const DIRECT_MAX_AVERAGE_DEGREE = 16;

/**
 * Dense edge lists (more pairs than {@link DIRECT_MAX_AVERAGE_DEGREE} per vertex) with n^2 at most
 * this many times the number of edges (at least a quarter of all n(n - 1)/2 pairs present) go into
 * the upper triangle of a weight matrix (4 or 8 bytes a pair, less than the list of tuples itself
 * takes; at most {@link DENSE_MATRIX_MAX_BYTES}) and are solved by the dense API.
 */
export const DENSE_MATRIX_MAX_ENTRIES_PER_EDGE = 8;

/**
 * Largest weight triangle built from an edge list, in bytes (40 MiB: 3,200 people with float
 * weights, 4,500 with int32 ones, 6,400 with integers of a range up to 127 packed into one byte,
 * 9,100 into two; see solver/read-tuples.ts). Typed arrays count as external memory, and after
 * some 64 MiB of them V8 runs a full garbage collection, which with millions of tuples alive
 * costs seconds (about 2 s with 20 million); from about 50 MB (5,000 people, int32 weights) the
 * triangle no longer paid for that in our measurements. Larger lists are priced in place.
 */
export const DENSE_MATRIX_MAX_BYTES = 40 * 2 ** 20;

/** Options of {@link maxWeightMatching}. */
export interface MatchingOptions extends PricingOptions {
  /** When true, only maximum-cardinality matchings are considered (networkx `maxcardinality`). */
  maxCardinality?: boolean;
}

/**
 * Maximum-weight matching of a general graph, with networkx's semantics
 * (`networkx.max_weight_matching`).
 *
 * Vertices are 0..n-1 with n = 1 + the largest vertex id in `edges`; each edge is
 * `[u, v, weight]`. Self-loops are ignored (networkx ignores them too); parallel edges are allowed
 * (the heaviest counts). The result `mate[v]` is v's partner or -1. The matching's total weight is
 * maximal; with `maxCardinality` it is maximal among the matchings of maximum cardinality. The
 * candidate options (`candidatesPerVertex` and the others, see `maxWeightMatchingDense`) only
 * matter for dense graphs.
 *
 * Complexity: one O(m) pass over the edges (plus one to build a sparse graph's CSR); sparse graphs O(n m log n) worst case, in practice close to
 * linear per augmentation; dense graphs a few O(m) pricing passes plus sparse solves. Memory O(n + m).
 *
 * @throws RangeError when a vertex id is not an integer from 0 to 16,777,215 (`MAX_VERTICES` − 1,
 *   solver/tuple-source.ts), a weight is not finite, or an option is out of range.
 * @example maxWeightMatching([[0, 1, 5], [1, 2, 11], [2, 3, 5]]) // [-1, 2, 1, -1]
 */
export function maxWeightMatching(edges: readonly (readonly [number, number, number])[], options: MatchingOptions = {}): number[] {
  // One pass validates the list and copies a dense one into its weight triangle, or lists each
  // vertex's heaviest pairs when it is to be priced in place (solver/read-tuples.ts).
  const { n, m, triangle, packed, scan, rowCounts } = readTuples(edges, TRIANGLE_PLAN, listWidth(options));
  if (triangle !== null) {
    // The dense path's tight row loops.
    return Array.from(maxWeightMatchingTriangle(n, triangle, { ...options, forbidden: triangle instanceof Int32Array ? MISSING_INT : NaN }).mate);
  }
  if (packed !== null) return Array.from(solveByPricing(new PackedTriangleSource(n, packed.codes, packed.base), options).mate);
  if (m <= DIRECT_MAX_AVERAGE_DEGREE * n) return Array.from(matchSource(EdgeListSource.fromTuples(edges, n, rowCounts ?? undefined), options));
  // Too large for a triangle (or too sparse for one): priced in place, no copy (solver/tuple-source.ts).
  return Array.from(solveByPricing(new TupleSource(n, edges), options, scan ?? undefined).mate);
}

/** When an edge list goes into a weight triangle (see the constants above). */
const TRIANGLE_PLAN: TrianglePlan = {
  minEdgesPerVertex: DIRECT_MAX_AVERAGE_DEGREE,
  maxEntriesPerEdge: DENSE_MATRIX_MAX_ENTRIES_PER_EDGE,
  maxBytes: DENSE_MATRIX_MAX_BYTES,
};

/**
 * {@link maxWeightMatching} over edge arrays (no validation): edge k joins `eu[k]` and `ev[k]`
 * (in 0..n-1) with weight `ew[k]`. Returns partners (-1 when unmatched).
 * @throws RangeError when an option is out of range.
 */
export function matchEdgeArrays(n: number, eu: Int32Array, ev: Int32Array, ew: Float64Array, options: MatchingOptions = {}): Int32Array {
  return matchSource(EdgeListSource.fromArrays(n, eu, ev, ew), options);
}

/** Solves an edge-list source directly or by column generation (see the module comment). */
function matchSource(src: EdgeListSource, options: MatchingOptions): Int32Array {
  const n = src.n;
  if (src.size > DIRECT_MAX_AVERAGE_DEGREE * n) return solveByPricing(src, options).mate;
  const m = src.size;
  let shift2 = 0;
  if (options.maxCardinality === true) {
    const stats = src.scan(1, new Int32Array(n).fill(-1), new Float64Array(n).fill(-Infinity));
    shift2 = 2 * cardinalityShift(stats);
  }
  const w2 = new Float64Array(m);
  for (let q = 0; q < m; q++) w2[q] = 2 * src.ws[q] + shift2;
  return solvePrimalDual(n, src.rows(), src.js, w2).mate;
}

/**
 * Core solver over edge arrays: edge k joins `eu[k]` and `ev[k]` (distinct, in 0..n-1) with
 * weight `ew[k]` (callers wanting exact integer arithmetic pass doubled weights). Returns the
 * matching with the final duals and blossom forest, which {@link reducedCost} uses to certify the
 * matching against edges outside this graph. With `maxCardinality` the solver runs on
 * `ew + shift` (see `cardinalityShift`; the state's `shift` holds it and its duals certify the
 * shifted weights). `init` starts from a given matching and feasible vertex duals (for the
 * shifted weights when `maxCardinality`).
 *
 * Complexity O(n m log n) worst case; memory O(n + m).
 *
 * @throws RangeError when `init` pairs two vertices with no edge between them; other inputs are
 *   not validated here (use {@link maxWeightMatching}).
 */
export function solveMatching(n: number, eu: Int32Array, ev: Int32Array, ew: Float64Array, maxCardinality = false, init?: WarmStart): MatchingState {
  if (!maxCardinality) return solvePrimalDual(n, eu, ev, ew, init);
  const m = eu.length;
  let minW = Infinity;
  let maxW = -Infinity;
  let allInt = true;
  const touched = new Uint8Array(n);
  for (let k = 0; k < m; k++) {
    if (eu[k] === ev[k]) continue;
    const x = ew[k];
    if (x < minW) minW = x;
    if (x > maxW) maxW = x;
    if (allInt && !Number.isInteger(x)) allInt = false;
    touched[eu[k]] = 1;
    touched[ev[k]] = 1;
  }
  let nonIsolated = 0;
  for (let v = 0; v < n; v++) nonIsolated += touched[v];
  const shift = cardinalityShift({ maxAbs: Math.max(Math.abs(minW), Math.abs(maxW)), minW, maxW, allInt, nonIsolated });
  const shifted = new Float64Array(m);
  for (let k = 0; k < m; k++) shifted[k] = ew[k] + shift;
  const state = solvePrimalDual(n, eu, ev, shifted, init);
  state.shift = shift;
  return state;
}
