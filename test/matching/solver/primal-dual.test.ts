import { describe, expect, it } from "vitest";
import { solvePrimalDual, type MatchingState } from "../../../src/matching/solver/primal-dual";
import { makePricer } from "../../../src/matching/solver/pricer";
import { mulberry32 } from "../../../src/demo/random";
import { expectCertificate, walkBlossomTerm } from "../certificate";
import { describeNx, networkxOptima, sameTotal, type NxInstance } from "../nx-oracle";

type Edge = [number, number, number];

/** Random graph: each pair an edge with probability `density`, weights from `weight`. */
function randomGraph(rand: () => number, n: number, density: number, weight: () => number): Edge[] {
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < density) edges.push(rand() < 0.5 ? [i, j, weight()] : [j, i, weight()]);
  return edges;
}

/** Solves with doubled weights (the exact convention); returns the state and the total. */
function solve(n: number, edges: Edge[], init?: Parameters<typeof solvePrimalDual>[4]): { state: MatchingState; total: number; eu: Int32Array; ev: Int32Array; w2: Float64Array } {
  const eu = Int32Array.from(edges, (e) => e[0]);
  const ev = Int32Array.from(edges, (e) => e[1]);
  const w2 = Float64Array.from(edges, (e) => 2 * e[2]);
  const state = solvePrimalDual(n, eu, ev, w2, init);
  // Heaviest edge of each pair (parallel edges: the heaviest counts).
  const heaviest = new Map<number, number>();
  for (const [a, b, x] of edges) {
    const key = Math.min(a, b) * n + Math.max(a, b);
    heaviest.set(key, Math.max(heaviest.get(key) ?? -Infinity, x));
  }
  let total = 0;
  for (let v = 0; v < n; v++) {
    const u = state.mate[v];
    if (u > v) total += heaviest.get(v * n + u)!;
  }
  return { state, total, eu, ev, w2 };
}

describe("solvePrimalDual: certificate on random graphs (no oracle needed)", () => {
  it("leaves a full optimality certificate: feasible duals, tight matched pairs, exposed at 0, full blossoms", () => {
    const rand = mulberry32(41);
    for (let r = 0; r < 150; r++) {
      const n = 4 + Math.floor(rand() * 40);
      const kind = r % 3;
      const weight = kind === 0 ? () => Math.floor(rand() * 4) : kind === 1 ? () => Math.floor(rand() * 41) - 10 : () => 1 + Math.floor(rand() * 1000);
      const edges = randomGraph(rand, n, 0.1 + rand() * 0.8, weight);
      const { state, eu, ev, w2 } = solve(n, edges);
      expectCertificate(state, eu, ev, w2, 0, walkBlossomTerm(state));
    }
  });

  it("takes parallel edges (the heaviest counts) and an empty graph", () => {
    const { total, state } = solve(3, [[0, 1, 2], [1, 0, 7], [1, 2, 5]]);
    expect(total).toBe(7); // worked by hand: {0-1} at 7 beats {1-2} at 5
    expect(Array.from(state.mate)).toEqual([1, 0, -1]);
    expect(Array.from(solvePrimalDual(0, new Int32Array(0), new Int32Array(0), new Float64Array(0)).mate)).toEqual([]);
  });

  it("solves deep blossom nests iteratively: a 20,001-vertex strip of triangles (nesting about 10,000 deep)", () => {
    // Edges (k, k+1) and (k, k+2), all weight 1, odd n: the optimum has (n - 1) / 2 = 10,000
    // pairs (worked by hand: every pair weighs 1 and a perfect matching is impossible).
    const n = 20001;
    const edges: Edge[] = [];
    for (let k = 0; k + 1 < n; k++) edges.push([k, k + 1, 1]);
    for (let k = 0; k + 2 < n; k++) edges.push([k, k + 2, 1]);
    const { state, total, eu, ev, w2 } = solve(n, edges);
    expect(total).toBe(10_000);
    // Nesting depth, memoised per blossom (walking every chain would be quadratic).
    const memo = new Int32Array(2 * n).fill(-1);
    const depthOf = (x: number): number => {
      const chain: number[] = [];
      while (x !== -1 && memo[x] < 0) {
        chain.push(x);
        x = state.blossomParent[x];
      }
      let d = x === -1 ? -1 : memo[x];
      while (chain.length) memo[chain.pop()!] = ++d;
      return d;
    };
    let depth = 0;
    for (let v = 0; v < n; v++) depth = Math.max(depth, depthOf(v));
    expect(depth).toBeGreaterThan(1000); // the test is only worth something if nesting is deep
    expectCertificate(state, eu, ev, w2);
  });

  it("20,000 vertices with near ties (positive blossom duals nested dozens deep)", () => {
    const rand = mulberry32(6);
    const n = 20001;
    const edges: Edge[] = [];
    for (let k = 0; k < n; k++) for (let d = 1; d <= 3; d++) if (k + d < n) edges.push([k, k + d, 1000 + Math.floor(rand() * 3)]);
    const { state, eu, ev, w2 } = solve(n, edges);
    expectCertificate(state, eu, ev, w2);
  });
});

