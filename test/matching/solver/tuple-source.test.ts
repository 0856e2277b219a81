import { describe, expect, it } from "vitest";
import { scanTuples, TupleSource, validateTuples } from "../../../src/matching/solver/tuple-source";
import { solvePrimalDual } from "../../../src/matching/solver/primal-dual";
import { makePricer, reducedCost } from "../../../src/matching/solver/pricer";
import { sortSlots } from "../../../src/matching/solver/keep-best";
import { mulberry32 } from "../../../src/demo/random";
import { solveByPricing } from "../../../src/matching/solver/column-generation";
import { describeNx, networkxOptima } from "../nx-oracle";

describe("validateTuples", () => {
  it("counts vertices and non-loop edges", () => {
    expect(validateTuples([])).toEqual({ n: 0, m: 0, int32: true });
    expect(validateTuples([[0, 4, 1], [2, 2, 3]])).toEqual({ n: 5, m: 1, int32: true });
    expect(validateTuples([[0, 4, 1], [2, 2, 0.5]]).int32).toBe(true); // a self-loop's weight does not count
    expect(validateTuples([[0, 4, 1.5]]).int32).toBe(false);
    expect(validateTuples([[0, 4, -(2 ** 31)]]).int32).toBe(false); // the missing-pair mark
    expect(validateTuples([[0, 4, 2 ** 31]]).int32).toBe(false);
    // scanTuples (validation and first scan in one pass) tells the same.
    for (const list of [[], [[0, 4, 1], [2, 2, 0.5]], [[0, 4, 1.5]], [[0, 4, -(2 ** 31)]], [[1, 3, 7], [0, 4, 2 ** 31]]] as [number, number, number][][]) {
      const { n, m, int32 } = scanTuples(list, 2);
      expect({ n, m, int32 }).toEqual(validateTuples(list));
    }
  });
  it("rejects bad ids and weights, naming the edge", () => {
    expect(() => validateTuples([[0, 1, 1], [0, -1, 1]])).toThrow(/edge 1: vertex ids/);
    expect(() => validateTuples([[0, 1.5, 1]])).toThrow(RangeError);
    expect(() => validateTuples([[0, 2 ** 31, 1]])).toThrow(RangeError);
    expect(() => validateTuples([[0, 1, Number.NaN]])).toThrow(/weight must be a finite number/);
    expect(() => validateTuples([[0, 1, Infinity]])).toThrow(RangeError);
    expect(() => validateTuples([[0, 1, "3" as unknown as number]])).toThrow(RangeError);
  });
});

describe("TupleSource", () => {
  it("reads pairs in place (id = position, smaller end first)", () => {
    const src = new TupleSource(3, [[2, 0, 5], [1, 1, 9], [1, 2, 4]]);
    expect([src.pairI(0), src.pairJ(0), src.pairW(0)]).toEqual([0, 2, 5]);
    expect(src.idLimit).toBe(3);
  });

  it("price agrees with reducedCost on every pair (blossoms included), and lists starting at 0 keep exactly the violated pairs", () => {
    const rand = mulberry32(37);
    for (let r = 0; r < 20; r++) {
      const n = 10 + Math.floor(rand() * 40);
      const all: [number, number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.7) all.push(rand() < 0.5 ? [i, j, 100 + Math.floor(rand() * 5)] : [j, i, 100 + Math.floor(rand() * 5)]);
      const src = new TupleSource(n, all);
      const sub = all.filter(() => rand() < 0.3);
      const state = solvePrimalDual(n, Int32Array.from(sub, (e) => e[0]), Int32Array.from(sub, (e) => e[1]), Float64Array.from(sub, (e) => 2 * e[2]));
      const pr = makePricer(state);
      const c = 3;
      const ids = new Int32Array(n * c).fill(-1);
      const keys = new Float64Array(n * c).fill(-Infinity);
      src.price(pr, 0, c, ids, keys);
      sortSlots(ids, keys, n, c);
      const rcs: number[][] = Array.from({ length: n }, () => []);
      let violated = 0;
      all.forEach(([a, b, w]) => {
        const rc = reducedCost(state, a, b, 2 * w);
        rcs[a].push(0 - rc);
        rcs[b].push(0 - rc);
        if (rc < 0) violated++;
      });
      for (let v = 0; v < n; v++) {
        const want = rcs[v].sort((x, y) => y - x).slice(0, c);
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

describeNx("TupleSource with solveByPricing", () => {
  it("reports each matched pair's weight once when edges repeat", () => {
    // Expected total: networkx.max_weight_matching (heaviest parallel edge), python3 subprocess.
    const n = 60;
    const edges: [number, number, number][] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const w = (i * 7 + j * 13) % 50;
        edges.push([i, j, w], [j, i, w - 1], [i, j, w]);
      }
    }
    const res = solveByPricing(new TupleSource(n, edges), { candidatesPerVertex: 2 });
    expect(res.total).toBe(networkxOptima([{ n, edges, maxCard: false }])[0].total);
  });
});
