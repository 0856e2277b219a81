import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, describeShared } from "../helpers/shared";
import { DENSE_MATRIX_MAX_ENTRIES_PER_EDGE, DIRECT_MAX_AVERAGE_DEGREE, matchEdgeArrays, maxWeightMatching, reducedCost, solveMatching } from "../../src/matching/blossom";
import { solvePrimalDual } from "../../src/matching/solver/primal-dual";
import { mulberry32 } from "../../src/demo/random";
import { expectCertificate } from "./certificate";
import { describeNx, networkxOptima, sameTotal } from "./nx-oracle";

type Edge = [number, number, number];

/** Seeded PRNG in [0, 1) (mulberry32). */
const prng = mulberry32;

/** Checks `mate` is a symmetric matching using only edges of the list; returns total and size. */
function evaluate(edges: Edge[], mate: number[]): { total: number; card: number } {
  const best = new Map<string, number>();
  for (const [u, v, w] of edges) {
    if (u === v) continue;
    const key = u < v ? `${u},${v}` : `${v},${u}`;
    best.set(key, Math.max(best.get(key) ?? -Infinity, w));
  }
  let total = 0;
  let card = 0;
  for (let v = 0; v < mate.length; v++) {
    const u = mate[v];
    if (u === -1) continue;
    expect(mate[u]).toBe(v);
    if (v < u) {
      const w = best.get(`${v},${u}`);
      expect(w, `pair ${v}-${u} is not an edge`).toBeDefined();
      total += w!;
      card++;
    }
  }
  return { total, card };
}

/** Exhaustive optimum (total, and size) over all matchings; for n <= 10. */
function bruteForce(n: number, edges: Edge[], maxCard: boolean): { total: number; card: number } {
  const w: number[][] = Array.from({ length: n }, () => new Array(n).fill(-Infinity));
  for (const [u, v, x] of edges) {
    if (u === v) continue;
    w[u][v] = Math.max(w[u][v], x);
    w[v][u] = w[u][v];
  }
  let best = { total: 0, card: 0 };
  const used = new Array(n).fill(false);
  const rec = (i: number, total: number, card: number): void => {
    while (i < n && used[i]) i++;
    if (i >= n) {
      const better = maxCard
        ? card > best.card || (card === best.card && total > best.total)
        : total > best.total;
      if (better) best = { total, card };
      return;
    }
    used[i] = true;
    rec(i + 1, total, card);
    for (let j = i + 1; j < n; j++) {
      if (!used[j] && w[i][j] !== -Infinity) {
        used[j] = true;
        rec(i + 1, total + w[i][j], card + 1);
        used[j] = false;
      }
    }
    used[i] = false;
  };
  rec(0, 0, 0);
  return best;
}

interface Instance {
  n: number;
  edges: Edge[];
  maxCard: boolean;
  float: boolean;
}

/** Random graph: n vertices, each pair an edge with probability `density`, weights from `weight`. */
function randomInstance(rand: () => number, n: number, density: number, weight: () => number, maxCard: boolean, float = false): Instance {
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (rand() < density) edges.push(rand() < 0.5 ? [i, j, weight()] : [j, i, weight()]);
    }
  }
  return { n, edges, maxCard, float };
}

function generateInstances(): Instance[] {
  const rand = prng(20261123);
  const int = (lo: number, hi: number) => () => lo + Math.floor(rand() * (hi - lo + 1));
  const out: Instance[] = [];
  for (let r = 0; r < 80; r++) {
    const mc = r % 2 === 1;
    out.push(randomInstance(rand, 4 + Math.floor(rand() * 12), 0.9, int(1, 100), mc)); // small dense
    out.push(randomInstance(rand, 10 + Math.floor(rand() * 40), 0.12, int(1, 1000), mc)); // sparse
    out.push(randomInstance(rand, 6 + Math.floor(rand() * 30), 0.5, int(0, 3), mc)); // many ties
    out.push(randomInstance(rand, 6 + Math.floor(rand() * 20), 0.4, int(-20, 20), mc)); // negative weights
  }
  for (let r = 0; r < 10; r++) {
    out.push(randomInstance(rand, 60 + Math.floor(rand() * 60), 0.3, int(0, 40), r % 2 === 1)); // ILN-like ties
  }
  for (let r = 0; r < 40; r++) {
    out.push(randomInstance(rand, 5 + Math.floor(rand() * 30), 0.4, () => rand() * 10 - 2, r % 2 === 1, true)); // floats
  }
  return out;
}

