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
 * thresholds ordered; stops as `newtonConverged` says.
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
import { coefficientsOf, columnMajor, FitError, invertSpd, linearPredictors, newtonConverged, NOT_COMPUTED, notComputed, OBJECTIVE_TOLERANCE, productSums, rowWeights, screenColumns, sigmoid, type Coefficient, type DroppedColumn } from "./regression";

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

/**
 * Fits the proportional-odds model of ordered answers `y` on the columns of X (module doc).
 * @param y answers (any ordered numbers, e.g. 1-5).
 * @param options.clusters one cluster id per row (e.g. the respondent's pseudonym) for cluster-robust standard errors.
 * @param options.penalty ridge penalty λ >= 0 (default 0).
 * @param options.start the (β, θ) Newton starts from, in that order (default β = 0 and θ at the
 *   logits of the cumulative shares), e.g. the same data's fit at a neighbouring penalty: the
 *   estimate is the same optimum, reached in fewer iterations. One of another length, or whose
 *   thresholds are not increasing, is ignored.
 * @param options.inference false skips the covariance (one evaluation of the information matrix
 *   and its inverse, and the clusters' scores): `cov` and every coefficient's and threshold's se,
 *   ci, z and p are NaN, `clusters` null. For fits whose estimates alone are used (validation folds).
 * @param options.weights frequency weights, one per row (finite, > 0): row i counts as
 *   `weights[i]` identical answers, so many repeated (features, answer) rows can be given once with
 *   their count (as in `logisticRegression`; n is the sum of the weights). Not with `clusters`.
 *   Never change them after a fit (they are memoised with X).
 * @throws FitError with fewer than two observed levels, fewer rows than 2 × parameters, or no convergence.
 * @throws RangeError on a negative penalty, clusters or weights not one per row, a weight that is
 *   not a finite number > 0, or weights with clusters.
 */
