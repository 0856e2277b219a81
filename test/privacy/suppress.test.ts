import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_CELL, answerShareAllowed, dominated, meanAllowed, mergeSmallCells, shareAllowed, suppressBreakdown, minCellSize, publishable, suppressCount, suppressStat } from "../../src/privacy/suppress";

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

describe("dominance (review F5)", () => {
  it("the share rule lets only 0% and 100% through below 2 x min, and dominance holds exactly those back", () => {
    // By hand, min 5: of 7, counts 0..7; only 0 and 7 have no small count or complement.
    expect([0, 1, 2, 3, 4, 5, 6, 7].filter((k) => shareAllowed(k, 7, 5))).toEqual([0, 7]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].filter((k) => answerShareAllowed(k, 7, 5))).toEqual([]);
    expect([dominated(5, 5, 5), dominated(0, 9, 5), dominated(10, 10, 5), dominated(3, 9, 5), dominated(0, 0, 5)]).toEqual([true, true, false, false, false]);
    // From 2 x min on, 100% is published (everyone of 10 answered 4-5).
    expect(answerShareAllowed(10, 10, 5)).toBe(true);
    expect(answerShareAllowed(5, 10, 5)).toBe(true);
  });
  it("hides a mean of fewer than 2 x min at an end of the scale or one point from it", () => {
    // By hand, n = 5 on 1..5: totals 5 (all 1) and 6 (one 2) are at and one point from the bottom,
    // 25 and 24 from the top; 7 and 23 are not. n = 10: any total. n = 4: never.
    expect([5, 6, 7, 15, 23, 24, 25].map((sum) => meanAllowed(sum, 5, 5))).toEqual([false, false, true, true, true, false, false]);
    expect([10, 50].map((sum) => meanAllowed(sum, 10, 5))).toEqual([true, true]);
    expect(meanAllowed(12, 4, 5)).toBe(false);
    // Net Promoter Score on -1..1 (promoters - detractors): 6 of 6 promoters, or 5 and a passive.
    expect([6, 5, 4, -6].map((net) => meanAllowed(net, 6, 5, -1, 1))).toEqual([false, false, true, false]);
  });
});
