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

/**
 * The Newton fits' line-search tolerance, relative to the objective (a log-likelihood, in nats):
 * a step is halved only when it lowers the objective by more than this times max(1, |objective|).
 * Below that, a change is the sum's rounding error, not the model's: near the optimum a Newton
 * step of about 1e-8 changes the objective by about 1e-16 of it, and an absolute tolerance would
 * halve that step some 20 times, each with a full log-likelihood, to stop one step short.
 */
export const OBJECTIVE_TOLERANCE = 1e-12;

/**
 * Whether a Newton iteration ends a fit: its step, of which the fraction `t` was taken, moved no
 * parameter by more than `largest` (in the parameters' units). It does when that is below 1e-10,
 * or below 1e-5 for a whole step (t = 1): near the optimum Newton's error squares at every step
 * (on the outcome models, steps of 3e-3, 1e-6, 1e-12), so after a whole step of δ what remains is
 * of the order of δ² (1e-10), and one more iteration (a Hessian and a log-likelihood) would change
 * the estimates by no more than that, far inside their standard errors.
 */
export function newtonConverged(largest: number, t: number): boolean {
  return largest < 1e-10 || (t === 1 && largest < 1e-5);
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
 * Scratch arrays for a fit's loops, kept from one fit to the next instead of made for each: the
 * validation folds fit thousands of models of tens of thousands of rows, and arrays made afresh
 * for each cost their allocation and the garbage collector's time. `take` gives views of one
 * buffer, valid until the next `take` of the same `Scratch`: a fit takes its arrays once, and no
 * fit runs while another that took from the same `Scratch` is running (fits are synchronous and
 * none calls another of its kind). The arrays hold whatever was left in them: a fit writes every
 * element before reading it, so its results do not depend on what ran before.
 */
export class Scratch {
  private buffer = new Float64Array(0);

  /** One array of each length, in order (views of the kept buffer, grown when too small). */
  take(lengths: readonly number[]): Float64Array[] {
    let total = 0;
    for (const l of lengths) total += l;
    if (this.buffer.length < total) this.buffer = new Float64Array(total);
    let at = 0;
    return lengths.map((l) => this.buffer.subarray(at, (at += l)));
  }
}

/**
 * Which columns of X (beside an intercept) can be estimated: a column that is constant in the
 * data, or whose values are (to 1e-9 of its variance) a linear combination of the intercept and
 * the columns kept before it, is left out with a reason. Gram-Schmidt in column order, so of two
 * identical columns the first is kept. With `weights` (frequency weights, {@link rowWeights}) row
 * i counts `weights[i]` times: the result is that of the data with each row repeated so often.
 * @returns indices of the kept columns, and the dropped ones with reasons.
 */
export function screenColumns(X: readonly (readonly number[])[], names: readonly string[], weights?: ArrayLike<number>): { keep: number[]; dropped: DroppedColumn[] } {
  // Fits of the same rows under several penalties screen them once (the rows are never changed).
  const key = names.join("\0");
  const known = screened.get(X)?.get(key);
  if (known && known.weights === weights) return { keep: [...known.keep], dropped: known.dropped.map((d) => ({ ...d })) };
  // the weights as a Float64Array whatever they came as (the same values: the same sums), so the
  // screen's loops read one kind of array
  const result = screen(X, names, weights instanceof Float64Array ? weights : weights ? Float64Array.from(weights) : new Float64Array(X.length).fill(1));
  const byNames = screened.get(X) ?? new Map<string, { keep: number[]; dropped: DroppedColumn[]; weights?: ArrayLike<number> }>();
  byNames.set(key, { ...result, weights });
  screened.set(X, byNames);
  return { keep: [...result.keep], dropped: result.dropped.map((d) => ({ ...d })) };
}

/** {@link screenColumns}' results by data array and column names (and the weights they were screened with). */
const screened = new WeakMap<readonly (readonly number[])[], Map<string, { keep: number[]; dropped: DroppedColumn[]; weights?: ArrayLike<number> }>>();

/**
 * Frequency weights checked for a fit of `n` rows: a copy as a Float64Array, or all ones when
 * `weights` is undefined (multiplying by 1 is exact, so an unweighted fit is unchanged to the bit).
 * The copy of an array of weights is kept for the next fit with the same array (fits of one data
 * set under several penalties check and copy it once): never change weights after a fit, nor the
 * result.
 * @throws RangeError when their number is not `n` or one is not a finite number > 0.
 */
export function rowWeights(weights: ArrayLike<number> | undefined, n: number): { w: Float64Array; total: number } {
  if (weights === undefined) return { w: new Float64Array(n).fill(1), total: n };
  if (weights.length !== n) throw new RangeError(`need one weight per row: ${weights.length} weights for ${n} rows`);
  const known = checkedWeights.get(weights);
  if (known) return known;
  const w = Float64Array.from(weights);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0 && Number.isFinite(w[i]))) throw new RangeError(`row ${i}: a weight must be a finite number > 0 (leave out rows that count for nothing), got ${weights[i]}`);
    total += w[i];
  }
  const checked = { w, total };
  checkedWeights.set(weights, checked);
  return checked;
}

