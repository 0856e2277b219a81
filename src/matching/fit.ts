/**
 * Weight fitting (docs/matching.md): models of partnership outcome on pair features, validated by
 * leaving one round out, turned into a weights file.
 *
 * - Completion (status `completed` vs `dissolved`/`withdrawn`): logistic regression fitted by
 *   Newton-Raphson / iteratively reweighted least squares (IRLS). Standard errors are the square
 *   roots of the diagonal of the inverse observed information matrix X'WX, W = diag(p(1-p)) (for
 *   the logit link the observed and expected information coincide); 95% intervals are
 *   estimate ± 1.96·SE (Wald).
 * - Partner satisfaction (each respondent's 1-5 answer about the partnership): ordinary least
 *   squares, SE from σ̂²(X'X)⁻¹; a linear model on the 1-5 scale, so its coefficients are in
 *   answer points, not on the planted ordered-logit scale.
 *
 * Written by hand: no maintained npm package fits a logistic regression with standard errors
 * (simple-statistics has none; ml-logistic-regression fits by gradient descent without
 * inference). P-values use the normal tail of src/metrics/stats.ts, precise far into the tail.
 * `test/matching/fit.test.ts` cross-checks estimates, standard errors and p-values against
 * Python's statsmodels.
 * Pure (no Node imports).
 */
import { normalSf, Z95 } from "../metrics/stats";
import { FEATURE_NAMES, type FeatureName, type PairFeatures } from "./features";
import type { Weights } from "./weights";

/** One partnership with its observed outcomes. */
export interface OutcomeRow {
  round: string;
  features: PairFeatures;
  /** 1 completed, 0 dissolved or withdrawn, null still active (not used for completion). */
  completed: 0 | 1 | null;
  /** Partner-satisfaction answers (1-5) of respondents whose last partnership of the round this was. */
  partnerSatisfaction: number[];
}

/** One coefficient with its uncertainty. */
export interface Coefficient {
  name: "intercept" | FeatureName;
  estimate: number;
  se: number;
  /** 95% Wald interval, estimate ± 1.96·SE. */
  ci: [number, number];
  z: number;
  /** Two-sided p-value of estimate = 0 (normal approximation): 2 · (1 − Φ(|z|)), precise in the far tail (`normalSf`). */
  p: number;
}

/** A fitted regression. */
export interface RegressionFit {
  coefficients: Coefficient[];
  /** Covariance matrix of the estimates, in the order of `coefficients` (inverse observed information, or σ̂²(X'X)⁻¹). */
  covariance?: number[][];
  n: number;
  /** Log-likelihood (logistic) or residual standard deviation σ̂ (linear). */
  logLik?: number;
  sigma?: number;
  iterations: number;
  converged: boolean;
}

/** Thrown when a model cannot be fitted (too little data, separation, collinear features). */
export class FitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FitError";
  }
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky decomposition.
 * @throws FitError when the matrix is not positive definite (collinear or constant columns).
 */
export function invertSpd(A: readonly number[][]): number[][] {
  const k = A.length;
  const L = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let t = 0; t < j; t++) s -= L[i][t] * L[j][t];
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(A[i][i])))) throw new FitError(`the design matrix is singular (column ${i} is constant or collinear with others)`);
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  // inv(L) then inv(A) = inv(L)' inv(L)
  const M = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    M[i][i] = 1 / L[i][i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let t = j; t < i; t++) s -= L[i][t] * M[t][j];
      M[i][j] = s / L[i][i];
    }
  }
  const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = i; t < k; t++) s += M[t][i] * M[t][j];
      inv[i][j] = s;
      inv[j][i] = s;
    }
  }
  return inv;
}

function coefficients(names: Coefficient["name"][], beta: number[], cov: number[][]): Coefficient[] {
  return names.map((name, j) => {
    const se = Math.sqrt(cov[j][j]);
    const z = beta[j] / se;
    return { name, estimate: beta[j], se, ci: [beta[j] - Z95 * se, beta[j] + Z95 * se], z, p: 2 * normalSf(Math.abs(z)) };
  });
}

/**
 * Logistic regression of y (0/1) on the columns of X (an intercept column is added), by
 * Newton-Raphson (IRLS) with step halving; stops when the largest step is below 1e-10.
 * @param names names of X's columns.
 * @throws FitError with fewer rows than 2 × (columns + 1), an outcome without both values,
 *   a singular information matrix, or no convergence in 50 iterations (e.g. perfect separation).
 */