describe("maxWeightMatching: named cases", () => {
  it("returns [] for no edges and ignores self-loops", () => {
    expect(maxWeightMatching([])).toEqual([]);
    expect(maxWeightMatching([[0, 0, 5]])).toEqual([-1]);
  });
  it("prefers the heavier middle edge of a path (worked by hand: 11 > 5 + 5 is false, 10 < 11)", () => {
    // path 0-1-2-3 weights 5, 11, 5: {0-1, 2-3} totals 10, {1-2} totals 11.
    expect(maxWeightMatching([[0, 1, 5], [1, 2, 11], [2, 3, 5]])).toEqual([-1, 2, 1, -1]);
    // maxCardinality forces both outer edges.
    expect(maxWeightMatching([[0, 1, 5], [1, 2, 11], [2, 3, 5]], { maxCardinality: true })).toEqual([1, 0, 3, 2]);
  });
  it("maxCardinality on the path a-b-c-d with a heavy b-c edge returns a-b and c-d", () => {
    // Worked by hand: the only 2-pair matching is {a-b, c-d} (total 2); without the flag {b-c} (100) wins.
    const edges: Edge[] = [[0, 1, 1], [1, 2, 100], [2, 3, 1]];
    expect(maxWeightMatching(edges, { maxCardinality: true })).toEqual([1, 0, 3, 2]);
    expect(maxWeightMatching(edges)).toEqual([-1, 2, 1, -1]);
  });
  it("solveMatching with maxCardinality reports the shift its duals certify", () => {
    const eu = Int32Array.of(0, 1, 2);
    const ev = Int32Array.of(1, 2, 3);
    const w = Float64Array.of(2, 200, 2);
    const state = solveMatching(4, eu, ev, w, true);
    expect(Array.from(state.mate)).toEqual([1, 0, 3, 2]);
    expect(state.shift).toBeGreaterThan(0);
    for (let k = 0; k < 3; k++) expect(reducedCost(state, eu[k], ev[k], w[k])).toBeGreaterThanOrEqual(0);
    expect(reducedCost(state, 0, 1, w[0])).toBe(0); // matched pairs are tight
  });
  it("rejects bad vertex ids and weights", () => {
    expect(() => maxWeightMatching([[0, -1, 1]])).toThrow(RangeError);
    expect(() => maxWeightMatching([[0, 1.5, 1]])).toThrow(RangeError);
    expect(() => maxWeightMatching([[0, 1, Number.NaN]])).toThrow(RangeError);
  });
  it("refuses at once a vertex id beyond the supported number of vertices (it would need gigabytes), and takes a large allowed one", () => {
    // Before the limit, one edge naming vertex 2^30 ran out of memory (the process was killed at 24 GB).
    expect(() => maxWeightMatching([[0, 2 ** 30, 1]])).toThrow("edge 0: vertex ids must be integers from 0 to 16777215 (number the vertices 0..n-1), got [0, 1073741824]");
    expect(() => maxWeightMatching([[0, 1, 5], [3, 2 ** 31 - 2, 1]])).toThrow(/^edge 1: vertex ids must be integers from 0 to 16777215/);
    const mate = maxWeightMatching([[0, 2_999_999, 1], [5, 7, 2]]);
    expect([mate.length, mate[0], mate[2_999_999], mate[5], mate[7]]).toEqual([3_000_000, 2_999_999, 0, 7, 5]);
  });
  it("handles a long chain of triangles without stack overflow (iterative augment/expand)", () => {
    // 20,001 vertices: triangles (3t, 3t+1, 3t+2) of weight-10 edges, linked 3t+2 - 3t+3 by
    // weight 9. Worked by hand: at most one weight-10 pair per triangle (6,667) and at most
    // 10,000 pairs in all, so the optimum is 6,667 * 10 + 3,333 * 9 = 96,667, reached by one
    // triangle pair each plus links pairing consecutive triangles' leftovers.
    const edges: Edge[] = [];
    const T = 6667;
    for (let t = 0; t < T; t++) {
      const a = 3 * t;
      edges.push([a, a + 1, 10], [a + 1, a + 2, 10], [a, a + 2, 10]);
      if (t + 1 < T) edges.push([a + 2, a + 3, 9]);
    }
    const mate = maxWeightMatching(edges);
    const { total, card } = evaluate(edges, mate);
    expect(card).toBe(10_000);
    expect(total).toBe(96_667);
  });
});

