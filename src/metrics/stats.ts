/**
 * Small statistics shared by the metric families: proportions with Wilson intervals, the
 * comparison of two proportions, and null-safe means. Pure functions, no database.
 *
 * Conventions: a share is a number in 0..1; an empty group (n = 0) gives `null`, never NaN.
 */

/**
 * The two-sided 95% standard-normal quantile, Φ⁻¹(0.975), to double precision.
 * (simple-statistics' `probit(0.975)` returns 1.9572, too coarse for intervals.)
 */
export const Z95 = 1.959963984540054;

/** A closed interval [lo, hi] of shares, both in 0..1. */
export type Interval = [number, number];

/** A share from a sample: `count` of `n` units; `share` and `ci` are null when n = 0. */
export interface Proportion {
  /** Units in the denominator (respondents, participants, partnerships...). */
  n: number;
  /** Units in the numerator. */
  count: number;
  /** count / n, in 0..1; null when n = 0. */
  share: number | null;
  /** 95% Wilson score interval of the share; null when n = 0. */
  ci: Interval | null;
}

function checkCounts(count: number, n: number): void {
  if (!Number.isInteger(count) || !Number.isInteger(n) || n < 0 || count < 0 || count > n) {
    throw new RangeError(`need integers 0 <= count <= n, got count=${count}, n=${n}`);
  }
}

/**
 * Wilson score interval of a binomial proportion (Wilson 1927; Newcombe 1998, method 3):
 * centre (p + z²/2n) / (1 + z²/n), half-width z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
 * Unlike the Wald interval it stays inside 0..1 and behaves at p = 0 or 1 and small n.
 * @param count successes, an integer 0..n.
 * @param n trials, a non-negative integer.
 * @param z normal quantile, default {@link Z95} (95% two-sided).
 * @returns [lo, hi] in 0..1, or null when n = 0.
 * @throws {RangeError} when count or n is not an integer with 0 <= count <= n.
 * @example wilsonInterval(3, 4) // [0.3006, 0.9544] (to 4 places)
 */
