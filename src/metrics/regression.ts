/**
 * Regression building blocks shared by the metrics (the survey's response model) and the
 * matching (outcome models, src/matching/fit.ts): screening a design matrix for constant and
 * collinear columns, a Cholesky inverse, and logistic regression by Newton-Raphson (IRLS) with an
 * optional ridge penalty. Written by hand: no maintained npm package fits a logistic regression
 * with standard errors (simple-statistics has none; ml-logistic-regression fits by gradient
 * descent without inference). The tests cross-check against Python's statsmodels and scipy.
 * Pure (no Node imports): the dashboards bundle it with the matcher.
 */
import { normalSf, Z95 } from "./stats";

/** Thrown when a model cannot be fitted (too little data, an outcome without both values, separation). */
export class FitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FitError";
  }
}

/** One coefficient with its uncertainty. */
export interface Coefficient<N extends string = string> {
  name: N;
  estimate: number;
  se: number;
  /** 95% Wald interval, estimate ± 1.96·SE. */
  ci: [number, number];
  z: number;
  /** Two-sided p-value of estimate = 0 (normal approximation): 2 · (1 − Φ(|z|)), precise in the far tail (`normalSf`). */
  p: number;
}

/** A column left out of a fit, and why. */
export interface DroppedColumn {
  name: string;
  reason: string;
}

/** A fitted regression. */
export interface RegressionFit<N extends string = string> {
  coefficients: Coefficient<"intercept" | N>[];
  /** Covariance matrix of the estimates, in the order of `coefficients`. */
  cov: number[][];
  /** How `cov` was computed, in words. */
  covariance: string;
  n: number;
  /** Log-likelihood at the estimate (without the penalty). */
  logLik?: number;
  /** Residual standard deviation σ̂ (linear models). */
  sigma?: number;
  iterations: number;
  converged: boolean;
  /** Columns left out because they were constant or collinear with the others (the fit ran on the rest). */
  dropped: DroppedColumn[];
  /** Ridge penalty λ on the standardised coefficients (0: none). */
  penalty: number;
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky decomposition.
 * @throws FitError when the matrix is not positive definite (a column constant or collinear with others).
 */
export function invertSpd(A: readonly number[][]): number[][] {
  const k = A.length;
  const L = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let t = 0; t < j; t++) s -= L[i][t] * L[j][t];
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(A[i][i])))) throw new FitError(`the information matrix is not positive definite (column ${i}); no estimate exists`);
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
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

/**
 * Which columns of X (beside an intercept) can be estimated: a column that is constant in the
 * data, or whose values are (to 1e-9 of its variance) a linear combination of the intercept and
 * the columns kept before it, is left out with a reason. Gram-Schmidt in column order, so of two
 * identical columns the first is kept.
 * @returns indices of the kept columns, and the dropped ones with reasons.
 */
export function screenColumns(X: readonly (readonly number[])[], names: readonly string[]): { keep: number[]; dropped: DroppedColumn[] } {
  const n = X.length;
  const basis: Float64Array[] = [];
  if (n > 0) basis.push(new Float64Array(n).fill(1 / Math.sqrt(n)));
  const keep: number[] = [];
  const keptNames: string[] = [];
  const dropped: DroppedColumn[] = [];
  names.forEach((name, j) => {
    const v = Float64Array.from(X, (row) => row[j]);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v[i] / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (v[i] - mean) ** 2;
    if (!(ss > 1e-12 * Math.max(1, mean * mean) * Math.max(1, n))) {
      dropped.push({ name, reason: n === 0 ? "no data" : `constant in the data (every value ${Number(mean.toPrecision(6))})` });
      return;
    }
    const r = Float64Array.from(v);
    for (const b of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += r[i] * b[i];
      for (let i = 0; i < n; i++) r[i] -= dot * b[i];
    }
    let rr = 0;
    for (let i = 0; i < n; i++) rr += r[i] * r[i];
    if (rr < 1e-9 * ss) {
      dropped.push({ name, reason: `collinear with the intercept${keptNames.length ? ` and ${keptNames.join(", ")}` : ""} (a linear combination of them in the data)` });
      return;
    }
    const norm = Math.sqrt(rr);
    for (let i = 0; i < n; i++) r[i] /= norm;
    basis.push(r);
    keep.push(j);
    keptNames.push(name);
  });
  return { keep, dropped };
}

/** Coefficients with Wald intervals and p-values from estimates and their covariance. */
export function coefficientsOf<N extends string>(names: readonly N[], beta: readonly number[], cov: readonly number[][]): Coefficient<N>[] {
  return names.map((name, j) => {
    const se = Math.sqrt(cov[j][j]);
    const z = beta[j] / se;
    return { name, estimate: beta[j], se, ci: [beta[j] - Z95 * se, beta[j] + Z95 * se], z, p: 2 * normalSf(Math.abs(z)) };
  });
}

