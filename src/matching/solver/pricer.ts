/**
 * Reduced costs of pairs against a final {@link MatchingState}, for pricing pairs outside the
 * solved graph: `rc(i, j) = u_i + u_j - 2W + 2 * Z(lca)` where W is the pair's solver weight,
 * Z(b) the sum of the duals of blossom b and its ancestors, and lca the smallest blossom holding
 * both i and j (Z = 0 when none does).
 *
 * Finely graded real scores make blossoms nested hundreds deep, so nothing here walks ancestor
 * chains. The leaves of the blossom forest are numbered in depth-first order. For two leaves at
 * positions a < b, their lowest common blossom is the shallowest of the lowest common blossoms of
 * neighbouring leaves (a, a+1), ..., (b-1, b); and since Z only grows going down, `Z(lca)` is
 * simply the minimum of the neighbours' values `gapZ[a..b)`. Hence:
 * - one pair: a range-minimum query on a sparse table, O(1) ({@link pairBlossomTerm});
 * - whole rows, visited in depth-first order ({@link RowWalker}): `u_j + 2 Z(lca(i, j))` for
 *   every j, updated from one row to the next in time proportional to the entries that change
 *   (over a whole pass, O(n + sum of the blossom depths) instead of O(n^2)), after which each
 *   pair costs one read in vertex order, as when no blossom exists.
 *
 * Pure TypeScript, no Node imports.
 */
import type { MatchingState } from "./primal-dual";

/** Blossom-forest layout of a state for pricing. */
export interface Pricer {
  readonly n: number;
  /** Duals: vertices 0..n, blossoms n..2n (as in the state). */
  readonly u: Float64Array;
  /** Depth-first position of each vertex. */
  readonly pos: Int32Array;
  /** The vertex at each depth-first position (inverse of `pos`). */
  readonly order: Int32Array;
  /** 2 * Z(lca) of the leaves at positions q and q + 1 (0 when no blossom holds both). */
  readonly gapZ: Float64Array;
  /** Sparse table of minima of gapZ: level k at [k * n, k * n + n - 2^k). */
  readonly table: Float64Array;
  /** 2 * Z(top-level blossom of v's chain) ... 2 * Z(parent of v): the sum of the duals of all blossoms containing v, doubled. */
  readonly zIn: Float64Array;
}

/**
 * Lays out the blossom forest of `state` for pricing. O(n log n) time and memory.
 * @throws never.
 */
export function makePricer(state: MatchingState): Pricer {
  const { n, dual, blossomParent, blossomBase } = state;
  const n2 = 2 * n;
  const pos = new Int32Array(n);
  const z2 = new Float64Array(n2); // 2 * Z of each node (vertices: of their parent chain)
  const zIn = new Float64Array(n);
  const gapZ = new Float64Array(Math.max(0, n - 1));
  // Children lists of the forest (vertices and blossoms in use).
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
  // Depth-first walk. `branch` is the shallowest node returned to since the last leaf: the lowest
  // common blossom of that leaf and the next one (-1 between trees).
  const stack = new Int32Array(n2 + 1);
  const cursor = new Int32Array(n2).fill(-2); // -2: not entered; else next child to visit
  let next = 0;
  let branchZ = 0;
  for (let r = 0; r < n2; r++) {
    if (blossomParent[r] !== -1 || (r >= n && blossomBase[r] < 0)) continue;
    branchZ = 0; // a new tree: no blossom holds the previous leaf and the next one
    let top = 0;
    stack[top++] = r;
    while (top > 0) {
      const x = stack[top - 1];
      if (x < n) {
        const p = blossomParent[x];
        zIn[x] = p === -1 ? 0 : z2[p];
        if (next > 0) gapZ[next - 1] = branchZ;
        pos[x] = next++;
        top--;
        if (top > 0) branchZ = z2[stack[top - 1]];
        continue;
      }
      if (cursor[x] === -2) {
        const p = blossomParent[x];
        z2[x] = 2 * dual[x] + (p === -1 ? 0 : z2[p]);
        cursor[x] = childHead[x];
      }
      const c = cursor[x];
      if (c === -1) {
        top--;
        if (top > 0) {
          const z = z2[stack[top - 1]];
          if (z < branchZ) branchZ = z;
        } else {
          branchZ = 0;
        }
      } else {
        cursor[x] = sibling[c];
        stack[top++] = c;
      }
    }
  }
  // Sparse table of range minima over gapZ.
  const g = n - 1;
  let levels = 1;
  while (1 << levels <= g) levels++;
  const table = new Float64Array(Math.max(1, levels * n));
  table.set(gapZ);
  for (let k = 1; k < levels; k++) {
    const half = 1 << (k - 1);
    const src = (k - 1) * n;
    const dst = k * n;
    for (let q = 0; q + (1 << k) <= g; q++) {
      const a = table[src + q];
      const b = table[src + q + half];
      table[dst + q] = a < b ? a : b;
    }
  }
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[pos[v]] = v;
  return { n, u: dual, pos, order, gapZ, table, zIn };
}