describe("solvePrimalDual: warm starts", () => {
  it("reaches the cold optimum from feasible duals and tight pairs", () => {
    const rand = mulberry32(43);
    for (let r = 0; r < 120; r++) {
      const n = 4 + Math.floor(rand() * 40);
      const edges = randomGraph(rand, n, 0.2 + rand() * 0.6, () => Math.floor(rand() * 30));
      const cold = solve(n, edges);
      // A warm start of the kind column generation builds: the optimum of a subgraph, its blossom
      // duals folded into vertex duals, pairs no longer tight split, new edges made feasible by
      // raising one end (its partner split off too).
      const half = edges.filter(() => rand() < 0.6);
      const sub = solve(n, half);
      const pr = makePricer(sub.state);
      const dual = new Float64Array(n);
      for (let v = 0; v < n; v++) dual[v] = sub.state.dual[v] + pr.zIn[v] / 2;
      const mate = Int32Array.from(sub.state.mate);
      for (let v = 0; v < n; v++) {
        const p = mate[v];
        if (p <= v) continue;
        const w = Math.max(...half.filter((e) => (e[0] === v && e[1] === p) || (e[0] === p && e[1] === v)).map((e) => 2 * e[2]));
        if (dual[v] + dual[p] !== 2 * w) mate[v] = mate[p] = -1;
      }
      for (const [a, b, x] of edges) {
        const d = 4 * x - dual[a] - dual[b];
        if (d <= 0) continue;
        dual[a] += d;
        if (mate[a] !== -1) {
          mate[mate[a]] = -1;
          mate[a] = -1;
        }
      }
      const warm = solve(n, edges, { mate, dual });
      expect(warm.total, `instance ${r}`).toBe(cold.total);
      expectCertificate(warm.state, warm.eu, warm.ev, warm.w2, 0, walkBlossomTerm(warm.state));
    }
  });

  it("rejects a warm start pairing two vertices that share no edge", () => {
    const eu = Int32Array.of(0);
    const ev = Int32Array.of(1);
    const w = Float64Array.of(2);
    expect(() => solvePrimalDual(3, eu, ev, w, { mate: Int32Array.of(2, -1, 0), dual: Float64Array.of(2, 2, 2) })).toThrow(RangeError);
  });
});

describeNx("solvePrimalDual: agrees with networkx", () => {
  it("integer ties, negative weights, large weights and floats (300 graphs)", () => {
    // Expected totals: networkx.max_weight_matching in a python3 subprocess.
    const rand = mulberry32(44);
    const insts: (NxInstance & { float: boolean })[] = [];
    for (let r = 0; r < 300; r++) {
      const n = 2 + Math.floor(rand() * 35);
      const kind = r % 5;
      const weight =
        kind === 0 ? () => Math.floor(rand() * 3) : kind === 1 ? () => Math.floor(rand() * 41) - 20 : kind === 2 ? () => Math.floor(rand() * 1e6) : kind === 3 ? () => rand() * 10 : () => 2800 + Math.floor(rand() * 40);
      insts.push({ n, edges: randomGraph(rand, n, 0.15 + rand() * 0.85, weight), maxCard: false, float: kind === 3 });
    }
    const want = networkxOptima(insts);
    insts.forEach((inst, r) => {
      const { total, state, eu, ev, w2 } = solve(inst.n, inst.edges);
      expect(sameTotal(total, want[r].total, inst.float), `instance ${r}: ${total} vs ${want[r].total}`).toBe(true);
      if (!inst.float) expectCertificate(state, eu, ev, w2);
    });
  });
});
