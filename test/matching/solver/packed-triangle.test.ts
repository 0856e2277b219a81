import { describe, expect, it } from "vitest";
import { missingCode, PackedTriangleSource } from "../../../src/matching/solver/packed-triangle";
import { EdgeListSource } from "../../../src/matching/solver/edge-list-source";
import { solvePrimalDual } from "../../../src/matching/solver/primal-dual";
import { makePricer, reducedCost } from "../../../src/matching/solver/pricer";
import { sortSlots } from "../../../src/matching/solver/keep-best";
import { mulberry32 } from "../../../src/demo/random";
import { solveByPricing } from "../../../src/matching/solver/column-generation";
import { readTuples } from "../../../src/matching/solver/read-tuples";
import { describeNx, networkxOptima, type NxInstance } from "../nx-oracle";

type Edge = [number, number, number];

/** The codes of `edges` (i < j, no parallel pairs) as a packed triangle of n vertices: weight - base, missing pairs marked. */
function pack(edges: Edge[], n: number, base: number, wide: boolean): Uint8Array | Uint16Array {
  const codes = wide ? new Uint16Array((n * (n - 1)) / 2) : new Uint8Array((n * (n - 1)) / 2);
  codes.fill(missingCode(codes));
  for (const [i, j, w] of edges) codes[i * n - (i * (i + 1)) / 2 + j - i - 1] = w - base;
  return codes;
}

describe("PackedTriangleSource", () => {
  it("reads pairs as code + base (pair id i n + j) and scans like a plain edge list (worked by hand)", () => {
    // n = 4, base 100: pairs (0,1) 104, (0,2) 109, (1,3) 354 (code 254); the rest missing (255).
    const src = new PackedTriangleSource(4, Uint8Array.of(4, 9, 255, 255, -2 & 0xff, 255), 100);
    expect([src.pairI(1 * 4 + 3), src.pairJ(1 * 4 + 3), src.pairW(1 * 4 + 3)]).toEqual([1, 3, 354]);
    expect(src.pairW(0 * 4 + 2)).toBe(109);
    expect(src.pairW(2 * 4 + 3)).toBeNaN();
    const K = 2;
    const topId = new Int32Array(4 * K).fill(-1);
    const topW = new Float64Array(4 * K).fill(-Infinity);
    expect(src.scan(K, topId, topW)).toEqual({ maxAbs: 354, minW: 104, maxW: 354, allInt: true, nonIsolated: 4 });
    sortSlots(topId, topW, 4, K);
    expect(Array.from(topW)).toEqual([109, 104, 354, 104, 109, -Infinity, 354, -Infinity]);
    expect(() => new PackedTriangleSource(4, new Uint8Array(5), 0)).toThrow(RangeError);
  });

  it("scan, relative, bestFree and price agree with an EdgeListSource of the same pairs; price agrees with reducedCost", () => {
    const rand = mulberry32(41);
    for (let r = 0; r < 20; r++) {
      const n = 10 + Math.floor(rand() * 40);
      const wide = r % 2 === 1;
      const base = wide ? 2800 : -20;
      const edges: Edge[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.7) edges.push([i, j, base + Math.floor(rand() * (wide ? 10200 : 40))]);
      const packed = new PackedTriangleSource(n, pack(edges, n, base, wide), base);
      const plain = EdgeListSource.fromTuples(edges, n);
      const key = (src: PackedTriangleSource | EdgeListSource, id: number) => `${src.pairI(id)}-${src.pairJ(id)}:${src.pairW(id)}`;
      // Lists of the K heaviest, the R relatively best: same values per vertex (ties may differ in pairs).
      const K = 3;
      const lists = (src: PackedTriangleSource | EdgeListSource) => {
        const topId = new Int32Array(n * K).fill(-1);
        const topW = new Float64Array(n * K).fill(-Infinity);
        const stats = src.scan(K, topId, topW);
        sortSlots(topId, topW, n, K);
        const h = Float64Array.from({ length: n }, (_, v) => (topW[v * K + K - 1] === -Infinity ? 0 : topW[v * K + K - 1]));
        const relId = new Int32Array(n * K).fill(-1);
        const relKey = new Float64Array(n * K).fill(-Infinity);
        src.relative(h, K, relId, relKey);
        sortSlots(relId, relKey, n, K);
        const mate = new Int32Array(n).fill(-1);
        for (let v = 0; v + 1 < n; v += 3) [mate[v], mate[v + 1]] = [v + 1, v];
        const best = new Int32Array(n).fill(-1);
        src.bestFree(mate, 0, best);
        return { stats, topW: Array.from(topW), relKey: Array.from(relKey), best: Array.from(best, (id) => (id < 0 ? -1 : src.pairW(id))) };
      };
      expect(lists(packed)).toEqual(lists(plain));
      // Pricing against the duals of a solve of a subset.
      const sub = edges.filter(() => rand() < 0.3);
      const state = solvePrimalDual(n, Int32Array.from(sub, (e) => e[0]), Int32Array.from(sub, (e) => e[1]), Float64Array.from(sub, (e) => 2 * e[2]));
      const pr = makePricer(state);
      const c = 3;
      const ids = new Int32Array(n * c).fill(-1);
      const keys = new Float64Array(n * c).fill(-Infinity);
      packed.price(pr, 0, c, ids, keys);
      sortSlots(ids, keys, n, c);
      const rcs: number[][] = Array.from({ length: n }, () => []);
      let violated = 0;
      for (const [i, j, w] of edges) {
        const rc = reducedCost(state, i, j, 2 * w);
        rcs[i].push(0 - rc);
        rcs[j].push(0 - rc);
        if (rc < 0) violated++;
      }
      for (let v = 0; v < n; v++) {
        const want = rcs[v].sort((a, b) => b - a).slice(0, c);
        expect(Array.from(keys.subarray(v * c, v * c + want.length))).toEqual(want);
      }
      const vIds = new Int32Array(n * n).fill(-1);
      packed.price(pr, 0, n, vIds, new Float64Array(n * n).fill(0));
      const out = new Set(Array.from(vIds).filter((id) => id >= 0));
      expect(out.size).toBe(violated);
      for (const id of out) expect(reducedCost(state, packed.pairI(id), packed.pairJ(id), 2 * packed.pairW(id))).toBeLessThan(0);
      expect(new Set(Array.from(out, (id) => key(packed, id))).size).toBe(out.size);
    }
  });
});