/** {@link rowWeights}' results by weights array. */
const checkedWeights = new WeakMap<ArrayLike<number>, { w: Float64Array; total: number }>();

function screen(X: readonly (readonly number[])[], names: readonly string[], w: Float64Array): { keep: number[]; dropped: DroppedColumn[] } {
  const n = X.length;
  const k = names.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  const dense = denseColumns(X, k);
  // each column's weighted mean and sum of squares about it: a column is constant when it is tiny
  const mean = new Float64Array(k);
  const ss = new Float64Array(k);
  const varying: number[] = [];
  for (let j = 0; j < k; j++) {
    const o = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += (w[i] * dense[o + i]) / total;
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] * (dense[o + i] - m) ** 2;
    mean[j] = m;
    ss[j] = s;
    if (s > 1e-12 * Math.max(1, m * m) * Math.max(1, total)) varying.push(j);
  }
  const constant = (j: number): DroppedColumn => ({ name: names[j], reason: n === 0 ? "no data" : `constant in the data (every value ${Number(mean[j].toPrecision(6))})` });
  if (clearlyIndependent(dense, n, w, varying, mean)) {
    return { keep: varying, dropped: names.flatMap((_, j) => (varying.includes(j) ? [] : [constant(j)])) };
  }
  // Gram-Schmidt on the columns in order (copies: it overwrites them)
  const basis: Float64Array[] = [];
  if (n > 0) basis.push(new Float64Array(n).fill(1 / Math.sqrt(total)));
  const keep: number[] = [];
  const keptNames: string[] = [];
  const dropped: DroppedColumn[] = [];
  for (let j = 0; j < k; j++) {
    if (!varying.includes(j)) {
      dropped.push(constant(j));
      continue;
    }
    const r = dense.slice(j * n, (j + 1) * n);
    const rr = residual(r, basis, n, w);
    if (rr < 1e-9 * ss[j]) {
      dropped.push({ name: names[j], reason: `collinear with the intercept${keptNames.length ? ` and ${keptNames.join(", ")}` : ""} (a linear combination of them in the data)` });
      continue;
    }
    const norm = Math.sqrt(rr);
    for (let i = 0; i < n; i++) r[i] /= norm;
    basis.push(r);
    keep.push(j);
    keptNames.push(names[j]);
  }
  return { keep, dropped };
}

/**
 * The least 1 − R² (of a column on the intercept and the columns before it) at which
 * {@link screen} keeps every varying column without Gram-Schmidt: a million times its threshold
 * (1e-9), so far above the rounding of either computation (about 1e-16 times the condition
 * number, at most about 1e4 here, over the square root of 1 − R²) that both make the same choice.
 */
const CLEARLY_INDEPENDENT = 1e-3;

/** {@link clearlyIndependent}'s scratch arrays. */
const screenScratch = new Scratch();

/**
 * Whether the columns `cols` of the column-major `dense` (n rows; weighted means `mean`) are
 * clearly independent of the intercept and of each other: each column's 1 − R² on the intercept
 * and the columns before it (the squared pivots of the Cholesky factor of the columns'
 * weighted correlation matrix, in order) is at least {@link CLEARLY_INDEPENDENT}, when
 * Gram-Schmidt would keep every one of them. The cross products of the centred columns are
 * summed four at a time ({@link weightedCrossProducts}), where Gram-Schmidt's sums run one after
 * another. False (then Gram-Schmidt decides) whenever in doubt.
 */
