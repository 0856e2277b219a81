/**
 * Do groups differ in a share? The overall test that must come before any "highest against
 * lowest" sentence about a breakdown (docs/metrics.md, "Segments"): Pearson's chi-squared test of
 * homogeneity of a k × 2 table (each group's count and the rest), k − 1 degrees of freedom.
 *
 * Its chi-squared approximation needs expected counts that are not small. By Cochran's rule, when
 * any expected count is below 1 or more than 20% are below 5, the p-value is instead estimated by
 * Monte Carlo: tables with the same margins are drawn at random, with the distribution they have
 * when the outcomes of all units are shuffled over the groups (as R's
 * `chisq.test(simulate.p.value = TRUE)` shuffles them), multivariate hypergeometric, drawn group by
 * group (`tableSampler`, ./hypergeometric.ts), a few steps per group rather than one per unit;
 * the p-value is (1 + #{simulated statistic >= observed}) / (B + 1), with a fixed seed (a
 * mulberry32 stream) so a build is reproducible. Overlapping or separate confidence intervals
 * are not a test either way; this is.
 *
 * Node and browser safe; the upper tail of the chi-squared distribution is the regularised upper
 * incomplete gamma function of @stdlib.
 */
import gammainc from "@stdlib/math-base-special-gammainc";
import { mulberry32 } from "../demo/random";
import { tableSampler } from "./hypergeometric";

/** One group of the table: `count` of `n` units have the outcome. */
export interface GroupCount {
  count: number;
  n: number;
}

/** Result of {@link homogeneityTest}. */
export interface HomogeneityTest {
  /** Pearson's X² statistic. */
  statistic: number;
  /** k − 1, k the number of groups with n > 0. */
  df: number;
  /** Two-sided p-value (the upper tail of X²); null when fewer than two groups or no variation. */
  p_value: number | null;
  /** `asymptotic` (chi-squared distribution) or `monte_carlo` (simulated tables, fixed margins). */
  method: "asymptotic" | "monte_carlo";
  /** Smallest expected count of the table. */
  min_expected: number;
  /** Simulated tables behind a Monte Carlo p-value (0 when asymptotic). */
  replicates: number;
  /** One sentence naming the test. */
  test: string;
}

/** Upper tail of the chi-squared distribution with `df` degrees of freedom at x: Q(df/2, x/2). */
export function chiSquaredSf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/**
 * Pearson's statistic of a table of `counts` (ones per group) given the groups' sizes `ns`, as a
 * function of the counts: each group's expected counts computed once, for the observed table and
 * every simulated one.
 */
function statisticOf(ns: readonly number[], total: number, ones: number): (counts: readonly number[]) => number {
  const e1s = Float64Array.from(ns, (n) => (n * ones) / total);
  const e0s = Float64Array.from(ns, (n, i) => n - e1s[i]);
  return (counts) => {
    let x2 = 0;
    for (let i = 0; i < counts.length; i++) {
      const e1 = e1s[i];
      const e0 = e0s[i];
      x2 += (counts[i] - e1) ** 2 / e1 + (ns[i] - counts[i] - e0) ** 2 / e0;
    }
    return x2;
  };
}


/**
 * Pearson's chi-squared test that every group has the same share (see the module doc for when the
 * p-value is simulated). Groups with n = 0 are left out.
 * @param replicates simulated tables for the Monte Carlo p-value, default 9,999.
 * @param seed seed of the simulation, default 13.
 * @throws {RangeError} on counts that are not integers with 0 <= count <= n.
 */
export function homogeneityTest(groups: readonly GroupCount[], options: { replicates?: number; seed?: number } = {}): HomogeneityTest {
  for (const g of groups) {
    if (!Number.isInteger(g.count) || !Number.isInteger(g.n) || g.count < 0 || g.count > g.n) throw new RangeError(`need integers 0 <= count <= n, got count=${g.count}, n=${g.n}`);
  }
  const used = groups.filter((g) => g.n > 0);
  const counts = used.map((g) => g.count);
  const ns = used.map((g) => g.n);
  const total = ns.reduce((a, b) => a + b, 0);
  const ones = counts.reduce((a, b) => a + b, 0);
  const df = used.length - 1;
  const name = (m: string) => `Pearson's chi-squared test of equal shares across ${used.length} groups (${df} degree${df === 1 ? "" : "s"} of freedom), ${m}`;
  if (df < 1 || ones === 0 || ones === total) {
    return { statistic: 0, df: Math.max(df, 0), p_value: null, method: "asymptotic", min_expected: 0, replicates: 0, test: name("not computable: fewer than two groups or no variation") };
  }
  const expected = ns.flatMap((n) => [(n * ones) / total, n - (n * ones) / total]);
  const minExpected = Math.min(...expected);
  const smallShare = expected.filter((e) => e < 5).length / expected.length;
  const statistic = statisticOf(ns, total, ones);
  const x2 = statistic(counts);
  if (minExpected >= 1 && smallShare <= 0.2) {
    return { statistic: x2, df, p_value: chiSquaredSf(x2, df), method: "asymptotic", min_expected: minExpected, replicates: 0, test: name("chi-squared approximation") };
  }
  const B = options.replicates ?? 9999;
  const table = tableSampler(ns, ones, mulberry32(options.seed ?? 13));
  const sim = new Array<number>(used.length).fill(0);
  const bar = x2 - 1e-9 * Math.max(1, x2);
  let atLeast = 0;
  for (let b = 0; b < B; b++) {
    table(sim);
    if (statistic(sim) >= bar) atLeast++;
  }
  return {
    statistic: x2, df, p_value: (1 + atLeast) / (B + 1), method: "monte_carlo", min_expected: minExpected, replicates: B,
    test: name(`p-value by Monte Carlo simulation of ${B.toLocaleString("en-GB")} tables with the same margins (expected counts too small for the chi-squared approximation)`),
  };
}
