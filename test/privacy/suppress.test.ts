import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_CELL, mergeSmallCells, suppressBreakdown, minCellSize, publishable, suppressCount, suppressStat } from "../../src/privacy/suppress";

describe("minCellSize", () => {
  it("defaults to 5 and reads ILN_MIN_CELL", () => {
    expect(minCellSize({})).toBe(DEFAULT_MIN_CELL);
    expect(DEFAULT_MIN_CELL).toBe(5);
    expect(minCellSize({ ILN_MIN_CELL: "10" })).toBe(10);
    expect(minCellSize({ ILN_MIN_CELL: " " })).toBe(5);
  });
  it("refuses values that are not integers >= 1", () => {
    for (const bad of ["0", "-3", "2.5", "five"]) expect(() => minCellSize({ ILN_MIN_CELL: bad })).toThrow(RangeError);
  });
  it("reads decimal digits only: hex, exponents, signs and fractions written as integers are refused, naming the variable", () => {
    for (const bad of ["0x10", "1e1", "+5", "5.0", "0b11", "99999999999999999999"]) expect(() => minCellSize({ ILN_MIN_CELL: bad })).toThrow(/^ILN_MIN_CELL must be a whole number of at least 1 written in digits/);
    expect(minCellSize({ ILN_MIN_CELL: " 07 " })).toBe(7);
  });
});

describe("suppressCount", () => {
  it("keeps 0 and counts >= min, suppresses 1..min-1", () => {
    // By hand with min 5: 0 kept (not disclosive), 1 and 4 suppressed, 5 and 12 kept.
    expect([0, 1, 4, 5, 12].map((c) => suppressCount(c, 5))).toEqual([0, null, null, 5, 12]);
  });
  it("with min 1 suppresses nothing", () => {
    expect(suppressCount(1, 1)).toBe(1);
  });
  it("refuses negative or fractional counts and a bad min", () => {
    expect(() => suppressCount(-1, 5)).toThrow(RangeError);
    expect(() => suppressCount(1.5, 5)).toThrow(RangeError);
    expect(() => suppressCount(3, 0)).toThrow(RangeError);
  });
});

describe("suppressStat / publishable", () => {
  it("returns the value only when its base reaches min", () => {
    expect(publishable(4, 5)).toBe(false);
    expect(publishable(5, 5)).toBe(true);
    expect(suppressStat(0.75, 4, 5)).toBeNull();
    expect(suppressStat({ mean: 4.2 }, 5, 5)).toEqual({ mean: 4.2 });
  });
});

describe("mergeSmallCells", () => {
  type Row = { key: string; n: number | null };
  const other = (n: number | null): Row => ({ key: "other", n });
  const merge = (rows: Row[], min = 5) => mergeSmallCells(rows, (r) => r.n ?? 0, min, other);

  it("returns a copy when no cell is small", () => {
    const rows = Object.freeze([{ key: "AU", n: 10 }, { key: "NZ", n: 0 }]) as Row[];
    const out = merge(rows);
    expect(out).toEqual(rows);
    expect(out).not.toBe(rows);
  });
  it("merges small cells whose sum reaches min", () => {
    // By hand: 3 + 2 = 5 >= 5, so the two small rows become one other row of 5.
    expect(merge([{ key: "AU", n: 20 }, { key: "FJ", n: 3 }, { key: "WS", n: 2 }, { key: "NZ", n: 9 }])).toEqual([
      { key: "AU", n: 20 },
      { key: "NZ", n: 9 },
      { key: "other", n: 5, merged: 2 },
    ]);
  });
  it("adds the next smallest cell when the small cells sum below min", () => {
    // By hand: the small cells sum to 1 + 2 = 3 < 5; the smallest other cell (NZ, 6) joins: 9.
    expect(merge([{ key: "AU", n: 20 }, { key: "FJ", n: 1 }, { key: "NZ", n: 6 }, { key: "WS", n: 2 }])).toEqual([
      { key: "AU", n: 20 },
      { key: "other", n: 9, merged: 3 },
    ]);
  });
  it("suppresses the other row when everything merged stays below min", () => {
    // By hand: 1 + 2 = 3 and no other row is left to add: the count is suppressed.
    expect(merge([{ key: "FJ", n: 1 }, { key: "WS", n: 2 }])).toEqual([{ key: "other", n: null, merged: 2 }]);
  });
  it("keeps zero-count rows untouched", () => {
    expect(merge([{ key: "A", n: 0 }, { key: "B", n: 7 }, { key: "C", n: 4 }], 5)).toEqual([
      { key: "A", n: 0 },
      { key: "other", n: 11, merged: 2 },
    ]);
  });
  it("refuses negative counts", () => {
    expect(() => merge([{ key: "A", n: -1 }])).toThrow(RangeError);
  });
});

describe("suppressBreakdown", () => {
  it("hides small cells and, when they sum below min, the next smallest", () => {
    // By hand, min 5: [18, 5, 8, 15] has no small cell; [18, 3, 8, 15]: 3 hidden, sum 3 < 5, so
    // the next smallest (8) is hidden too; [18, 3, 4, 15]: 3 + 4 = 7 >= 5, nothing more hidden.
    expect(suppressBreakdown([18, 5, 8, 15], 5)).toEqual([18, 5, 8, 15]);
    expect(suppressBreakdown([18, 3, 8, 15], 5)).toEqual([18, null, null, 15]);
    expect(suppressBreakdown([18, 3, 4, 15], 5)).toEqual([18, null, null, 15]);
    expect(suppressBreakdown([0, 2, 40], 5)).toEqual([0, null, null]);
  });
});