function clearlyIndependent(dense: Float64Array, n: number, w: Float64Array, cols: readonly number[], mean: Float64Array): boolean {
  const k = cols.length;
  if (k === 0) return true;
  const [Z, scratch] = screenScratch.take([n * k, n]);
  for (let a = 0; a < k; a++) {
    const o = cols[a] * n;
    const m = mean[cols[a]];
    for (let i = 0; i < n; i++) Z[a * n + i] = dense[o + i] - m;
  }
  const G = new Float64Array(k * k);
  weightedCrossProducts(Z, n, k, w, scratch, G);
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const corr = (a: number, c: number) => G[a * k + c] / Math.sqrt(G[a * k + a] * G[c * k + c]);
    let d = 1;
    for (let t = 0; t < j; t++) d -= L[j * k + t] * L[j * k + t];
    if (!(d >= CLEARLY_INDEPENDENT)) return false;
    const root = Math.sqrt(d);
    L[j * k + j] = root;
    for (let i = j + 1; i < k; i++) {
      let s = corr(i, j);
      for (let t = 0; t < j; t++) s -= L[i * k + t] * L[j * k + t];
      L[i * k + j] = s / root;
    }
  }
  return true;
}

/**
 * Modified Gram-Schmidt in the inner product a·b = Σ_i w_i a_i b_i: r −= (r·b) b for each b of
 * `basis` in turn (r is overwritten), then returns r·r. One pass per basis vector: the pass that
 * subtracts b_t also accumulates the dot product with b_t+1 (or r·r after the last), each over i in
 * order on the updated r[i], so every sum is the one of the two-pass form to the last bit.
 */
function residual(r: Float64Array, basis: readonly Float64Array[], n: number, w: Float64Array): number {
  let dot = 0;
  if (basis.length) {
    const b = basis[0];
    for (let i = 0; i < n; i++) dot += w[i] * r[i] * b[i];
  }
  for (let t = 0; t < basis.length; t++) {
    const b = basis[t];
    const next = t + 1 < basis.length ? basis[t + 1] : r;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      r[i] -= dot * b[i];
      acc += w[i] * r[i] * next[i];
    }
    dot = acc;
  }
  if (basis.length) return dot;
  let rr = 0;
  for (let i = 0; i < n; i++) rr += w[i] * r[i] * r[i];
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

/** What a fit's `covariance` says when it was asked for no inference. */
export const NOT_COMPUTED = "not computed (inference: false): se, ci, z and p are NaN";

