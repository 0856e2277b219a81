/**
 * Exact maximum-weight matching in general (non-bipartite) graphs given as an edge list, with
 * networkx's semantics (`networkx.max_weight_matching`).
 *
 * Small or sparse graphs go straight to the primal-dual blossom solver (solver/primal-dual.ts:
 * Edmonds' algorithm with every alternating tree kept across augmentations and an event queue for
 * the dual adjustments, O(nm log n)). Dense graphs (more than {@link DIRECT_MAX_AVERAGE_DEGREE}
 * pairs per vertex on average) take the same column generation as the dense API: solve a sparse
 * subset of candidate pairs, price every other pair against the duals, repeat until none is
 * violated, which certifies the result for the whole graph (solver/column-generation.ts). Lists
 * holding at least a quarter of all pairs are first copied into a weight triangle and solved by
 * `maxWeightMatchingTriangle` (see {@link DENSE_MATRIX_MAX_ENTRIES_PER_EDGE}); sparser ones are
 * priced in place.
 *
 * Exactness: the solver sees doubled weights, so with integer weights every dual is a multiple of
 * 1/2 and all arithmetic is exact (|w| < 2^49). Float weights use float arithmetic like networkx;
 * pricing then tolerates a violation of 2e-9 * max|w| per pair.
 *
 * Pure TypeScript, no Node imports: the dashboards run the same code in the browser.
 */
import { cardinalityShift, listWidth, solveByPricing, type PricingOptions } from "./solver/column-generation";
import { EdgeListSource } from "./solver/edge-list-source";
import { MISSING_INT, scanTuples, TupleSource, type EdgeTuple } from "./solver/tuple-source";
import { maxWeightMatchingTriangle, triangleRowStart } from "./dense-matching";
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
 * weights, 4,500 with integer ones). Typed arrays count as external memory, and after some 64 MiB
 * of them V8 runs a full garbage collection, which with millions of tuples alive costs seconds
 * (about 2 s with 20 million); from about 50 MB (5,000 people, integer weights) the triangle no
 * longer paid for that in our measurements.
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
 * Complexity: O(m) to read the edges; sparse graphs O(n m log n) worst case, in practice close to
 * linear per augmentation; dense graphs a few O(m) pricing passes plus sparse solves. Memory O(n + m).
 *
 * @throws RangeError when a vertex id is not a non-negative integer, a weight is not finite, or
 *   an option is out of range.
 * @example maxWeightMatching([[0, 1, 5], [1, 2, 11], [2, 3, 5]]) // [-1, 2, 1, -1]
 */
export function maxWeightMatching(edges: readonly (readonly [number, number, number])[], options: MatchingOptions = {}): number[] {
  // One pass validates and lists each vertex's heaviest pairs (used when the list is priced in
  // place; the other paths pay for it with a few comparisons a tuple).
  const { n, m, int32, scan } = scanTuples(edges, listWidth(options));
  if (m <= DIRECT_MAX_AVERAGE_DEGREE * n) return Array.from(matchSource(EdgeListSource.fromTuples(edges, n), options));
  // A list covering a good part of all pairs becomes a weight triangle (smaller than the list
  // itself, about 64 bytes a tuple; not too large, see DENSE_MATRIX_MAX_BYTES) and takes the
  // dense path's tight row loops.
  if (n * n <= DENSE_MATRIX_MAX_ENTRIES_PER_EDGE * m && ((n * (n - 1)) / 2) * (int32 ? 4 : 8) <= DENSE_MATRIX_MAX_BYTES) {
    const { w, forbidden } = tuplesToTriangle(edges, n, int32);
    return Array.from(maxWeightMatchingTriangle(n, w, { ...options, forbidden }).mate);
  }
  // Otherwise the list is priced in place (no copy: see solver/tuple-source.ts).
  return Array.from(solveByPricing(new TupleSource(n, edges), options, scan).mate);
}

/**
 * The upper weight triangle of a validated list (pair {i, j}, i < j, at
 * `triangleRowStart(n, i) + j - i - 1`), parallel edges merged to the heaviest, self-loops
 * dropped: an Int32Array with {@link MISSING_INT} for missing pairs when `int32` (see
 * `validateTuples`), else a Float64Array with NaN. O(n^2 + m) time, 2 or 4 n^2 bytes.
 */
function tuplesToTriangle(edges: readonly EdgeTuple[], n: number, int32: boolean): { w: Int32Array | Float64Array; forbidden: number } {
  const size = (n * (n - 1)) / 2;
  const w = int32 ? new Int32Array(size).fill(MISSING_INT) : new Float64Array(size).fill(NaN);
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    if (a === b) continue;
    const at = a < b ? triangleRowStart(n, a) + b - a - 1 : triangleRowStart(n, b) + a - b - 1;
    // NaN (a missing pair of a float triangle) fails the comparison, so the first edge is kept.
    if (!(w[at] >= e[2])) w[at] = e[2];
  }
  return { w, forbidden: int32 ? MISSING_INT : NaN };
}

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