export function logisticRegression(X: readonly number[][], y: readonly number[], names: readonly FeatureName[]): RegressionFit {
  const n = X.length;
  const k = names.length + 1;
  if (n < 2 * k) throw new FitError(`logistic regression needs at least ${2 * k} rows, got ${n}`);
  const ones = y.reduce((s, v) => s + v, 0);
  if (ones === 0 || ones === n) throw new FitError("logistic regression needs both outcomes (completed and not) in the data");
  // design matrix with an intercept column, row-major
  const D = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    D[i * k] = 1;
    for (let j = 1; j < k; j++) D[i * k + j] = X[i][j - 1];
  }
  const etaOf = (b: readonly number[], i: number) => {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += b[j] * D[i * k + j];
    return eta;
  };
  const loglik = (b: readonly number[]) => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const eta = etaOf(b, i);
      // log σ(η) and log(1 - σ(η)), stable for large |η|
      ll += y[i] ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
    }
    return ll;
  };
  /** Gradient and observed information X'WX at b. */
  const derivatives = (b: readonly number[]) => {
    const H = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const g = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-etaOf(b, i)));
      const w = p * (1 - p);
      const o = i * k;
      for (let a = 0; a < k; a++) {
        const xa = D[o + a];
        g[a] += (y[i] - p) * xa;
        const wa = w * xa;
        const Ha = H[a];
        for (let c = 0; c <= a; c++) Ha[c] += wa * D[o + c];
      }
    }
    for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) H[c][a] = H[a][c];
    return { g, H };
  };
  let beta = new Array<number>(k).fill(0);
  let ll = loglik(beta);
  let it = 0;
  let converged = false;
  for (; it < 50 && !converged; it++) {
    const { g, H } = derivatives(beta);
    const inv = invertSpd(H);
    const step = inv.map((r) => r.reduce((s, v, j) => s + v * g[j], 0));
    let t = 1;
    let next = beta.map((b, j) => b + step[j]);
    let llNext = loglik(next);
    while (llNext < ll - 1e-12 && t > 1e-6) {
      t /= 2;
      next = beta.map((b, j) => b + t * step[j]);
      llNext = loglik(next);
    }
    beta = next;
    ll = llNext;
    converged = Math.max(...step.map((s) => Math.abs(s * t))) < 1e-10;
  }
  if (!converged) throw new FitError("logistic regression did not converge (is an outcome perfectly predicted by a feature?)");
  const cov = invertSpd(derivatives(beta).H); // inverse observed information at the estimate
  return { coefficients: coefficients(["intercept", ...names], beta, cov), covariance: cov, n, logLik: ll, iterations: it, converged };
}

/**
 * Ordinary least squares of y on the columns of X (an intercept column is added); SE from
 * σ̂²(X'X)⁻¹ with σ̂² = RSS / (n - k).
 * @throws FitError with n <= columns + 1 rows or a singular X'X.
 */
export function linearRegression(X: readonly number[][], y: readonly number[], names: readonly FeatureName[]): RegressionFit {
  const n = X.length;
  const k = names.length + 1;
  if (n <= 2 * k) throw new FitError(`linear regression needs more than ${2 * k} rows, got ${n}`);
  const row = (i: number, j: number) => (j === 0 ? 1 : X[i][j - 1]);
  const A = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      b[a] += row(i, a) * y[i];
      for (let c = 0; c < k; c++) A[a][c] += row(i, a) * row(i, c);
    }
  }
  const inv = invertSpd(A);
  const beta = inv.map((r) => r.reduce((s, v, j) => s + v * b[j], 0));
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += beta[j] * row(i, j);
    rss += (y[i] - f) ** 2;
  }
  const s2 = rss / (n - k);
  const cov = inv.map((r) => r.map((v) => v * s2));
  return { coefficients: coefficients(["intercept", ...names], beta, cov), covariance: cov, n, sigma: Math.sqrt(s2), iterations: 1, converged: true };
}

/** Predicted value of a fit at features x: the linear predictor (logit scale for logistic fits). */
export function linearPredictorOf(fit: RegressionFit, x: PairFeatures): number {
  let eta = 0;
  for (const c of fit.coefficients) eta += c.estimate * (c.name === "intercept" ? 1 : x[c.name]);
  return eta;
}

/** Predicted completion probability of a logistic fit at features x, 0..1. */
export function predictCompletion(fit: RegressionFit, x: PairFeatures): number {
  return 1 / (1 + Math.exp(-linearPredictorOf(fit, x)));
}

/**
 * The mean predicted completion of a logistic fit over pairs with features `xs`, with a 95%
 * interval for the model's uncertainty by the delta method: the mean p̄ = (1/m) Σ σ(x_i·β), its
 * gradient g = (1/m) Σ p_i(1 − p_i) x_i (x_i with a leading 1), standard error √(gᵀ Σ g) with Σ
 * the fit's covariance, interval p̄ ± 1.96 SE clipped to [0, 1]. It says how sure the model is of
 * the mean, not how many pairs will in fact complete.
 * @returns null when `xs` is empty; the interval null when the fit has no covariance.
 */