/** A k × k matrix of NaN: the covariance of a fit asked for no inference. */
export function notComputed(k: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
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
 * (IRLS) with step halving, stopping as `newtonConverged` says.
 *
 * Columns that are constant or collinear are left out first (`screenColumns`) and listed in
 * `dropped`; their coefficients are absent. With `penalty` λ > 0 the fit maximises the ridge
 * (Gaussian-prior) penalised log-likelihood ℓ(β) − (λ/2) Σ_j (s_j β_j)², s_j the standard
 * deviation of column j, so every feature is shrunk on the same standardised scale and the
 * intercept is not shrunk; the covariance is then the inverse penalised information (the
 * Laplace approximation of the posterior). Without a penalty, it is the inverse observed
 * information X'WX, W = diag(p(1 − p)), and the intervals are Wald intervals.
 * @param options.penalty ridge penalty λ >= 0 (default 0).
 * @param options.start the coefficients Newton starts from (intercept, then the kept columns;
 *   default all 0), e.g. the same data's fit at a neighbouring penalty: the estimate is the same
 *   optimum, reached in fewer iterations. One of another length is ignored.
 * @param options.inference false skips the covariance (one evaluation of the information matrix
 *   and its inverse): `cov` and every coefficient's se, ci, z and p are NaN. For fits whose
 *   estimates alone are used (validation folds).
 * @param options.weights frequency weights, one per row (finite, > 0): row i counts as
 *   `weights[i]` identical rows, so data with many repeated rows can be given once per distinct
 *   row (and outcome) with its count. Every result is that of the repeated data (n is the sum of
 *   the weights), up to the order of the sums. Never change them after a fit (they are memoised
 *   with X).
 * @throws FitError with fewer rows than 2 × (kept columns + 1), an outcome without both values,
 *   or no convergence in 100 iterations (perfect separation; a penalty > 0 prevents it).
 * @throws RangeError on a negative penalty, or weights that are not one finite number > 0 per row.
 */
export function logisticRegression<N extends string>(
  X: readonly (readonly number[])[],
  y: readonly number[],
  names: readonly N[],
  options: { penalty?: number; start?: readonly number[]; inference?: boolean; weights?: ArrayLike<number> } = {},
): RegressionFit<N> {
  const penalty = options.penalty ?? 0;
  if (!(penalty >= 0)) throw new RangeError(`the penalty must be >= 0, got ${penalty}`);
  const rows = X.length;
  const { w: m, total: n } = rowWeights(options.weights, rows);
  const { keep, dropped } = screenColumns(X, names, options.weights);
  const used = keep.map((j) => names[j]);
  const k = used.length + 1;
  if (n < 2 * k) throw new FitError(`logistic regression needs at least ${2 * k} rows, got ${n}`);
  let ones = 0;
  for (let i = 0; i < rows; i++) ones += y[i] ? m[i] : 0;
  if (ones === 0 || ones === n) throw new FitError("logistic regression needs both outcomes in the data");
  const { C, scale } = columnMajor(X, keep, true, options.weights);
  const lam = new Float64Array(k);
  for (let j = 1; j < k; j++) lam[j] = penalty * scale[j] * scale[j];
  // The hot loops allocate nothing per row or per iteration and run over the design's columns;
  // their arithmetic, and its order, is that of the formulas as written: each row's η sums its
  // terms b_j·x_j in column order, each entry of the gradient and of X'WX sums its terms over the
  // rows in row order (results are the same to the last bit; a row's weight multiplies its terms,
  // and multiplying by 1 is exact, so unweighted fits are unchanged). Each row's η (and e^−η where the
  // log-likelihood needs it) is kept from the objective's pass at the coefficients that become the
  // estimate, so the derivatives there reuse it instead of computing it again.
  // the per-row arrays, from the scratch space kept between fits (every element written before it is read)
  const [yv, yf, eta0, exp0, eta1, exp1, w, r, scratch] = logisticScratch.take(new Array<number>(9).fill(rows));
  for (let i = 0; i < rows; i++) {
    yv[i] = y[i] ? 1 : 0; // 1: y[i] is truthy
    yf[i] = y[i];
  }
  let eta = eta0;
  let expNeg = exp0; // e^−η of rows with y truthy (what the log-likelihood computed)
  let etaTrial = eta1;
  let expTrial = exp1;
  /** The log-likelihood at `b`, each row's η (and e^−η of rows with y truthy) kept in `etaOut` (`expOut`). */
  const loglik = (b: Float64Array, etaOut: Float64Array, expOut: Float64Array) => {
    linearPredictors(C, rows, k, b, etaOut);
    let ll = 0;
    for (let i = 0; i < rows; i++) {
      const e = etaOut[i];
      if (yv[i]) {
        const x = Math.exp(-e);
        expOut[i] = x;
        ll += m[i] * -Math.log1p(x);
      } else {
        ll += m[i] * -Math.log1p(Math.exp(e));
      }
    }
    return ll;
  };
  const penaltyOf = (b: Float64Array) => {
    let s = 0;
    for (let j = 0; j < k; j++) s = s + lam[j] * b[j] * b[j];
    return s;
  };
  const h = new Float64Array(k * k); // lower triangle, row-major
  const gf = new Float64Array(k);
  /** Gradient and Hessian (penalty included) at `b`, whose rows' η are `eta` (and e^−η `expNeg` where y is truthy). */
  const derivatives = (b: Float64Array) => {
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + (yv[i] ? expNeg[i] : Math.exp(-eta[i])));
      w[i] = m[i] * (p * (1 - p));
      r[i] = m[i] * (yf[i] - p);
    }
    for (let a = 0; a < k; a++) {
      const oa = a * rows;
      let s = 0;
      for (let i = 0; i < rows; i++) s += r[i] * C[oa + i];
      gf[a] = s;
    }
    weightedCrossProducts(C, rows, k, w, scratch, h);
    const H = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, c) => (c <= a ? h[a * k + c] : h[c * k + a])));
    const g = Array.from(gf);
    for (let a = 0; a < k; a++) {
      g[a] -= lam[a] * b[a];
      H[a][a] += lam[a];
    }
    return { g, H };
  };
  let beta = new Float64Array(k);
  if (options.start?.length === k && options.start.every(Number.isFinite)) beta.set(options.start);
  let ll = loglik(beta, eta, expNeg);
  let obj = ll - 0.5 * penaltyOf(beta);
  let next = new Float64Array(k);
  const step = new Float64Array(k);
  let it = 0;
  let converged = false;
  for (; it < 100 && !converged; it++) {
    const { g, H } = derivatives(beta);
    const inv = invertSpd(H);
    for (let a = 0; a < k; a++) {
      const row = inv[a];
      let s = 0;
      for (let j = 0; j < k; j++) s += row[j] * g[j];
      step[a] = s;
    }
    let t = 1;
    for (let j = 0; j < k; j++) next[j] = beta[j] + step[j];
    let llNext = loglik(next, etaTrial, expTrial);
    let objNext = llNext - 0.5 * penaltyOf(next);
    while (objNext < obj - OBJECTIVE_TOLERANCE * Math.max(1, Math.abs(obj)) && t > 1e-6) {
      t /= 2;
      for (let j = 0; j < k; j++) next[j] = beta[j] + t * step[j];
      llNext = loglik(next, etaTrial, expTrial);
      objNext = llNext - 0.5 * penaltyOf(next);
    }
    // the trial becomes the estimate, and its rows' η the current ones
    [beta, next] = [next, beta];
    [eta, etaTrial] = [etaTrial, eta];
    [expNeg, expTrial] = [expTrial, expNeg];
    ll = llNext;
    obj = objNext;
    let largest = 0;
    for (let j = 0; j < k; j++) largest = Math.max(largest, Math.abs(step[j] * t));
    converged = newtonConverged(largest, t);
  }
  if (!converged) throw new FitError("logistic regression did not converge (is an outcome perfectly predicted by a feature?)");
  const inference = options.inference !== false;
  const cov = inference ? invertSpd(derivatives(beta).H) : notComputed(k);
  const estimate = Array.from(beta);
  return {
    coefficients: coefficientsOf(["intercept", ...used] as ("intercept" | N)[], estimate, cov),
    cov,
    covariance: !inference
      ? NOT_COMPUTED
      : penalty > 0
        ? "inverse of the penalised information (ridge; Laplace approximation of the posterior)"
        : "inverse of the observed information (model-based)",
    n,
    logLik: ll,
    iterations: it,
    converged,
    dropped,
    penalty,
  };
}

