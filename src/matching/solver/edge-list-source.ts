/**
 * A general edge list as a {@link PairSource} for column generation: edges stored once, grouped
 * by their smaller endpoint (a CSR of rows), parallel edges merged to the heaviest, self-loops
 * dropped. Pair ids are positions in that CSR.
 *
 * Pure TypeScript, no Node imports.
 */
import type { PairSource, PairStats } from "./column-generation";
import { offer, pairStats, thresholds } from "./keep-best";
import { RowWalker, type Pricer } from "./pricer";

/** The pairs of an edge list, merged and grouped by row (see the module comment). */
export class EdgeListSource implements PairSource {
  readonly idLimit: number;
  /** Row i's pairs are positions start[i]..start[i+1] of `js` (partner, > i) and `ws` (weight). */
  readonly start: Int32Array;
  readonly js: Int32Array;
  readonly ws: Float64Array;

  /**
   * Takes rows already grouped (`start`, `js` partners > row, `ws` weights) and merges parallel
   * edges in place. O(n + m).
   */
  private constructor(
    readonly n: number,
    start: Int32Array,
    js: Int32Array,
    ws: Float64Array,
  ) {
    // Merge parallel edges row by row (seen[j] = row that last saw j, at[j] = its slot).
    const seen = new Int32Array(n).fill(-1);
    const at = new Int32Array(n);
    let m = 0;
    let rowStart = 0;
    for (let i = 0; i < n; i++) {
      const qe = start[i + 1];
      start[i] = m;
      for (let q = rowStart; q < qe; q++) {
        const j = js[q];
        if (seen[j] === i) {
          if (ws[q] > ws[at[j]]) ws[at[j]] = ws[q];
          continue;
        }
        seen[j] = i;
        at[j] = m;
        if (m !== q) {
          js[m] = j;
          ws[m] = ws[q];
        }
        m++;
      }
      rowStart = qe;
    }
    start[n] = m;
    this.start = start;
    this.js = js.subarray(0, m);
    this.ws = ws.subarray(0, m);
    this.idLimit = m;
  }

  /**
   * The edges `eu[k]`-`ev[k]` (ids in 0..n-1) of weight `ew[k]`; self-loops dropped. O(n + m).
   * @throws never (inputs are trusted; `maxWeightMatching` validates them).
   */
  static fromArrays(n: number, eu: Int32Array, ev: Int32Array, ew: Float64Array): EdgeListSource {
    const m0 = eu.length;
    const start = new Int32Array(n + 1);
    for (let k = 0; k < m0; k++) if (eu[k] !== ev[k]) start[Math.min(eu[k], ev[k]) + 1]++;
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const fill = start.slice(0, n);
    const js = new Int32Array(start[n]);
    const ws = new Float64Array(start[n]);
    for (let k = 0; k < m0; k++) {
      const a = eu[k];
      const b = ev[k];
      if (a === b) continue;
      const at = fill[a < b ? a : b]++;
      js[at] = a < b ? b : a;
      ws[at] = ew[k];
    }
    return new EdgeListSource(n, start, js, ws);
  }

  /**
   * The edges `[u, v, w]` of a list already checked by `validateTuples` or `readTuples`
   * (n = 1 + largest id), self-loops dropped. `rowCounts` (optional, from `readTuples`): the
   * number of edges (not self-loops) whose smaller end is i, for each i < n; without it the list
   * is read twice. O(n + m).
   */
  static fromTuples(edges: readonly (readonly [number, number, number])[], n: number, rowCounts?: Int32Array): EdgeListSource {
    const m0 = edges.length;
    const start = new Int32Array(n + 1);
    if (rowCounts) {
      start.set(rowCounts, 1);
    } else {
      for (let k = 0; k < m0; k++) {
        const e = edges[k];
        if (e[0] !== e[1]) start[(e[0] < e[1] ? e[0] : e[1]) + 1]++;
      }
    }
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const fill = start.slice(0, n);
    const js = new Int32Array(start[n]);
    const ws = new Float64Array(start[n]);
    for (let k = 0; k < m0; k++) {
      const e = edges[k];
      const a = e[0];
      const b = e[1];
      if (a === b) continue;
      const at = fill[a < b ? a : b]++;
      js[at] = a < b ? b : a;
      ws[at] = e[2];
    }
    return new EdgeListSource(n, start, js, ws);
  }

  /** Row (smaller endpoint) of every pair, for solving the pairs directly. */
  rows(): Int32Array {
    const is = new Int32Array(this.idLimit);
    for (let i = 0; i < this.n; i++) is.fill(i, this.start[i], this.start[i + 1]);
    return is;
  }

  /** Number of distinct pairs. */
  get size(): number {
    return this.idLimit;
  }
  /** Row of pair `id`: binary search in `start`. O(log n). */
  pairI(id: number): number {
    const start = this.start;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  pairJ(id: number): number {
    return this.js[id];
  }
  pairW(id: number): number {
    return this.ws[id];
  }

  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats {
    const { n, start, js, ws } = this;
    const m = this.idLimit;
    let minW = Infinity;
    let maxW = -Infinity;
    const thr = thresholds(topW, n, K);
    for (let i = 0; i < n; i++) {
      for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
        const x = ws[q];
        const j = js[q];
        if (x < minW) minW = x;
        if (x > maxW) maxW = x;
        if (x > thr[i]) offer(topId, topW, thr, i, K, q, x);
        if (x > thr[j]) offer(topId, topW, thr, j, K, q, x);
      }
    }
    let allInt = true;
    for (let q = 0; q < m; q++) {
      if (!Number.isInteger(ws[q])) {
        allInt = false;
        break;
      }
    }
    return pairStats(topId, n, K, minW, maxW, allInt);
  }

  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
    const { n, start, js, ws } = this;
    const thr = thresholds(relKey, n, R);
    for (let i = 0; i < n; i++) {
      const hi = h[i];
      for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
        const x = ws[q];
        const j = js[q];
        const ki = x - h[j];
        if (ki > thr[i]) offer(relId, relKey, thr, i, R, q, ki);
        const kj = x - hi;
        if (kj > thr[j]) offer(relId, relKey, thr, j, R, q, kj);
      }
    }
  }

  bestFree(mate: Int32Array, floor: number, best: Int32Array): void {
    const { n, start, js, ws } = this;
    const bw = new Float64Array(n).fill(floor);
    for (let i = 0; i < n; i++) {
      if (mate[i] !== -1) continue;
      for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
        const j = js[q];
        if (mate[j] !== -1) continue;
        const x = ws[q];
        if (x > bw[i]) {
          bw[i] = x;
          best[i] = q;
        }
        if (x > bw[j]) {
          bw[j] = x;
          best[j] = q;
        }
      }
    }
  }

  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const { n, start, js, ws } = this;
    const thr = thresholds(worstKey, n, c);
    // Rows in depth-first order of the blossom forest: e[j] = u_j + 2 Z(lca(i, j)) (pricer.ts).
    const walk = new RowWalker(pr);
    const e = walk.e;
    for (let r = 0; r < n; r++) {
      const i = walk.next();
      const base = 2 * shift2 - pr.u[i];
      for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
        const j = js[q];
        const nrc = 4 * ws[q] + base - e[j];
        if (nrc > thr[i]) offer(worstId, worstKey, thr, i, c, q, nrc);
        if (nrc > thr[j]) offer(worstId, worstKey, thr, j, c, q, nrc);
      }
    }
  }
}
