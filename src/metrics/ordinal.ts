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
 * - The fit runs on X's distinct rows, each with a weighted count per answer level (`orderedLogit`).
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
import { coefficientsOf, columnMajor, FitError, invertSpd, linearPredictors, newtonConverged, NOT_COMPUTED, notComputed, OBJECTIVE_TOLERANCE, productSums, rowWeights, Scratch, screenColumns, sigmoid, type Coefficient, type DroppedColumn } from "./regression";

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
 * The rows of X merged by equal feature values, for {@link orderedLogit}: each distinct row once
 * (the first of equal rows stands for them), with one "entry" per answer level it has (the summed
 * weight of its rows answering that level), and one "slot" per cut (threshold) one of those
 * levels is bounded by: the cumulative probability σ(θ_c − x'β) is evaluated once per slot.
 */
interface Merged {
  /** What it was made of (the memo's check besides X). */
  y: readonly number[];
  weights: ArrayLike<number> | undefined;
  cols: number;
  ids: ArrayLike<number> | undefined;
  /** The observed levels ascending, the answers of each (rows by their weights), and all answers. */
  levels: number[];
  weighted: number[];
  total: number;
  /** The distinct rows (X itself when every row is distinct), and each one's summed weight (undefined when every row is distinct and unweighted). */
  rows: readonly (readonly number[])[];
  rowWeight: Float64Array | undefined;
  /** Row r's entries are entryStart[r] .. entryStart[r + 1] − 1, levels ascending. */
  entryStart: Int32Array;
  entryRow: Int32Array;
  /** Each entry's level (0..J − 1) and weight. */
  entryCat: Int32Array;
  entryWeight: Float64Array;
  /** Each entry's slot of its upper cut (its level's threshold) and of its lower cut (the level below's); −1 when none (top and bottom level). */
  entryUpper: Int32Array;
  entryLower: Int32Array;
  /** Row r's slots are slotStart[r] .. slotStart[r + 1] − 1, cuts ascending; each slot's cut. */
  slotStart: Int32Array;
  slotCut: Int32Array;
  /** Each cut's slots, in row order, and their rows. */
  cutSlots: Int32Array[];
  cutRows: Int32Array[];
  /** The entry of each row of X. */
  entryOf: Int32Array;
}

/** {@link orderedLogit}'s scratch arrays. */
const ordinalScratch = new Scratch();

/** {@link mergeRows}' result by X (the fits of one fold at several penalties merge its rows once). */
const merges = new WeakMap<readonly (readonly number[])[], Merged>();

const hashView = new Float64Array(1);
const hashWords = new Int32Array(hashView.buffer);

/** A 32-bit hash of a row's first `cols` values (equal values, equal hashes; 0 and −0 alike). */
function hashRow(x: readonly number[], cols: number): number {
  let h = cols;
  for (let j = 0; j < cols; j++) {
    hashView[0] = x[j] === 0 ? 0 : x[j];
    h = mix(h, hashWords[0]);
    h = mix(h, hashWords[1]);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** One step of MurmurHash3's 32-bit mixing: the word k into the hash h. */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function equalRows(a: readonly number[], b: readonly number[], cols: number): boolean {
  for (let j = 0; j < cols; j++) if (a[j] !== b[j]) return false;
  return true;
}

/**
 * Each row of X's distinct row into `rowOf`, and the distinct rows (each the first of its equal
 * rows) into `distinct`, in the order of their first rows: by array object, else by value (a
 * hash, then a chain of the rows with that hash).
 */
function mergeByValues(X: readonly (readonly number[])[], cols: number, rowOf: Int32Array, distinct: (readonly number[])[]): void {
  const n = X.length;
  const byObject = new Map<readonly number[], number>();
  const byHash = new Map<number, number>(); // hash -> the last distinct row with it
  const chain = new Int32Array(n); // distinct row -> the one before it with the same hash, or −1
  for (let i = 0; i < n; i++) {
    const x = X[i];
    let r = byObject.get(x);
    if (r === undefined) {
      const h = hashRow(x, cols);
      const last = byHash.get(h);
      r = -1;
      for (let k = last ?? -1; k >= 0; k = chain[k]) {
        if (equalRows(distinct[k], x, cols)) {
          r = k;
          break;
        }
      }
      if (r < 0) {
        r = distinct.push(x) - 1;
        chain[r] = last ?? -1;
        byHash.set(h, r);
      }
      byObject.set(x, r);
    }
    rowOf[i] = r;
  }
}

/**
 * {@link mergeByValues} by the caller's ids of the rows' values (`orderedLogit`'s `rowIds`): a row
 * whose id was seen before is that id's distinct row, looked up in a typed array (no hash, no
 * map); the distinct rows come in the same order. A row that is not the same array as its id's
 * first row is compared with it by value.
 * @throws RangeError on ids that are not one non-negative integer (below 2^31) per row, or one id
 *   given to rows of different values.
 */
function mergeByIds(X: readonly (readonly number[])[], ids: ArrayLike<number>, cols: number, rowOf: Int32Array, distinct: (readonly number[])[]): void {
  const n = X.length;
  if (ids.length !== n) throw new RangeError(`need one row id per row: ${ids.length} ids for ${n} rows`);
  let top = -1;
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 31)) throw new RangeError(`row ${i}: a row id must be a non-negative integer below 2^31, got ${v}`);
    if (v > top) top = v;
  }
  const of = new Int32Array(top + 1).fill(-1); // id -> its distinct row
  for (let i = 0; i < n; i++) {
    const x = X[i];
    const id = ids[i];
    let r = of[id];
    if (r < 0) r = of[id] = distinct.push(x) - 1;
    else if (distinct[r] !== x && !equalRows(distinct[r], x, cols)) throw new RangeError(`row ${i} has the row id ${id} of an earlier row with different values`);
    rowOf[i] = r;
  }
}

