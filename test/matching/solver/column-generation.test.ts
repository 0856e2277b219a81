import { describe, expect, it } from "vitest";
import { cardinalityShift, decreasingOrder, pricingOptions, relativeFloor, solveByPricing } from "../../../src/matching/solver/column-generation";
import { sortSlots } from "../../../src/matching/solver/keep-best";
import { EdgeListSource } from "../../../src/matching/solver/edge-list-source";
import { mulberry32 } from "../../../src/demo/random";
import { describeNx, networkxOptima, sameTotal, type NxInstance } from "../nx-oracle";

type Edge = [number, number, number];

/** Every matching of a small graph (n <= 9), by exhaustive search: [total, cardinality] pairs. */
function allMatchings(n: number, edges: Edge[]): [number, number][] {
  const out: [number, number][] = [];
  const used = new Array(n).fill(false);
  const rec = (k: number, total: number, card: number): void => {
    if (k === edges.length) {
      out.push([total, card]);
      return;
    }
    rec(k + 1, total, card);
    const [a, b, w] = edges[k];
    if (a !== b && !used[a] && !used[b]) {
      used[a] = used[b] = true;
      rec(k + 1, total + w, card + 1);
      used[a] = used[b] = false;
    }
  };
  rec(0, 0, 0);
  return out;
}

describe("relativeFloor", () => {
  it("starts each vertex's relative list strictly below the R-th largest relative key over all its pairs (parallel edges, ties, short lists)", () => {
    const rand = mulberry32(17);
    for (let t = 0; t < 60; t++) {
      const n = 2 + Math.floor(rand() * 40);
      const edges: Edge[] = [];
      const m = Math.floor(rand() * n * 6);
      for (let k = 0; k < m; k++) {
        const a = Math.floor(rand() * n);
        let b = Math.floor(rand() * n);
        if (b === a) b = (a + 1) % n;
        // integer ties most of the time, fine-graded doubles sometimes
        edges.push([a, b, t % 3 === 0 ? rand() * 100 - 20 : Math.floor(rand() * 8)]);
      }
      const src = EdgeListSource.fromArrays(n, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]), Float64Array.from(edges, (e) => e[2]));
      const L = 1 + Math.floor(rand() * 8);
      const R = 1 + Math.floor(rand() * L);
      const topId = new Int32Array(n * L).fill(-1);
      const topW = new Float64Array(n * L).fill(-Infinity);
      src.scan(L, topId, topW);
      sortSlots(topId, topW, n, L);
      const h = Float64Array.from({ length: n }, () => Math.floor(rand() * 6));
      const floor = relativeFloor(src, topId, topW, L, h, R);
      // by brute force: every pair's relative key at each end
      const keys: number[][] = Array.from({ length: n }, () => []);
      for (const [a, b, w] of edges) {
        keys[a].push(w - h[b]);
        keys[b].push(w - h[a]);
      }
      for (let v = 0; v < n; v++) {
        const listed = topId.subarray(v * L, v * L + L).filter((id) => id >= 0).length;
        const slot = Array.from(floor.subarray(v * R, v * R + R));
        expect(new Set(slot).size).toBe(1);
        if (listed < R) {
          expect(slot[0]).toBe(-Infinity);
          continue;
        }
        const rth = keys[v].sort((x, y) => y - x)[R - 1];
        expect(slot[0], `vertex ${v} of ${n}`).toBeLessThan(rth);
      }
    }
  });
});

describe("decreasingOrder", () => {
  it("orders indices by decreasing value, equal values by increasing index, as the engine's stable comparator sort does", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const m of [0, 1, 2, 3, 17, 64, 1000, 4097]) {
      // few distinct values (many ties), negatives, fractions and infinities
      const values = Float64Array.from({ length: m }, (_, k) => (k % 97 === 5 ? -Infinity : k % 89 === 3 ? Infinity : Math.floor(rnd() * 9) - 4 + (rnd() < 0.2 ? 0.5 : 0)));
      const expected = Int32Array.from({ length: m }, (_, k) => k).sort((a, b) => (values[b] === values[a] ? 0 : values[b] > values[a] ? 1 : -1));
      expect(Array.from(decreasingOrder(values))).toEqual(Array.from(expected));
    }
  });
});

