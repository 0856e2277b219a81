/**
 * The dense solver's row loops (the first scan, the relative pass, pricing) on an Int32 weight
 * matrix or triangle, or on packed codes (packed-triangle.ts: weight = code + base), with the comparisons of every pair done by a {@link RowFilter} (WebAssembly SIMD) and
 * only the columns it returns tested and offered here. Each makes the same offers, in the same
 * order, as its plain loop in dense-matching.ts (the filter returns a superset of the pairs that
 * beat a threshold, and each is tested again against the threshold of the moment), so the lists
 * and the solve are the same to the bit. The row is filtered in chunks of {@link CHUNK} columns,
 * each against the row's threshold as it stands, which rises as the row's own list fills.
 *
 * In each, row i is the pairs (i, j), j > i, at `a[off + j]`, and `F` the entry of a forbidden
 * pair (the Int32 sentinel or the missing code; NaN: none); the weight of an entry x is
 * `x + base` (base 0 for weights stored as they are). `thr` must be `rf.thr` (its first n entries): the thresholds the filter reads are the
 * ones the offers keep current. The lists must be min-heaps (keep-best.ts: slots filled with one
 * value, or made by `offer` or `heapify`), whose thresholds only rise during a pass: a threshold
 * read before an offer is then never above the one of the moment, which is what makes the
 * filter's columns a superset.
 *
 * Pure TypeScript, no Node imports.
 */
import { offer, thresholds } from "./keep-best";
import { RowWalker, type Pricer } from "./pricer";
import type { RowFilter } from "./row-filter";

/** Columns filtered per call (about 2 KB of the row). */
export const CHUNK = 512;

/** Running smallest and largest weight and integrality of a scan (as dense-matching.ts keeps them). */
export interface ScanAcc {
  minW: number;
  maxW: number;
  allInt: boolean;
  checkInt: boolean;
}

/** A row of weights or codes. */
export type RowArray = Int32Array | Uint16Array | Uint8Array;

/**
 * The first scan of row i: the weight range into `acc`, each pair offered to both ends' heaviest
 * lists (`topId` / `topW`, width K). The weights are integers: `acc.allInt` is left as it is.
 * @throws never.
 */
export function scanRowFiltered(rf: RowFilter, a: RowArray, off: number, i: number, n: number, F: number, base: number, K: number, topId: Int32Array, topW: Float64Array, thr: Float64Array, acc: ScanAcc): void {
  if (i + 1 >= n) return;
  rf.load(a, off, i + 1);
  const [lo, hi] = rf.range(i + 1, F);
  if (lo <= hi) {
    if (lo + base < acc.minW) acc.minW = lo + base;
    if (hi + base > acc.maxW) acc.maxW = hi + base;
  }
  const { out, x: xs } = rf;
  let ti = thr[i];
  for (let j0 = i + 1; j0 < n; j0 += CHUNK) {
    const m = rf.filter(false, j0, Math.min(n, j0 + CHUNK), 1, base, ti);
    for (let q = 0; q < m; q++) {
      const j = out[q];
      if (xs[j] === F) continue;
      const w = xs[j] + base;
      if (w > ti) {
        offer(topId, topW, thr, i, K, i * n + j, w);
        ti = thr[i];
      }
      if (w > thr[j]) offer(topId, topW, thr, j, K, i * n + j, w);
    }
  }
}

/**
 * The relative pass over row i: each pair offered to i's list with key `w - h[j]` and to j's with
 * `w - h[i]` (`relId` / `relKey`, width R). `rf.e` must hold h (its first n entries).
 * @throws never.
 */
export function relativeRowFiltered(rf: RowFilter, a: RowArray, off: number, i: number, n: number, F: number, base: number, h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array, thr: Float64Array): void {
  if (i + 1 >= n) return;
  rf.load(a, off, i + 1);
  const { out, x: xs } = rf;
  const hi = h[i];
  let ti = thr[i];
  for (let j0 = i + 1; j0 < n; j0 += CHUNK) {
    const m = rf.filterRelative(j0, Math.min(n, j0 + CHUNK), base, hi, ti);
    for (let q = 0; q < m; q++) {
      const j = out[q];
      if (xs[j] === F) continue;
      const x = xs[j] + base;
      const ki = x - h[j];
      if (ki > ti) {
        offer(relId, relKey, thr, i, R, i * n + j, ki);
        ti = thr[i];
      }
      const kj = x - hi;
      if (kj > thr[j]) offer(relId, relKey, thr, j, R, i * n + j, kj);
    }
  }
}

