import { afterEach, describe, expect, it } from "vitest";
import { maxWeightMatchingDense, maxWeightMatchingTriangle, TriangleScan } from "../../../src/matching/dense-matching";
import { listWidth } from "../../../src/matching/solver/column-generation";
import { solvePrimalDual } from "../../../src/matching/solver/primal-dual";
import { RowFilter, useRowFilters } from "../../../src/matching/solver/row-filter";
import { priceRowFiltered, relativeRowFiltered, scanRowFiltered } from "../../../src/matching/solver/filtered-rows";
import { heapify, offer, thresholds } from "../../../src/matching/solver/keep-best";
import { triangleRowBase } from "../../../src/matching/solver/triangle";
import { PackedTriangleSource } from "../../../src/matching/solver/packed-triangle";
import { solveByPricing } from "../../../src/matching/solver/column-generation";
import { mulberry32 } from "../../../src/demo/random";
import { expectCertificate } from "../certificate";

// Expected values: the primal-dual core run directly on every allowed pair (no candidates, no
// pricing; its optimality certificate checked pair by pair), and the same solve with the filters
// turned off (the plain JavaScript loops), which must agree with the filtered one to the bit.

const I32_MIN = -2147483648;

/** A random n*n Int32 matrix (upper triangle read): integer scores with many ties, some pairs forbidden (`F`). */
function matrix(n: number, seed: number, F: number, range: number): Int32Array {
  const rand = mulberry32(seed);
  const w = new Int32Array(n * n).fill(F);
  const group = Int32Array.from({ length: n }, () => Math.floor(rand() * 6));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (group[i] === group[j] && rand() < 0.7) continue;
      w[i * n + j] = Math.floor(Math.pow(rand(), 2) * range) - (range >> 3);
    }
  }
  return w;
}

/** Optimum by the core on all allowed pairs (no maxCardinality), certificate checked. */
function direct(n: number, w: Int32Array, F: number): number {
  const eu: number[] = [];
  const ev: number[] = [];
  const ww: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (w[i * n + j] === F) continue;
      eu.push(i);
      ev.push(j);
      ww.push(2 * w[i * n + j]);
    }
  }
  const state = solvePrimalDual(n, Int32Array.from(eu), Int32Array.from(ev), Float64Array.from(ww));
  expectCertificate(state, Int32Array.from(eu), Int32Array.from(ev), Float64Array.from(ww));
  let total = 0;
  for (let v = 0; v < n; v++) if (state.mate[v] > v) total += w[v * n + state.mate[v]];
  return total;
}

/** The upper triangle of an n*n matrix (solver/triangle.ts layout). */
function triangleOf(n: number, w: Int32Array): Int32Array {
  const tri = new Int32Array((n * (n - 1)) / 2);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) tri[triangleRowBase(n, i) + j] = w[i * n + j];
  return tri;
}

