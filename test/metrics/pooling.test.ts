import { describe, expect, it } from "vitest";
import { fitBetaPrior, pooledShare } from "../../src/metrics/pooling";

// Expected values: test/metrics/expected/stats_expected.py (scipy.optimize Nelder-Mead on the
// beta-binomial log-likelihood with scipy.special.betaln; scipy.stats.beta.ppf for the interval).
describe("empirical Bayes (beta-binomial)", () => {
  const k = [18, 40, 7, 30, 2, 55, 9, 12];
  const n = [30, 50, 20, 33, 10, 60, 25, 14];
  const groups = k.map((c, i) => ({ count: c, n: n[i] }));

  it("fits the prior by maximum marginal likelihood as scipy does", () => {
    const prior = fitBetaPrior(groups)!;
    expect(prior.alpha).toBeCloseTo(2.1965179078727015, 4);
    expect(prior.beta).toBeCloseTo(1.2637603488079956, 4);
    expect(prior.logLik).toBeCloseTo(-124.86462213267063, 8);
    expect(prior.capped).toBe(false);
    expect(prior.groups).toBe(8);
  });

  it("shrinks small groups more: posterior means and 95% intervals", () => {
    const prior = fitBetaPrior(groups)!;
    const small = pooledShare(2, 10, prior);
    expect(small.share).toBeCloseTo(0.31177051676400946, 4);
    expect(small.ci[0]).toBeCloseTo(0.10452721207855112, 4);
    expect(small.ci[1]).toBeCloseTo(0.571722049139613, 4);
    const big = pooledShare(55, 60, prior);
    expect(big.share).toBeCloseTo(0.901296361741865, 4);
    expect(big.ci[1]).toBeCloseTo(0.9612917792912334, 4);
    expect(small.own_weight).toBeLessThan(big.own_weight);
  });

  it("caps the prior's strength at the number of answers when groups differ no more than chance", () => {
    // 8 of 10 in every group: no between-group variation, so the estimate is the overall share.
    const prior = fitBetaPrior(Array.from({ length: 6 }, () => ({ count: 8, n: 10 })))!;
    expect(prior.capped).toBe(true);
    expect(prior.strength).toBeCloseTo(60, 6);
    // the estimate is the weighted average of the prior mean (near 0.8) and the group's own 10/10, weights 60:10
    expect(prior.mean).toBeCloseTo(0.8, 1);
    expect(pooledShare(10, 10, prior).share).toBeCloseTo(prior.mean * (60 / 70) + 1 * (10 / 70), 9);
    expect(pooledShare(10, 10, prior).own_weight).toBeCloseTo(10 / 70, 9);
    expect(fitBetaPrior([{ count: 3, n: 5 }])).toBeNull();
    expect(fitBetaPrior([{ count: 0, n: 5 }, { count: 0, n: 3 }])).toBeNull();
  });
});