/**
 * Merges the rows of X (their first `cols` values) that are equal: the same array object is the
 * same row; other rows are compared by value (by a hash, then value by value). With `ids` (the
 * caller's id of each row's values: `orderedLogit`'s `rowIds`), by id instead ({@link mergeByIds}):
 * the same distinct rows in the same order when equal ids are exactly equal values. Memoised by
 * X, y, `weights`, `cols` and `ids` (none of them is ever changed).
 * @throws RangeError from {@link rowWeights} on bad weights, from {@link mergeByIds} on bad ids.
 */
function mergeRows(X: readonly (readonly number[])[], y: readonly number[], weights: ArrayLike<number> | undefined, cols: number, ids?: ArrayLike<number>): Merged {
  const known = merges.get(X);
  if (known && known.y === y && known.weights === weights && known.cols === cols && known.ids === ids) return known;
  const n = y.length;
  const { w, total } = rowWeights(weights, n);
  const levels = [...new Set(y)].sort((a, b) => a - b);
  const J = levels.length;
  const levelOf = new Map(levels.map((l, j) => [l, j]));
  const catOf = new Int32Array(n);
  for (let i = 0; i < n; i++) catOf[i] = levelOf.get(y[i]) as number;
  // each row's distinct row
  const rowOf = new Int32Array(n);
  const distinct: (readonly number[])[] = [];
  if (ids) mergeByIds(X, ids, cols, rowOf, distinct);
  else mergeByValues(X, cols, rowOf, distinct);
  const R = distinct.length;
  // X's rows by distinct row (in order within each)
  const first = new Int32Array(R + 1);
  for (let i = 0; i < n; i++) first[rowOf[i] + 1]++;
  for (let r = 0; r < R; r++) first[r + 1] += first[r];
  const order = new Int32Array(n);
  const fill = first.slice(0, R);
  for (let i = 0; i < n; i++) order[fill[rowOf[i]]++] = i;
  // entries: per distinct row, its levels ascending with their summed weights
  const weighted = new Array<number>(J).fill(0);
  const entryStart = new Int32Array(R + 1);
  const entryRow = new Int32Array(n);
  const entryCat = new Int32Array(n);
  const entryWeight = new Float64Array(n);
  const entryOf = new Int32Array(n);
  const rowWeight = new Float64Array(R);
  const sum = new Float64Array(J);
  const at = new Int32Array(J);
  const seen = new Int32Array(J); // the row's levels so far, ascending
  let E = 0;
  for (let r = 0; r < R; r++) {
    entryStart[r] = E;
    let ns = 0;
    let rw = 0;
    for (let k = first[r]; k < first[r + 1]; k++) {
      const i = order[k];
      const c = catOf[i];
      if (sum[c] === 0) {
        let t = ns++;
        for (; t > 0 && seen[t - 1] > c; t--) seen[t] = seen[t - 1];
        seen[t] = c;
      }
      sum[c] += w[i];
      weighted[c] += w[i];
      rw += w[i];
    }
    rowWeight[r] = rw;
    for (let t = 0; t < ns; t++) {
      const c = seen[t];
      at[c] = E;
      entryRow[E] = r;
      entryCat[E] = c;
      entryWeight[E] = sum[c];
      sum[c] = 0;
      E++;
    }
    for (let k = first[r]; k < first[r + 1]; k++) {
      const i = order[k];
      entryOf[i] = at[catOf[i]];
    }
  }
  entryStart[R] = E;
  // slots: the cuts each distinct row's levels need, each once
  const slotStart = new Int32Array(R + 1);
  const slotCut = new Int32Array(2 * E);
  const slotRow = new Int32Array(2 * E);
  const perCut = new Int32Array(J);
  const entryUpper = new Int32Array(E);
  const entryLower = new Int32Array(E);
  let S = 0;
  for (let r = 0; r < R; r++) {
    slotStart[r] = S;
    let last = -1;
    for (let e = entryStart[r]; e < entryStart[r + 1]; e++) {
      const c = entryCat[e];
      entryLower[e] = -1;
      entryUpper[e] = -1;
      if (c > 0) {
        // the level just below's upper cut, when the row has that level, is this one's lower cut
        if (last !== c - 1) (slotCut[S] = c - 1), (slotRow[S] = r), perCut[c - 1]++, S++;
        entryLower[e] = S - 1;
      }
      if (c < J - 1) {
        (slotCut[S] = c), (slotRow[S] = r), perCut[c]++, S++;
        entryUpper[e] = S - 1;
        last = c;
      }
    }
  }
  slotStart[R] = S;
  const cutSlots = Array.from({ length: Math.max(0, J - 1) }, (_, c) => new Int32Array(perCut[c]));
  const cutRows = Array.from({ length: Math.max(0, J - 1) }, (_, c) => new Int32Array(perCut[c]));
  perCut.fill(0);
  for (let s = 0; s < S; s++) {
    const c = slotCut[s];
    cutSlots[c][perCut[c]] = s;
    cutRows[c][perCut[c]++] = slotRow[s];
  }
  const merged: Merged = {
    y,
    weights,
    cols,
    ids,
    levels,
    weighted,
    total,
    rows: R === n ? X : distinct,
    rowWeight: R === n && weights === undefined ? undefined : rowWeight,
    entryStart,
    entryRow: entryRow.slice(0, E),
    entryCat: entryCat.slice(0, E),
    entryWeight: entryWeight.slice(0, E),
    entryUpper,
    entryLower,
    slotStart,
    slotCut: slotCut.slice(0, S),
    cutSlots,
    cutRows,
    entryOf,
  };
  merges.set(X, merged);
  return merged;
}

