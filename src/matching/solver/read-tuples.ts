/**
 * Reading an edge list of `[u, v, w]` tuples, as `maxWeightMatching` receives it, in ONE pass
 * that validates every tuple and, for a dense list, copies it straight into the upper triangle
 * of a weight matrix (the layout of `maxWeightMatchingTriangle`).
 *
 * Why one pass: a list of millions of small arrays is the most expensive thing to read here
 * (some 80 bytes of heap a tuple, two objects each, against 4 or 8 bytes a pair in a triangle).
 * The triangle's layout depends on n (1 + the largest vertex id), which is only known at the end,
 * and on whether every weight is an int32 (4 bytes a pair instead of 8). So the pass starts from
 * a guess taken from a sample of the list (the largest id among up to {@link SAMPLE} tuples spread
 * over it, the integrality of their weights) and corrects it as it goes: a larger id re-lays the
 * triangle out for a larger n (growing by at least 1/8, so a few times at most), a weight that is
 * not an int32 turns the integer triangle into a float one, and at the end the rows are moved
 * down to the final n in place. A list that turns out too sparse or too large for a triangle
 * (see {@link TrianglePlan}) drops it and is only validated from there on, counting each row's
 * pairs for the CSR its caller builds instead (`EdgeListSource.fromTuples`).
 *
 * A list whose Int32Array triangle the plan does not admit (too large) but whose sampled weights
 * are integers of a narrow range goes into a triangle of one- or two-byte codes instead (weight =
 * code + base, the base leaving as much room below the sample's smallest weight as above its
 * largest; packed-triangle.ts), dropped like the others at the first weight it cannot hold. The
 * limit matters because allocating a large copy while millions of tuples are alive sets off a
 * garbage collection that marks every one of them (seconds at 20 million): a 5,000-person pool of
 * real scores packs into 25 MB instead of 50, a 6,400-person ILN pool (scores 0..40) into 20 MB
 * instead of 82. A list the guess shows too large for any triangle but dense is read by
 * `scanTuples` instead, which validates while listing each vertex's heaviest pairs for pricing
 * the list in place (tuple-source.ts).
 *
 * Pure TypeScript, no Node imports.
 */
import type { ScanResult } from "./column-generation";
import { missingCode, type PackedCodes } from "./packed-triangle";
import { triangleRowBase, triangleRowStart } from "./triangle";
import { badIds, badWeight, MAX_VERTICES, MISSING_INT, scanTuples, type EdgeTuple, type TupleFacts } from "./tuple-source";

/** Tuples {@link readTuples} looks at before its pass to guess n and the weights' type. */
export const SAMPLE = 1024;

/**
 * When {@link readTuples} copies a list into a weight triangle: n vertices (1 + the largest id),
 * m edges that are not self-loops, b bytes a pair (4 when every weight is an int32, else 8).
 */
export interface TrianglePlan {
  /** Only lists with m > minEdgesPerVertex * n. */
  minEdgesPerVertex: number;
  /** Only lists with n^2 <= maxEntriesPerEdge * m. */
  maxEntriesPerEdge: number;
  /** Only triangles of at most this many bytes: b n(n - 1)/2 <= maxBytes. */
  maxBytes: number;
}

/** Result of {@link readTuples}: at most one of `triangle`, `packed`, `scan` and `rowCounts` is set. */
export interface TupleRead extends TupleFacts {
  /**
   * Whether every weight (of a non-loop) is an integer in the int32 range other than
   * {@link MISSING_INT}.
   */
  int32: boolean;
  /**
   * The upper weight triangle (pair {i, j}, i < j, at `i n - i(i + 1)/2 + j - i - 1`), parallel
   * edges merged to the heaviest, when the plan admits one: an Int32Array with
   * {@link MISSING_INT} for missing pairs when `int32`, else a Float64Array with NaN. Else null.
   */
  triangle: Int32Array | Float64Array | null;
  /**
   * The same triangle as small codes, weight = code + base (packed-triangle.ts), when the plan
   * admits no Int32Array triangle but this one, every weight being an integer within the codes'
   * range; else null.
   */
  packed: { codes: PackedCodes; base: number } | null;
  /** The first scan of column generation (width K, see `scanTuples`) when the list was read for pricing in place, else null. */
  scan: ScanResult | null;
  /**
   * When neither: `rowCounts[i]` = edges (not self-loops) whose smaller end is i, for i < n
   * (what `EdgeListSource.fromTuples` takes). Else null.
   */
  rowCounts: Int32Array | null;
}

