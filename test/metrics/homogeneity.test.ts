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

  it("draws the same tables as a Python reimplementation of its sampler, to the last digit", () => {
    // test/metrics/expected/homogeneity_stream.py: mulberry32 and the sequential hypergeometric draws in Python.
    expect(homogeneityTest([{ count: 5, n: 5 }, { count: 3, n: 5 }, { count: 1, n: 4 }, { count: 9, n: 10 }]).p_value).toBe(0.0312);
    const groups = [[2, 5], [1, 4], [3, 6], [2, 3], [1, 2], [30, 60]].map(([count, n]) => ({ count, n }));
    expect(homogeneityTest(groups, { replicates: 2000, seed: 7 }).p_value).toBe(0.9290354822588706);
  });

  it("a large table (40 groups, 4,000 units): within Monte Carlo error of a long numpy permutation simulation", () => {
    // test/metrics/expected/hypergeometric_expected.py: sizes and counts drawn once by numpy; X² by
    // scipy chi2_contingency(correction=False); p = 0.04123 from 200,000 numpy permutations of the
    // units (standard error 0.00044); ours from 9,999 tables (standard error about 0.002).
    const sizes = [59, 94, 47, 57, 65, 65, 113, 104, 114, 120, 46, 51, 110, 46, 53, 54, 114, 954, 69, 61, 53, 77, 87, 104, 89, 119, 48, 79, 85, 95, 40, 56, 77, 45, 119, 91, 104, 81, 88, 67];
    const counts = [58, 92, 47, 53, 64, 62, 107, 94, 108, 109, 42, 50, 109, 43, 49, 52, 113, 887, 66, 58, 53, 73, 80, 100, 86, 113, 47, 76, 81, 94, 40, 54, 74, 41, 115, 85, 102, 78, 81, 65];
    const t = homogeneityTest(sizes.map((n, i) => ({ count: counts[i], n })));
    expect(t.method).toBe("monte_carlo");
    expect(t.statistic).toBeCloseTo(55.85242701105804, 9);
    expect(Math.abs(t.p_value! - 0.04123479382603087)).toBeLessThan(0.008);
  });

  it("needs two groups with answers and some variation", () => {
    expect(homogeneityTest([{ count: 3, n: 5 }]).p_value).toBeNull();
    expect(homogeneityTest([{ count: 5, n: 5 }, { count: 7, n: 7 }]).p_value).toBeNull();
    expect(homogeneityTest([{ count: 3, n: 5 }, { count: 0, n: 0 }]).p_value).toBeNull();
    expect(() => homogeneityTest([{ count: 6, n: 5 }])).toThrow(RangeError);
  });
});