export function meanPredictedCompletion(fit: RegressionFit, xs: readonly PairFeatures[]): { mean: number; ci: [number, number] | null } | null {
  if (xs.length === 0) return null;
  const k = fit.coefficients.length;
  const g = new Array<number>(k).fill(0);
  let sum = 0;
  for (const x of xs) {
    const p = predictCompletion(fit, x);
    sum += p;
    const w = p * (1 - p);
    fit.coefficients.forEach((c, j) => (g[j] += w * (c.name === "intercept" ? 1 : x[c.name])));
  }
  const m = xs.length;
  const mean = sum / m;
  const cov = fit.covariance;
  if (!cov) return { mean, ci: null };
  let v = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) v += (g[a] / m) * cov[a][b] * (g[b] / m);
  const se = Math.sqrt(Math.max(0, v));
  return { mean, ci: [Math.max(0, mean - Z95 * se), Math.min(1, mean + Z95 * se)] };
}

/**
 * Mean log-loss −(1/n) Σ [y log p + (1 − y) log(1 − p)], natural log; p clipped to [1e-15, 1 − 1e-15].
 * @throws Error on empty input or unequal lengths.
 */
export function logLoss(y: readonly number[], p: readonly number[]): number {
  if (y.length === 0 || y.length !== p.length) throw new Error("logLoss needs equally long, non-empty outcome and prediction lists");
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
    s -= y[i] ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (Mann-Whitney U / (n₊n₋)). Null when either class is empty.
 */
export function auc(y: readonly number[], score: readonly number[]): number | null {
  const idx = y.map((_, i) => i).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && score[idx[e + 1]] === score[idx[s]]) e++;
    const mid = (s + e) / 2 + 1; // average 1-based rank of the tie group
    for (let t = s; t <= e; t++) if (y[idx[t]]) { pos++; rankSum += mid; }
    s = e + 1;
  }
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Completion validation on one held-out round. */
export interface HeldOutRound {
  round: string;
  n: number;
  /** Mean log-loss of the model fitted on the other rounds. */
  logLoss: number;
  /** Mean log-loss of the baseline: the other rounds' completion rate for everyone. */
  baselineLogLoss: number;
  auc: number | null;
  /** Satisfaction: RMSE of the linear model and of the other rounds' mean answer (null without answers). */
  satisfactionRmse: number | null;
  satisfactionBaselineRmse: number | null;
  satisfactionN: number;
}

/** Result of {@link fitOutcomes}. */
export interface OutcomeFit {
  rounds: string[];
  features: FeatureName[];
  completion: RegressionFit;
  satisfaction: RegressionFit | null;
  validation: HeldOutRound[];
}

/** A completion model for predictions (`predictCompletion`), with the rounds it was fitted on. */
export interface PredictionModel {
  fit: RegressionFit;
  /** Rounds the model was fitted on. */
  rounds: string[];
}

function completionData(rows: readonly OutcomeRow[], names: readonly FeatureName[]) {
  const use = rows.filter((r) => r.completed !== null);
  return { X: use.map((r) => names.map((f) => r.features[f])), y: use.map((r) => r.completed as number) };
}

function satisfactionData(rows: readonly OutcomeRow[], names: readonly FeatureName[]) {
  const X: number[][] = [];
  const y: number[] = [];
  for (const r of rows) for (const s of r.partnerSatisfaction) { X.push(names.map((f) => r.features[f])); y.push(s); }
  return { X, y };
}

/**
 * Fits completion (logistic) and partner satisfaction (linear) on all `rows`, and validates by
 * leaving each round out in turn (fit on the others, score the held-out round against the
 * baseline). Rounds whose held-out fit fails (too little data) are skipped in the validation;
 * `validate: false` skips the validation altogether.
 * @param features features to use (default all nine).
 * @throws FitError when the completion model cannot be fitted on all rows.
 */