describe("the filtered row loops (WebAssembly SIMD)", () => {
  afterEach(() => useRowFilters(true));

  it("make the plain loops' offers: the same lists, to the bit, for each pass (Int32 weights and packed codes)", () => {
    const cases = [[1, -1, 10, 3, 0], [9, -1, 10, 4, 0], [300, I32_MIN, 50, 24, 0], [700, -1, 100000, 48, 0], [1100, I32_MIN, 2000, 8, 0], [400, 0xff, 60, 24, 1], [600, 0xffff, 30000, 48, 2]] as const;
    for (const [n, F, range, width, packed] of cases) {
      const rand = mulberry32(n);
      // packed: codes x (F the missing code), weight x + base; else weights as they are
      const base = packed ? -(range >> 3) : 0;
      const w0 = matrix(n, 3 * n, I32_MIN, range);
      const w = packed === 0 ? matrix(n, 3 * n, F, range) : packed === 1 ? new Uint8Array(n * n) : new Uint16Array(n * n);
      if (packed) for (let k = 0; k < n * n; k++) w[k] = w0[k] === I32_MIN ? F : w0[k] - base;
      const h = Float64Array.from({ length: n }, () => Math.floor(rand() * range) - range / 4);
      const u = Float64Array.from({ length: n }, () => Math.floor(rand() * 4 * range));
      // each list starts as a min-heap of floors (as the passes' lists do), so thresholds only rise
      const floor = Float64Array.from({ length: n * width }, (_, s) => (rand() < 0.3 ? -Infinity : Math.floor(rand() * range) - range / 2 + (s % 2 ? 0.5 : 0)));
      heapify(new Int32Array(n * width).fill(-1), floor, n, width);
      const lists = () => ({ ids: new Int32Array(n * width).fill(-1), keys: floor.slice() });
      // the plain loops, as in dense-matching.ts
      const plain = { scan: lists(), rel: lists(), price: lists() };
      const filtered = { scan: lists(), rel: lists(), price: lists() };
      const rf = RowFilter.make(n)!;
      {
        const { ids, keys } = plain.scan;
        const thr = thresholds(keys, n, width);
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            if (w[i * n + j] === F) continue;
            const x = w[i * n + j] + base;
            if (x > thr[i]) offer(ids, keys, thr, i, width, i * n + j, x);
            if (x > thr[j]) offer(ids, keys, thr, j, width, i * n + j, x);
          }
        }
        const f = filtered.scan;
        rf.thr.set(thresholds(f.keys, n, width));
        const acc = { minW: Infinity, maxW: -Infinity, allInt: true, checkInt: false };
        for (let i = 0; i < n; i++) scanRowFiltered(rf, w, i * n, i, n, F, base, width, f.ids, f.keys, rf.thr.subarray(0, n), acc);
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (w[i * n + j] !== F) [lo, hi] = [Math.min(lo, w[i * n + j] + base), Math.max(hi, w[i * n + j] + base)];
        expect([acc.minW, acc.maxW], `scan range, n=${n}`).toEqual([lo, hi]);
      }
      {
        const { ids, keys } = plain.rel;
        const thr = thresholds(keys, n, width);
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            if (w[i * n + j] === F) continue;
            const x = w[i * n + j] + base;
            if (x - h[j] > thr[i]) offer(ids, keys, thr, i, width, i * n + j, x - h[j]);
            if (x - h[i] > thr[j]) offer(ids, keys, thr, j, width, i * n + j, x - h[i]);
          }
        }
        const f = filtered.rel;
        rf.thr.set(thresholds(f.keys, n, width));
        rf.e.set(h);
        for (let i = 0; i < n; i++) relativeRowFiltered(rf, w, i * n, i, n, F, base, h, width, f.ids, f.keys, rf.thr.subarray(0, n));
      }
      {
        // rows in a shuffled order, as the pricing walker visits them; e[j] changes between rows
        const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101));
        const e = (i: number, j: number): number => u[j] + ((i ^ j) % 3 === 0 ? 2 : 0);
        const { ids, keys } = plain.price;
        const thr = thresholds(keys, n, width);
        for (const i of order) {
          const b = 4 * base + 2 * range - u[i];
          for (let j = i + 1; j < n; j++) {
            const x = w[i * n + j];
            const nrc = 4 * x + b - e(i, j);
            if (nrc > thr[i] && x !== F) offer(ids, keys, thr, i, width, i * n + j, nrc);
            if (nrc > thr[j] && x !== F) offer(ids, keys, thr, j, width, i * n + j, nrc);
          }
        }
        const f = filtered.price;
        rf.thr.set(thresholds(f.keys, n, width));
        for (const i of order) {
          for (let j = 0; j < n; j++) rf.e[j] = e(i, j);
          priceRowFiltered(rf, w, i * n, i, n, F, 4 * base + 2 * range - u[i], width, f.ids, f.keys, rf.thr.subarray(0, n));
        }
      }
      for (const pass of ["scan", "rel", "price"] as const) {
        expect(filtered[pass].ids, `${pass}, n=${n}, packed ${packed}`).toEqual(plain[pass].ids);
        expect(filtered[pass].keys, `${pass}, n=${n}, packed ${packed}`).toEqual(plain[pass].keys);
      }
    }
  });

  it("give the plain loops' solve to the bit, and the optimum of the full graph", () => {
    const cases: [number, number, number][] = [
      [0, -1, 10],
      [1, -1, 10],
      [2, -1, 10],
      [3, I32_MIN, 40],
      [7, -1, 40],
      [61, I32_MIN, 40],
      [130, -1, 1000],
      [203, I32_MIN, 100000],
    ];
    for (const [n, F, range] of cases) {
      for (const seed of [1, 2]) {
        const w = matrix(n, 1000 * n + seed, F, range);
        for (const options of [{ forbidden: F }, { forbidden: F, candidatesPerVertex: 2, relativeCandidatesPerVertex: 3 }, { forbidden: F, maxCardinality: true }]) {
          useRowFilters(true);
          const on = maxWeightMatchingDense(n, w, options);
          const onTri = maxWeightMatchingTriangle(n, triangleOf(n, w), options);
          useRowFilters(false);
          const off = maxWeightMatchingDense(n, w, options);
          const what = `n=${n}, seed ${seed}, ${JSON.stringify(options)}`;
          expect(on.mate, what).toEqual(off.mate);
          expect(on.total, what).toBe(off.total);
          expect(on.candidates, what).toEqual(off.candidates);
          expect(on.iterations, what).toBe(off.iterations);
          expect(onTri.mate, what).toEqual(off.mate);
          if (!options.maxCardinality) expect(on.total, what).toBe(direct(n, w, F));
        }
      }
    }
  });

  it("a matrix without a forbidden value (NaN) is read whole", () => {
    const n = 90;
    const w = matrix(n, 5, 3, 500); // "forbidden" entries are plain 3s here
    const on = maxWeightMatchingDense(n, w);
    useRowFilters(false);
    const off = maxWeightMatchingDense(n, w);
    expect(on.mate).toEqual(off.mate);
    expect(on.total).toBe(direct(n, w, NaN));
  });

  it("a TriangleScan of Int32 rows gives the plain scan's solve", () => {
    for (const n of [0, 1, 2, 77, 140]) {
      const tri = triangleOf(n, matrix(n, 70 + n, -7, 300));
      const options = { forbidden: -7, candidatesPerVertex: 4 };
      const solve = (): Int32Array => {
        const scan = new TriangleScan(n, listWidth(options), -7);
        for (let i = 0; i < n; i++) scan.row(tri, triangleRowBase(n, i), i);
        return maxWeightMatchingTriangle(n, tri, options, scan).mate;
      };
      const on = solve();
      useRowFilters(false);
      expect(on, `n=${n}`).toEqual(solve());
      useRowFilters(true);
    }
  });

  it("a packed triangle (one- and two-byte codes) gives the plain loops' solve and the optimum", () => {
    for (const [n, bytes, range] of [[2, 1, 100], [80, 1, 120], [150, 2, 30000], [211, 2, 900]] as const) {
      const F = -1;
      const w = matrix(n, 50 + n, F, range);
      const base = -(range >> 3);
      const M = bytes === 1 ? 0xff : 0xffff;
      const codes = bytes === 1 ? new Uint8Array((n * (n - 1)) / 2) : new Uint16Array((n * (n - 1)) / 2);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) codes[triangleRowBase(n, i) + j] = w[i * n + j] === F ? M : w[i * n + j] - base;
      for (const options of [{}, { maxCardinality: true }]) {
        useRowFilters(true);
        const on = solveByPricing(new PackedTriangleSource(n, codes, base), options);
        useRowFilters(false);
        const off = solveByPricing(new PackedTriangleSource(n, codes, base), options);
        useRowFilters(true);
        expect(on.mate, `n=${n}`).toEqual(off.mate);
        expect(on.total).toBe(off.total);
        expect(on.candidates).toEqual(off.candidates);
        if (!options.maxCardinality) expect(on.total, `n=${n}`).toBe(direct(n, w, F));
      }
    }
  });
});
