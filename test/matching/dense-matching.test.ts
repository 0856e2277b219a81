import { describe, expect, it } from "vitest";
import { maxWeightMatchingDense, maxWeightMatchingTriangle, TriangleScan, triangleRowStart } from "../../src/matching/dense-matching";
import { listWidth } from "../../src/matching/solver/column-generation";
import { triangleRowBase } from "../../src/matching/solver/triangle";
import { solvePrimalDual } from "../../src/matching/solver/primal-dual";
import { mulberry32 } from "../../src/demo/random";
import { expectCertificate } from "./certificate";
import { describeNx, networkxOptima, sameTotal, type NxInstance } from "./nx-oracle";

// Expected values: networkx.max_weight_matching (python3 subprocess) where the instance is small
// enough for it; otherwise the primal-dual core run directly on the full edge list (no candidates,
// no pricing), whose optimality certificate the test checks pair by pair.

/** Seeded PRNG in [0, 1) (mulberry32). */
const prng = mulberry32;

/**
 * ILN-shaped pool as an n*n Float64Array with NaN for forbidden pairs: C = n/10 countries with
 * skewed sizes (same country forbidden), a few earlier partners forbidden, integer scores 0..40
 * from sector, career gap and shared interests (many ties), or floats when `float`.
 */
function ilnMatrix(n: number, seed: number, float = false, extraForbidden = 0.02): Float64Array {
  const rand = prng(seed);
  const C = Math.max(2, Math.round(n / 10));
  const country = Array.from({ length: n }, () => Math.floor(Math.pow(rand(), 1.5) * C));
  const sector = Array.from({ length: n }, () => Math.floor(rand() * 6));
  const years = Array.from({ length: n }, () => Math.floor(rand() * 30));
  const interests = Array.from({ length: n }, () => (1 << Math.floor(rand() * 10)) | (1 << Math.floor(rand() * 10)));
  const w = new Float64Array(n * n).fill(NaN);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (country[i] === country[j] || rand() < extraForbidden) continue;
      let shared = interests[i] & interests[j];
      let k = 0;
      while (shared) {
        shared &= shared - 1;
        k++;
      }
      const s = (sector[i] === sector[j] ? 10 : 0) + Math.max(0, 15 - Math.abs(years[i] - years[j])) + 7 * k;
      const x = float ? Math.min(40, s) * (0.5 + rand()) : Math.min(40, s);
      w[i * n + j] = x;
      w[j * n + i] = x;
    }
  }
  return w;
}

/** The full edge list of a matrix (NaN: no pair). */
function edgesOf(n: number, w: Float64Array): [number, number, number][] {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (!Number.isNaN(w[i * n + j])) edges.push([i, j, w[i * n + j]]);
  return edges;
}

/**
 * Optimum by the core on all pairs, certificate checked (integer weights; maxCardinality by the
 * same weight shift the dense solver uses would not be independent, so it is not offered here).
 */
function direct(n: number, w: Float64Array): { total: number; card: number } {
  const edges = edgesOf(n, w);
  const eu = Int32Array.from(edges, (e) => e[0]);
  const ev = Int32Array.from(edges, (e) => e[1]);
  const w2 = Float64Array.from(edges, (e) => 2 * e[2]);
  const state = solvePrimalDual(n, eu, ev, w2);
  expectCertificate(state, eu, ev, w2);
  let total = 0;
  let card = 0;
  for (let v = 0; v < n; v++) {
    if (state.mate[v] > v) {
      total += w[v * n + state.mate[v]];
      card++;
    }
  }
  return { total, card };
}

/** Checks the dense result is a matching of allowed pairs whose reported total is its weight. */
function check(n: number, w: Float64Array, mate: ArrayLike<number>, total: number): number {
  let t = 0;
  let card = 0;
  for (let v = 0; v < n; v++) {
    const u = mate[v];
    if (u === -1) continue;
    expect(mate[u]).toBe(v);
    expect(Number.isNaN(w[v * n + u]), `pair ${v}-${u} is forbidden`).toBe(false);
    if (u > v) {
      t += w[v * n + u];
      card++;
    }
  }
  expect(total).toBeCloseTo(t, 9);
  return card;
}