/**
 * Fits the proportional-odds model of ordered answers `y` on the columns of X (module doc).
 *
 * The fit runs on X's distinct rows: rows with equal values (the same array object, or equal
 * values) are merged into one with a weighted count per answer level, so every pass over the
 * features (linear predictors, gradient, information matrix) runs once per distinct row, and the
 * cumulative probability at a cut once per distinct row that needs it. The log-likelihood, its
 * derivatives, the covariance (the clusters' score sums too: each row's score is its merged
 * row's at its level) and n are the same sums as over the rows as given, in another order (the
 * same to about 1e-12 relatively). The merge is memoised by X (with y and `weights`), so fits of
 * the same data at several penalties make it once: never change X, y or the weights after a fit.
 * @param X one row of feature values per answer, in the order of `names`; rows given as the same
 *   array object are merged without comparing their values.
 * @param options.rowIds one id per row of X (a non-negative integer, e.g. an index of the distinct
 *   feature rows), equal for rows of equal values (in the columns named): rows are then merged by
 *   id, without hashing their values, into the same distinct rows in the same order (the fit is
 *   the same to the last bit). Rows of equal values under different ids are fitted as separate
 *   rows (the same fit up to the order of the sums). Never change them after a fit (memoised with X).
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
 * @throws RangeError on a negative penalty, X, clusters or weights not one per answer, a weight
 *   that is not a finite number > 0, weights with clusters, row ids not one non-negative integer
 *   per row, or one row id given to rows of different values.
 */
