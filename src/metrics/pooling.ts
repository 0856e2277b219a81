/**
 * Partial pooling of many small groups' shares by empirical Bayes (docs/metrics.md, "Segments"):
 * the beta-binomial model. Each group's true share θ_g is drawn from a Beta(α, β) prior common to
 * all groups (e.g. all countries of a round); its count k_g of n_g is binomial given θ_g. The
 * prior is estimated from all groups at once by maximising the marginal (beta-binomial)
 * likelihood Σ_g [ln B(k_g + α, n_g − k_g + β) − ln B(α, β)] (Nelder-Mead on logit mean and
 * log strength); each group's estimate is then its posterior mean
 *   (k_g + α) / (n_g + α + β) = w_g · k_g/n_g + (1 − w_g) · α/(α + β),  w_g = n_g / (n_g + α + β),
 * a weighted average of its own share and the prior mean that leans on the prior the fewer
 * answers the group has, with a 95% equal-tailed posterior interval from Beta(k_g + α, n_g − k_g + β).
 * When the groups vary no more than binomial noise explains, the fitted strength α + β runs to
 * its cap and every estimate is the overall share: the data then say the groups do not differ.
 * The cap is the number of answers in all groups: a prior estimated from N answers cannot be
 * surer than N answers, so each interval is then about as wide as the overall share's (plain
 * empirical Bayes would otherwise ignore the uncertainty of the prior and give intervals of
 * nearly zero width).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import type { Interval } from "./stats";


/** The fitted prior. */
export interface BetaPrior {
  alpha: number;
  beta: number;
  /** α / (α + β): the prior (overall) share. */
  mean: number;
  /** α + β: how many answers' worth of weight the prior carries (at most all the answers, module doc). */
  strength: number;
  /** True when the strength reached its cap (the groups differ no more than chance explains). */
  capped: boolean;
  /** Maximised marginal log-likelihood (without the binomial coefficients). */
  logLik: number;
  /** Groups with n > 0 the prior was fitted on. */
  groups: number;
}

const lbeta = (a: number, b: number) => gammaln(a) + gammaln(b) - gammaln(a + b);

function logLik(groups: readonly { count: number; n: number }[], a: number, b: number): number {
  let ll = 0;
  const base = lbeta(a, b);
  for (const g of groups) ll += lbeta(g.count + a, g.n - g.count + b) - base;
  return ll;
}

/** Nelder-Mead minimisation of f over R² from x0 (standard coefficients 1, 2, 0.5, 0.5). */
function nelderMead(f: (x: [number, number]) => number, x0: [number, number], step = 0.5, tol = 1e-12, maxIter = 2000): [number, number] {
  let simplex: { x: [number, number]; v: number }[] = [x0, [x0[0] + step, x0[1]], [x0[0], x0[1] + step]].map((x) => ({ x: x as [number, number], v: f(x as [number, number]) }));
  for (let it = 0; it < maxIter; it++) {
    simplex.sort((p, q) => p.v - q.v);
    const [best, mid, worst] = simplex;
    if (Math.abs(worst.v - best.v) <= tol * (Math.abs(best.v) + tol) && Math.hypot(worst.x[0] - best.x[0], worst.x[1] - best.x[1]) < 1e-9) break;
    const c: [number, number] = [(best.x[0] + mid.x[0]) / 2, (best.x[1] + mid.x[1]) / 2];
    const at = (t: number): { x: [number, number]; v: number } => {
      const x: [number, number] = [c[0] + t * (worst.x[0] - c[0]), c[1] + t * (worst.x[1] - c[1])];
      return { x, v: f(x) };
    };
    const r = at(-1);
    if (r.v < best.v) {
      const e = at(-2);
      simplex[2] = e.v < r.v ? e : r;
    } else if (r.v < mid.v) {
      simplex[2] = r;
    } else {
      const k = r.v < worst.v ? at(-0.5) : at(0.5);
      if (k.v < Math.min(worst.v, r.v)) simplex[2] = k;
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: [best.x[0] + (p.x[0] - best.x[0]) / 2, best.x[1] + (p.x[1] - best.x[1]) / 2] as [number, number], v: f([best.x[0] + (p.x[0] - best.x[0]) / 2, best.x[1] + (p.x[1] - best.x[1]) / 2]) }));
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return simplex[0].x;
}

/**
 * Fits the Beta prior by maximum marginal likelihood (module doc). Groups with n = 0 are ignored.
 * @returns the prior; null when fewer than two groups have answers, or all answers are alike (every
 *   count 0 or every count n), where no prior can be estimated.
 * @throws {RangeError} on counts that are not integers with 0 <= count <= n.
 */
export function fitBetaPrior(groups: readonly { count: number; n: number }[]): BetaPrior | null {
  for (const g of groups) {
    if (!Number.isInteger(g.count) || !Number.isInteger(g.n) || g.count < 0 || g.count > g.n) throw new RangeError(`need integers 0 <= count <= n, got count=${g.count}, n=${g.n}`);
  }
  const used = groups.filter((g) => g.n > 0);
  const K = used.reduce((s, g) => s + g.count, 0);
  const N = used.reduce((s, g) => s + g.n, 0);
  if (used.length < 2 || K === 0 || K === N) return null;
  const toAB = ([lm, ls]: [number, number]) => {
    const m = 1 / (1 + Math.exp(-lm));
    const s = Math.exp(Math.min(ls, Math.log(N)));
    return [m * s, (1 - m) * s] as const;
  };
  const nll = (x: [number, number]) => {
    const [a, b] = toAB(x);
    return -logLik(used, a, b);
  };
  const p = K / N;
  let best = nelderMead(nll, [Math.log(p / (1 - p)), Math.log(10)]);
  best = nelderMead(nll, best, 0.1); // restart: Nelder-Mead can stall short of the optimum
  const [alpha, beta] = toAB(best);
  return { alpha, beta, mean: alpha / (alpha + beta), strength: alpha + beta, capped: alpha + beta >= N * (1 - 1e-9), logLik: logLik(used, alpha, beta), groups: used.length };
}

/** One group's partially pooled estimate. */
export interface PooledShare {
  /** Posterior mean (k + α) / (n + α + β). */
  share: number;
  /** 95% equal-tailed posterior interval. */
  ci: Interval;
  /** Weight of the group's own share, n / (n + α + β). */
  own_weight: number;
}

/**
 * The partially pooled estimate of a group with `count` of `n` under `prior` (module doc).
 * @throws {RangeError} on counts that are not integers with 0 <= count <= n.
 */
export function pooledShare(count: number, n: number, prior: Pick<BetaPrior, "alpha" | "beta">): PooledShare {
  if (!Number.isInteger(count) || !Number.isInteger(n) || count < 0 || count > n) throw new RangeError(`need integers 0 <= count <= n, got count=${count}, n=${n}`);
  const a = count + prior.alpha;
  const b = n - count + prior.beta;
  return { share: a / (a + b), ci: [betaQuantile(0.025, a, b), betaQuantile(0.975, a, b)], own_weight: n / (n + prior.alpha + prior.beta) };
}
