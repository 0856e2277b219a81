/**
 * Integer weights of a pool as small codes in an upper weight triangle (one or two bytes a pair,
 * weight = code + base), as a {@link PairSource}: what a large edge list with a narrow integer
 * range is copied into (read-tuples.ts). The row loops are the dense API's (dense-matching.ts),
 * reading a quarter or half the bytes of an Int32Array triangle; a triangle a quarter the size is
 * also what keeps the copy of a 20-million-tuple list from setting off the garbage collection
 * that marks every tuple (typed arrays count as external memory, and V8 collects after some
 * 64 MiB of it).
 *
 * Where WebAssembly SIMD is available, each pass compares the pairs of a row there
 * (filtered-rows.ts), with the same offers and result as the plain loops below.
 *
 * Pure TypeScript, no Node imports.
 */
import type { PairSource, PairStats } from "./column-generation";
import { denseBestFree } from "./dense-best-free";
import { offer, pairStats, thresholds } from "./keep-best";
import { RowWalker, type Pricer } from "./pricer";
import { triangleRowBase } from "./triangle";
import { RowFilter } from "./row-filter";
import { priceFiltered, relativeFiltered, scanFiltered } from "./filtered-rows";

/** Codes of a packed triangle: one byte (missing pair 255) or two (missing pair 65535). */
export type PackedCodes = Uint8Array | Uint16Array;

/** The code marking a missing pair in `codes` (the largest value of its type). */
export function missingCode(codes: PackedCodes): number {
  return codes instanceof Uint8Array ? 0xff : 0xffff;
}

/**
 * The pairs i < j of n vertices whose weights are `codes[i n - i(i + 1)/2 + j - i - 1] + base`
 * ({@link missingCode}: no pair). Pair id = i n + j, as the dense API's.
 */
export class PackedTriangleSource implements PairSource {
  readonly idLimit: number;
  private readonly missing: number;

  /** @throws RangeError when `codes` does not have n(n - 1)/2 entries or n^2 >= 2^31. */
  constructor(
    readonly n: number,
    private readonly codes: PackedCodes,
    private readonly base: number,
  ) {
    if (codes.length !== (n * (n - 1)) / 2) throw new RangeError(`packed triangle has ${codes.length} entries, expected n(n-1)/2 = ${(n * (n - 1)) / 2}`);
    if (n * n >= 2 ** 31) throw new RangeError(`n = ${n} is too large for a packed triangle (n^2 must be below 2^31)`);
    this.idLimit = n * n;
    this.missing = missingCode(codes);
  }

  /** Where row i's pair (i, j) sits: at rowOffset(i) + j. */
  private rowOffset(i: number): number {
    return triangleRowBase(this.n, i);
  }

  pairI(id: number): number {
    return Math.floor(id / this.n);
  }
  pairJ(id: number): number {
    return id % this.n;
  }
  pairW(id: number): number {
    return this.get(Math.floor(id / this.n), id % this.n);
  }

  /** Weight of pair (i, j), i < j, or NaN when missing. */
  private get(i: number, j: number): number {
    const c = this.codes[this.rowOffset(i) + j];
    return c === this.missing ? NaN : c + this.base;
  }

  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats {
    const { n, codes, base } = this;
    const M = this.missing;
    const rf = RowFilter.make(n);
    if (rf) {
      const acc = { minW: Infinity, maxW: -Infinity, allInt: true, checkInt: false };
      scanFiltered(rf, codes, (i) => this.rowOffset(i), n, M, base, K, topId, topW, acc);
      return pairStats(topId, n, K, acc.minW, acc.maxW, true);
    }
    const thr = thresholds(topW, n, K);
    let minC = Infinity;
    let maxC = -Infinity;
    for (let i = 0; i < n; i++) {
      const off = this.rowOffset(i);
      let ti = thr[i];
      for (let j = i + 1; j < n; j++) {
        const c = codes[off + j];
        if (c === M) continue;
        if (c < minC) minC = c;
        if (c > maxC) maxC = c;
        const x = c + base;
        if (x > ti) {
          offer(topId, topW, thr, i, K, i * n + j, x);
          ti = thr[i];
        }
        if (x > thr[j]) offer(topId, topW, thr, j, K, i * n + j, x);
      }
    }
    return pairStats(topId, n, K, minC + base, maxC + base, true);
  }

  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
    const { n, codes, base } = this;
    const M = this.missing;
    const rf = RowFilter.make(n);
    if (rf) {
      relativeFiltered(rf, codes, (i) => this.rowOffset(i), n, M, base, h, R, relId, relKey);
      return;
    }
    const thr = thresholds(relKey, n, R);
    for (let i = 0; i < n; i++) {
      const off = this.rowOffset(i);
      const hi = h[i];
      let ti = thr[i];
      for (let j = i + 1; j < n; j++) {
        const c = codes[off + j];
        if (c === M) continue;
        const x = c + base;
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

  bestFree(mate: Int32Array, floor: number, best: Int32Array): void {
    denseBestFree(this.n, mate, floor, best, (i, j) => this.get(i, j));
  }

  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const { n, codes } = this;
    const M = this.missing;
    const thr = thresholds(worstKey, n, c);
    // -rc = 4 w + 2 shift2 - u_i - e[j] with w = code + base (see DenseSource.price and pricer.ts).
    const rf = RowFilter.make(n);
    if (rf) {
      priceFiltered(rf, codes, (i) => this.rowOffset(i), n, M, pr, 4 * this.base + 2 * shift2, c, worstId, worstKey, thr);
      return;
    }
    const walk = new RowWalker(pr);
    const e = walk.e;
    for (let r = 0; r < n; r++) {
      const i = walk.next();
      const off = this.rowOffset(i);
      const b = 4 * this.base + 2 * shift2 - pr.u[i];
      let ti = thr[i];
      for (let j = i + 1; j < n; j++) {
        const code = codes[off + j];
        const nrc = 4 * code + b - e[j];
        if (nrc > ti && code !== M) {
          offer(worstId, worstKey, thr, i, c, i * n + j, nrc);
          ti = thr[i];
        }
        if (nrc > thr[j] && code !== M) offer(worstId, worstKey, thr, j, c, i * n + j, nrc);
      }
    }
  }
}