export function wilsonInterval(count: number, n: number, z: number = Z95): Interval | null {
  checkCounts(count, n);
  if (n === 0) return null;
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * A {@link Proportion}: count/n with its 95% Wilson interval.
 * @throws {RangeError} when count or n is not an integer with 0 <= count <= n.
 */
export function proportion(count: number, n: number): Proportion {
  checkCounts(count, n);
  return { n, count, share: n === 0 ? null : count / n, ci: wilsonInterval(count, n) };
}

/**
 * Complementary error function erfc(x) with fractional error below 1.2e-7 everywhere (Chebyshev
 * fit of Press et al., Numerical Recipes, 2nd ed., §6.2, `erfcc`). Used instead of
 * simple-statistics' `errorFunction`, whose absolute error (~1e-7, and erf(0) = -3e-8) makes
 * 1 - erf useless for small tail probabilities, i.e. for small p-values.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution Φ(x) = erfc(-x/√2) / 2 (relative error below 1.2e-7 in both tails). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal upper tail 1 - Φ(x) = erfc(x/√2) / 2, accurate for large x (no cancellation). */
export function normalSf(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/**
 * Two-sided p-value of Fisher's exact test on the 2x2 table [[k1, n1-k1], [k2, n2-k2]]:
 * the probability, under the hypergeometric distribution with all margins fixed, of every table
 * no more likely than the one observed (the rule R's `fisher.test` and scipy use).
 * @throws {RangeError} on counts that are not integers with 0 <= k <= n.
 */
export function fisherExactP(k1: number, n1: number, k2: number, n2: number): number {
  checkCounts(k1, n1);
  checkCounts(k2, n2);
  const K = k1 + k2;
  const N = n1 + n2;
  const lf = (k: number) => logFactorial(k);
  const base = lf(K) + lf(N - K) + lf(n1) + lf(n2) - lf(N);
  const logP = (x: number) => base - lf(x) - lf(n1 - x) - lf(K - x) - lf(n2 - K + x);
  const observed = logP(k1);
  let p = 0;
  for (let x = Math.max(0, K - n2); x <= Math.min(K, n1); x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** The result of comparing two independent proportions. */
export interface ProportionComparison {
  /** Share of b minus share of a, in -1..1; null when either group is empty. */
  diff: number | null;
  /** 95% interval of the difference (Newcombe's hybrid score interval); null when either group is empty. */
  ci: Interval | null;
  /** Two-sided p-value of `test`; null when either group is empty. */
  p_value: number | null;
  /** Which test gave the p-value. */
  test: string;
}

/** Name of the large-sample test of {@link compareProportions}. */
export const Z_TEST = "two-proportion z-test (pooled standard error), two-sided";
/** Name of the small-sample test of {@link compareProportions}. */
export const FISHER_TEST = "Fisher's exact test, two-sided (an expected cell count was below 5)";

/**
 * Is the change from proportion a (k1 of n1) to b (k2 of n2) larger than chance?
 *
 * The test: the two rounds' respondents are (nearly) independent samples and the outcome is
 * binary, so the standard test is the two-proportion z-test with pooled standard error,
 * z = (p2 - p1) / sqrt(p(1-p)(1/n1 + 1/n2)), p = (k1+k2)/(n1+n2), which is equivalent to
 * Pearson's chi-squared test without continuity correction. Its normal approximation needs
 * every expected cell count n·p, n·(1-p) to be at least 5; below that, Fisher's exact test is
 * used instead. The interval of the difference is Newcombe's (1998, method 10) hybrid score
 * interval built from the two Wilson intervals: it keeps good coverage for small n and shares
 * near 0 or 1, where the Wald interval fails.
 * Caveat: a participant who answered in both rounds appears in both samples; the test treats
 * the samples as independent, which is conservative when answers are positively correlated.
 * @returns diff = p2 - p1, its 95% CI, the p-value and the test's name; nulls when n1 or n2 is 0.
 * @throws {RangeError} on counts that are not integers with 0 <= k <= n.
 */
export function compareProportions(k1: number, n1: number, k2: number, n2: number): ProportionComparison {
  checkCounts(k1, n1);
  checkCounts(k2, n2);
  if (n1 === 0 || n2 === 0) return { diff: null, ci: null, p_value: null, test: Z_TEST };
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const diff = p2 - p1;
  const [l1, u1] = wilsonInterval(k1, n1)!;
  const [l2, u2] = wilsonInterval(k2, n2)!;
  const lo = diff - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2);
  const hi = diff + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2);
  const ci: Interval = [Math.max(-1, lo), Math.min(1, hi)];
  const pooled = (k1 + k2) / (n1 + n2);
  const minExpected = Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
  if (minExpected < 5) return { diff, ci, p_value: fisherExactP(k1, n1, k2, n2), test: FISHER_TEST };
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = diff / se;
  const p = 2 * normalSf(Math.abs(z));
  return { diff, ci, p_value: Math.min(1, Math.max(0, p)), test: Z_TEST };
}

/**
 * Mean of sum/n, or null when n = 0 (an empty group has no mean; never NaN).
 * @throws {RangeError} when n is negative.
 */
export function meanOrNull(sum: number, n: number): number | null {
  if (n < 0) throw new RangeError(`n must be >= 0, got ${n}`);
  return n === 0 ? null : sum / n;
}

/**
 * 95% interval of a Net Promoter Score by the delta method. With promoter share p₊ and detractor
 * share p₋ of n answers (a multinomial sample), NPS = 100 (p₊ − p₋) and
 * Var(p₊ − p₋) = (p₊ + p₋ − (p₊ − p₋)²) / n, so the interval is
 * NPS ± z · 100 · sqrt(Var), clipped to −100..100. (Equivalent to the Wald interval of the mean of
 * the per-answer scores +1 / 0 / −1, with the variance divided by n.)
 * @param promoters answers 9-10; @param detractors answers 0-6; @param n all non-blank answers.
 * @returns [lo, hi] on the NPS scale (−100..100), or null when n = 0.
 * @throws {RangeError} when the counts are not integers with promoters + detractors <= n.
 */
export function npsInterval(promoters: number, detractors: number, n: number, z: number = Z95): Interval | null {
  checkCounts(promoters, n);
  checkCounts(detractors, n);
  if (promoters + detractors > n) throw new RangeError(`promoters + detractors exceed n: ${promoters} + ${detractors} > ${n}`);
  if (n === 0) return null;
  const pp = promoters / n;
  const pd = detractors / n;
  const d = pp - pd;
  const half = 100 * z * Math.sqrt(Math.max(0, pp + pd - d * d) / n);
  return [Math.max(-100, 100 * d - half), Math.min(100, 100 * d + half)];
}

/** The multiple-testing adjustment used for the family of round-to-round changes (docs/metrics.md). */
export const ADJUSTMENT = "Holm (1979) step-down adjustment, controlling the family-wise error rate";

/** Indices of the non-null p-values, ascending by value (ties by position). @throws {RangeError} on a p-value outside 0..1 or NaN. */
function ascendingPValues(p: readonly (number | null)[]): number[] {
  const idx: number[] = [];
  p.forEach((v, i) => {
    if (v === null) return;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`a p-value must be in 0..1, got ${v}`);
    idx.push(i);
  });
  return idx.sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
}

/**
 * Holm's step-down adjusted p-values: sort the m p-values ascending, p(i)·(m − i + 1) (1-based),
 * made monotone non-decreasing by a running maximum, capped at 1; returned in the input order.
 * Rejecting where the adjusted value is below α keeps the chance of any false flag in the family
 * at most α, under any dependence between the tests. Nulls (no test) are kept as null and do not
 * count in m.
 * @throws {RangeError} on a p-value outside 0..1 or NaN.
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(p: readonly (number | null)[]): (number | null)[] {
  const idx = ascendingPValues(p);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  idx.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (p[i] as number)));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini-Hochberg adjusted p-values (false discovery rate): p(i)·m / i, made monotone from
 * the largest down by a running minimum, capped at 1; input order; nulls kept. Offered for
 * screening many comparisons; the pages' round-to-round changes use {@link holmAdjust}.
 * @throws {RangeError} on a p-value outside 0..1 or NaN.
 */
export function bhAdjust(p: readonly (number | null)[]): (number | null)[] {
  const idx = ascendingPValues(p);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    running = Math.min(running, ((p[i] as number) * m) / (r + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}

/**
 * Wilson interval of a share estimated with unequal weights, using Kish's effective sample size
 * n_eff = (Σw)² / Σw² in place of n (the design effect of weighting). Pure.
 * @param share the weighted share, 0..1.
 * @param nEff the effective sample size (> 0).
 * @returns [lo, hi] in 0..1, or null when nEff is 0.
 * @throws {RangeError} when share is outside 0..1 or nEff is negative.
 */
export function wilsonIntervalEffective(share: number, nEff: number, z: number = Z95): Interval | null {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be in 0..1, got ${share}`);
  if (!(nEff >= 0)) throw new RangeError(`effective n must be >= 0, got ${nEff}`);
  if (nEff === 0) return null;
  const z2 = z * z;
  const denom = 1 + z2 / nEff;
  const centre = (share + z2 / (2 * nEff)) / denom;
  const half = (z * Math.sqrt((share * (1 - share)) / nEff + z2 / (4 * nEff * nEff))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
