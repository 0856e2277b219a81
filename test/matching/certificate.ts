/**
 * Test helper: checks the LP-duality certificate of a maximum-weight matching, independently of
 * how it was found (Edmonds' odd-set LP): every dual >= 0, every edge feasible
 * (`u_i + u_j - 2(w + shift) + 2 * sum(z_B : B holds i and j) >= 0`), matched pairs tight,
 * exposed vertices at u = 0, and every blossom of positive dual full (exactly one of its vertices
 * matched outside it or exposed). Together these prove the matching optimal for the edges given.
 */
import { expect } from "vitest";
import type { MatchingState } from "../../src/matching/solver/primal-dual";
import { makePricer, pairBlossomTerm } from "../../src/matching/solver/pricer";

/** Depth-first intervals of the blossom forest: vertex positions and each blossom's [lo, hi]. */
function intervals(state: MatchingState): { pos: Int32Array; lo: Int32Array; hi: Int32Array } {
  const { n, blossomParent, blossomBase } = state;
  const n2 = 2 * n;
  const kids: number[][] = Array.from({ length: n2 }, () => []);
  const roots: number[] = [];
  for (let x = 0; x < n2; x++) {
    if (x >= n && blossomBase[x] < 0) continue;
    if (blossomParent[x] === -1) roots.push(x);
    else kids[blossomParent[x]].push(x);
  }
  const pos = new Int32Array(n);
  const lo = new Int32Array(n2);
  const hi = new Int32Array(n2);
  let next = 0;
  for (const r of roots) {
    const stack: [number, boolean][] = [[r, false]];
    while (stack.length) {
      const [x, done] = stack.pop()!;
      if (x < n) {
        pos[x] = next++;
      } else if (!done) {
        lo[x] = next;
        stack.push([x, true]);
        for (const c of kids[x]) stack.push([c, false]);
      } else {
        hi[x] = next - 1;
      }
    }
  }
  return { pos, lo, hi };
}

/**
 * Asserts the certificate of `state` for the edges (eu[k], ev[k]) of solver weight w[k] (the
 * weights the solver was given, before `state.shift`), to tolerance `tol`. `blossomTerm(i, j)`
 * (2 * Z(lca)) defaults to the pricer's range-minimum query; small tests may pass a slow
 * independent one.
 */
export function expectCertificate(
  state: MatchingState,
  eu: ArrayLike<number>,
  ev: ArrayLike<number>,
  w: ArrayLike<number>,
  tol = 0,
  blossomTerm?: (i: number, j: number) => number,
): void {
  const { n, mate, dual, blossomBase } = state;
  const pr = makePricer(state);
  const term = blossomTerm ?? ((i: number, j: number) => (pr.zIn[i] > 0 && pr.zIn[j] > 0 ? pairBlossomTerm(pr, i, j) : 0));
  const problems: string[] = [];
  for (let v = 0; v < n; v++) {
    if (dual[v] < -tol) problems.push(`u_${v} = ${dual[v]} < 0`);
    if (mate[v] === -1 && Math.abs(dual[v]) > tol) problems.push(`exposed ${v} has dual ${dual[v]}`);
    if (mate[v] !== -1 && mate[mate[v]] !== v) problems.push(`mate of ${v} is not symmetric`);
  }
  for (let b = n; b < 2 * n; b++) if (blossomBase[b] >= 0 && dual[b] < -tol) problems.push(`z_${b} = ${dual[b]} < 0`);
  expect(problems.slice(0, 5)).toEqual([]);
  const tight = new Uint8Array(n);
  for (let k = 0; k < eu.length; k++) {
    const i = eu[k];
    const j = ev[k];
    if (i === j) continue;
    const rc = dual[i] + dual[j] - 2 * (w[k] + state.shift) + term(i, j);
    if (rc < -tol) expect.fail(`edge ${k} (${i}, ${j}) has reduced cost ${rc}`);
    if (mate[i] === j && Math.abs(rc) <= tol) tight[i] = tight[j] = 1;
  }
  for (let v = 0; v < n; v++) if (mate[v] !== -1 && !tight[v]) expect.fail(`matched pair (${v}, ${mate[v]}) is not a tight edge`);
  const { pos, lo, hi } = intervals(state);
  const leafAt = new Int32Array(n);
  for (let v = 0; v < n; v++) leafAt[pos[v]] = v;
  for (let b = n; b < 2 * n; b++) {
    if (blossomBase[b] < 0 || dual[b] <= tol) continue;
    let out = 0;
    for (let q = lo[b]; q <= hi[b]; q++) {
      const v = leafAt[q];
      const m = mate[v];
      if (m === -1 || pos[m] < lo[b] || pos[m] > hi[b]) out++;
    }
    if (out !== 1) expect.fail(`blossom ${b} of positive dual is not full (${out} vertices matched outside or exposed)`);
  }
}

/** 2 * Z(lca(i, j)) by walking the parent chains (slow, independent of the pricer). */
export function walkBlossomTerm(state: MatchingState): (i: number, j: number) => number {
  const { dual, blossomParent } = state;
  return (i, j) => {
    const anc = new Set<number>();
    for (let b = blossomParent[i]; b !== -1; b = blossomParent[b]) anc.add(b);
    let b = blossomParent[j];
    while (b !== -1 && !anc.has(b)) b = blossomParent[b];
    let s = 0;
    for (; b !== -1; b = blossomParent[b]) s += 2 * dual[b];
    return s;
  };
}
