import { describe, expect, it } from "vitest";
import { EdgeListSource } from "../../../src/matching/solver/edge-list-source";
import { solvePrimalDual } from "../../../src/matching/solver/primal-dual";
import { makePricer, reducedCost } from "../../../src/matching/solver/pricer";
import { sortSlots } from "../../../src/matching/solver/keep-best";
import { mulberry32 } from "../../../src/demo/random";

describe("EdgeListSource", () => {
  it("groups pairs by their smaller end, merges parallel edges to the heaviest and drops self-loops", () => {
    const edges: [number, number, number][] = [[2, 0, 5], [0, 2, 9], [1, 1, 100], [3, 1, -2], [0, 1, 4], [1, 3, -7]];
    for (const src of [
      EdgeListSource.fromTuples(edges, 4),
      EdgeListSource.fromArrays(4, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]), Float64Array.from(edges, (e) => e[2])),
    ]) {
      expect(src.size).toBe(3);
      const pairs = Array.from({ length: src.size }, (_, id) => [src.pairI(id), src.pairJ(id), src.pairW(id)]);
      expect(pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual([[0, 1, 4], [0, 2, 9], [1, 3, -2]]);
      expect(Array.from(src.rows())).toEqual(Array.from({ length: src.size }, (_, id) => src.pairI(id)));
    }
  });

  it("scan reports the weight range, integrality, non-isolated vertices and each vertex's heaviest pairs", () => {
    const src = EdgeListSource.fromTuples([[0, 1, 3], [1, 2, 8], [0, 2, 1], [4, 4, 50]], 5);
    const K = 2;
    const topId = new Int32Array(5 * K).fill(-1);
    const topW = new Float64Array(5 * K).fill(-Infinity);
    const stats = src.scan(K, topId, topW);
    expect(stats).toEqual({ maxAbs: 8, minW: 1, maxW: 8, allInt: true, nonIsolated: 3 });
    sortSlots(topId, topW, 5, K);
    expect(Array.from(topW.subarray(0, 6))).toEqual([3, 1, 8, 3, 8, 1]);
  });

  it("price agrees with reducedCost on every pair (blossoms included), and lists starting at 0 keep exactly the violated pairs", () => {
    const rand = mulberry32(31);
    for (let r = 0; r < 20; r++) {
      const n = 10 + Math.floor(rand() * 40);
      const all: [number, number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.7) all.push([i, j, 100 + Math.floor(rand() * 5)]);
      const src = EdgeListSource.fromTuples(all, n);
      // Solve a subset so that some pairs are violated.
      const sub = all.filter(() => rand() < 0.3);
      const state = solvePrimalDual(n, Int32Array.from(sub, (e) => e[0]), Int32Array.from(sub, (e) => e[1]), Float64Array.from(sub, (e) => 2 * e[2]));
      const pr = makePricer(state);
      const c = 3;
      const ids = new Int32Array(n * c).fill(-1);
      const keys = new Float64Array(n * c).fill(-Infinity);
      src.price(pr, 0, c, ids, keys);
      sortSlots(ids, keys, n, c);
      // Expected: each vertex's c smallest reduced costs over all its pairs.
      const rcs: number[][] = Array.from({ length: n }, () => []);
      let violated = 0;
      for (let id = 0; id < src.size; id++) {
        const rc = reducedCost(state, src.pairI(id), src.pairJ(id), 2 * src.pairW(id));
        rcs[src.pairI(id)].push(0 - rc);
        rcs[src.pairJ(id)].push(0 - rc);
        if (rc < 0) violated++;
      }
      for (let v = 0; v < n; v++) {
        const want = rcs[v].sort((a, b) => b - a).slice(0, c);
        expect(Array.from(keys.subarray(v * c, v * c + want.length))).toEqual(want);
      }
      // Lists starting at tol = 0 receive exactly the violated pairs (n slots: room for all).
      const vIds = new Int32Array(n * n).fill(-1);
      src.price(pr, 0, n, vIds, new Float64Array(n * n).fill(0));
      const out = new Set(Array.from(vIds).filter((id) => id >= 0));
      expect(out.size).toBe(violated);
      for (const id of out) expect(reducedCost(state, src.pairI(id), src.pairJ(id), 2 * src.pairW(id))).toBeLessThan(0);
    }
  });
});