describeShared("maxWeightMatching: shared reference cases (nx_cases.json)", () => {
  it("agrees with the 73 reference cases (weights; cardinality with maxcardinality; pairs when the optimum is unique)", () => {
    // Read lazily, inside the test: the fixture folder may be absent (describeShared skips then).
    const data = JSON.parse(readFileSync(fixture("matching", "nx_cases.json"), "utf8")) as {
      cases: { id: string; n: number; edges: Edge[]; maxcardinality: boolean; expected: [number, number][]; expected_weight: number; expected_cardinality: number; unique_optimum: boolean }[];
    };
    expect(data.cases.length).toBe(73);
    for (const c of data.cases) {
      const mate = maxWeightMatching(c.edges, { maxCardinality: c.maxcardinality });
      const { total, card } = evaluate(c.edges, mate);
      expect(sameTotal(total, c.expected_weight, true), c.id).toBe(true);
      if (c.maxcardinality) expect(card, c.id).toBe(c.expected_cardinality);
      if (c.unique_optimum) {
        const pairs: [number, number][] = [];
        mate.forEach((u, v) => {
          if (u > v) pairs.push([v, u]);
        });
        const sorted = [...c.expected].map(([a, b]) => (a < b ? [a, b] : [b, a])).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(pairs, c.id).toEqual(sorted);
      }
    }
  });
});

describe("maxWeightMatching: brute force on tiny graphs (no python needed)", () => {
  it("equals exhaustive enumeration on 400 random graphs with n <= 10", () => {
    const rand = prng(7);
    for (let r = 0; r < 400; r++) {
      const n = 2 + Math.floor(rand() * 9);
      const mc = r % 2 === 0;
      const kind = r % 4;
      const weight = kind === 0 ? () => Math.floor(rand() * 5) : kind === 1 ? () => Math.floor(rand() * 41) - 10 : () => 1 + Math.floor(rand() * 1000);
      const inst = randomInstance(rand, n, 0.2 + rand() * 0.8, weight, mc);
      const got = evaluate(inst.edges, maxWeightMatching(inst.edges, { maxCardinality: mc }));
      const want = bruteForce(n, inst.edges, mc);
      expect(got.total, `instance ${r}`).toBe(want.total);
      if (mc) expect(got.card, `instance ${r}`).toBe(want.card);
    }
  });
  it("leaves every edge dually feasible (certificate used by the dense solver)", () => {
    const rand = prng(11);
    for (let r = 0; r < 100; r++) {
      const inst = randomInstance(rand, 5 + Math.floor(rand() * 40), 0.3, () => Math.floor(rand() * 41), false);
      const m = inst.edges.length;
      const eu = new Int32Array(m);
      const ev = new Int32Array(m);
      const ew = new Float64Array(m);
      inst.edges.forEach(([u, v, w], k) => {
        eu[k] = u;
        ev[k] = v;
        ew[k] = w;
      });
      const state = solveMatching(inst.n, eu, ev, ew);
      for (let k = 0; k < m; k++) expect(reducedCost(state, eu[k], ev[k], ew[k])).toBeGreaterThanOrEqual(0);
      for (let v = 0; v < inst.n; v++) {
        expect(state.dual[v]).toBeGreaterThanOrEqual(0);
        if (state.mate[v] === -1) expect(state.dual[v]).toBe(0);
      }
    }
  });
});

