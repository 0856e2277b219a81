/**
 * A general edge list as a {@link PairSource} for column generation: edges stored once, grouped
 * by their smaller endpoint (a CSR of rows), parallel edges merged to the heaviest, self-loops
 * dropped. Pair ids are positions in that CSR.
 *
 * Pure TypeScript, no Node imports.
 */
import type { PairSource, PairStats } from "./column-generation";
import { keepBest } from "./keep-best";
import { ancestors, fillRowTable, pairBlossomTerm, type Pricer } from "./pricer";

/** Edge arrays: edge k joins `eu[k]` and `ev[k]` with weight `ew[k]`. */
export interface EdgeArrays {
  eu: Int32Array;
  ev: Int32Array;
  ew: Float64Array;
}

/** The pairs of an edge list, merged and grouped by row (see the module comment). */
export class EdgeListSource implements PairSource {
  readonly idLimit: number;
  /** Row i's pairs are positions start[i]..start[i+1] of `js` (partner, > i) and `ws` (weight). */
  readonly start: Int32Array;
  readonly is: Int32Array;
  readonly js: Int32Array;
  readonly ws: Float64Array;
  private full: { start: Int32Array; ids: Int32Array } | null = null;

  /**
   * Groups the edges `eu[k]`-`ev[k]` (ids in 0..n-1) of weight `ew[k]`. O(n + m).
   * @throws never (inputs are trusted; `maxWeightMatching` validates them).
   */
  constructor(
    readonly n: number,
    edges: EdgeArrays,
  ) {
    const { eu, ev, ew } = edges;
    const m0 = eu.length;
    const start = new Int32Array(n + 1);
    for (let k = 0; k < m0; k++) {
      if (eu[k] !== ev[k]) start[Math.min(eu[k], ev[k]) + 1]++;
    }
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
    // Merge parallel edges row by row (seen[j] = row that last saw j, at[j] = its slot).
    const seen = new Int32Array(n).fill(-1);
    const at = new Int32Array(n);
    let m = 0;
    const newStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      newStart[i] = m;
      for (let q = start[i]; q < start[i + 1]; q++) {
        const j = js[q];
        if (seen[j] === i) {
          if (ws[q] > ws[at[j]]) ws[at[j]] = ws[q];
          continue;
        }
        seen[j] = i;
        at[j] = m;
        js[m] = j;
        ws[m] = ws[q];
        m++;
      }
    }
    newStart[n] = m;
    this.start = newStart;
    this.js = js.slice(0, m);
    this.ws = ws.slice(0, m);
    this.is = new Int32Array(m);
    for (let i = 0; i < n; i++) for (let q = newStart[i]; q < newStart[i + 1]; q++) this.is[q] = i;
    this.idLimit = m;
  }

  /** Number of distinct pairs. */
  get size(): number {
    return this.idLimit;
  }
  pairI(id: number): number {
    return this.is[id];
  }
  pairJ(id: number): number {
    return this.js[id];
  }
  pairW(id: number): number {
    return this.ws[id];
  }

  scan(K: number, topId: Int32Array, topW: Float64Array): PairStats {
    const { n, start, js, ws } = this;
    let minW = Infinity;
    let maxW = -Infinity;
    let allInt = true;
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const base = i * K;
      for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
        const x = ws[q];
        const j = js[q];
        if (x < minW) minW = x;
        if (x > maxW) maxW = x;
        if (allInt && !Number.isInteger(x)) allInt = false;
        seen[i] = 1;
        seen[j] = 1;
        keepBest(topId, topW, base, K, q, x);
        keepBest(topId, topW, j * K, K, q, x);
      }
    }
    let nonIsolated = 0;
    for (let v = 0; v < n; v++) nonIsolated += seen[v];
    const maxAbs = maxW >= minW ? Math.max(Math.abs(minW), Math.abs(maxW)) : 0;
    return { maxAbs, minW, maxW, allInt, nonIsolated };
  }

  relative(h: Float64Array, R: number, relId: Int32Array, relKey: Float64Array): void {
    const { n, start, js, ws } = this;
    for (let i = 0; i < n; i++) {
      for (let q = start[i], qe = start[i + 1]; q < qe; q++) {
        const x = ws[q];
        const j = js[q];
        keepBest(relId, relKey, i * R, R, q, x - h[j]);
        keepBest(relId, relKey, j * R, R, q, x - h[i]);
      }
    }
  }

  bestFree(i: number, mate: Int32Array, floor: number): number {
    const f = this.fullAdjacency();
    let best = -1;
    let bw = floor;
    for (let q = f.start[i], qe = f.start[i + 1]; q < qe; q++) {
      const id = f.ids[q];
      const j = this.is[id] === i ? this.js[id] : this.is[id];
      if (mate[j] !== -1) continue;
      if (this.ws[id] > bw) {
        bw = this.ws[id];
        best = id;
      }
    }
    return best;
  }

  price(pr: Pricer, shift2: number, c: number, worstId: Int32Array, worstKey: Float64Array): void {
    const { n, start, js, ws } = this;
    const u = pr.u;
    const anc = new Int32Array(2 * n + 1);
    let tbl: Float64Array | null = null;
    for (let i = 0; i < n; i++) {
      const a = start[i];
      const b = start[i + 1];
      if (a === b) continue;
      const d = ancestors(pr, i, anc);
      const base = 2 * shift2 - u[i];
      // A long row fills the position table once; a short one searches i's ancestors per pair.
      const useTable = d > 0 && (b - a) * Math.log2(d + 1) > n;
      if (useTable) {
        tbl ??= new Float64Array(n);
        fillRowTable(pr, anc, d, tbl);
      }
      for (let q = a; q < b; q++) {
        const j = js[q];
        let nrc = 4 * ws[q] + base - u[j];
        if (d > 0) nrc -= useTable ? tbl![pr.pos[j]] : pairBlossomTerm(pr, anc, d, j);
        keepBest(worstId, worstKey, i * c, c, q, nrc);
        keepBest(worstId, worstKey, j * c, c, q, nrc);
      }
    }
  }

  /** Adjacency of every vertex (both directions) as pair ids, built on first use. */
  private fullAdjacency(): { start: Int32Array; ids: Int32Array } {
    if (this.full) return this.full;
    const { n, is, js } = this;
    const m = this.idLimit;
    const start = new Int32Array(n + 1);
    for (let q = 0; q < m; q++) {
      start[is[q] + 1]++;
      start[js[q] + 1]++;
    }
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const fill = start.slice(0, n);
    const ids = new Int32Array(2 * m);
    for (let q = 0; q < m; q++) {
      ids[fill[is[q]]++] = q;
      ids[fill[js[q]]++] = q;
    }
    this.full = { start, ids };
    return this.full;
  }
}
