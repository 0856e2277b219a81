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
  // Fits of the same rows under several penalties screen them once (the rows are never changed).
  const key = names.join("\0");
  const known = screened.get(X)?.get(key);
  if (known) return { keep: [...known.keep], dropped: known.dropped.map((d) => ({ ...d })) };
  const result = screen(X, names);
  const byNames = screened.get(X) ?? new Map<string, { keep: number[]; dropped: DroppedColumn[] }>();
  byNames.set(key, result);
  screened.set(X, byNames);
  return { keep: [...result.keep], dropped: result.dropped.map((d) => ({ ...d })) };
}

/** {@link screenColumns}' results by data array and column names. */
const screened = new WeakMap<readonly (readonly number[])[], Map<string, { keep: number[]; dropped: DroppedColumn[] }>>();

function screen(X: readonly (readonly number[])[], names: readonly string[]): { keep: number[]; dropped: DroppedColumn[] } {
  const n = X.length;
  const basis: Float64Array[] = [];
  if (n > 0) basis.push(new Float64Array(n).fill(1 / Math.sqrt(n)));
  const keep: number[] = [];
  const keptNames: string[] = [];
  const dropped: DroppedColumn[] = [];
  // The columns, read row by row in one pass (a column read across n row arrays is n cache misses).
  const columns = names.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = X[i];
    for (let j = 0; j < columns.length; j++) columns[j][i] = row[j];
  }
  names.forEach((name, j) => {
    const r = columns[j];
    let mean = 0;
    for (let i = 0; i < n; i++) mean += r[i] / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (r[i] - mean) ** 2;
    if (!(ss > 1e-12 * Math.max(1, mean * mean) * Math.max(1, n))) {
      dropped.push({ name, reason: n === 0 ? "no data" : `constant in the data (every value ${Number(mean.toPrecision(6))})` });
      return;
    }
    const rr = residual(r, basis, n);
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

/**
 * Modified Gram-Schmidt: r −= (r·b) b for each b of `basis` in turn (r is overwritten), then
 * returns r·r. One pass per basis vector: the pass that subtracts b_t also accumulates the dot
 * product with b_t+1 (or r·r after the last), each over i in order on the updated r[i], so every
 * sum is the one of the two-pass form to the last bit.
 */
function residual(r: Float64Array, basis: readonly Float64Array[], n: number): number {
  let dot = 0;
  if (basis.length) {
    const b = basis[0];
    for (let i = 0; i < n; i++) dot += r[i] * b[i];
  }
  for (let t = 0; t < basis.length; t++) {
    const b = basis[t];
    const next = t + 1 < basis.length ? basis[t + 1] : r;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      r[i] -= dot * b[i];
      acc += r[i] * next[i];
    }
    dot = acc;
  }
  if (basis.length) return dot;
  let rr = 0;
  for (let i = 0; i < n; i++) rr += r[i] * r[i];
  return rr;
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
  // columnScales of the kept columns, read from D row by row: each column's sums take the same
  // terms in the same order (rows ascending), all columns in one pass instead of one pass each.
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 1; j < k; j++) mean[j] += D[i * k + j] / n;
  const ss = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 1; j < k; j++) ss[j] += (D[i * k + j] - mean[j]) ** 2 / n;
  const scale = [0];
  for (let j = 1; j < k; j++) scale.push(ss[j] > 0 ? Math.sqrt(ss[j]) : 1);
  const lam = scale.map((s, j) => (j === 0 ? 0 : penalty * s * s));
  // The hot loops allocate nothing per row and accumulate into flat arrays; their arithmetic, and
  // its order, is that of the formulas as written (results are the same to the last bit). Each
  // row's non-zero entries are listed once (CSR): a term with a zero factor adds ±0 to a sum that
  // is never −0, which leaves it unchanged, so skipping it changes no bit while a design of
  // dummies (most entries 0) costs its non-zeros per row instead of k² / 2. The dense loop is kept
  // for a row whose terms are not all finite (0 · ∞ is NaN, not 0).
  const start = new Int32Array(n + 1);
  const infinite = new Uint8Array(n); // 1: the row has a non-finite entry (0 · ∞ terms in the dense loop)
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = D[i * k + j];
      if (v !== 0) nnz++;
      if (!Number.isFinite(v)) infinite[i] = 1;
    }
    start[i + 1] = nnz;
  }
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  for (let i = 0, t = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = D[i * k + j];
      if (v !== 0) {
        col[t] = j;
        val[t++] = v;
      }
    }
  }
  const finite = (b: readonly number[]) => b.every((v) => Number.isFinite(v));
  const etaDense = (b: readonly number[], o: number) => {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += b[j] * D[o + j];
    return eta;
  };
  const etaSparse = (b: readonly number[], i: number) => {
    let eta = 0;
    for (let t = start[i], e = start[i + 1]; t < e; t++) eta += b[col[t]] * val[t];
    return eta;
  };
  const loglik = (b: readonly number[]) => {
    const sparse = finite(b);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const eta = sparse ? etaSparse(b, i) : etaDense(b, i * k);
      ll += y[i] ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
    }
    return ll;
  };
  const objective = (b: readonly number[]) => loglik(b) - 0.5 * b.reduce((s, v, j) => s + lam[j] * v * v, 0);
  const derivatives = (b: readonly number[]) => {
    const h = new Float64Array(k * k); // lower triangle, row-major
    const gf = new Float64Array(k);
    const sparse = finite(b);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      const p = 1 / (1 + Math.exp(-(sparse ? etaSparse(b, i) : etaDense(b, o))));
      const w = p * (1 - p);
      const r = y[i] - p;
      if (sparse && !infinite[i] && Number.isFinite(w) && Number.isFinite(r)) {
        const e = start[i + 1];
        for (let t = start[i]; t < e; t++) {
          const xa = val[t];
          const ha = col[t] * k;
          gf[col[t]] += r * xa;
          const wa = w * xa;
          for (let s = start[i]; s <= t; s++) h[ha + col[s]] += wa * val[s];
        }
        continue;
      }
      for (let a = 0; a < k; a++) {
        const xa = D[o + a];
        gf[a] += r * xa;
        const wa = w * xa;
        const ha = a * k;
        for (let c = 0; c <= a; c++) h[ha + c] += wa * D[o + c];
      }
    }
    const H = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, c) => (c <= a ? h[a * k + c] : h[c * k + a])));
    const g = Array.from(gf);
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