/**
 * Validates every tuple (vertex ids integers in 0..MAX_VERTICES − 1, weights finite numbers, as
 * `validateTuples`) in one pass that also, depending on the list (see the module comment):
 * copies it into its weight triangle, or its packed codes, when `plan` admits one; or lists each
 * vertex's K heaviest pairs (`scanTuples`) when a guess from a sample already shows every
 * triangle too large (or the list too sparse for one) while the list has more than
 * `plan.minEdgesPerVertex` edges a vertex; or else counts each row's edges. O(m + n^2) time with
 * a triangle (a few re-layouts of it at most), O(m + n K log K) or O(m + n) otherwise; memory the
 * triangle, the n K lists or n counts.
 * @throws RangeError naming the first bad edge.
 */
export function readTuples(edges: readonly EdgeTuple[], plan: TrianglePlan, K: number): TupleRead {
  const len = edges.length;
  const guess = sample(edges);
  const st = new PassState(len, plan);
  // n >= guess.n, so when the guess fails the plan on size or sparsity the list does too.
  if (admits(plan, guess.n, len, guess.int32 ? 4 : 8)) {
    st.N = guess.n;
    st.tri = blank(guess.int32 ? Int32Array : Float64Array, pairsOf(guess.n));
  } else if (guess.int32 && guess.hi >= guess.lo) {
    // Codes of one byte when the sample's range leaves room on both sides, else of two.
    const range = guess.hi - guess.lo;
    const type = range <= 0xff / 2 ? Uint8Array : range <= 0xffff / 2 ? Uint16Array : null;
    if (type !== null && admits(plan, guess.n, len, type.BYTES_PER_ELEMENT)) {
      st.N = guess.n;
      st.tri = blank(type, pairsOf(guess.n));
      st.packBase = guess.lo - Math.floor((missingCode(st.tri as PackedCodes) - 1 - range) / 2);
    }
  }
  if (st.tri === null && len > plan.minEdgesPerVertex * guess.n) {
    const { n, m, int32, scan } = scanTuples(edges, K);
    return { n, m, int32, triangle: null, packed: null, scan, rowCounts: null };
  }
  let k = 0;
  while (k < len) {
    if (st.tri === null) {
      // Counts of the tuples copied before the triangle was dropped, then the rest.
      st.counts ??= countRows(edges, k, st.n);
      k = validateFrom(edges, k, st);
    } else if (st.tri instanceof Int32Array) {
      k = copyInt(edges, k, st);
    } else if (st.tri instanceof Float64Array) {
      k = copyFloat(edges, k, st);
    } else {
      k = copyPacked(edges, k, st);
    }
  }
  const { n, m, int32 } = st;
  let tri = st.tri;
  if (tri !== null && !admits(plan, n, m, tri.BYTES_PER_ELEMENT)) tri = null;
  if (tri !== null) {
    const t = relayout(tri, st.N, n, tri, true);
    if (t instanceof Int32Array || t instanceof Float64Array) return { n, m, int32, triangle: t, packed: null, scan: null, rowCounts: null };
    return { n, m, int32, triangle: null, packed: { codes: t, base: st.packBase }, scan: null, rowCounts: null };
  }
  const counts = st.counts ?? countRows(edges, len, n);
  const rowCounts = new Int32Array(n);
  rowCounts.set(counts.length > n ? counts.subarray(0, n) : counts);
  return { n, m, int32, triangle: null, packed: null, scan: null, rowCounts };
}

/** Any triangle of the pass. */
type Triangle = Int32Array | Float64Array | PackedCodes;

/** A triangle of `size` pairs, all missing (MISSING_INT, NaN, or the packed codes' mark). */
function blank(type: typeof Int32Array | typeof Float64Array | typeof Uint8Array | typeof Uint16Array, size: number): Triangle {
  if (type === Int32Array) return new Int32Array(size).fill(MISSING_INT);
  if (type === Float64Array) return new Float64Array(size).fill(NaN);
  const codes = type === Uint8Array ? new Uint8Array(size) : new Uint16Array(size);
  return codes.fill(missingCode(codes));
}