/** {@link logisticRegression}'s scratch arrays. */
const logisticScratch = new Scratch();

/**
 * Each row's linear predictor η_i = Σ_j b_j · x_ij (the terms added in column order, from 0) of
 * the n × k column-major matrix C, into `out`.
 */
export function linearPredictors(C: Float64Array, n: number, k: number, b: ArrayLike<number>, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < k; j++) {
    const bj = b[j];
    const o = j * n;
    for (let i = 0; i < n; i++) out[i] += bj * C[o + i];
  }
}

/**
 * The lower triangle of X'WX into `out` (k × k, row-major): out[a·k + c] = Σ_i (w_i · x_ia) · x_ic
 * for c <= a, each sum over the rows in order from 0, X the n × k column-major matrix C. Four
 * entries are summed in each pass over the rows (independent sums, so the processor overlaps
 * them). `scratch` (n long) holds w_i · x_ia.
 */
export function weightedCrossProducts(C: Float64Array, n: number, k: number, w: Float64Array, scratch: Float64Array, out: Float64Array): void {
  for (let a = 0; a < k; a++) {
    const oa = a * n;
    for (let i = 0; i < n; i++) scratch[i] = w[i] * C[oa + i];
    let c = 0;
    for (; c + 3 <= a; c += 4) {
      const o0 = c * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const x = scratch[i];
        s0 += x * C[o0 + i];
        s1 += x * C[o1 + i];
        s2 += x * C[o2 + i];
        s3 += x * C[o3 + i];
      }
      out[a * k + c] = s0;
      out[a * k + c + 1] = s1;
      out[a * k + c + 2] = s2;
      out[a * k + c + 3] = s3;
    }
    for (; c <= a; c++) {
      const o0 = c * n;
      let s0 = 0;
      for (let i = 0; i < n; i++) s0 += scratch[i] * C[o0 + i];
      out[a * k + c] = s0;
    }
  }
}

/**
 * The sums out[a·p + c] = Σ_i (x_ia · x_ic) · w_i for c <= a (the lower triangle, row-major, p × p),
 * each over the rows in order from 0, X the n × p column-major matrix C. Four entries are summed
 * in each pass over the rows.
 */
export function productSums(C: Float64Array, n: number, p: number, w: Float64Array, out: Float64Array): void {
  for (let a = 0; a < p; a++) {
    const oa = a * n;
    let c = 0;
    for (; c + 3 <= a; c += 4) {
      const o0 = c * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const x = C[oa + i];
        const wi = w[i];
        s0 += x * C[o0 + i] * wi;
        s1 += x * C[o1 + i] * wi;
        s2 += x * C[o2 + i] * wi;
        s3 += x * C[o3 + i] * wi;
      }
      out[a * p + c] = s0;
      out[a * p + c + 1] = s1;
      out[a * p + c + 2] = s2;
      out[a * p + c + 3] = s3;
    }
    for (; c <= a; c++) {
      const o0 = c * n;
      let s0 = 0;
      for (let i = 0; i < n; i++) s0 += C[oa + i] * C[o0 + i] * w[i];
      out[a * p + c] = s0;
    }
  }
}

