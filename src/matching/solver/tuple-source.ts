/**
 * An edge list of `[u, v, w]` tuples as a {@link PairSource}, read in place: pair id = position
 * in the list. Nothing proportional to the list is allocated: a list of millions of small arrays
 * makes every large allocation trigger a garbage collection that marks all of them (about 1 s
 * for 5 million tuples), which would cost more than the solve. Self-loops are skipped; parallel
 * edges stay distinct pairs (the solver accepts them, and pricing the lighter one is harmless).
 *
 * Pure TypeScript, no Node imports.
 */
import type { PairSource, PairStats, ScanResult } from "./column-generation";
import { offer, pairStats, thresholds } from "./keep-best";
import { pairBlossomTerm, type Pricer } from "./pricer";

/** An edge `[u, v, weight]`. */
export type EdgeTuple = readonly [number, number, number];

/** Facts from {@link validateTuples}. */
export interface TupleFacts {
  /** 1 + the largest vertex id (0 for an empty list). */
  n: number;
  /** Edges that are not self-loops. */
  m: number;
}

/**
 * Checks every tuple: vertex ids integers in 0..MAX_VERTICES − 1, weights finite numbers. O(m). `int32`:
 * whether every weight (of a non-loop) is an integer in the int32 range other than -2^31
 * ({@link MISSING_INT}, free to mark a missing pair).
 * @throws RangeError naming the first bad edge.
 */
export function validateTuples(edges: readonly EdgeTuple[]): TupleFacts & { int32: boolean } {
  let n = 0;
  let m = 0;
  let int32 = true;
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const i = e[0];
    const j = e[1];
    const w = e[2];
    // (x | 0) === x: an integer in the int32 range; w - w === 0: finite.
    if ((i | 0) !== i || i < 0 || i >= MAX_VERTICES || (j | 0) !== j || j < 0 || j >= MAX_VERTICES) {
      badIds(k, i, j);
    }
    if (typeof w !== "number" || w - w !== 0) badWeight(k, w);
    if (i >= n) n = i + 1;
    if (j >= n) n = j + 1;
    if (i !== j) {
      m++;
      if (int32 && ((w | 0) !== w || w === MISSING_INT)) int32 = false;
    }
  }
  return { n, m, int32 };
}

/**
 * The most vertices an edge list may name: ids run from 0 to MAX_VERTICES − 1 = 16,777,215. The
 * solver keeps a few hundred bytes a vertex (a list naming a million vertices takes about 270 MB),
 * so this bounds it near 4 GB: one edge naming vertex 2^30 is refused at once, as bad input,
 * instead of exhausting the memory.
 */
export const MAX_VERTICES = 2 ** 24;

/** @throws RangeError: edge k's vertex ids (a, b) are not integers in 0..MAX_VERTICES − 1 (the message of every tuple reader). */
export function badIds(k: number, a: unknown, b: unknown): never {
  throw new RangeError(`edge ${k}: vertex ids must be integers from 0 to ${MAX_VERTICES - 1} (number the vertices 0..n-1), got [${a}, ${b}]`);
}

/** @throws RangeError: edge k's weight x is not a finite number (the message of every tuple reader). */
export function badWeight(k: number, x: unknown): never {
  throw new RangeError(`edge ${k}: weight must be a finite number, got ${x}`);
}

/** -2^31: never an int32 weight of {@link validateTuples}, so it can mark a missing pair. */
export const MISSING_INT = -2147483648;

/**
 * One pass that validates the list (like {@link validateTuples}, `int32` included) and does the
 * first scan of column generation (`PairSource.scan` with width K) at once, growing the per-vertex slots as
 * larger vertex ids appear: on millions of tuples every pass over them counts.
 * @throws RangeError naming the first bad edge.
 */