describe("maxWeightMatchingDense", () => {
  it("solves tiny cases worked by hand", () => {
    // Path 0-1-2-3 as a matrix (weights 5, 11, 5; other pairs forbidden): best is {1-2}, 11.
    const F = -1;
    const w4 = new Int32Array([F, 5, F, F, 5, F, 11, F, F, 11, F, 5, F, F, 5, F]);
    const r = maxWeightMatchingDense(4, w4, { forbidden: F });
    expect(Array.from(r.mate)).toEqual([-1, 2, 1, -1]);
    expect(r.total).toBe(11);
    // maxCardinality: {0-1, 2-3}, 10.
    const rc = maxWeightMatchingDense(4, w4, { forbidden: F, maxCardinality: true });
    expect(Array.from(rc.mate)).toEqual([1, 0, 3, 2]);
    expect(rc.total).toBe(10);
    // The path a-b-c-d with a heavy b-c edge: maxCardinality returns a-b and c-d (worked by hand).
    const heavy = (i: number, j: number) => (j === i + 1 ? (i === 1 ? 100 : 1) : null);
    expect(Array.from(maxWeightMatchingDense(4, heavy, { maxCardinality: true }).mate)).toEqual([1, 0, 3, 2]);
    expect(Array.from(maxWeightMatchingDense(4, heavy).mate)).toEqual([-1, 2, 1, -1]);
    expect(maxWeightMatchingDense(0, () => 1).total).toBe(0);
    expect(Array.from(maxWeightMatchingDense(1, () => 1).mate)).toEqual([-1]);
  });

  it("maxCardinality finds an augmenting path through a pair no candidate list holds", () => {
    // x=0, x'=1, y=2, y'=3, p=4, q=5. Edges: x-x' 0, y-y' 0, x-y -10, x'-p -10, y'-q -10.
    // With one candidate per person the pair x-y is missing and the candidate graph's maximum
    // matching has 2 pairs; the full graph has the perfect matching {p-x', x-y, y'-q}, total -30.
    const E: Record<string, number> = { "0,1": 0, "2,3": 0, "0,2": -10, "1,4": -10, "3,5": -10 };
    const r = maxWeightMatchingDense(6, (i, j) => E[`${i},${j}`] ?? null, { maxCardinality: true, candidatesPerVertex: 1, relativeCandidatesPerVertex: 0 });
    expect(Array.from(r.mate)).toEqual([2, 4, 0, 5, 1, 3]);
    expect(r.total).toBe(-30);
    // Without maxCardinality the optimum is {x-x', y-y'}, total 0.
    expect(maxWeightMatchingDense(6, (i, j) => E[`${i},${j}`] ?? null, { candidatesPerVertex: 1 }).total).toBe(0);
  });

  it("takes a callback, null meaning forbidden", () => {
    // 6 people, 3 countries of two; weight = i + j across countries. Checked by the plain solver.
    const country = [0, 0, 1, 1, 2, 2];
    const cb = (i: number, j: number) => (country[i] === country[j] ? null : i + j);
    const r = maxWeightMatchingDense(6, cb);
    const w = new Float64Array(36).fill(NaN);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (i !== j && country[i] !== country[j]) w[i * 6 + j] = i + j;
    expect(r.total).toBe(direct(6, w).total);
    check(6, w, r.mate, r.total);
  });

  it("rejects bad arguments", () => {
    expect(() => maxWeightMatchingDense(-1, () => 1)).toThrow(RangeError);
    expect(() => maxWeightMatchingDense(3, new Float64Array(8))).toThrow(RangeError);
    expect(() => maxWeightMatchingDense(2, () => Infinity)).toThrow(RangeError);
    expect(() => maxWeightMatchingDense(2, () => 1, { candidatesPerVertex: 0 })).toThrow(RangeError);
    expect(() => maxWeightMatchingDense(2, () => 1, { relativeCandidatesPerVertex: -1 })).toThrow(RangeError);
  });

  it("equals the direct solve of all pairs: ILN-shaped integer pools up to n=300", () => {
    for (let r = 0; r < 14; r++) {
      const n = 40 + ((r * 97) % 261);
      const w = ilnMatrix(n, 100 + r);
      // K = 1 without relative candidates forces several pricing rounds (warm starts); the
      // others take the default relative candidates or one of each kind.
      const K = r % 2 === 0 ? 1 : 10;
      const R = r % 4 === 0 ? 0 : r % 4 === 2 ? 1 : 8;
      const res = maxWeightMatchingDense(n, w, { candidatesPerVertex: K, relativeCandidatesPerVertex: R });
      check(n, w, res.mate, res.total);
      expect(res.total, `pool ${r} (n=${n}, K=${K}, R=${R})`).toBe(direct(n, w).total);
    }
  });

  it("equals the direct solve when a later full pass still finds violated pairs (popular people, one candidate each)", () => {
    // Weights 1000 p_i p_j + noise: everyone's best partners are the same few popular people, so
    // the first full pass leaves violations that only a later one finds (passes >= 4 without
    // relative candidates: the scan and three full passes), which then feed the pool.
    let later = 0;
    for (let r = 0; r < 6; r++) {
      const rand = prng(2600 + r);
      const n = 150 + 25 * r;
      const p = Float64Array.from({ length: n }, () => rand());
      const group = Int32Array.from({ length: n }, () => Math.floor(rand() * 5));
      const w = new Float64Array(n * n).fill(NaN);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          if (r % 2 === 0 && group[i] === group[j]) continue;
          const x = Math.floor(1000 * p[i] * p[j] + 300 * rand());
          w[i * n + j] = x;
          w[j * n + i] = x;
        }
      }
      const res = maxWeightMatchingDense(n, w, { candidatesPerVertex: 1 + (r % 3), relativeCandidatesPerVertex: 0, violatorsPerVertex: 1 });
      check(n, w, res.mate, res.total);
      expect(res.total, `pool ${r} (n=${n})`).toBe(direct(n, w).total);
      if (res.phases.passes >= 4) later++;
    }
    expect(later).toBeGreaterThan(0);
  });

  it("equals the direct solve with many forbidden pairs (sparse allowed graph, isolated people)", () => {
    for (let r = 0; r < 10; r++) {
      const n = 30 + ((r * 53) % 150);
      const w = ilnMatrix(n, 500 + r, false, 0.85);
      const res = maxWeightMatchingDense(n, w, { candidatesPerVertex: 1 + (r % 3) });
      check(n, w, res.mate, res.total);
      expect(res.total, `pool ${r}`).toBe(direct(n, w).total);
    }
  });

  it("Int32Array with a sentinel and a callback give the same optimum", () => {
    const n = 120;
    const w = ilnMatrix(n, 77);
    const wi = new Int32Array(n * n);
    for (let k = 0; k < w.length; k++) wi[k] = Number.isNaN(w[k]) ? -1 : w[k];
    const a = maxWeightMatchingDense(n, wi, { forbidden: -1 });
    const b = maxWeightMatchingDense(n, (i, j) => (Number.isNaN(w[i * n + j]) ? null : w[i * n + j]));
    expect(a.total).toBe(b.total);
    expect(a.total).toBe(direct(n, w).total);
  });

  it("the upper triangle alone (Float64Array with NaN, Int32Array with a sentinel) gives the same optimum", () => {
    for (const n of [0, 1, 2, 57, 150]) {
      const w = ilnMatrix(n, 91 + n, n === 150);
      const tri = new Float64Array((n * (n - 1)) / 2);
      const triInt = new Int32Array(tri.length);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          tri[triangleRowStart(n, i) + j - i - 1] = w[i * n + j];
          triInt[triangleRowStart(n, i) + j - i - 1] = Number.isNaN(w[i * n + j]) ? -7 : Math.round(w[i * n + j]);
        }
      }
      const res = maxWeightMatchingTriangle(n, tri);
      check(n, w, res.mate, res.total);
      const want = direct(n, w).total;
      expect(Math.abs(res.total - want), `n=${n}: ${res.total} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      const wi = Float64Array.from(w, (x) => (Number.isNaN(x) ? NaN : Math.round(x)));
      expect(maxWeightMatchingTriangle(n, triInt, { forbidden: -7 }).total, `n=${n}, Int32Array`).toBe(direct(n, wi).total);
    }
    expect(() => maxWeightMatchingTriangle(4, new Float64Array(5))).toThrow(RangeError);
  });

  it("a scan made row by row beforehand (TriangleScan) gives the very solve the solver's own scan gives, used once and only for its own kind of solve", () => {
    const triangleOf = (n: number, w: Float64Array, int: boolean) => {
      const tri = int ? new Int32Array((n * (n - 1)) / 2) : new Float64Array((n * (n - 1)) / 2);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) tri[triangleRowBase(n, i) + j] = int ? (Number.isNaN(w[i * n + j]) ? -7 : Math.round(w[i * n + j])) : w[i * n + j];
      return tri;
    };
    for (const [n, int, float] of [[0, true, false], [1, true, false], [2, true, false], [90, true, false], [160, true, false], [120, false, true], [75, false, false]] as const) {
      const w = ilnMatrix(n, 300 + n, float, 0.05);
      const tri = triangleOf(n, w, int);
      const forbidden = int ? -7 : undefined;
      for (const options of [{ forbidden, maxCardinality: true }, { forbidden, candidatesPerVertex: 30, relativeCandidatesPerVertex: 0 }]) {
        const scan = new TriangleScan(n, listWidth(options), forbidden ?? NaN);
        for (let i = 0; i < n; i++) scan.row(tri, triangleRowBase(n, i), i);
        const own = maxWeightMatchingTriangle(n, tri, options);
        const given = maxWeightMatchingTriangle(n, tri, options, scan);
        expect(given.mate, `n=${n}`).toEqual(own.mate);
        expect(given.total).toBe(own.total);
        expect(given.candidates).toEqual(own.candidates);
        expect(given.phases.passes).toBe(own.phases.passes);
        // taken once: a second solve scans for itself, with the same result
        expect(scan.take(n, listWidth(options), forbidden)).toBeUndefined();
        expect(maxWeightMatchingTriangle(n, tri, options, scan).mate).toEqual(own.mate);
      }
    }
    // made for another width, another forbidden value or not finished: not used
    const n = 40;
    const tri = triangleOf(n, ilnMatrix(n, 5), true);
    const full = () => {
      const s = new TriangleScan(n, 24, -7);
      for (let i = 0; i < n; i++) s.row(tri, triangleRowBase(n, i), i);
      return s;
    };
    expect(full().take(n, 25, -7)).toBeUndefined();
    expect(full().take(n, 24, -1)).toBeUndefined();
    expect(full().take(n + 1, 24, -7)).toBeUndefined();
    expect(full().take(n, 24, -7)?.stats.nonIsolated).toBeGreaterThan(0);
    const half = new TriangleScan(n, 24, -7);
    for (let i = 0; i < 10; i++) half.row(tri, triangleRowBase(n, i), i);
    expect(half.take(n, 24, -7)).toBeUndefined();
    expect(() => half.row(tri, triangleRowBase(n, 11), 11)).toThrow(/expected row 10/);
    // a non-finite weight is reported as the solver's own scan reports it
    const inf = new Float64Array(3).fill(1);
    inf[1] = Infinity;
    const s = new TriangleScan(3, 24, NaN);
    for (let i = 0; i < 3; i++) s.row(inf, triangleRowBase(3, i), i);
    expect(() => maxWeightMatchingTriangle(3, inf, {}, s)).toThrow(RangeError);
  });

  it("reports where the time went and the candidate graph it certified from", () => {
    const n = 200;
    const w = ilnMatrix(n, 7);
    const res = maxWeightMatchingDense(n, w, { candidatesPerVertex: 2, relativeCandidatesPerVertex: 0 });
    expect(res.phases.passes).toBeGreaterThanOrEqual(2); // the first scan and at least the certifying pass
    expect(res.phases.solves).toBe(res.iterations);
    expect(res.candidates.eu.length).toBe(res.candidateEdges);
    for (const ms of [res.phases.passMs, res.phases.solveMs, res.phases.partialMs, res.phases.otherMs]) expect(ms).toBeGreaterThanOrEqual(0);
  });
});

describeNx("maxWeightMatchingDense: agrees with networkx", () => {
  it("integer pools, fine-graded floats and maxCardinality with negative weights, few candidates (pricing rounds)", () => {
    // Expected totals and cardinalities: networkx.max_weight_matching in a python3 subprocess.
    const insts: (NxInstance & { w: Float64Array; float: boolean })[] = [];
    for (let r = 0; r < 30; r++) {
      const n = 20 + ((r * 41) % 100);
      const kind = r % 3;
      const w = ilnMatrix(n, 1300 + r, kind === 1, r % 2 === 0 ? 0.9 : 0.3);
      if (kind === 2) for (let k = 0; k < w.length; k++) w[k] -= 25; // many negative pairs
      insts.push({ n, edges: edgesOf(n, w), maxCard: kind === 2 || r % 5 === 0, w, float: kind === 1 });
    }
    const want = networkxOptima(insts);
    insts.forEach((inst, r) => {
      const res = maxWeightMatchingDense(inst.n, inst.w, { maxCardinality: inst.maxCard, candidatesPerVertex: 1 + (r % 2), relativeCandidatesPerVertex: r % 3 });
      const card = check(inst.n, inst.w, res.mate, res.total);
      expect(sameTotal(res.total, want[r].total, inst.float), `pool ${r}: ${res.total} vs ${want[r].total}`).toBe(true);
      if (inst.maxCard) expect(card, `pool ${r}`).toBe(want[r].card);
    });
  });
});