/** {@link denseColumns}' results by data array, with the number of columns read. */
const denseMemo = new WeakMap<readonly (readonly number[])[], { width: number; C: Float64Array }>();

/**
 * The first `width` values of each row of X as one column-major array (C[j·n + i] = X[i][j], n
 * rows), read row by row in one pass (a column read across n row arrays is n cache misses).
 * Memoised by X (the rows are never changed), so {@link screenColumns} and {@link columnMajor},
 * which both read X's columns, read its rows once; a result of more columns serves fewer (the
 * layout of the first columns does not depend on how many follow). Do not modify the result.
 */
export function denseColumns(X: readonly (readonly number[])[], width: number): Float64Array {
  const known = denseMemo.get(X);
  if (known && known.width >= width) return known.C;
  const n = X.length;
  const C = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = X[i];
    for (let j = 0; j < width; j++) C[j * n + i] = row[j];
  }
  denseMemo.set(X, { width, C });
  return C;
}

/** Columns of a data array prepared for a fit (see {@link columnMajor}). */
export interface Columns {
  /** The columns of n rows each, column-major (C[j·n + i] is row i's column j). */
  C: Float64Array;
  /** `columnScales` of each column (population standard deviation; 1 for a constant one); 0 for an intercept. */
  scale: Float64Array;
}

/** {@link columnMajor}'s results by data array, kept columns and intercept (fits of the same rows under several penalties prepare them once), with the weights of their scales. */
const prepared = new WeakMap<readonly (readonly number[])[], Map<string, Columns & { weights?: ArrayLike<number> }>>();

/**
 * The `keep` columns of X (after a column of ones when `intercept`) as one column-major array,
 * with their scales (the sums of `columnScales`, term for term in the same order; with `weights`,
 * the population standard deviations of the data with row i repeated `weights[i]` times).
 * Memoised by X (the rows are never changed), `keep`, `intercept` and `weights`; do not modify the
 * result.
 */
export function columnMajor(X: readonly (readonly number[])[], keep: readonly number[], intercept: boolean, weights?: ArrayLike<number>): Columns {
  const key = `${intercept ? 1 : 0}:${keep.join(",")}`;
  const known = prepared.get(X)?.get(key);
  if (known && known.weights === weights) return known;
  const n = X.length;
  const first = intercept ? 1 : 0;
  const k = keep.length + first;
  const C = new Float64Array(n * k);
  if (intercept) C.fill(1, 0, n);
  const dense = denseColumns(X, keep.length ? Math.max(...keep) + 1 : 0);
  for (let j = first; j < k; j++) C.set(dense.subarray(keep[j - first] * n, (keep[j - first] + 1) * n), j * n);
  const scale = new Float64Array(k);
  const w = weights === undefined || weights instanceof Float64Array ? weights : Float64Array.from(weights); // one kind of array for the loops (the same values)
  let total = 0;
  if (w) for (let i = 0; i < n; i++) total += w[i];
  for (let j = first; j < k; j++) scale[j] = w ? weightedColumnScale(C, j * n, n, w, total) : columnScale(C, j * n, n);
  const columns = { C, scale, weights };
  const byKey = prepared.get(X) ?? new Map<string, Columns & { weights?: ArrayLike<number> }>();
  byKey.set(key, columns);
  prepared.set(X, byKey);
  return columns;
}

/** `columnScales` of one column C[o..o+n): the same sums, term for term in the same order. */
export function columnScale(C: Float64Array, o: number, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += C[o + i] / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (C[o + i] - m) ** 2 / n;
  return s > 0 ? Math.sqrt(s) : 1;
}

/** {@link columnScale} of the data with row i repeated w[i] times (frequency weights, summing to `total`: Σ w[i] in order); 1 for a constant column. */
function weightedColumnScale(C: Float64Array, o: number, n: number, w: Float64Array, total: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += (w[i] * C[o + i]) / total;
  let s = 0;
  for (let i = 0; i < n; i++) s += (w[i] * (C[o + i] - m) ** 2) / total;
  return s > 0 ? Math.sqrt(s) : 1;
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