export function scanTuples(edges: readonly EdgeTuple[], K: number): TupleFacts & { int32: boolean; scan: ScanResult } {
  const t0 = typeof performance !== "undefined" ? performance.now() : Date.now();
  let cap = 1024;
  let topId = new Int32Array(cap * K).fill(-1);
  let topW = new Float64Array(cap * K).fill(-Infinity);
  let thr = new Float64Array(cap).fill(-Infinity);
  let n = 0;
  let m = 0;
  let minW = Infinity;
  let maxW = -Infinity;
  let allInt = true;
  let int32 = true;
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const a = e[0];
    const b = e[1];
    const x = e[2];
    // (x | 0) === x: an integer in the int32 range; x - x === 0: finite.
    if ((a | 0) !== a || a < 0 || a >= MAX_VERTICES || (b | 0) !== b || b < 0 || b >= MAX_VERTICES) {
      badIds(k, a, b);
    }
    if (typeof x !== "number" || x - x !== 0) badWeight(k, x);
    const hi = a > b ? a : b;
    if (hi >= n) {
      n = hi + 1;
      if (n > cap) {
        while (cap < n) cap *= 2;
        const id2 = new Int32Array(cap * K).fill(-1);
        id2.set(topId);
        const w2 = new Float64Array(cap * K).fill(-Infinity);
        w2.set(topW);
        const t2 = new Float64Array(cap).fill(-Infinity);
        t2.set(thr);
        topId = id2;
        topW = w2;
        thr = t2;
      }
    }
    if (a === b) continue;
    m++;
    if (x < minW) minW = x;
    if (x > maxW) maxW = x;
    if (allInt && !Number.isInteger(x)) allInt = false;
    if (int32 && ((x | 0) !== x || x === MISSING_INT)) int32 = false;
    if (x > thr[a]) offer(topId, topW, thr, a, K, k, x);
    if (x > thr[b]) offer(topId, topW, thr, b, K, k, x);
  }
  topId = topId.subarray(0, n * K);
  topW = topW.subarray(0, n * K);
  const stats = pairStats(topId, n, K, minW, maxW, allInt);
  const ms = (typeof performance !== "undefined" ? performance.now() : Date.now()) - t0;
  return { n, m, int32, scan: { topId, topW, stats, ms } };
}

/** The tuples of a validated list (see the module comment). */
export class TupleSource implements PairSource {
  readonly idLimit: number;

  constructor(
    readonly n: number,
    private readonly edges: readonly EdgeTuple[],
  ) {
    this.idLimit = edges.length;
  }

  pairI(id: number): number {
    const e = this.edges[id];
    return e[0] < e[1] ? e[0] : e[1];
  }
  pairJ(id: number): number {
    const e = this.edges[id];
    return e[0] < e[1] ? e[1] : e[0];
  }
  pairW(id: number): number {
    return this.edges[id][2];
  }

  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats {
    const { n, edges } = this;
    let minW = Infinity;
    let maxW = -Infinity;
    let allInt = true;
    const thr = thresholds(topW, n, K);
    for (let k = 0; k < edges.length; k++) {
      const e = edges[k];
      const a = e[0];
      const b = e[1];
      if (a === b) continue;
      const x = e[2];
      if (x < minW) minW = x;
      if (x > maxW) maxW = x;
      if (allInt && !Number.isInteger(x)) allInt = false;
      if (x > thr[a]) offer(topId, topW, thr, a, K, k, x);
      if (x > thr[b]) offer(topId, topW, thr, b, K, k, x);
    }
    return pairStats(topId, n, K, minW, maxW, allInt);
  }

  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
    const { n, edges } = this;
    const thr = thresholds(relKey, n, R);
    for (let k = 0; k < edges.length; k++) {
      const e = edges[k];
      const a = e[0];
      const b = e[1];
      if (a === b) continue;
      const x = e[2];
      const ka = x - h[b];
      if (ka > thr[a]) offer(relId, relKey, thr, a, R, k, ka);
      const kb = x - h[a];
      if (kb > thr[b]) offer(relId, relKey, thr, b, R, k, kb);
    }
  }

  bestFree(mate: Int32Array, floor: number, best: Int32Array): void {
    const { n, edges } = this;
    const bw = new Float64Array(n).fill(floor);
    for (let k = 0; k < edges.length; k++) {
      const e = edges[k];
      const a = e[0];
      const b = e[1];
      if (a === b || mate[a] !== -1 || mate[b] !== -1) continue;
      const x = e[2];
      if (x > bw[a]) {
        bw[a] = x;
        best[a] = k;
      }
      if (x > bw[b]) {
        bw[b] = x;
        best[b] = k;
      }
    }
  }

  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const { n, edges } = this;
    const u = pr.u;
    const zIn = pr.zIn;
    const thr = thresholds(worstKey, n, c);
    for (let k = 0; k < edges.length; k++) {
      const e = edges[k];
      const a = e[0];
      const b = e[1];
      if (a === b) continue;
      let nrc = 4 * e[2] + 2 * shift2 - u[a] - u[b];
      if (!(nrc > thr[a]) && !(nrc > thr[b])) continue;
      if (zIn[a] > 0 && zIn[b] > 0) nrc -= pairBlossomTerm(pr, a, b);
      if (nrc > thr[a]) offer(worstId, worstKey, thr, a, c, k, nrc);
      if (nrc > thr[b]) offer(worstId, worstKey, thr, b, c, k, nrc);
    }
  }
}
