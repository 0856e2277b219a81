import { describe, expect, it } from "vitest";
import { chiSquaredSf, homogeneityTest } from "../../src/metrics/homogeneity";

// Expected values: test/metrics/expected/stats_expected.py (scipy.stats.chi2_contingency with
// correction=False, scipy.stats.chi2.sf, and a 200,000-permutation numpy simulation).
describe("chiSquaredSf", () => {
  it("equals scipy.stats.chi2.sf, far tail included", () => {
    expect(chiSquaredSf(10, 3)).toBeCloseTo(0.01856613546304325, 12);
    expect(Math.abs(chiSquaredSf(200, 5) / 2.8406228986415534e-41 - 1)).toBeLessThan(1e-9);
    expect(chiSquaredSf(0, 2)).toBe(1);
  });
});

describe("homogeneityTest", () => {
  it("asymptotic: equals chi2_contingency([[40,10],[30,20],[55,25],[12,8]], correction=False)", () => {
    const t = homogeneityTest([{ count: 40, n: 50 }, { count: 30, n: 50 }, { count: 55, n: 80 }, { count: 12, n: 20 }]);
    expect(t.method).toBe("asymptotic");
    expect(t.statistic).toBeCloseTo(5.410728768393002, 10);
    expect(t.df).toBe(3);
    expect(t.p_value).toBeCloseTo(0.14407659947591347, 10);
  });

  it("simulates the p-value when expected counts are small, within Monte Carlo error of a long numpy simulation", () => {
    const t = homogeneityTest([{ count: 5, n: 5 }, { count: 3, n: 5 }, { count: 1, n: 4 }, { count: 9, n: 10 }]);
    expect(t.method).toBe("monte_carlo");
    expect(t.statistic).toBeCloseTo(8.8, 10);
    // numpy: 0.02955 from 200,000 tables; ours from 9,999 (standard error about 0.0017).
    expect(Math.abs(t.p_value! - 0.029549852250738747)).toBeLessThan(0.006);
    // the same seed gives the same p-value
    expect(homogeneityTest([{ count: 5, n: 5 }, { count: 3, n: 5 }, { count: 1, n: 4 }, { count: 9, n: 10 }]).p_value).toBe(t.p_value);
  });

  it("draws the same tables as a plain replicate-by-replicate simulation, to the last digit", () => {
    // test/metrics/expected/homogeneity_stream.py: mulberry32 and the partial Fisher-Yates deal in Python.
    expect(homogeneityTest([{ count: 5, n: 5 }, { count: 3, n: 5 }, { count: 1, n: 4 }, { count: 9, n: 10 }]).p_value).toBe(0.0303);
    const groups = [[2, 5], [1, 4], [3, 6], [2, 3], [1, 2], [30, 60]].map(([count, n]) => ({ count, n }));
    expect(homogeneityTest(groups, { replicates: 2000, seed: 7 }).p_value).toBe(0.9255372313843079);
  });

  it("needs two groups with answers and some variation", () => {
    expect(homogeneityTest([{ count: 3, n: 5 }]).p_value).toBeNull();
    expect(homogeneityTest([{ count: 5, n: 5 }, { count: 7, n: 7 }]).p_value).toBeNull();
    expect(homogeneityTest([{ count: 3, n: 5 }, { count: 0, n: 0 }]).p_value).toBeNull();
    expect(() => homogeneityTest([{ count: 6, n: 5 }])).toThrow(RangeError);
  });
});