export function orderedLogit<N extends string>(
  X: readonly (readonly number[])[],
  y: readonly number[],
  names: readonly N[],
  options: { clusters?: readonly string[]; penalty?: number; start?: readonly number[]; inference?: boolean; weights?: readonly number[] } = {},
): OrdinalFit<N> {
  const penalty = options.penalty ?? 0;
  if (!(penalty >= 0)) throw new RangeError(`the penalty must be >= 0, got ${penalty}`);
  if (options.clusters && options.clusters.length !== y.length) throw new RangeError("need one cluster id per row");
  if (options.clusters && options.weights) throw new RangeError("frequency weights and clusters cannot be combined: give each answer its own row to cluster it");
  const n = y.length; // rows
  const { w: m, total } = rowWeights(options.weights, n);
  const levels = [...new Set(y)].sort((a, b) => a - b);
  const J = levels.length;
  if (J < 2) throw new FitError("an ordinal model needs at least two different answers");
  const cat = new Int32Array(n); // 0..J-1
  const counts = new Array<number>(J).fill(0); // rows of each level
  const weighted = new Array<number>(J).fill(0); // answers of each level (rows by their weights)
  for (let i = 0; i < n; i++) {
    const c = (cat[i] = levels.indexOf(y[i]));
    counts[c]++;
    weighted[c] += m[i];
  }
  const { keep, dropped } = screenColumns(X, names, options.weights);
  const used = keep.map((j) => names[j]);
  const p = used.length;
  const K = p + J - 1;
  if (total < 2 * K) throw new FitError(`an ordinal model with ${K} parameters needs at least ${2 * K} answers, got ${total}`);
  const { C, scale } = columnMajor(X, keep, false, options.weights);
  const lam = Array.from(scale, (s) => penalty * s * s);

  // The hot loops below allocate nothing per row or per iteration and read the kept columns from
  // one column-major array; their arithmetic, and its order, is that of the formulas as written:
  // each row's η sums β_j·x_j in column order, each entry of the gradient and of the Hessian sums
  // its terms over the rows in row order (results are the same to the last bit). The objective's
  // pass keeps each row's η, σ at its two cuts and P(answer); the derivatives at the same (β, θ)
  // reuse them (σ once per cut, not again for the density and its derivative). A row's weight
  // multiplies its terms (exactly, when it is 1).
  const bufs = () => ({ eta: new Float64Array(n), Fa: new Float64Array(n), Fb: new Float64Array(n), P: new Float64Array(n), edge: new Uint8Array(n) });
  type Rows = ReturnType<typeof bufs>;
  let cur = bufs();
  let trial = bufs();
  /** The log-likelihood at (β, θ), each row's η, σ at its cuts and P(answer) kept in `out` (`edge`: 1 no upper cut, 2 no lower cut). */
  const loglik = (beta: ArrayLike<number>, theta: readonly number[], out: Rows) => {
    const { eta, Fa, Fb, P, edge } = out;
    linearPredictors(C, n, p, beta, eta);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const e = eta[i];
      const c = cat[i];
      const a = c < J - 1 ? theta[c] - e : Infinity; // upper cut
      const b = c > 0 ? theta[c - 1] - e : -Infinity; // lower cut
      const fa = a === Infinity ? 1 : sigmoid(a);
      const fb = b === -Infinity ? 0 : sigmoid(b);
      // P computed without cancellation where both tails are far
      const pr = a !== Infinity && b !== -Infinity ? fa - fb : a === Infinity ? 1 - fb : fa;
      Fa[i] = fa;
      Fb[i] = fb;
      P[i] = pr;
      edge[i] = (a === Infinity ? 1 : 0) | (b === -Infinity ? 2 : 0);
      ll += m[i] * Math.log(Math.max(pr, 1e-300));
    }
    return ll;
  };
  const penaltyOf = (beta: readonly number[]) => beta.reduce((s, v, j) => s + lam[j] * v * v, 0);

  const dfabs = new Float64Array(n);
  const upper = new Float64Array(n); // each row's factor of x_j in the Hessian at its upper cut
  const lower = new Float64Array(n); // ... and at its lower cut
  // each cut's rows (answers just below it or just above it), in order, and which side each is on
  const cutRows: Int32Array[] = [];
  const cutAbove: Uint8Array[] = [];
  for (let c = 0; c < J - 1; c++) {
    const rows = new Int32Array(counts[c] + counts[c + 1]);
    const above = new Uint8Array(rows.length);
    for (let i = 0, k = 0; i < n; i++) {
      if (cat[i] === c) rows[k++] = i;
      else if (cat[i] === c + 1) (above[k] = 1), (rows[k++] = i);
    }
    cutRows.push(rows);
    cutAbove.push(above);
  }
  const cutFactor = cutRows.map((r) => new Float64Array(r.length)); // each cut row's factor of x_j in the Hessian
  // the cuts' parts of the gradient, the Hessian's diagonal and the entries between neighbouring cuts, summed over the rows in order
  const cutGrad = new Float64Array(J - 1);
  const cutDiag = new Float64Array(J - 1);
  const cutNext = new Float64Array(Math.max(0, J - 2)); // entry (cut c + 1, cut c)
  const bbs = new Float64Array(n);
  const hf = new Float64Array(p * p);
  const score = new Float64Array(K);
  /**
   * The gradient and the summed Hessian of the log-likelihood at the (β, θ) whose rows are `rows`
   * (penalty added when asked), and with `groups` each cluster's summed score vector (for the
   * cluster-robust covariance).
   */
  const derivatives = (beta: readonly number[], rows: Rows, withPenalty: boolean, groups?: { ids: readonly string[]; sums: Map<string, Float64Array> }) => {
    const { Fa, Fb, P, edge } = rows;
    const H = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    const g = new Array<number>(K).fill(0);
    cutGrad.fill(0);
    cutDiag.fill(0);
    cutNext.fill(0);
    // per row: the cuts' densities, the features' factors, and the cut parts of the sums
    for (let i = 0; i < n; i++) {
      const c = cat[i];
      const Pi = P[i];
      const sa = Fa[i];
      const sb = Fb[i];
      const fa = edge[i] & 1 ? 0 : sa * (1 - sa);
      const fb = edge[i] & 2 ? 0 : sb * (1 - sb);
      const fpa = edge[i] & 1 ? 0 : sa * (1 - sa) * (1 - 2 * sa);
      const fpb = edge[i] & 2 ? 0 : sb * (1 - sb) * (1 - 2 * sb);
      const mi = m[i];
      const dfab = fa - fb;
      dfabs[i] = mi * dfab;
      bbs[i] = mi * ((fpa - fpb) / Pi - (dfab * dfab) / (Pi * Pi));
      const ia = c < J - 1 ? p + c : -1;
      const ib = c > 0 ? p + c - 1 : -1;
      // the row's score: -x_j (f_a - f_b) / P for the features, f_a / P and -f_b / P for its cuts
      if (ia >= 0) cutGrad[c] += mi * (fa / Pi);
      if (ib >= 0) cutGrad[c - 1] += mi * (-fb / Pi);
      if (groups) {
        score.fill(0);
        for (let j = 0; j < p; j++) score[j] = (-C[j * n + i] * dfab) / Pi;
        if (ia >= 0) score[ia] = fa / Pi;
        if (ib >= 0) score[ib] = -fb / Pi;
        const id = groups.ids[i];
        let sum = groups.sums.get(id);
        if (!sum) groups.sums.set(id, (sum = new Float64Array(K)));
        for (let j = 0; j < K; j++) sum[j] += score[j];
      }
      if (ia >= 0) {
        cutDiag[c] += mi * (fpa / Pi - (fa * fa) / (Pi * Pi));
        upper[i] = mi * -(fpa / Pi - (fa * dfab) / (Pi * Pi));
      }
      if (ib >= 0) {
        cutDiag[c - 1] += mi * (-fpb / Pi - (fb * fb) / (Pi * Pi));
        lower[i] = mi * -(-fpb / Pi + (fb * dfab) / (Pi * Pi));
      }
      if (ia >= 0 && ib >= 0) cutNext[c - 1] += mi * ((fa * fb) / (Pi * Pi));
    }
    for (let c = 0; c < J - 1; c++) {
      g[p + c] = cutGrad[c];
      H[p + c][p + c] = cutDiag[c];
      if (c > 0) H[p + c][p + c - 1] = cutNext[c - 1];
    }
    // the cut-feature block: entry (cut, j) sums x_ij times the row's factor at that cut (its upper
    // cut for rows answering the level below it, its lower for those above), over the cut's rows in order
    for (let c = 0; c < J - 1; c++) {
      const rows = cutRows[c];
      const above = cutAbove[c];
      const factor = cutFactor[c];
      for (let k = 0; k < rows.length; k++) factor[k] = above[k] ? lower[rows[k]] : upper[rows[k]];
    }
    for (let j = 0; j < p; j++) {
      const o = j * n;
      for (let c = 0; c < J - 1; c++) {
        const rows = cutRows[c];
        const factor = cutFactor[c];
        let s = 0;
        for (let k = 0; k < rows.length; k++) s += C[o + rows[k]] * factor[k];
        H[p + c][j] = s;
      }
    }
    // the features' parts, each entry summed over the rows in order
    for (let j = 0; j < p; j++) {
      const o = j * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += (-C[o + i] * dfabs[i]) / P[i];
      g[j] = s;
    }
    productSums(C, n, p, bbs, hf);
    for (let j = 0; j < p; j++) for (let m = 0; m <= j; m++) H[j][m] = hf[j * p + m];
    // H was filled in its lower triangle (row >= column): mirror it
    for (let r = 0; r < K; r++) for (let c = 0; c < r; c++) H[c][r] = H[r][c];
    if (withPenalty) {
      for (let j = 0; j < p; j++) {
        g[j] -= lam[j] * beta[j];
        H[j][j] -= lam[j];
      }
    }
    return { g, H };
  };

  // Start: β = 0, thresholds at the logits of the cumulative shares.
  let beta = new Array<number>(p).fill(0);
  let theta: number[] = [];
  let cum = 0;
  for (let j = 0; j < J - 1; j++) {
    cum += weighted[j];
    const q = cum / total;
    theta.push(Math.log(q / (1 - q)));
  }
  const start = options.start;
  if (start?.length === K && start.every(Number.isFinite) && start.every((v, j) => j <= p || v > start[j - 1])) {
    beta = start.slice(0, p);
    theta = start.slice(p);
  }
  let ll = loglik(beta, theta, cur);
  let obj = ll - 0.5 * penaltyOf(beta);
  let it = 0;
  let converged = false;
  for (; it < 200 && !converged; it++) {
    const { g, H } = derivatives(beta, cur, true);
    const inv = invertSpd(H.map((r) => r.map((v) => -v)));
    const step = inv.map((r) => r.reduce((s, v, j) => s + v * g[j], 0));
    let t = 1;
    for (;;) {
      const nb = beta.map((v, j) => v + t * step[j]);
      const nt = theta.map((v, j) => v + t * step[p + j]);
      const ordered = nt.every((v, j) => j === 0 || v > nt[j - 1]);
      const nll = ordered ? loglik(nb, nt, trial) : -Infinity;
      const no = ordered ? nll - 0.5 * penaltyOf(nb) : -Infinity;
      if (no >= obj - OBJECTIVE_TOLERANCE * Math.max(1, Math.abs(obj)) || t < 1e-8) {
        if (ordered) {
          beta = nb;
          theta = nt;
          obj = no;
          ll = nll;
          [cur, trial] = [trial, cur];
        }
        break;
      }
      t /= 2;
    }
    converged = newtonConverged(Math.max(...step.map((s) => Math.abs(s * t))), t);
  }
  if (!converged) throw new FitError("the ordinal model did not converge (is an answer level perfectly predicted by a feature?)");
  const inference = options.inference !== false;
  const groups = inference && options.clusters ? { ids: options.clusters, sums: new Map<string, Float64Array>() } : undefined;
  const bread = inference ? invertSpd(derivatives(beta, cur, true, groups).H.map((r) => r.map((v) => -v))) : notComputed(K);
  let cov = bread;
  let covariance = !inference ? NOT_COMPUTED : penalty > 0 ? "inverse of the penalised information (ridge)" : "inverse of the observed information (model-based)";
  let clusters: number | null = null;
  if (groups) {
    const G = groups.sums.size;
    if (G >= 2) {
      const meat = Array.from({ length: K }, () => new Array<number>(K).fill(0));
      for (const s of groups.sums.values()) for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) meat[a][b] += s[a] * s[b];
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
    n: total,
    clusters,
    logLik: ll,
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