describe("cardinalityShift", () => {
  it("makes the heaviest matching of w + c a maximum-cardinality one of maximum weight (exhaustive search)", () => {
    const rand = mulberry32(23);
    for (let r = 0; r < 200; r++) {
      const n = 2 + Math.floor(rand() * 8);
      const edges: Edge[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.5) edges.push([i, j, r % 2 ? Math.floor(rand() * 61) - 30 : rand() * 20 - 15]);
      if (edges.length === 0) continue;
      const touched = new Set(edges.flatMap((e) => [e[0], e[1]]));
      const ws = edges.map((e) => e[2]);
      const c = cardinalityShift({ maxAbs: 0, minW: Math.min(...ws), maxW: Math.max(...ws), allInt: r % 2 === 1, nonIsolated: touched.size });
      const all = allMatchings(n, edges);
      const maxCard = Math.max(...all.map((m) => m[1]));
      const want = Math.max(...all.filter((m) => m[1] === maxCard).map((m) => m[0]));
      // The heaviest matching under w + c (total w + card * c), and its true weight and size.
      const best = all.reduce((a, b) => (b[0] + b[1] * c > a[0] + a[1] * c ? b : a));
      expect(best[1], `instance ${r}`).toBe(maxCard);
      expect(Math.abs(best[0] - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      if (r % 2 === 1) expect(Number.isInteger(c)).toBe(true);
    }
  });

  it("is 0 without pairs", () => {
    expect(cardinalityShift({ maxAbs: 0, minW: Infinity, maxW: -Infinity, allInt: true, nonIsolated: 0 })).toBe(0);
  });
});

describe("pricingOptions", () => {
  it("fills defaults and rejects out-of-range options", () => {
    expect(pricingOptions({})).toEqual({ maxCardinality: false, candidatesPerVertex: 10, relativeCandidatesPerVertex: 8, violatorsPerVertex: 4 });
    expect(() => pricingOptions({ candidatesPerVertex: 0 })).toThrow(RangeError);
    expect(() => pricingOptions({ relativeCandidatesPerVertex: -1 })).toThrow(RangeError);
    expect(() => pricingOptions({ violatorsPerVertex: 1.5 })).toThrow(RangeError);
  });
});

describeNx("solveByPricing: agrees with networkx when few candidates force many rounds", () => {
  it("integer ties, floats, negatives, maxCardinality (60 dense graphs)", () => {
    // Expected totals: networkx.max_weight_matching in a python3 subprocess.
    const rand = mulberry32(29);
    const insts: (NxInstance & { float: boolean; K: number; R: number })[] = [];
    for (let r = 0; r < 60; r++) {
      const n = 20 + Math.floor(rand() * 50);
      const kind = r % 4;
      const edges: Edge[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          if (rand() < 0.8) edges.push([i, j, kind === 0 ? Math.floor(rand() * 4) : kind === 1 ? rand() * 10 : kind === 2 ? Math.floor(rand() * 41) - 30 : 2800 + Math.floor(rand() * 10000)]);
        }
      }
      insts.push({ n, edges, maxCard: r % 3 === 0, float: kind === 1, K: 1 + (r % 3), R: r % 2 });
    }
    const want = networkxOptima(insts);
    insts.forEach((inst, r) => {
      const src = EdgeListSource.fromArrays(inst.n, Int32Array.from(inst.edges, (e) => e[0]), Int32Array.from(inst.edges, (e) => e[1]), Float64Array.from(inst.edges, (e) => e[2]));
      const res = solveByPricing(src, { maxCardinality: inst.maxCard, candidatesPerVertex: inst.K, relativeCandidatesPerVertex: inst.R, violatorsPerVertex: 1 });
      let card = 0;
      for (let v = 0; v < inst.n; v++) if (res.mate[v] > v) card++;
      expect(sameTotal(res.total, want[r].total, inst.float), `instance ${r}: ${res.total} vs ${want[r].total}`).toBe(true);
      if (inst.maxCard) expect(card, `instance ${r}`).toBe(want[r].card);
      // The result reports the graph it certified from: every matched pair is a candidate.
      const cand = new Set<number>();
      for (let k = 0; k < res.candidates.eu.length; k++) cand.add(Math.min(res.candidates.eu[k], res.candidates.ev[k]) * inst.n + Math.max(res.candidates.eu[k], res.candidates.ev[k]));
      for (let v = 0; v < inst.n; v++) if (res.mate[v] > v) expect(cand.has(v * inst.n + res.mate[v])).toBe(true);
      expect(res.phases.passes).toBeGreaterThanOrEqual(2);
      expect(res.phases.solves).toBe(res.iterations);
    });
  });
});
