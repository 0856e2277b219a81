import { describe, expect, it } from "vitest";
import { FISHER_TEST, Z95, Z_TEST, bhAdjust, compareProportions, fisherExactP, holmAdjust, meanOrNull, normalCdf, normalSf, npsInterval, proportion, wilsonInterval, wilsonIntervalEffective } from "../../src/metrics/stats";

// Every expected value below was computed with Python 3 and scipy 1.17 (Debian's python3-scipy):
//   z = scipy.stats.norm.ppf(0.975)
//   wilson(k, n): p = k/n; d = 1 + z*z/n; c = (p + z*z/(2n))/d; h = z*sqrt(p(1-p)/n + z*z/(4n*n))/d; (c-h, c+h)
//   z test: p = (k1+k2)/(n1+n2); se = sqrt(p(1-p)(1/n1+1/n2)); z = (p2-p1)/se; 2*norm.sf(|z|)
//     (checked equal to scipy.stats.chi2_contingency([[40,10],[30,20]], correction=False) p-value)
//   Newcombe: d = p2-p1; d - sqrt((p2-l2)^2 + (u1-p1)^2), d + sqrt((u2-p2)^2 + (p1-l1)^2)
//   Fisher: scipy.stats.fisher_exact([[k1, n1-k1], [k2, n2-k2]]).pvalue

describe("wilsonInterval", () => {
  it("matches the formula computed in Python", () => {
    expect(Z95).toBeCloseTo(1.959963984540054, 14);
    const cases: [number, number, number, number][] = [
      [3, 4, 0.30064184258240184, 0.9544127391902995],
      [2, 6, 0.09677141110578041, 0.700006684861608],
      [22, 392, 0.03735126601309642, 0.08350888583462872],
      [0, 10, 0, 0.2775327998628892],
      [4, 4, 0.5101091635454027, 1],
    ];
    for (const [k, n, lo, hi] of cases) {
      const ci = wilsonInterval(k, n)!;
      expect(ci[0]).toBeCloseTo(lo, 12);
      expect(ci[1]).toBeCloseTo(hi, 12);
    }
  });

  it("gives null for an empty group, never NaN", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(proportion(0, 0)).toEqual({ n: 0, count: 0, share: null, ci: null });
    expect(meanOrNull(0, 0)).toBeNull();
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => proportion(1.5, 4)).toThrow(RangeError);
  });
});

describe("compareProportions", () => {
  it("uses the pooled z-test for large samples: 40/50 vs 30/50", () => {
    const r = compareProportions(40, 50, 30, 50);
    expect(r.test).toBe(Z_TEST);
    expect(r.diff).toBeCloseTo(-0.2, 12);
    expect(r.p_value).toBeCloseTo(0.029096331741252188, 6);
    expect(r.ci![0]).toBeCloseTo(-0.3635923520553358, 12);
    expect(r.ci![1]).toBeCloseTo(-0.02013390086920816, 12);
  });

  it("switches to Fisher's exact test when an expected count is below 5", () => {
    const small = compareProportions(3, 4, 1, 6);
    expect(small.test).toBe(FISHER_TEST);
    expect(small.p_value).toBeCloseTo(0.19047619047619047, 10);
    expect(small.ci![0]).toBeCloseTo(-0.829194596728333, 12);
    expect(small.ci![1]).toBeCloseTo(0.016167865969450856, 12);
    // 9/10 vs 4/10: pooled 0.65, expected 10 * 0.35 = 3.5 < 5.
    expect(compareProportions(9, 10, 4, 10).p_value).toBeCloseTo(0.05727554179566563, 10);
    expect(fisherExactP(2, 2, 0, 2)).toBeCloseTo(1 / 3, 12); // by hand: tables x=2 (p 1/6) and x=0 (1/6); x=1 has 4/6
  });

  it("gives nulls when a group is empty", () => {
    expect(compareProportions(0, 0, 3, 4)).toEqual({ diff: null, ci: null, p_value: null, test: Z_TEST });
  });

  it("normal CDF and tail are accurate, small tails included", () => {
    // scipy: norm.cdf(-1) = 0.15865525393145707; 2 * norm.sf(6) = 1.973175290075389e-09
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(Z95)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 7);
    expect(Math.abs(2 * normalSf(6) / 1.973175290075389e-9 - 1)).toBeLessThan(1e-6);
  });
});

// Expected values below: test/metrics/expected/stats_expected.py (numpy, scipy 1.10, statsmodels 0.13 from Debian).
describe("npsInterval (delta method)", () => {
  it("matches the Wald interval of the mean per-answer score (+1, 0, -1): the issue's 2016B figure", () => {
    // 436 promoters and 100 detractors of 771: NPS 43.6 [38.6, 48.6].
    const ci = npsInterval(436, 100, 771)!;
    expect(ci[0]).toBeCloseTo(38.562264334780814, 9);
    expect(ci[1]).toBeCloseTo(48.59726873914914, 9);
  });

  it("clips to -100..100 and rejects impossible counts", () => {
    // python: [-56.2558..., 106.2558...] before clipping
    expect(npsInterval(2, 1, 4)).toEqual([expect.closeTo(-56.25581424161613, 9), 100]);
    expect(npsInterval(0, 0, 0)).toBeNull();
    expect(() => npsInterval(3, 2, 4)).toThrow(RangeError);
  });
});

describe("multiple testing", () => {
  const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04];
  it("holmAdjust equals statsmodels multipletests(method='holm')", () => {
    const want = [0.05, 0.12, 0.12, 0.03, 0.2, 0.12];
    holmAdjust(p).forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
  });
  it("bhAdjust equals statsmodels multipletests(method='fdr_bh')", () => {
    const want = [0.03, 0.048, 0.048, 0.03, 0.2, 0.048];
    bhAdjust(p).forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
  });
  it("keeps nulls out of the family and in place", () => {
    // m = 2: 0.02 * 2 = 0.04, then max(0.04, 0.03 * 1) = 0.04
    expect(holmAdjust([null, 0.03, 0.02])).toEqual([null, expect.closeTo(0.04, 12), expect.closeTo(0.04, 12)]);
    expect(() => holmAdjust([1.5])).toThrow(RangeError);
  });
});

describe("wilsonIntervalEffective", () => {
  it("equals proportion_confint(share * n_eff, n_eff, method='wilson') for a non-integer n_eff", () => {
    const ci = wilsonIntervalEffective(0.8, 412.6)!;
    expect(ci[0]).toBeCloseTo(0.7587154353692387, 12);
    expect(ci[1]).toBeCloseTo(0.8357498724343033, 12);
  });
});