/**
 * Prices row i: -rc = 4x + b - e[j] for an entry x, with `b = 4 base + 2 shift2 - u_i` (the
 * caller's, in the order its plain loop computes it) and `e` = `rf.e`, kept by the pricing walker
 * (`u_j + 2 Z(lca(i, j))`); a pair enters an end's list (`worstId` / `worstKey`, width c) when it
 * beats that list's threshold.
 * @throws never.
 */
export function priceRowFiltered(rf: RowFilter, a: RowArray, off: number, i: number, n: number, F: number, b: number, c: number, worstId: Int32Array, worstKey: Float64Array, thr: Float64Array): void {
  if (i + 1 >= n) return;
  rf.load(a, off, i + 1);
  const { out, x: xs, e } = rf;
  let ti = thr[i];
  for (let j0 = i + 1; j0 < n; j0 += CHUNK) {
    const m = rf.filter(true, j0, Math.min(n, j0 + CHUNK), 4, b, ti);
    for (let q = 0; q < m; q++) {
      const j = out[q];
      const x = xs[j];
      const nrc = 4 * x + b - e[j];
      if (nrc > ti && x !== F) {
        offer(worstId, worstKey, thr, i, c, i * n + j, nrc);
        ti = thr[i];
      }
      if (nrc > thr[j] && x !== F) offer(worstId, worstKey, thr, j, c, i * n + j, nrc);
    }
  }
}

/** Where row i's pair (i, j) sits in a source's array: at `rowOffset(i) + j`. */
export type RowOffset = (i: number) => number;

/**
 * The first scan of every row ({@link scanRowFiltered}): the lists' thresholds move into the
 * filter's memory, then rows 0..n-1 in order.
 * @throws never.
 */
export function scanFiltered(rf: RowFilter, a: RowArray, rowOffset: RowOffset, n: number, F: number, base: number, K: number, topId: Int32Array, topW: Float64Array, acc: ScanAcc): void {
  rf.thr.set(thresholds(topW, n, K));
  const thr = rf.thr.subarray(0, n);
  for (let i = 0; i < n; i++) scanRowFiltered(rf, a, rowOffset(i), i, n, F, base, K, topId, topW, thr, acc);
}

/**
 * The relative pass over every row ({@link relativeRowFiltered}): thresholds and h move into the
 * filter's memory, then rows 0..n-1 in order.
 * @throws never.
 */
export function relativeFiltered(rf: RowFilter, a: RowArray, rowOffset: RowOffset, n: number, F: number, base: number, h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
  rf.thr.set(thresholds(relKey, n, R));
  rf.e.set(h);
  const thr = rf.thr.subarray(0, n);
  for (let i = 0; i < n; i++) relativeRowFiltered(rf, a, rowOffset(i), i, n, F, base, h, R, relId, relKey, thr);
}

/**
 * A pricing pass ({@link priceRowFiltered}) over every row in the pricer's depth-first order, the
 * walker keeping its terms in the filter's memory: row i is priced with `b = b0 - u_i` (`b0` the
 * caller's part of the constant, so the sum is computed in its plain loop's order).
 * @param thr the lists' thresholds (`thresholds(worstKey, n, c)`), copied into the filter.
 * @throws never.
 */
export function priceFiltered(rf: RowFilter, a: RowArray, rowOffset: RowOffset, n: number, F: number, pr: Pricer, b0: number, c: number, worstId: Int32Array, worstKey: Float64Array, thr: Float64Array): void {
  rf.thr.set(thr);
  const t = rf.thr.subarray(0, n);
  const walk = new RowWalker(pr, rf.e);
  for (let r = 0; r < n; r++) {
    const i = walk.next();
    priceRowFiltered(rf, a, rowOffset(i), i, n, F, b0 - pr.u[i], c, worstId, worstKey, t);
  }
}
