/**
 * The proportional-odds (cumulative logit) model for ordered answers such as the survey's 1-5
 * items (docs/metrics.md, "Models"): a 1-5 answer is an ordered category, not a number, so its
 * steps are not assumed equal (least squares on 1..5 would). With ordered levels 1..J,
 *
 *     P(y <= j | x) = σ(θ_j − x'β),   θ_1 < θ_2 < ... < θ_{J−1},   σ(z) = 1 / (1 + e^−z)
 *
 * (statsmodels' `OrderedModel(distr="logit")` parametrisation: a positive β_f raises the chance
 * of a higher answer; there is no separate intercept, the thresholds θ carry the level).
 * Fitted by Newton-Raphson on (β, θ) with analytic derivatives and step halving that keeps the
 * thresholds ordered; stops when the largest step is below 1e-10.
 *
 * - Constant or collinear features are left out with a reason (`screenColumns`), never a failure.
 * - Levels nobody chose are left out (J counts the observed levels).
 * - Standard errors: the inverse observed information, or, when `clusters` is given (the person
 *   who answered, since people return across rounds and their answers are not independent),
 *   the cluster-robust sandwich H⁻¹ (Σ_g s_g s_g') H⁻¹ with the small-sample factor
 *   G/(G − 1) · (N − 1)/(N − K), as statsmodels' `cov_type="cluster"` computes it.
 * - `penalty` λ > 0 adds the ridge penalty (λ/2) Σ_f (s_f β_f)² on standardised features, as in
 *   `logisticRegression`.
 * Pure (no Node imports).
 */
import { coefficientsOf, columnScales, FitError, invertSpd, screenColumns, sigmoid, type Coefficient, type DroppedColumn } from "./regression";

/** A fitted proportional-odds model. */
export interface OrdinalFit<N extends string = string> {
  /** Feature coefficients β (log cumulative odds of a higher answer per unit). */
  coefficients: Coefficient<N>[];
  /** Thresholds θ_1..θ_{J−1}, named `k|k+1` by the levels they separate. */
  thresholds: Coefficient<string>[];
  /** The observed answer levels, ascending (J of them). */
  levels: number[];
  /** Covariance of (β, θ) in that order. */
  cov: number[][];
  covariance: string;
  n: number;
  /** Clusters (people) when the covariance is cluster-robust. */
  clusters: number | null;
  logLik: number;
  iterations: number;
  converged: boolean;
  dropped: DroppedColumn[];
  penalty: number;
}

const dens = (z: number) => {
  const s = sigmoid(z);
  return s * (1 - s);
};
const densPrime = (z: number) => {
  const s = sigmoid(z);
  return s * (1 - s) * (1 - 2 * s);
};

/**
 * Fits the proportional-odds model of ordered answers `y` on the columns of X (module doc).
 * @param y answers (any ordered numbers, e.g. 1-5).
 * @param options.clusters one cluster id per row (e.g. the respondent's pseudonym) for cluster-robust standard errors.
 * @param options.penalty ridge penalty λ >= 0 (default 0).
 * @throws FitError with fewer than two observed levels, fewer rows than 2 × parameters, or no convergence.
 */