/** Standard deviation of each column (population, divisor n); 1 for a constant column. */
export function columnScales(X: readonly (readonly number[])[], k: number): number[] {
  const n = X.length;
  return Array.from({ length: k }, (_, j) => {
    let m = 0;
    for (const row of X) m += row[j] / n;
    let s = 0;
    for (const row of X) s += (row[j] - m) ** 2 / n;
    return s > 0 ? Math.sqrt(s) : 1;
  });
}

/**
 * Logistic regression of y (0/1) on the columns of X (an intercept is added), by Newton-Raphson
 * (IRLS) with step halving, stopping when the largest step is below 1e-10.
 *
 * Columns that are constant or collinear are left out first (`screenColumns`) and listed in
 * `dropped`; their coefficients are absent. With `penalty` λ > 0 the fit maximises the ridge
 * (Gaussian-prior) penalised log-likelihood ℓ(β) − (λ/2) Σ_j (s_j β_j)², s_j the standard
 * deviation of column j, so every feature is shrunk on the same standardised scale and the
 * intercept is not shrunk; the covariance is then the inverse penalised information (the
 * Laplace approximation of the posterior). Without a penalty, it is the inverse observed
 * information X'WX, W = diag(p(1 − p)), and the intervals are Wald intervals.
 * @throws FitError with fewer rows than 2 × (kept columns + 1), an outcome without both values,
 *   or no convergence in 100 iterations (perfect separation; a penalty > 0 prevents it).
 */
export function logisticRegression<N extends string>(X: readonly (readonly number[])[], y: readonly number[], names: readonly N[], options: { penalty?: number } = {}): RegressionFit<N> {
  const penalty = options.penalty ?? 0;
  if (!(penalty >= 0)) throw new RangeError(`the penalty must be >= 0, got ${penalty}`);
  const { keep, dropped } = screenColumns(X, names);
  const used = keep.map((j) => names[j]);
  const n = X.length;
  const k = used.length + 1;
  if (n < 2 * k) throw new FitError(`logistic regression needs at least ${2 * k} rows, got ${n}`);
  const ones = y.reduce((s, v) => s + v, 0);
  if (ones === 0 || ones === n) throw new FitError("logistic regression needs both outcomes in the data");
  const D = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    D[i * k] = 1;
    for (let j = 1; j < k; j++) D[i * k + j] = X[i][keep[j - 1]];
  }
  const scale = [0, ...columnScales(X.map((row) => keep.map((c) => row[c])), keep.length)];
  const lam = scale.map((s, j) => (j === 0 ? 0 : penalty * s * s));
  const etaOf = (b: readonly number[], i: number) => {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += b[j] * D[i * k + j];
    return eta;
  };
  const loglik = (b: readonly number[]) => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const eta = etaOf(b, i);
      ll += y[i] ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
    }
    return ll;
  };
  const objective = (b: readonly number[]) => loglik(b) - 0.5 * b.reduce((s, v, j) => s + lam[j] * v * v, 0);
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
    for (let a = 0; a < k; a++) {
      g[a] -= lam[a] * b[a];
      H[a][a] += lam[a];
    }
    return { g, H };
  };
  let beta = new Array<number>(k).fill(0);
  let obj = objective(beta);
  let it = 0;
  let converged = false;
  for (; it < 100 && !converged; it++) {
    const { g, H } = derivatives(beta);
    const inv = invertSpd(H);
    const step = inv.map((r) => r.reduce((s, v, j) => s + v * g[j], 0));
    let t = 1;
    let next = beta.map((b, j) => b + step[j]);
    let objNext = objective(next);
    while (objNext < obj - 1e-12 && t > 1e-6) {
      t /= 2;
      next = beta.map((b, j) => b + t * step[j]);
      objNext = objective(next);
    }
    beta = next;
    obj = objNext;
    converged = Math.max(...step.map((s) => Math.abs(s * t))) < 1e-10;
  }
  if (!converged) throw new FitError("logistic regression did not converge (is an outcome perfectly predicted by a feature?)");
  const cov = invertSpd(derivatives(beta).H);
  return {
    coefficients: coefficientsOf(["intercept", ...used] as ("intercept" | N)[], beta, cov),
    cov,
    covariance: penalty > 0 ? "inverse of the penalised information (ridge; Laplace approximation of the posterior)" : "inverse of the observed information (model-based)",
    n,
    logLik: loglik(beta),
    iterations: it,
    converged,
    dropped,
    penalty,
  };
}

/** The linear predictor of a fit at named values (absent names count 0; the intercept adds 1 × its estimate). */
export function linearPredictor(fit: Pick<RegressionFit, "coefficients">, x: Readonly<Record<string, number>>): number {
  let eta = 0;
  for (const c of fit.coefficients) eta += c.estimate * (c.name === "intercept" ? 1 : x[c.name]);
  return eta;
}

/** The logistic function 1 / (1 + e^−z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