describeNx("PackedTriangleSource with solveByPricing, from readTuples", () => {
  it("reaches networkx's totals on dense integer lists packed into one or two bytes (ties, negatives, maxCardinality, parallel edges)", () => {
    const rand = mulberry32(43);
    const instances: NxInstance[] = [];
    const got: number[] = [];
    const cards: number[] = [];
    for (let r = 0; r < 16; r++) {
      const n = 40 + Math.floor(rand() * 40);
      const weight = r % 4 === 0 ? () => Math.floor(rand() * 4) : r % 4 === 1 ? () => Math.floor(rand() * 41) - 25 : r % 4 === 2 ? () => 2800 + Math.floor(rand() * 10200) : () => Math.floor(rand() * 41);
      const edges: Edge[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.9) edges.push(rand() < 0.5 ? [i, j, weight()] : [j, i, weight()]);
      if (r % 5 === 0) edges.push(...edges.slice(0, 20).map(([a, b, w]): Edge => [b, a, w - 1]), ...edges.slice(0, 100));
      const maxCard = r % 3 === 0;
      // A plan too small for an Int32Array triangle: the list is packed.
      const read = readTuples(edges, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: n * n }, 24);
      expect(read.packed, `instance ${r}`).not.toBeNull();
      const res = solveByPricing(new PackedTriangleSource(read.n, read.packed!.codes, read.packed!.base), { maxCardinality: maxCard, candidatesPerVertex: 1 + (r % 3) });
      got.push(res.total);
      cards.push(Array.from(res.mate).filter((v, i) => v > i).length);
      instances.push({ n, edges, maxCard });
    }
    // Expected totals: networkx.max_weight_matching (heaviest parallel edge), python3 subprocess.
    const expected = networkxOptima(instances);
    instances.forEach((inst, r) => {
      expect(got[r], `instance ${r}`).toBe(expected[r].total);
      if (inst.maxCard) expect(cards[r], `instance ${r}`).toBe(expected[r].card);
    });
  });
});