/** Pairs of a triangle of n vertices. */
function pairsOf(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Whether the plan admits a triangle of n vertices for m edges (m: an upper bound during the pass). */
function admits(plan: TrianglePlan, n: number, m: number, bytes: number): boolean {
  return n >= 2 && m > plan.minEdgesPerVertex * n && n * n <= plan.maxEntriesPerEdge * m && bytes * pairsOf(n) <= plan.maxBytes;
}

/** State of the pass, handed between its loops. */
class PassState {
  n = 0;
  m = 0;
  int32 = true;
  /** The triangle, laid out for N vertices (N >= every id seen while it was kept), or null. */
  tri: Triangle | null = null;
  N = 0;
  /** Weight of code 0 when `tri` holds packed codes. */
  packBase = 0;
  /** Row counts of the tuples validated without a triangle (null until then). */
  counts: Int32Array | null = null;

  constructor(
    readonly len: number,
    readonly plan: TrianglePlan,
  ) {}
}

/**
 * Among up to SAMPLE tuples spread over the list (bad ones skipped): 1 + the largest id, whether
 * every weight (of a non-loop) is an int32, and the range of those weights.
 */
function sample(edges: readonly EdgeTuple[]): { n: number; int32: boolean; lo: number; hi: number } {
  const len = edges.length;
  const count = Math.min(len, SAMPLE);
  let hi = -1;
  let int32 = true;
  let lo = Infinity;
  let top = -Infinity;
  for (let s = 0; s < count; s++) {
    const e = edges[count === 1 ? 0 : Math.round((s * (len - 1)) / (count - 1))];
    if (e === null || typeof e !== "object") continue;
    const a = e[0];
    const b = e[1];
    const x = e[2];
    if ((a | 0) !== a || a < 0 || (b | 0) !== b || b < 0) continue;
    if (a > hi) hi = a;
    if (b > hi) hi = b;
    if (a === b) continue;
    if ((x | 0) !== x || x === MISSING_INT) int32 = false;
    else {
      if (x < lo) lo = x;
      if (x > top) top = x;
    }
  }
  return { n: hi + 1, int32, lo, hi: top };
}

/**
 * Validates tuples k0.. to the end, counting rows in `st.counts` (grown as ids grow). Returns
 * the list's length.
 */
function validateFrom(edges: readonly EdgeTuple[], k0: number, st: PassState): number {
  const len = edges.length;
  let { n, m, int32 } = st;
  let counts = st.counts ?? new Int32Array(Math.max(16, n));
  for (let k = k0; k < len; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    const x = e[2];
    // (x | 0) === x: an integer in the int32 range; x - x === 0: finite.
    if ((a | 0) !== a || a < 0 || a >= MAX_VERTICES || (b | 0) !== b || b < 0 || b >= MAX_VERTICES) badIds(k, a, b);
    if (typeof x !== "number" || x - x !== 0) badWeight(k, x);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (hi >= n) n = hi + 1;
    if (lo === hi) continue;
    m++;
    if (int32 && ((x | 0) !== x || x === MISSING_INT)) int32 = false;
    if (lo >= counts.length) counts = grown(counts, lo + 1);
    counts[lo]++;
  }
  st.n = n;
  st.m = m;
  st.int32 = int32;
  st.counts = counts;
  return len;
}

/** `a` copied into a larger array (at least `need` entries, at least twice as many). */
function grown(a: Int32Array, need: number): Int32Array {
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/** Row counts (as in {@link TupleRead}) of the first `end` tuples, already validated, ids below n. */
function countRows(edges: readonly EdgeTuple[], end: number, n: number): Int32Array {
  const counts = new Int32Array(Math.max(16, n));
  for (let k = 0; k < end; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    if (a !== b) counts[a < b ? a : b]++;
  }
  return counts;
}

/**
 * The pass with an Int32Array triangle from tuple k0. Returns where it stopped: the end, or the
 * tuple to read again in another loop (after a switch to floats or dropping the triangle).
 */
function copyInt(edges: readonly EdgeTuple[], k0: number, st: PassState): number {
  const len = edges.length;
  let tri = st.tri as Int32Array;
  let N = st.N;
  let { n, m } = st;
  let row = -1;
  let base = 0;
  for (let k = k0; k < len; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    const x = e[2];
    if ((a | 0) !== a || a < 0 || a >= MAX_VERTICES || (b | 0) !== b || b < 0 || b >= MAX_VERTICES) badIds(k, a, b);
    if (typeof x !== "number" || x - x !== 0) badWeight(k, x);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (hi >= N) {
      st.n = n;
      st.m = m;
      if (!grow(st, hi + 1, 4)) return k;
      tri = st.tri as Int32Array;
      N = st.N;
      row = -1;
    }
    if (hi >= n) n = hi + 1;
    if (lo === hi) continue;
    if ((x | 0) !== x || x === MISSING_INT) {
      st.n = n;
      st.m = m;
      st.int32 = false;
      toFloat(st);
      return k;
    }
    m++;
    if (lo !== row) {
      row = lo;
      base = triangleRowBase(N, lo);
    }
    // MISSING_INT is below every weight here: the first edge of a pair is always written.
    if (tri[base + hi] < x) tri[base + hi] = x;
  }
  st.n = n;
  st.m = m;
  return len;
}

/** {@link copyInt} with a Float64Array triangle (NaN: no pair yet). */
function copyFloat(edges: readonly EdgeTuple[], k0: number, st: PassState): number {
  const len = edges.length;
  let tri = st.tri as Float64Array;
  let N = st.N;
  let { n, m, int32 } = st;
  let row = -1;
  let base = 0;
  for (let k = k0; k < len; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    const x = e[2];
    if ((a | 0) !== a || a < 0 || a >= MAX_VERTICES || (b | 0) !== b || b < 0 || b >= MAX_VERTICES) badIds(k, a, b);
    if (typeof x !== "number" || x - x !== 0) badWeight(k, x);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (hi >= N) {
      st.n = n;
      st.m = m;
      st.int32 = int32;
      if (!grow(st, hi + 1, 8)) return k;
      tri = st.tri as Float64Array;
      N = st.N;
      row = -1;
    }
    if (hi >= n) n = hi + 1;
    if (lo === hi) continue;
    m++;
    if (int32 && ((x | 0) !== x || x === MISSING_INT)) int32 = false;
    if (lo !== row) {
      row = lo;
      base = triangleRowBase(N, lo);
    }
    // NaN (no pair yet) fails the comparison, so the first edge of a pair is written.
    if (!(tri[base + hi] >= x)) tri[base + hi] = x;
  }
  st.n = n;
  st.m = m;
  st.int32 = int32;
  return len;
}

/** {@link copyInt} with packed codes (weight = code + st.packBase); drops them at the first weight they cannot hold. */
function copyPacked(edges: readonly EdgeTuple[], k0: number, st: PassState): number {
  const len = edges.length;
  let codes = st.tri as PackedCodes;
  const M = missingCode(codes);
  const B = st.packBase;
  let N = st.N;
  let { n, m } = st;
  let row = -1;
  let base = 0;
  for (let k = k0; k < len; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    const x = e[2];
    if ((a | 0) !== a || a < 0 || a >= MAX_VERTICES || (b | 0) !== b || b < 0 || b >= MAX_VERTICES) badIds(k, a, b);
    if (typeof x !== "number" || x - x !== 0) badWeight(k, x);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (hi >= N) {
      st.n = n;
      st.m = m;
      if (!grow(st, hi + 1, codes.BYTES_PER_ELEMENT)) return k;
      codes = st.tri as PackedCodes;
      N = st.N;
      row = -1;
    }
    if (hi >= n) n = hi + 1;
    if (lo === hi) continue;
    const code = x - B;
    if ((x | 0) !== x || x === MISSING_INT || !(code >= 0 && code < M)) {
      st.n = n;
      st.m = m;
      st.tri = null;
      st.N = 0;
      return k;
    }
    m++;
    if (lo !== row) {
      row = lo;
      base = triangleRowBase(N, lo);
    }
    const c = codes[base + hi];
    if (c === M || c < code) codes[base + hi] = code;
  }
  st.n = n;
  st.m = m;
  return len;
}

/**
 * Lays the triangle out for at least `need` vertices (growing N by at least 1/8), or drops it
 * when the plan does not admit that many (the list's length bounding m); `bytes` a pair.
 * Returns whether it is kept.
 */
function grow(st: PassState, need: number, bytes: number): boolean {
  const { plan, len } = st;
  let N = Math.max(need, Math.ceil(st.N * 1.125));
  if (!admits(plan, N, len, bytes)) N = need;
  if (!admits(plan, N, len, bytes)) {
    st.tri = null;
    st.N = 0;
    return false;
  }
  const old = st.tri!;
  st.tri = relayout(old, st.N, N, blank(old.constructor as typeof Int32Array, pairsOf(N)), false);
  st.N = N;
  return true;
}

/** Turns the Int32Array triangle into a Float64Array one (missing pairs NaN), or drops it when too large. */
function toFloat(st: PassState): void {
  const old = st.tri as Int32Array;
  if (!admits(st.plan, st.N, st.len, 8)) {
    st.tri = null;
    st.N = 0;
    return;
  }
  const next = new Float64Array(old.length);
  for (let p = 0; p < old.length; p++) next[p] = old[p] === MISSING_INT ? NaN : old[p];
  st.tri = next;
}

/**
 * Copies the pairs of triangle `from` (laid out for N vertices) among the first min(N, N2)
 * vertices into `to`, laid out for N2 (rows moved with copyWithin when `to` is `from` and
 * N2 <= N: each row moves down, never over a row not yet moved). Returns `to`, cut to the
 * pairs of N2 vertices.
 */
function relayout<T extends Triangle>(from: T, N: number, N2: number, to: T, inPlace: boolean): T {
  const rows = Math.min(N, N2);
  if (N !== N2 || !inPlace) {
    for (let i = 0; i + 1 < rows; i++) {
      const src = triangleRowStart(N, i);
      const dst = triangleRowStart(N2, i);
      const cnt = rows - i - 1;
      if (inPlace) to.copyWithin(dst, src, src + cnt);
      else to.set(from.subarray(src, src + cnt), dst);
    }
  }
  return to.subarray(0, pairsOf(N2)) as T;
}