describeNx("maxWeightMatching: agrees with networkx on random graphs", () => {
  it(`sparse graphs, solved directly (dense, sparse, ties, negative, float; maxCardinality both ways)`, () => {
    const instances = generateInstances();
    // Expected totals: networkx.max_weight_matching, run once in a python3 subprocess.
    const expected = networkxOptima(instances);
    expect(expected.length).toBe(instances.length);
    instances.forEach((inst, r) => {
      const got = evaluate(inst.edges, maxWeightMatching(inst.edges, { maxCardinality: inst.maxCard }));
      expect(sameTotal(got.total, expected[r].total, inst.float), `instance ${r}: ${got.total} vs ${expected[r].total}`).toBe(true);
      if (inst.maxCard) expect(got.card, `instance ${r}`).toBe(expected[r].card);
    });
  });

  /**
   * Random edge lists on the pricing path, against networkx's totals: `count` instances of
   * nBase..nBase+39 vertices at edge density `density`, parallel edges (lighter ones and exact
   * duplicates) added where `parallel(r)`; `matrix` says whether they go through a weight matrix
   * or are priced on the tuples.
   */
  const againstNetworkx = (seed: number, count: number, nBase: number, density: number, parallel: (r: number) => boolean, matrix: boolean) => {
    const rand = prng(seed);
    const instances: Instance[] = [];
    for (let r = 0; r < count; r++) {
      const n = nBase + Math.floor(rand() * 40);
      const kind = r % 4;
      const weight = kind === 0 ? () => Math.floor(rand() * 4) : kind === 1 ? () => rand() * 10 : kind === 2 ? () => Math.floor(rand() * 41) - 25 : () => 2800 + Math.floor(rand() * 10200);
      const inst = randomInstance(rand, n, density, weight, r % 3 === 0, kind === 1);
      // Parallel edges: lighter ones, and exact duplicates (a matched pair must count once).
      if (parallel(r)) inst.edges.push(...inst.edges.slice(0, 20).map(([a, b, w]): Edge => [b, a, w - 1]), ...inst.edges.slice(0, 400));
      expect(inst.edges.length).toBeGreaterThan(DIRECT_MAX_AVERAGE_DEGREE * n); // the pricing path
      if (matrix) expect(n * n).toBeLessThanOrEqual(DENSE_MATRIX_MAX_ENTRIES_PER_EDGE * inst.edges.length); // through a matrix
      else expect(n * n).toBeGreaterThan(DENSE_MATRIX_MAX_ENTRIES_PER_EDGE * inst.edges.length); // on the tuples
      instances.push(inst);
    }
    // Expected totals: networkx.max_weight_matching (heaviest parallel edge), python3 subprocess.
    const expected = networkxOptima(instances);
    instances.forEach((inst, r) => {
      const got = evaluate(inst.edges, maxWeightMatching(inst.edges, { maxCardinality: inst.maxCard, candidatesPerVertex: 1 + (r % 3) }));
      expect(sameTotal(got.total, expected[r].total, inst.float), `instance ${r}: ${got.total} vs ${expected[r].total}`).toBe(true);
      if (inst.maxCard) expect(got.card, `instance ${r}`).toBe(expected[r].card);
    });
  };

  it("dense edge lists, solved by candidates and pricing: ties, fine-graded doubles, negatives, maxCardinality, parallel edges", () => {
    againstNetworkx(20261124, 24, 40, 0.9, (r) => r % 5 === 0, true);
  });

  it("dense edge lists in any order, some with one non-integer weight (the one-pass copy grows its triangle or turns it to floats midway)", () => {
    const rand = prng(20261201);
    const instances: Instance[] = [];
    for (let r = 0; r < 16; r++) {
      const n = 40 + Math.floor(rand() * 40);
      const inst = randomInstance(rand, n, 0.9, () => Math.floor(rand() * 30), r % 3 === 0, r % 2 === 1);
      if (inst.float) inst.edges[Math.floor(rand() * inst.edges.length)][2] += 0.5;
      const e = inst.edges;
      for (let k = e.length - 1; k > 0; k--) {
        const q = Math.floor(rand() * (k + 1));
        [e[k], e[q]] = [e[q], e[k]];
      }
      expect(n * n).toBeLessThanOrEqual(DENSE_MATRIX_MAX_ENTRIES_PER_EDGE * e.length); // through a matrix
      instances.push(inst);
    }
    // Expected totals: networkx.max_weight_matching, python3 subprocess.
    const expected = networkxOptima(instances);
    instances.forEach((inst, r) => {
      const got = evaluate(inst.edges, maxWeightMatching(inst.edges, { maxCardinality: inst.maxCard }));
      expect(sameTotal(got.total, expected[r].total, inst.float), `instance ${r}: ${got.total} vs ${expected[r].total}`).toBe(true);
      if (inst.maxCard) expect(got.card, `instance ${r}`).toBe(expected[r].card);
    });
  });

  it("edge lists too sparse for a matrix, priced in place: ties, fine-graded doubles, negatives, maxCardinality, parallel edges", () => {
    againstNetworkx(20261130, 8, 200, 0.2, (r) => r % 4 === 1, false);
  });
});

describe("maxWeightMatching: 20,000 vertices by candidates and pricing", () => {
  it("equals the direct solve of all edges, whose certificate holds", () => {
    const rand = prng(99);
    const n = 20_000;
    const m = (DIRECT_MAX_AVERAGE_DEGREE + 1) * n;
    const eu = new Int32Array(m);
    const ev = new Int32Array(m);
    const ew = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      eu[k] = Math.floor(rand() * n);
      ev[k] = (eu[k] + 1 + Math.floor(rand() * (n - 1))) % n;
      ew[k] = Math.floor(rand() * 100);
    }
    const mate = matchEdgeArrays(n, eu, ev, ew);
    const w2 = ew.map((x) => 2 * x);
    const direct = solvePrimalDual(n, eu, ev, w2);
    expectCertificate(direct, eu, ev, w2);
    const total = (mt: ArrayLike<number>) => {
      const best = new Map<number, number>();
      for (let k = 0; k < m; k++) {
        const key = Math.min(eu[k], ev[k]) * n + Math.max(eu[k], ev[k]);
        best.set(key, Math.max(best.get(key) ?? -Infinity, ew[k]));
      }
      let t = 0;
      for (let v = 0; v < n; v++) if (mt[v] > v) t += best.get(v * n + mt[v])!;
      return t;
    };
    expect(total(mate)).toBe(total(direct.mate));
  });
});