/** 2 * Z(lca(i, j)) for one pair (i != j): a range-minimum query. O(1). */
export function pairBlossomTerm(p: Pricer, i: number, j: number): number {
  let a = p.pos[i];
  let b = p.pos[j];
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  const len = b - a; // gaps a .. b-1
  const k = 31 - Math.clz32(len);
  const x = p.table[k * p.n + a];
  const y = p.table[k * p.n + b - (1 << k)];
  return x < y ? x : y;
}

/**
 * Visits the rows of a pricing pass in depth-first order of the blossom forest, keeping
 * `e[j] = u_j + 2 Z(lca(i, j))` for the current row's vertex i and every j != i (Z = 0 when no
 * blossom holds both), so a pair's reduced cost is `u_i + e[j] - 2W`. Moving from position a to
 * a + 1 changes only the entries of the two subtrees that meet at the gap a (Z of the leaves
 * left of a within its side rises to the gap's value, those right of a + 1 within its side drop
 * from it), so a whole pass costs O(n + sum of the blossom depths of the vertices), against
 * O(n) per row for filling each row's table from scratch.
 */
export class RowWalker {
  /** `u_j + 2 Z(lca(i, j))` for the current row i (the entry of i itself is meaningless). */
  readonly e: Float64Array;
  /** 2 Z(lca(i, vertex at q)) by depth-first position q. */
  private readonly z: Float64Array;
  private at = -1;

  /**
   * @param e where to keep the row's terms (at least n long; a row filter's memory, say);
   *   a new array when omitted.
   */
  constructor(
    private readonly p: Pricer,
    e?: Float64Array,
  ) {
    this.e = e ?? new Float64Array(p.n);
    this.z = new Float64Array(p.n);
  }

  /** Moves to the next row and returns its vertex (rows 0..n-1 by depth-first position). */
  next(): number {
    const { n, gapZ, order, u } = this.p;
    const { z, e } = this;
    const a = this.at++;
    if (a < 0) {
      // Row of position 0: running minimum of the gaps to the right.
      let run = Infinity;
      for (let q = 1; q < n; q++) {
        const g = gapZ[q - 1];
        if (g < run) run = g;
        z[q] = run;
        e[order[q]] = u[order[q]] + run;
      }
      return order[0];
    }
    // From position a to a + 1 across the gap g = gapZ[a].
    const g = gapZ[a];
    for (let q = a - 1; q >= 0 && z[q] > g; q--) {
      z[q] = g;
      e[order[q]] = u[order[q]] + g;
    }
    z[a] = g;
    e[order[a]] = u[order[a]] + g;
    let run = Infinity;
    for (let q = a + 2; q < n; q++) {
      const h = gapZ[q - 1];
      if (h < run) run = h;
      if (!(run > g)) break;
      z[q] = run;
      e[order[q]] = u[order[q]] + run;
    }
    return order[a + 1];
  }
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
