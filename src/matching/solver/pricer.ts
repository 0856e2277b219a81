/**
 * Reduced costs of pairs against a final {@link MatchingState}, for pricing pairs outside the
 * solved graph: `rc(i, j) = u_i + u_j - 2W + 2 * Z(lca)` where W is the pair's solver weight
 * (shift included), Z(b) the sum of the duals of blossom b and its ancestors, and lca the smallest
 * blossom holding both i and j (Z = 0 when none does).
 *
 * No lowest-common-ancestor query: the leaves of the blossom forest are numbered in depth-first
 * order, so every blossom's vertices form an interval of positions. A row i lists its blossom
 * ancestors from the top down once; a partner j then lies in the k-th ancestor exactly when its
 * position is inside that ancestor's interval. Since Z only grows going down, the walk stops as
 * soon as the pair is proved non-negative, which on real scores is after one or two compares.
 *
 * Pure TypeScript, no Node imports.
 */
import type { MatchingState } from "./primal-dual";

/** Blossom-forest layout of a state, shared by every row. */
export interface Pricer {
  readonly n: number;
  /** Vertex duals. */
  readonly u: Float64Array;
  /** Depth-first position of each vertex. */
  readonly pos: Int32Array;
  /** Interval [lo, hi] of positions and 2 * Z of each blossom in use (indices n..2n). */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly z2: Float64Array;
  readonly parent: Int32Array;
  /** Constant added to every weight (solver units) before the solve. */
  readonly shift: number;
}

/**
 * Lays out the blossom forest of `state` for pricing. O(n).
 * @throws never.
 */
export function makePricer(state: MatchingState): Pricer {
  const { n, dual, blossomParent, blossomBase } = state;
  const n2 = 2 * n;
  const pos = new Int32Array(n);
  const lo = new Int32Array(n2);
  const hi = new Int32Array(n2);
  const z2 = new Float64Array(n2);
  // Children lists of the blossom forest (vertices and blossoms in use).
  const childHead = new Int32Array(n2).fill(-1);
  const sibling = new Int32Array(n2).fill(-1);
  for (let x = n2 - 1; x >= 0; x--) {
    if (x >= n && blossomBase[x] < 0) continue;
    const p = blossomParent[x];
    if (p !== -1) {
      sibling[x] = childHead[p];
      childHead[p] = x;
    }
  }
  const stack = new Int32Array(n2 + 1);
  const done = new Uint8Array(n2);
  let next = 0;
  for (let r = 0; r < n2; r++) {
    if (blossomParent[r] !== -1 || (r >= n && blossomBase[r] < 0)) continue;
    let top = 0;
    stack[top++] = r;
    while (top > 0) {
      const x = stack[top - 1];
      if (x < n) {
        pos[x] = next++;
        top--;
        continue;
      }
      if (!done[x]) {
        done[x] = 1;
        lo[x] = next;
        const p = blossomParent[x];
        z2[x] = 2 * dual[x] + (p === -1 ? 0 : z2[p]);
        for (let c = childHead[x]; c !== -1; c = sibling[c]) stack[top++] = c;
      } else {
        hi[x] = next - 1;
        top--;
      }
    }
  }
  return { n, u: dual, pos, lo, hi, z2, parent: blossomParent, shift: state.shift };
}

/**
 * Ancestors of vertex i with a positive dual, from the top down, written to `out` (returns their
 * count). Blossoms of dual 0 add nothing to a reduced cost, so they are left out; the intervals
 * of those listed are still nested. O(depth).
 */
export function ancestors(p: Pricer, i: number, out: Int32Array): number {
  let d = 0;
  for (let b = p.parent[i]; b !== -1; b = p.parent[b]) if (p.u[b] > 0) out[d++] = b;
  for (let a = 0, c = d - 1; a < c; a++, c--) {
    const t = out[a];
    out[a] = out[c];
    out[c] = t;
  }
  return d;
}

/**
 * Fills `tbl[q]` with 2 * Z(lca(i, j)) for the vertex j at depth-first position q, from i's
 * ancestors `anc[0..d)` (top down, see {@link ancestors}): the positions inside the k-th
 * ancestor but outside the (k+1)-th form two intervals, filled with that ancestor's 2Z. O(n + d)
 * with native fills; a row of a dense matrix then prices each pair with one table look-up.
 */
export function fillRowTable(p: Pricer, anc: Int32Array, d: number, tbl: Float64Array): void {
  const n = p.n;
  const { lo, hi, z2 } = p;
  if (d === 0) {
    tbl.fill(0);
    return;
  }
  // Left parts [lo_k, lo_{k+1}) then the innermost interval, then the right parts, in order.
  let q = 0;
  const l0 = lo[anc[0]];
  while (q < l0) tbl[q++] = 0;
  for (let k = 0; k < d; k++) {
    const v = z2[anc[k]];
    const end = k + 1 < d ? lo[anc[k + 1]] : hi[anc[k]] + 1;
    while (q < end) tbl[q++] = v;
  }
  for (let k = d - 2; k >= 0; k--) {
    const v = z2[anc[k]];
    const end = hi[anc[k]] + 1;
    while (q < end) tbl[q++] = v;
  }
  while (q < n) tbl[q++] = 0;
}

/**
 * 2 * Z(lca(i, j)) for one pair, from i's ancestors `anc[0..d)` (see {@link ancestors}): binary
 * search for the deepest ancestor whose interval holds j's position. O(log d).
 */
export function pairBlossomTerm(p: Pricer, anc: Int32Array, d: number, j: number): number {
  const pj = p.pos[j];
  const { lo, hi } = p;
  let a = 0;
  let b = d; // ancestors [0, a) hold j, [b, d) do not
  while (a < b) {
    const mid = (a + b) >> 1;
    const x = anc[mid];
    if (pj >= lo[x] && pj <= hi[x]) a = mid + 1;
    else b = mid;
  }
  return a === 0 ? 0 : p.z2[anc[a - 1]];
}

/**
 * Reduced cost of the pair (i, j) of weight w (solver units, before the state's shift):
 * `u_i + u_j - 2(w + shift) + 2 * sum(z_B : B a blossom containing both i and j)`. The matching
 * stays optimal after adding the pair when this is >= 0 (dual feasibility; the other optimality
 * conditions do not involve the new pair). O(blossom depth of i and j).
 *
 * @throws never (indices are not checked).
 */
export function reducedCost(state: MatchingState, i: number, j: number, w: number): number {
  const { dual, blossomParent } = state;
  let s = dual[i] + dual[j] - 2 * (w + state.shift);
  if (blossomParent[i] === -1 || blossomParent[j] === -1) return s;
  let a = blossomParent[i];
  let depthI = 0;
  while (a !== -1) {
    depthI++;
    a = blossomParent[a];
  }
  let b = blossomParent[j];
  let depthJ = 0;
  while (b !== -1) {
    depthJ++;
    b = blossomParent[b];
  }
  a = blossomParent[i];
  b = blossomParent[j];
  while (depthI > depthJ) {
    a = blossomParent[a];
    depthI--;
  }
  while (depthJ > depthI) {
    b = blossomParent[b];
    depthJ--;
  }
  while (a !== b) {
    a = blossomParent[a];
    b = blossomParent[b];
  }
  while (a !== -1) {
    s += 2 * dual[a];
    a = blossomParent[a];
  }
  return s;
}