export function fitOutcomes(rows: readonly OutcomeRow[], features: readonly FeatureName[] = FEATURE_NAMES, options: { validate?: boolean } = {}): OutcomeFit {
  const names = [...features];
  const rounds = [...new Set(rows.map((r) => r.round))];
  const c = completionData(rows, names);
  const completion = logisticRegression(c.X, c.y, names);
  const s = satisfactionData(rows, names);
  let satisfaction: RegressionFit | null = null;
  try {
    satisfaction = linearRegression(s.X, s.y, names);
  } catch (err) {
    if (!(err instanceof FitError)) throw err;
  }
  const validation: HeldOutRound[] = [];
  for (const r of options.validate === false ? [] : rounds) {
    const train = rows.filter((x) => x.round !== r);
    const test = rows.filter((x) => x.round === r);
    const ct = completionData(train, names);
    const ch = completionData(test, names);
    if (ch.y.length === 0) continue;
    let fit: RegressionFit;
    try {
      fit = logisticRegression(ct.X, ct.y, names);
    } catch (err) {
      if (err instanceof FitError) continue;
      throw err;
    }
    const rate = ct.y.reduce((a, b) => a + b, 0) / ct.y.length;
    const testRows = test.filter((x) => x.completed !== null);
    const p = testRows.map((x) => predictCompletion(fit, x.features));
    const st = satisfactionData(train, names);
    const sh = satisfactionData(test, names);
    let rmse: number | null = null;
    let base: number | null = null;
    if (sh.y.length > 0) {
      try {
        const sf = linearRegression(st.X, st.y, names);
        const mean = st.y.reduce((a, b) => a + b, 0) / st.y.length;
        let e = 0;
        let e0 = 0;
        sh.X.forEach((xrow, i) => {
          const f = sf.coefficients.reduce((acc, cf, j) => acc + cf.estimate * (j === 0 ? 1 : xrow[j - 1]), 0);
          e += (sh.y[i] - f) ** 2;
          e0 += (sh.y[i] - mean) ** 2;
        });
        rmse = Math.sqrt(e / sh.y.length);
        base = Math.sqrt(e0 / sh.y.length);
      } catch (err) {
        if (!(err instanceof FitError)) throw err;
      }
    }
    validation.push({
      round: r,
      n: ch.y.length,
      logLoss: logLoss(ch.y, p),
      baselineLogLoss: logLoss(ch.y, ch.y.map(() => rate)),
      auc: auc(ch.y, p),
      satisfactionRmse: rmse,
      satisfactionBaselineRmse: base,
      satisfactionN: sh.y.length,
    });
  }
  return { rounds, features: names, completion, satisfaction, validation };
}

/** Largest value of each feature used to bound scores (binary and share features are 0..1). */
const FEATURE_MAX: Readonly<Record<FeatureName, number>> = {
  same_sector: 1, career_gap: 40, sector_pref_met: 1, career_pref_met: 1, country_pref_met: 1,
  shared_interests: 1, shared_language: 1, timezone_gap: 12, both_new: 1,
};

/**
 * Turns a completion fit into a weights file: each feature's weight is its fitted log-odds
 * coefficient, rounded to 0.001, when its 95% interval excludes 0, else 0 (no evidence, no
 * weight). The score is then the log-odds of completion up to a constant, so the best matching
 * maximises the summed log-odds. `base` is 1 minus the lowest score any pair could get (feature
 * ranges: 0..1, career gap 0..40 years, time-zone gap 0..12 hours), so every allowed pair scores
 * at least 1 and nobody who could be placed is left out. The `fitted` block records the model.
 */
export function weightsFromFit(fit: OutcomeFit): Weights {
  const w = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])) as Record<FeatureName, number>;
  for (const c of fit.completion.coefficients) {
    if (c.name === "intercept") continue;
    if (c.ci[0] > 0 || c.ci[1] < 0) w[c.name] = Math.round(c.estimate * 1000) / 1000;
  }
  let low = 0;
  for (const f of FEATURE_NAMES) low += Math.min(0, w[f] * FEATURE_MAX[f]);
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    description:
      "Weights fitted by `iln weights fit`: log-odds of partnership completion per unit of each feature (logistic regression), " +
      "kept where the 95% interval excludes 0, else 0. base makes every allowed pair score at least 1. " +
      "'Another country' and 'never an earlier partner' remain hard rules.",
    base: round3(1 - low),
    weights: w,
    fitted: {
      outcome: "completion",
      model: "logistic regression (IRLS), Wald 95% intervals",
      rounds: fit.rounds,
      n: fit.completion.n,
      coefficients: fit.completion.coefficients.map((c) => ({ name: c.name, estimate: round3(c.estimate), se: round3(c.se), ci: c.ci.map(round3) })),
      validation: fit.validation.map((v) => ({ round: v.round, n: v.n, log_loss: round3(v.logLoss), baseline_log_loss: round3(v.baselineLogLoss), auc: v.auc === null ? null : round3(v.auc) })),
    },
  };
}

/**
 * The models of a round's replay, fitted with that round left out so that its own outcomes do not
 * flatter it: the completion model (for predictions) fitted on every other round's outcomes, and
 * the weights file made from it (`weightsFromFit`). No validation is run.
 * @returns null when the other rounds are too few or too uniform to fit (a `FitError`).
 */
export function fitLeavingOut(rows: readonly OutcomeRow[], round: string): { model: PredictionModel; weights: Weights } | null {
  try {
    const fit = fitOutcomes(rows.filter((r) => r.round !== round), undefined, { validate: false });
    return { model: { fit: fit.completion, rounds: fit.rounds }, weights: weightsFromFit(fit) };
  } catch (err) {
    if (err instanceof FitError) return null;
    throw err;
  }
}
