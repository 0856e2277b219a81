import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { RowFilter, useRowFilters } from "../../../src/matching/solver/row-filter";
import { rowFilterModule } from "../../../scripts/build-row-filter.mjs";
import { mulberry32 } from "../../../src/demo/random";

// Expected values: the same tests written out in plain JavaScript over the same arrays.

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

/** A filter for n columns with a random row, column terms and thresholds (some -Infinity, some sentinels). */
function setUp(n: number, seed: number): { rf: RowFilter; rand: () => number } {
  const rand = mulberry32(seed);
  const rf = RowFilter.make(n)!;
  expect(rf).not.toBeNull();
  for (let j = 0; j < n; j++) {
    const r = rand();
    rf.x[j] = r < 0.1 ? I32_MIN : r < 0.12 ? I32_MAX : Math.floor(rand() * 2001) - 1000;
    rf.e[j] = Math.floor(rand() * 400) - 200 + (rand() < 0.2 ? 0.25 : 0);
    rf.thr[j] = rand() < 0.1 ? -Infinity : Math.floor(rand() * 5000) - 2500;
  }
  return { rf, rand };
}

const found = (rf: RowFilter, m: number): number[] => Array.from(rf.out.subarray(0, m));

describe("RowFilter", () => {
  afterEach(() => useRowFilters(true));

  it("row-filter-wasm.ts is the compilation of row-filter.wat (scripts/build-row-filter.mjs)", async () => {
    const wat = readFileSync(new URL("../../../src/matching/solver/row-filter.wat", import.meta.url), "utf8");
    const ts = readFileSync(new URL("../../../src/matching/solver/row-filter-wasm.ts", import.meta.url), "utf8");
    expect(await rowFilterModule(wat)).toBe(ts);
  });

  it("the module stays under the 4 KB a page's main thread may compile synchronously", async () => {
    const { ROW_FILTER_WASM } = await import("../../../src/matching/solver/row-filter-wasm");
    expect(Buffer.from(ROW_FILTER_WASM, "base64").length).toBeLessThan(4096);
  });

  it("filter returns exactly the columns whose key beats min(thr[j], ti), in order", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 1 + (seed * 37) % 150;
      const { rf, rand } = setUp(n, seed);
      for (let t = 0; t < 6; t++) {
        const j0 = Math.floor(rand() * (n + 1));
        const j1 = j0 + Math.floor(rand() * (n - j0 + 1));
        const useE = rand() < 0.5;
        const m = [1, 4, 0.5][t % 3];
        const b = t < 2 ? 0 : Math.floor(rand() * 2000) - 1000 + (t === 5 ? 0.5 : 0);
        const ti = t === 3 ? -Infinity : Math.floor(rand() * 4000) - 2000;
        const want: number[] = [];
        for (let j = j0; j < j1; j++) {
          const v = rf.x[j] * m + b - (useE ? rf.e[j] : 0);
          if (v > rf.thr[j] || v > ti) want.push(j);
        }
        expect(found(rf, rf.filter(useE, j0, j1, m, b, ti)), `seed ${seed}, [${j0}, ${j1})`).toEqual(want);
      }
    }
  });

  it("filterRelative returns exactly the columns with x + base - e[j] > ti or x + base - hi > thr[j]", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 1 + (seed * 53) % 130;
      const { rf, rand } = setUp(n, 100 + seed);
      for (let t = 0; t < 4; t++) {
        const j0 = Math.floor(rand() * (n + 1));
        const j1 = j0 + Math.floor(rand() * (n - j0 + 1));
        const hi = Math.floor(rand() * 400) - 200 + (t === 1 ? 0.5 : 0);
        const ti = t === 2 ? -Infinity : Math.floor(rand() * 2000) - 1000;
        const base = t === 3 ? Math.floor(rand() * 600) - 300 : 0;
        const want: number[] = [];
        for (let j = j0; j < j1; j++) if (rf.x[j] + base - rf.e[j] > ti || rf.x[j] + base - hi > rf.thr[j]) want.push(j);
        expect(found(rf, rf.filterRelative(j0, j1, base, hi, ti)), `seed ${seed}, [${j0}, ${j1})`).toEqual(want);
      }
    }
  });

  it("range gives the smallest and largest entry from j0 on, leaving out the sentinel", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = (seed * 29) % 90;
      const { rf, rand } = setUp(n, 200 + seed);
      const j0 = Math.floor(rand() * (n + 1));
      for (const f of [I32_MIN, I32_MAX, 0, NaN]) {
        let lo = I32_MAX;
        let hi = I32_MIN;
        for (let j = j0; j < n; j++) {
          if (rf.x[j] === f) continue;
          lo = Math.min(lo, rf.x[j]);
          hi = Math.max(hi, rf.x[j]);
        }
        expect(rf.range(j0, f), `seed ${seed}, f ${f}`).toEqual([lo, hi]);
      }
    }
  });

  it("load copies a row from column j0 on, widening packed codes", () => {
    const rf = RowFilter.make(5)!;
    rf.load(Int32Array.of(9, 9, 9, 1, 2, -3, 4, 5, 9), 3, 2);
    expect(Array.from(rf.x.subarray(2, 5))).toEqual([-3, 4, 5]);
    rf.load(Uint16Array.of(9, 9, 65535, 40000, 7), 0, 2);
    expect(Array.from(rf.x.subarray(2, 5))).toEqual([65535, 40000, 7]);
    rf.load(Uint8Array.of(1, 1, 1, 255, 254), 0, 3);
    expect(Array.from(rf.x.subarray(3, 5))).toEqual([255, 254]);
  });

  it("is off when turned off, and rejects a bad size", () => {
    useRowFilters(false);
    expect(RowFilter.make(10)).toBeNull();
    useRowFilters(true);
    expect(RowFilter.make(10)).not.toBeNull();
    expect(() => RowFilter.make(-1)).toThrow(RangeError);
  });
});
