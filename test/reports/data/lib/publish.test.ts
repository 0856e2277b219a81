import { describe, expect, it } from "vitest";
import { codedShare } from "../../../../reports/data/lib/publish";

// Worked by hand from the rules in reports/data/lib/publish.ts (minimum cell 5).
describe("top- and bottom-coding (codedShare)", () => {
  it("codes the issue's Weekly group (280 of 283 satisfied) as 95% or more instead of hiding it", () => {
    // complement 3 < 5: bound = floor((283 - 4) / 283 * 20) / 20 = floor(19.72) / 20 = 0.95
    expect(codedShare(280, 283, 5)).toEqual({ bound: "at_least", value: 0.95 });
    // the true share 98.9% is in the band, and so is every complement 0..4 (279/283 = 98.6%)
    expect(279 / 283).toBeGreaterThanOrEqual(0.95);
  });

  it("bottom-codes a small count, leaves publishable shares alone, needs a published base", () => {
    // count 2 of 40: bound = (floor(4 / 40 * 20) + 1) / 20 = (2 + 1) / 20 = 0.15; 4/40 = 10% < 15%
    expect(codedShare(2, 40, 5)).toEqual({ bound: "below", value: 0.15 });
    expect(codedShare(20, 40, 5)).toBeNull();
    expect(codedShare(0, 40, 5)).toBeNull(); // 0 is not a small cell: published as 0%
    expect(codedShare(3, 4, 5)).toBeNull(); // n < min: nothing at all
  });
});