export function orderedLogit<N extends string>(
  X: readonly (readonly number[])[],
  y: readonly number[],
  names: readonly N[],
  options: { clusters?: readonly string[]; penalty?: number } = {},
): OrdinalFit<N> {
  const penalty = options.penalty ?? 0;
  if (!(penalty >= 0)) throw new RangeError(`the penalty must be >= 0, got ${penalty}`);
  if (options.clusters && options.clusters.length !== y.length) throw new RangeError("need one cluster id per row");
  const levels = [...new Set(y)].sort((a, b) => a - b);
  const J = levels.length;
  if (J < 2) throw new FitError("an ordinal model needs at least two different answers");
  const cat = y.map((v) => levels.indexOf(v)); // 0..J-1
  const { keep, dropped } = screenColumns(X, names);
  const used = keep.map((j) => names[j]);
  const p = used.length;
  const K = p + J - 1;
  const n = y.length;
  if (n < 2 * K) throw new FitError(`an ordinal model with ${K} parameters needs at least ${2 * K} answers, got ${n}`);
  const D = X.map((row) => keep.map((c) => row[c]));
  const lam = columnScales(D, p).map((s) => penalty * s * s);

  const terms = (beta: readonly number[], theta: readonly number[], i: number) => {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += beta[j] * D[i][j];
    const c = cat[i];
    const a = c < J - 1 ? theta[c] - eta : Infinity; // upper cut
    const b = c > 0 ? theta[c - 1] - eta : -Infinity; // lower cut
    const Fa = a === Infinity ? 1 : sigmoid(a);
    const Fb = b === -Infinity ? 0 : sigmoid(b);
    // P computed without cancellation where both tails are far
    const P = a !== Infinity && b !== -Infinity ? Fa - Fb : a === Infinity ? 1 - Fb : Fa;
    return { c, a, b, P };
  };
  const loglik = (beta: readonly number[], theta: readonly number[]) => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const { P } = terms(beta, theta, i);
      ll += Math.log(Math.max(P, 1e-300));
    }
    return ll;
  };
  const objective = (beta: readonly number[], theta: readonly number[]) => loglik(beta, theta) - 0.5 * beta.reduce((s, v, j) => s + lam[j] * v * v, 0);

  /** Per-row score vectors and the summed Hessian of the log-likelihood (penalty added to H only when asked). */
  const derivatives = (beta: readonly number[], theta: readonly number[], withPenalty: boolean) => {
    const H = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    const scores: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const { c, a, b, P } = terms(beta, theta, i);
      const fa = a === Infinity ? 0 : dens(a);
      const fb = b === -Infinity ? 0 : dens(b);
      const fpa = a === Infinity ? 0 : densPrime(a);
      const fpb = b === -Infinity ? 0 : densPrime(b);
      const x = D[i];
      const s = new Float64Array(K);
      const dfab = fa - fb;
      for (let j = 0; j < p; j++) s[j] = (-x[j] * dfab) / P;
      const ia = c < J - 1 ? p + c : -1;
      const ib = c > 0 ? p + c - 1 : -1;
      if (ia >= 0) s[ia] = fa / P;
      if (ib >= 0) s[ib] = -fb / P;
      scores.push(s);
      const bb = (fpa - fpb) / P - (dfab * dfab) / (P * P);
      for (let j = 0; j < p; j++) for (let m = 0; m <= j; m++) H[j][m] += x[j] * x[m] * bb;
      if (ia >= 0) {
        H[ia][ia] += fpa / P - (fa * fa) / (P * P);
        const ba = -(fpa / P - (fa * dfab) / (P * P));
        for (let j = 0; j < p; j++) H[ia][j] += x[j] * ba;
      }
      if (ib >= 0) {
        H[ib][ib] += -fpb / P - (fb * fb) / (P * P);
        const bbk = -(-fpb / P + (fb * dfab) / (P * P));
        for (let j = 0; j < p; j++) H[ib][j] += x[j] * bbk;
      }
      if (ia >= 0 && ib >= 0) H[ia][ib] += (fa * fb) / (P * P);
    }
    // H was filled in its lower triangle (row >= column): mirror it
    for (let r = 0; r < K; r++) for (let c = 0; c < r; c++) H[c][r] = H[r][c];
    const g = new Array<number>(K).fill(0);
    for (const s of scores) for (let j = 0; j < K; j++) g[j] += s[j];
    if (withPenalty) {
      for (let j = 0; j < p; j++) {
        g[j] -= lam[j] * beta[j];
        H[j][j] -= lam[j];
      }
    }
    return { g, H, scores };
  };

  // Start: β = 0, thresholds at the logits of the cumulative shares.
  let beta = new Array<number>(p).fill(0);
  const counts = levels.map((_, j) => cat.filter((c) => c === j).length);
  let theta: number[] = [];
  let cum = 0;
  for (let j = 0; j < J - 1; j++) {
    cum += counts[j];
    const q = cum / n;
    theta.push(Math.log(q / (1 - q)));
  }
  let obj = objective(beta, theta);
  let it = 0;
  let converged = false;
  for (; it < 200 && !converged; it++) {
    const { g, H } = derivatives(beta, theta, true);
    const inv = invertSpd(H.map((r) => r.map((v) => -v)));
    const step = inv.map((r) => r.reduce((s, v, j) => s + v * g[j], 0));
    let t = 1;
    for (;;) {
      const nb = beta.map((v, j) => v + t * step[j]);
      const nt = theta.map((v, j) => v + t * step[p + j]);
      const ordered = nt.every((v, j) => j === 0 || v > nt[j - 1]);
      const no = ordered ? objective(nb, nt) : -Infinity;
      if (no >= obj - 1e-12 || t < 1e-8) {
        if (ordered) {
          beta = nb;
          theta = nt;
          obj = no;
        }
        break;
      }
      t /= 2;
    }
    converged = Math.max(...step.map((s) => Math.abs(s * t))) < 1e-10;
  }
  if (!converged) throw new FitError("the ordinal model did not converge (is an answer level perfectly predicted by a feature?)");
  const { H, scores } = derivatives(beta, theta, true);
  const bread = invertSpd(H.map((r) => r.map((v) => -v)));
  let cov = bread;
  let covariance = penalty > 0 ? "inverse of the penalised information (ridge)" : "inverse of the observed information (model-based)";
  let clusters: number | null = null;
  if (options.clusters) {
    const groups = new Map<string, Float64Array>();
    options.clusters.forEach((id, i) => {
      const s = groups.get(id) ?? new Float64Array(K);
      for (let j = 0; j < K; j++) s[j] += scores[i][j];
      groups.set(id, s);
    });
    const G = groups.size;
    if (G >= 2) {
      const meat = Array.from({ length: K }, () => new Array<number>(K).fill(0));
      for (const s of groups.values()) for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) meat[a][b] += s[a] * s[b];
      const factor = (G / (G - 1)) * ((n - 1) / (n - K));
      const left = bread.map((r) => meat[0].map((_, b) => r.reduce((acc, v, m) => acc + v * meat[m][b], 0)));
      cov = left.map((r) => bread[0].map((_, b) => factor * r.reduce((acc, v, m) => acc + v * bread[m][b], 0)));
      covariance = `cluster-robust sandwich by respondent (${G} clusters), small-sample factor G/(G−1)·(N−1)/(N−K)`;
      clusters = G;
    }
  }
  const thresholdNames = levels.slice(0, -1).map((l, j) => `${l}|${levels[j + 1]}`);
  const all = coefficientsOf([...used, ...thresholdNames] as string[], [...beta, ...theta], cov);
  return {
    coefficients: all.slice(0, p) as Coefficient<N>[],
    thresholds: all.slice(p),
    levels,
    cov,
    covariance,
    n,
    clusters,
    logLik: loglik(beta, theta),
    iterations: it,
    converged,
    dropped,
    penalty,
  };
}

/**
 * P(answer >= level | x) under an ordinal fit: 1 − σ(θ_{level−1|level} − x'β) = σ(x'β − θ).
 * @throws RangeError when `level` is not an observed level above the lowest.
 */
export function probabilityAtLeast(fit: Pick<OrdinalFit, "coefficients" | "thresholds" | "levels">, x: Readonly<Record<string, number>>, level: number): number {
  const j = fit.levels.indexOf(level);
  if (j < 1) throw new RangeError(`level ${level} is not an observed answer above the lowest (${fit.levels.join(", ")})`);
  let eta = 0;
  for (const c of fit.coefficients) eta += c.estimate * x[c.name];
  return sigmoid(eta - fit.thresholds[j - 1].estimate);
}
