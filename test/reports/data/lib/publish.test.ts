import { describe, expect, it } from "vitest";
import { codedShare, publishNpsFull, publishSegmentSummary, publishWeighted } from "../../../../reports/data/lib/publish";

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

  it("a segment summary carries either its share or its band, never both", () => {
    const weekly = publishSegmentSummary({ n: 283, mean: 4.8, top2: 280 / 283, top2_ci: [0.97, 0.996] }, 5);
    expect(weekly).toMatchObject({ n: 283, top2: null, top2_ci: null, top2_band: { bound: "at_least", value: 0.95 } });
    const fortnightly = publishSegmentSummary({ n: 100, mean: 4.5, top2: 0.9, top2_ci: [0.82, 0.95] }, 5);
    expect(fortnightly).toMatchObject({ top2: 0.9, top2_band: null });
  });
});

describe("publishWeighted and publishNpsFull", () => {
  it("publishes a weighted share only where the respondents' share it corrects is publishable", () => {
    const w = { share: 0.77, ci: [0.74, 0.8] as [number, number], n_eff: 659.4, n: 730 };
    expect(publishWeighted(w, { n: 730, mean: 4.2, top2: 0.81, top2_ci: null }, 5)).toEqual({ share: 0.77, ci: [0.74, 0.8], n_eff: 659 });
    expect(publishWeighted(w, { n: 730, mean: 4.2, top2: 727 / 730, top2_ci: null }, 5)).toBeNull(); // complement 3
    expect(publishWeighted(null, { n: 730, mean: 4.2, top2: 0.81, top2_ci: null }, 5)).toBeNull();
  });

  it("publishes the NPS interval only when both the promoter and detractor shares are publishable", () => {
    const nps = { n: 771, promoters: 436 / 771, detractors: 100 / 771, score: 43.58, ci: [38.56, 48.6] as [number, number], promoters_ci: [0.53, 0.6] as [number, number], detractors_ci: [0.11, 0.16] as [number, number] };
    expect(publishNpsFull(nps, 5)).toMatchObject({ n: 771, score: 43.58, ci: [38.56, 48.6], promoters: { count: 436 }, detractors: { count: 100 } });
    // 3 detractors: with the score and the interval's width both counts would come back
    const few = { ...nps, detractors: 3 / 771 };
    expect(publishNpsFull(few, 5)).toMatchObject({ ci: null, detractors: { share: null } });
    expect(publishNpsFull({ ...nps, n: 4 }, 5)).toBeNull();
  });
});