export function orderedLogit<N extends string>(
  X: readonly (readonly number[])[],
  y: readonly number[],
  names: readonly N[],
  options: { clusters?: readonly string[]; penalty?: number; start?: readonly number[]; inference?: boolean; weights?: ArrayLike<number>; rowIds?: ArrayLike<number> } = {},
): OrdinalFit<N> {
  const penalty = options.penalty ?? 0;
  if (!(penalty >= 0)) throw new RangeError(`the penalty must be >= 0, got ${penalty}`);
  if (X.length !== y.length) throw new RangeError(`need one row of X per answer: ${X.length} rows for ${y.length} answers`);
  if (options.clusters && options.clusters.length !== y.length) throw new RangeError("need one cluster id per row");
  if (options.clusters && options.weights) throw new RangeError("frequency weights and clusters cannot be combined: give each answer its own row to cluster it");
  const n = y.length; // rows as given
  const merged = mergeRows(X, y, options.weights, names.length, options.rowIds);
  const { levels, weighted, total, rows, rowWeight, entryStart, entryRow, entryCat: cat, entryWeight: m, entryUpper, entryLower, slotStart, slotCut, cutSlots, cutRows } = merged;
  const J = levels.length;
  if (J < 2) throw new FitError("an ordinal model needs at least two different answers");
  const { keep, dropped } = screenColumns(rows, names, rowWeight);
  const used = keep.map((j) => names[j]);
  const p = used.length;
  const K = p + J - 1;
  if (total < 2 * K) throw new FitError(`an ordinal model with ${K} parameters needs at least ${2 * K} answers, got ${total}`);
  const R = rows.length; // distinct rows
  const E = cat.length; // (distinct row, level) entries
  const S = slotCut.length; // (distinct row, cut) slots
  const { C, scale } = columnMajor(rows, keep, false, rowWeight);
  const lam = Array.from(scale, (s) => penalty * s * s);

  // The hot loops below allocate nothing per row or per iteration and read the kept columns of
  // the distinct rows from one column-major array. The objective's pass keeps each distinct row's
  // η, σ at each of its slots' cuts and each entry's P(answer); the derivatives at the same (β, θ)
  // reuse them (σ once per slot, not again for the density and its derivative). An entry's weight
  // multiplies its terms; the terms of a distinct row's entries are summed per row before the
  // passes over the features.
  // The arrays per distinct row, slot and entry come from the scratch space kept between fits
  // (every element is written before it is read).
  const cutLengths = cutSlots.map((s) => s.length);
  const work = ordinalScratch.take([R, S, E, R, S, E, S, S, S, R, R, ...cutLengths]);
  type Rows = { eta: Float64Array; F: Float64Array; P: Float64Array };
  let cur: Rows = { eta: work[0], F: work[1], P: work[2] };
  let trial: Rows = { eta: work[3], F: work[4], P: work[5] };
  /** The log-likelihood at (β, θ), each distinct row's η, σ at its slots' cuts and each entry's P(answer) kept in `out`. */
  const loglik = (beta: ArrayLike<number>, theta: readonly number[], out: Rows) => {
    const { eta, F, P } = out;
    linearPredictors(C, R, p, beta, eta);
    for (let r = 0; r < R; r++) {
      const e = eta[r];
      for (let s = slotStart[r]; s < slotStart[r + 1]; s++) F[s] = sigmoid(theta[slotCut[s]] - e);
    }
    let ll = 0;
    for (let k = 0; k < E; k++) {
      const a = entryUpper[k];
      const b = entryLower[k];
      // P computed without cancellation where a level has one cut
      const pr = a >= 0 && b >= 0 ? F[a] - F[b] : a < 0 ? 1 - F[b] : F[a];
      P[k] = pr;
      ll += m[k] * Math.log(Math.max(pr, 1e-300));
    }
    return ll;
  };
  const penaltyOf = (beta: readonly number[]) => beta.reduce((s, v, j) => s + lam[j] * v * v, 0);

  const dens = work[6]; // σ'(z) = σ(1 − σ) at each slot's cut
  const curv = work[7]; // σ''(z) = σ(1 − σ)(1 − 2σ)
  const slotFactor = work[8]; // each slot's factor of x_j in the Hessian's cut-feature block
  const rowGrad = work[9]; // each distinct row's factor of −x_j in the gradient
  const rowCurv = work[10]; // ... and of x_j x_m in the Hessian
  const cutFactor = work.slice(11); // each slot's factor of x_j, gathered by cut
  // the cuts' parts of the gradient, the Hessian's diagonal and the entries between neighbouring cuts
  const cutGrad = new Float64Array(J - 1);
  const cutDiag = new Float64Array(J - 1);
  const cutNext = new Float64Array(Math.max(0, J - 2)); // entry (cut c + 1, cut c)
  const hf = new Float64Array(p * p);
  /**
   * The gradient and the summed Hessian of the log-likelihood at the (β, θ) whose rows are `rows`
   * (penalty added when asked), and with `groups` each cluster's summed score vector (for the
   * cluster-robust covariance; a row of X's score is that of its entry, unweighted).
   */
  const derivatives = (beta: readonly number[], rows: Rows, withPenalty: boolean, groups?: { ids: readonly string[]; sums: Map<string, Float64Array> }) => {
    const { F, P } = rows;
    const H = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    const g = new Array<number>(K).fill(0);
    for (let s = 0; s < S; s++) {
      const sa = F[s];
      const f = sa * (1 - sa);
      dens[s] = f;
      curv[s] = f * (1 - 2 * sa);
    }
    slotFactor.fill(0);
    cutGrad.fill(0);
    cutDiag.fill(0);
    cutNext.fill(0);
    // each entry's score: −x_j (f_a − f_b) / P for the features, f_a / P and −f_b / P for its cuts
    const entryScore = groups ? { d: new Float64Array(E), a: new Float64Array(E), b: new Float64Array(E) } : undefined;
    for (let r = 0; r < R; r++) {
      let rg = 0;
      let rc = 0;
      for (let k = entryStart[r]; k < entryStart[r + 1]; k++) {
        const c = cat[k];
        const Pi = P[k];
        const a = entryUpper[k];
        const b = entryLower[k];
        const fa = a >= 0 ? dens[a] : 0;
        const fb = b >= 0 ? dens[b] : 0;
        const fpa = a >= 0 ? curv[a] : 0;
        const fpb = b >= 0 ? curv[b] : 0;
        const mi = m[k];
        const q = 1 / Pi;
        const ga = fa * q; // f_a / P
        const gb = fb * q; // f_b / P
        const d = ga - gb; // (f_a − f_b) / P
        rg += mi * d;
        rc += mi * ((fpa - fpb) * q - d * d);
        if (entryScore) {
          entryScore.d[k] = d;
          entryScore.a[k] = ga;
          entryScore.b[k] = gb;
        }
        if (a >= 0) {
          cutGrad[c] += mi * ga;
          cutDiag[c] += mi * (fpa * q - ga * ga);
          slotFactor[a] -= mi * (fpa * q - ga * d);
        }
        if (b >= 0) {
          cutGrad[c - 1] -= mi * gb;
          cutDiag[c - 1] -= mi * (fpb * q + gb * gb);
          slotFactor[b] += mi * (fpb * q - gb * d);
        }
        if (a >= 0 && b >= 0) cutNext[c - 1] += mi * (ga * gb);
      }
      rowGrad[r] = rg;
      rowCurv[r] = rc;
    }
    for (let c = 0; c < J - 1; c++) {
      g[p + c] = cutGrad[c];
      H[p + c][p + c] = cutDiag[c];
      if (c > 0) H[p + c][p + c - 1] = cutNext[c - 1];
    }
    // the cut-feature block: entry (cut, j) sums x_rj times the slot's factor over the cut's slots
    for (let c = 0; c < J - 1; c++) {
      const slots = cutSlots[c];
      const factor = cutFactor[c];
      for (let k = 0; k < slots.length; k++) factor[k] = slotFactor[slots[k]];
    }
    for (let j = 0; j < p; j++) {
      const o = j * R;
      for (let c = 0; c < J - 1; c++) {
        const at = cutRows[c];
        const factor = cutFactor[c];
        let s = 0;
        for (let k = 0; k < at.length; k++) s += C[o + at[k]] * factor[k];
        H[p + c][j] = s;
      }
    }
    // the features' parts, each entry summed over the distinct rows in order
    for (let j = 0; j < p; j++) {
      const o = j * R;
      let s = 0;
      for (let r = 0; r < R; r++) s -= C[o + r] * rowGrad[r];
      g[j] = s;
    }
    productSums(C, R, p, rowCurv, hf);
    for (let j = 0; j < p; j++) for (let m = 0; m <= j; m++) H[j][m] = hf[j * p + m];
    // H was filled in its lower triangle (row >= column): mirror it
    for (let r = 0; r < K; r++) for (let c = 0; c < r; c++) H[c][r] = H[r][c];
    if (withPenalty) {
      for (let j = 0; j < p; j++) {
        g[j] -= lam[j] * beta[j];
        H[j][j] -= lam[j];
      }
    }
    if (groups && entryScore) {
      // each row of X's score (its entry's), summed by cluster
      const { entryOf } = merged;
      const score = new Float64Array(K);
      for (let i = 0; i < n; i++) {
        const k = entryOf[i];
        const r = entryRow[k];
        const c = cat[k];
        score.fill(0);
        for (let j = 0; j < p; j++) score[j] = -C[j * R + r] * entryScore.d[k];
        if (entryUpper[k] >= 0) score[p + c] = entryScore.a[k];
        if (entryLower[k] >= 0) score[p + c - 1] = -entryScore.b[k];
        const id = groups.ids[i];
        let sum = groups.sums.get(id);
        if (!sum) groups.sums.set(id, (sum = new Float64Array(K)));
        for (let j = 0; j < K; j++) sum[j] += score[j];
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
