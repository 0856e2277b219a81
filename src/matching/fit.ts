/**
 * Weight fitting (docs/matching.md, "Weight fitting"): models of partnership outcome on pair
 * features, validated in time order and by leaving one round out, turned into a weights file
 * whose pair score is the pair's EXPECTED UTILITY, so the best matching maximises the expected
 * number of good outcomes.
 *
 * - Completion (status `completed` against `dissolved`/`withdrawn`): logistic regression with a
 *   ridge penalty on standardised coefficients (`logisticRegression`, src/metrics/regression.ts).
 * - Partner satisfaction (each respondent's 1-5 answer about their partnership): the
 *   proportional-odds model (`orderedLogit`, src/metrics/ordinal.ts), standard errors clustered by
 *   respondent (people answer in several rounds), the same kind of penalty.
 * - The penalty λ is chosen from {@link PENALTY_GRID} by time-ordered validation: train on the
 *   rounds before round t, score round t, summed over t; the λ with the lowest held-out log-loss
 *   wins (ties: the larger λ). Constant or collinear features are dropped with a message.
 * - Validation: time-ordered (the honest test of a model used on the next round) beside
 *   leave-one-round-out, each against a baseline (the training rounds' rate, or answer
 *   distribution), with a calibration check (predicted against observed by tenth of predicted
 *   probability; calibration intercept and slope).
 * - Utility: pair score = {@link UTILITY_SCALE} × (P(completed) + λ_u · P(partner satisfaction >= 4)),
 *   λ_u = {@link SATISFACTION_WEIGHT} by default: see `weightsFromFit`.
 *
 * Pure (no Node imports): the dashboards bundle `predictCompletion`.
 */
import { FitError, linearPredictor, logisticRegression, sigmoid, type RegressionFit } from "../metrics/regression";
import { orderedLogit, type OrdinalFit } from "../metrics/ordinal";
import { FEATURE_INFO, FEATURE_NAMES, type FeatureName, type PairFeatures } from "./features";
import type { Weights } from "./weights";

export { FitError, invertSpd, logisticRegression, type Coefficient, type RegressionFit } from "../metrics/regression";

/** One partnership with its observed outcomes. */
export interface OutcomeRow {
  round: string;
  features: PairFeatures;
  /** 1 completed, 0 dissolved or withdrawn, null still active (not used for completion). */
  completed: 0 | 1 | null;
  /** Partner-satisfaction answers (1-5) of respondents whose last partnership of the round this was. */
  partnerSatisfaction: number[];
  /** Who gave each answer of `partnerSatisfaction` (pseudonyms; the clusters of the standard errors). Absent: each answer its own cluster. */
  respondents?: string[];
}

/** Ridge penalties tried (λ on standardised coefficients; 0 = none). */
export const PENALTY_GRID: readonly number[] = Object.freeze([0, 1, 3, 10, 30, 100]);

/** Weight of P(partner satisfaction >= 4) against P(completed) in the default utility. */
export const SATISFACTION_WEIGHT = 0.5;

/** Points per expected good outcome in a fitted weights file (a pair's score is expected good outcomes × 100). */
export const UTILITY_SCALE = 100;

/** Predicted completion probability of a logistic fit at features x, 0..1. */
export function predictCompletion(fit: Pick<RegressionFit, "coefficients">, x: PairFeatures): number {
  return sigmoid(linearPredictor(fit, x as unknown as Record<string, number>));
}

/** Predicted value of a fit at features x: the linear predictor (logit scale for logistic fits). */
export function linearPredictorOf(fit: Pick<RegressionFit, "coefficients">, x: PairFeatures): number {
  return linearPredictor(fit, x as unknown as Record<string, number>);
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
    const mid = (s + e) / 2 + 1;
    for (let t = s; t <= e; t++) if (y[idx[t]]) { pos++; rankSum += mid; }
    s = e + 1;
  }
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Calibration of held-out predictions. */
export interface Calibration {
  /** Mean predicted probability and observed rate. */
  mean_predicted: number;
  observed: number;
  /** Logistic regression of the outcome on logit(predicted): 0 and 1 when perfectly calibrated; null when it cannot be fitted. */
  intercept: number | null;
  slope: number | null;
  /** By tenth of predicted probability (equal-count bins): mean predicted, observed rate, n. */
  bins: { predicted: number; observed: number; n: number }[];
}

/**
 * Calibration of predictions p of outcomes y (module doc): means, the calibration intercept and
 * slope, and observed against predicted by tenths.
 * @throws Error on empty input or unequal lengths.
 */
export function calibration(y: readonly number[], p: readonly number[]): Calibration {
  if (y.length === 0 || y.length !== p.length) throw new Error("calibration needs equally long, non-empty outcome and prediction lists");
  const n = y.length;
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  let intercept: number | null = null;
  let slope: number | null = null;
  try {
    const logit = p.map((q) => {
      const c = Math.min(1 - 1e-12, Math.max(1e-12, q));
      return [Math.log(c / (1 - c))];
    });
    const f = logisticRegression(logit, y, ["logit_p"]);
    if (f.coefficients.length === 2) {
      intercept = f.coefficients[0].estimate;
      slope = f.coefficients[1].estimate;
    }
  } catch (err) {
    if (!(err instanceof FitError)) throw err;
  }
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const bins: Calibration["bins"] = [];
  const B = Math.min(10, n);
  for (let b = 0; b < B; b++) {
    const idx = order.slice(Math.floor((b * n) / B), Math.floor(((b + 1) * n) / B));
    if (!idx.length) continue;
    bins.push({ predicted: mean(idx.map((i) => p[i])), observed: mean(idx.map((i) => y[i])), n: idx.length });
  }
  return { mean_predicted: mean(p), observed: mean(y), intercept, slope, bins };
}

/** Validation on one held-out round. */
export interface HeldOutRound {
  round: string;
  /** Rounds the model was trained on. */
  trained_on: string[];
  n: number;
  /** Mean log-loss of the model, and of the baseline (the training rounds' completion rate for everyone). */
  logLoss: number;
  baselineLogLoss: number;
  auc: number | null;
  /** Partner satisfaction: mean log-loss of the ordinal model's predicted answer distribution, and of the training answers' distribution; null without answers. */
  satisfactionLogLoss: number | null;
  satisfactionBaselineLogLoss: number | null;
  satisfactionN: number;
}

/** A validation scheme's folds and pooled figures. */
export interface ValidationSummary {
  scheme: "time-ordered" | "leave-one-round-out";
  folds: HeldOutRound[];
  /** Pooled over folds (weighted by n): log-loss of model and baseline, relative improvement, AUC of the pooled predictions. */
  n: number;
  logLoss: number | null;
  baselineLogLoss: number | null;
  /** 1 − model / baseline log-loss: the share of the baseline's loss the model removes. */
  improvement: number | null;
  auc: number | null;
  calibration: Calibration | null;
  satisfactionLogLoss: number | null;
  satisfactionBaselineLogLoss: number | null;
}

/** One feature's effect in plain terms. */
export interface FeatureEffect {
  feature: FeatureName;
  label: string;
  /** Average change in completion probability per unit of the feature (average marginal effect), 0..1 scale. */
  completion_per_unit: number;
  /** The same over the feature's spread in the data (× its standard deviation), for ranking. */
  completion_per_sd: number;
  /** Change in P(partner satisfaction >= 4) per unit, null without a satisfaction model. */
  satisfaction_per_unit: number | null;
}

/** Result of {@link fitOutcomes}. */
export interface OutcomeFit {
  rounds: string[];
  features: FeatureName[];
  /** Penalties chosen (λ), and how. */
  penalty: { completion: number; satisfaction: number | null; grid: readonly number[]; chosen_by: string };
  completion: RegressionFit<FeatureName>;
  satisfaction: OrdinalFit<FeatureName> | null;
  /** Time-ordered validation (train on earlier rounds, score the next). */
  timeOrdered: ValidationSummary;
  /** Leave-one-round-out validation. */
  validation: HeldOutRound[];
  leaveOneOut: ValidationSummary;
  effects: FeatureEffect[];
  /**
   * Plain-language summary, one sentence a line; `caution` when the model is not shown to beat its
   * baseline: it barely beats it (or trails it) on held-out rounds, or no round could be held out.
   */
  summary: { lines: string[]; caution: boolean };
  /** Features left out of a model, with the reason. */
  dropped: { model: "completion" | "satisfaction"; feature: string; reason: string }[];
}

/** A completion model for predictions (`predictCompletion`), with the rounds it was fitted on. */
export interface PredictionModel {
  fit: RegressionFit;
  /** Rounds the model was fitted on. */
  rounds: string[];
}

/** Each row's features in the order of the last `names` asked for: the validation folds share them instead of copying them per fold. */
const featureRows = new WeakMap<OutcomeRow, { names: readonly FeatureName[]; x: number[]; key?: string }>();

/** The row's feature values in the order of `names` (shared: never to be written to). */
function featureRow(r: OutcomeRow, names: readonly FeatureName[]): number[] {
  return featureEntry(r, names).x;
}

function featureEntry(r: OutcomeRow, names: readonly FeatureName[]): { names: readonly FeatureName[]; x: number[]; key?: string } {
  const kept = featureRows.get(r);
  if (kept?.names === names) return kept;
  const entry = { names, x: names.map((f) => r.features[f]) };
  featureRows.set(r, entry);
  return entry;
}

/** The row's feature values as a string, equal for two rows exactly when every value is (kept with {@link featureRow}). */
function featureKey(r: OutcomeRow, names: readonly FeatureName[]): string {
  const entry = featureEntry(r, names);
  return (entry.key ??= entry.x.join(","));
}

function completionData(rows: readonly OutcomeRow[], names: readonly FeatureName[]) {
  const use = rows.filter((r) => r.completed !== null);
  return { X: use.map((r) => featureRow(r, names)), y: use.map((r) => r.completed as number) };
}

/**
 * A model's training data with repeated rows given once, each with its count as a frequency
 * weight, and each row's feature-row id (equal exactly for equal feature values: `orderedLogit`'s
 * `rowIds`).
 */
interface Grouped {
  X: number[][];
  y: number[];
  weights: Float64Array;
  ids: Int32Array;
}

/** A held-out round's data: its completion rows and its satisfaction answers, each with its features (no clusters: for scoring). */
interface HeldOutData {
  completion: { X: number[][]; y: number[] };
  satisfaction: { X: number[][]; y: number[] };
}

/** One group of {@link OutcomeGroups}: its features (shared), its outcome, and its feature row's id. */
interface Group {
  x: number[];
  y: number;
  id: number;
}

/**
 * The outcome rows grouped once by (features, outcome), so that the training data of any set of
 * rounds is made without repeating rows: each distinct (features, completed) and (features,
 * satisfaction answer) of those rounds' rows, in order of first appearance, with the number of
 * times it occurs as a frequency weight (`logisticRegression` and `orderedLogit` fit them as the
 * rows repeated). The 50,000 partnerships of a 20-round history are about 23,000 distinct
 * (features, completed) and their 80,000 satisfaction answers about 38,000 distinct (features,
 * answer), so a fit costs about half; the grouping's strings are made once here, not per fold.
 * Groups with equal features share ONE feature array (the first row's) and one integer id, so
 * `orderedLogit`, which fits on distinct feature rows with a count per answer level, merges them
 * by id (`rowIds`) without hashing values (the 38,000 (features, answer) groups are about 19,000
 * distinct features). Each round's held-out data are made once too ({@link heldOut}).
 */
class OutcomeGroups {
  private readonly rounds: string[] = [];
  /** Per completion row and per satisfaction answer: its round's index in `rounds`, and its group. */
  private readonly completionRows: { round: Int32Array; group: Int32Array };
  private readonly answerRows: { round: Int32Array; group: Int32Array };
  private readonly completionGroups: Group[] = [];
  private readonly answerGroups: Group[] = [];
  /** Each row's feature-row id; each id's feature array (the first row's with those values). */
  private readonly featureIds = new Map<OutcomeRow, number>();
  private readonly featureArrays: number[][] = [];
  /** Each round's rows (by index in `rounds`), in order, and its held-out data once made. */
  private readonly roundRows: OutcomeRow[][] = [];
  private readonly tests = new Map<string, HeldOutData>();

  constructor(rows: readonly OutcomeRow[], private readonly names: readonly FeatureName[]) {
    const roundIndex = new Map<string, number>();
    const completion: [number, number][] = [];
    const answers: [number, number][] = [];
    const ids = new Map<string, number>();
    const answerIds = new Map<string, number>();
    const shared = new Map<string, number>(); // feature values -> their id
    const idOf = (known: Map<string, number>, groups: Group[], features: string, id: number, y: number) => {
      const key = `${features}|${y}`;
      let g = known.get(key);
      if (g === undefined) {
        known.set(key, (g = groups.length));
        groups.push({ x: this.featureArrays[id], y, id });
      }
      return g;
    };
    for (const r of rows) {
      let k = roundIndex.get(r.round);
      if (k === undefined) {
        roundIndex.set(r.round, (k = this.rounds.push(r.round) - 1));
        this.roundRows.push([]);
      }
      this.roundRows[k].push(r);
      const features = featureKey(r, names);
      let id = shared.get(features);
      if (id === undefined) shared.set(features, (id = this.featureArrays.push(featureRow(r, names)) - 1));
      this.featureIds.set(r, id);
      if (r.completed !== null) completion.push([k, idOf(ids, this.completionGroups, features, id, r.completed)]);
      for (const a of r.partnerSatisfaction) answers.push([k, idOf(answerIds, this.answerGroups, features, id, a)]);
    }
    const pack = (list: [number, number][]) => ({ round: Int32Array.from(list, (e) => e[0]), group: Int32Array.from(list, (e) => e[1]) });
    this.completionRows = pack(completion);
    this.answerRows = pack(answers);
  }

  /** The completion model's training data of the rows of rounds `train`. */
  completion(train: ReadonlySet<string>): Grouped {
    return this.subset(train, this.completionRows, this.completionGroups);
  }

  /** The satisfaction model's training data of the answers of rounds `train`. */
  satisfaction(train: ReadonlySet<string>): Grouped {
    return this.subset(train, this.answerRows, this.answerGroups);
  }

  /**
   * The held-out data of round `round` (`completionData`, and `satisfactionData` without
   * clusters, of the round's rows in order), made once. Empty for a round the rows do not have.
   */
  heldOut(round: string): HeldOutData {
    let d = this.tests.get(round);
    if (!d) {
      const rows = this.roundRows[this.rounds.indexOf(round)] ?? [];
      const s = satisfactionData(rows, this.names, undefined, false);
      this.tests.set(round, (d = { completion: completionData(rows, this.names), satisfaction: { X: s.X, y: s.y } }));
    }
    return d;
  }

  /** Row `r`'s feature array shared by the rows of equal features, and its id; undefined when `r` is not one of the rows grouped. */
  featureRowOf(r: OutcomeRow): { x: number[]; id: number } | undefined {
    const id = this.featureIds.get(r);
    return id === undefined ? undefined : { x: this.featureArrays[id], id };
  }

  private subset(train: ReadonlySet<string>, rows: { round: Int32Array; group: Int32Array }, groups: readonly Group[]): Grouped {
    const use = Uint8Array.from(this.rounds, (r) => (train.has(r) ? 1 : 0));
    const count = new Float64Array(groups.length);
    const order = new Int32Array(groups.length);
    let m = 0;
    for (let i = 0; i < rows.group.length; i++) {
      if (!use[rows.round[i]]) continue;
      const g = rows.group[i];
      if (count[g]++ === 0) order[m++] = g;
    }
    const X: number[][] = [];
    const y: number[] = [];
    const weights = new Float64Array(m);
    const ids = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const g = order[k];
      const group = groups[g];
      X.push(group.x);
      y.push(group.y);
      weights[k] = count[g];
      ids[k] = group.id;
    }
    return { X, y, weights, ids };
  }
}

/**
 * Each satisfaction answer of `rows` with its row's features and its cluster (the respondent, or
 * `#k` for the k-th answer without one; none when `clusters` is false). With `groups` (the rows
 * grouped, with `names`), the features are the groups' shared arrays and `ids` their ids
 * (`orderedLogit`'s `rowIds`).
 */
function satisfactionData(rows: readonly OutcomeRow[], names: readonly FeatureName[], groups?: OutcomeGroups, clusters = true) {
  const X: number[][] = [];
  const y: number[] = [];
  const ids: number[] = [];
  const cl: string[] = [];
  let k = 0;
  for (const r of rows) {
    const shared = groups?.featureRowOf(r);
    const x = shared ? shared.x : featureRow(r, names);
    r.partnerSatisfaction.forEach((s, i) => {
      X.push(x);
      y.push(s);
      if (shared) ids.push(shared.id);
      if (clusters) cl.push(r.respondents?.[i] ?? `#${k}`);
      k++;
    });
  }
  return { X, y, clusters: cl, ids: groups && ids.length === y.length ? ids : undefined };
}

/**
 * `sigmoid(linearPredictor(fit, x))` for each row `x` of values in the order of `names`: the
 * same sum, in coefficient order.
 */
function completionProbabilities(fit: RegressionFit, X: readonly (readonly number[])[], names: readonly FeatureName[]): number[] {
  const b = fit.coefficients.map((c) => c.estimate);
  const col = fit.coefficients.map((c) => (c.name === "intercept" ? -1 : names.indexOf(c.name as FeatureName)));
  return X.map((x) => {
    let eta = 0;
    for (let m = 0; m < b.length; m++) eta += b[m] * (col[m] < 0 ? 1 : x[col[m]]);
    return sigmoid(eta);
  });
}

/**
 * Mean log-loss of an ordinal fit on rows `X` (values in the order of `names`) answering `y`:
 * −mean log P(y | x), each probability the difference of the cumulative probabilities at the
 * answer's two cuts (floored at 0, then at 1e-15 for the logarithm; 0 for an answer the fit
 * never saw).
 */
function ordinalLogLoss(fit: OrdinalFit, X: readonly (readonly number[])[], y: readonly number[], names: readonly FeatureName[]): number {
  const b = fit.coefficients.map((c) => c.estimate);
  const col = fit.coefficients.map((c) => names.indexOf(c.name as FeatureName));
  const theta = fit.thresholds.map((t) => t.estimate);
  const L = fit.levels.length;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const x = X[i];
    let eta = 0;
    for (let m = 0; m < b.length; m++) eta += b[m] * x[col[m]];
    const j = fit.levels.indexOf(y[i]);
    let p = 0;
    if (j >= 0) {
      const cum = j < L - 1 ? sigmoid(theta[j] - eta) : 1;
      const below = j > 0 ? sigmoid(theta[j - 1] - eta) : 0;
      p = Math.max(cum - below, 0);
    }
    s -= Math.log(Math.max(1e-15, p));
  }
  return s / y.length;
}

/** Mean log-loss of one fixed distribution over the answer levels (the baseline) on answers `y`. */
function marginalLogLoss(y: readonly number[], probs: ReadonlyMap<number, number>): number {
  let s = 0;
  for (const v of y) s -= Math.log(Math.max(1e-15, probs.get(v) ?? 0));
  return s / y.length;
}

function tryFit<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FitError) return null;
    throw err;
  }
}

/** Scores one held-out round with models trained on `train` at the given penalties. */
function heldOut(groups: OutcomeGroups, trained: readonly string[], test: readonly OutcomeRow[], round: string, names: readonly FeatureName[], pc: number, ps: number | null): { fold: HeldOutRound; y: number[]; p: number[] } | null {
  const train = new Set(trained);
  const ct = groups.completion(train);
  const ch = completionData(test, names);
  if (ch.y.length === 0) return null;
  const fit = tryFit(() => logisticRegression(ct.X, ct.y, names, { penalty: pc, inference: false, weights: ct.weights }));
  if (!fit) return null;
  let ones = 0;
  let all = 0;
  ct.y.forEach((v, i) => ((ones += v * ct.weights[i]), (all += ct.weights[i])));
  const rate = ones / all;
  const p = completionProbabilities(fit, ch.X, names);
  const st = groups.satisfaction(train);
  const sh = satisfactionData(test, names);
  let sl: number | null = null;
  let sb: number | null = null;
  if (ps !== null && sh.y.length > 0) {
    const sf = tryFit(() => orderedLogit(st.X, st.y, names, { penalty: ps, inference: false, weights: st.weights, rowIds: st.ids }));
    if (sf) {
      sl = ordinalLogLoss(sf, sh.X, sh.y, names);
      const counts = new Map<number, number>();
      let answers = 0;
      st.y.forEach((v, i) => (counts.set(v, (counts.get(v) ?? 0) + st.weights[i]), (answers += st.weights[i])));
      sb = marginalLogLoss(sh.y, new Map([...counts].map(([v, c]) => [v, c / answers])));
    }
  }
  return {
    fold: {
      round, trained_on: [...trained], n: ch.y.length, logLoss: logLoss(ch.y, p), baselineLogLoss: logLoss(ch.y, ch.y.map(() => rate)),
      auc: auc(ch.y, p), satisfactionLogLoss: sl, satisfactionBaselineLogLoss: sb, satisfactionN: sh.y.length,
    },
    y: ch.y,
    p,
  };
}

/**
 * The folds of a scheme: the round scored, the rounds trained on (in the order of `rounds`) and
 * the rows scored; for time order, each round from the third on with every earlier round as
 * training data.
 */
function folds(rows: readonly OutcomeRow[], rounds: readonly string[], scheme: ValidationSummary["scheme"]): { round: string; trained: string[]; test: OutcomeRow[] }[] {
  return foldRounds(rounds, scheme).map((f) => ({ ...f, test: rows.filter((x) => x.round === f.round) }));
}

/** {@link folds} without the rows: each fold's round scored and rounds trained on. */
function foldRounds(rounds: readonly string[], scheme: ValidationSummary["scheme"]): { round: string; trained: string[] }[] {
  return rounds
    .map((r, t) => ({ round: r, trained: scheme === "time-ordered" ? rounds.slice(0, t) : rounds.filter((x) => x !== r) }))
    .filter((f, t) => (scheme === "time-ordered" ? t >= 2 : true));
}

function validate(rows: readonly OutcomeRow[], rounds: readonly string[], names: readonly FeatureName[], scheme: ValidationSummary["scheme"], pc: number, ps: number | null, groups: OutcomeGroups): ValidationSummary {
  const done = folds(rows, rounds, scheme).map((f) => heldOut(groups, f.trained, f.test, f.round, names, pc, ps)).filter((x): x is NonNullable<typeof x> => x !== null);
  const n = done.reduce((s, d) => s + d.fold.n, 0);
  const w = (get: (f: HeldOutRound) => number) => (n ? done.reduce((s, d) => s + d.fold.n * get(d.fold), 0) / n : null);
  const ll = w((f) => f.logLoss);
  const bl = w((f) => f.baselineLogLoss);
  const ys = done.flatMap((d) => d.y);
  const ps2 = done.flatMap((d) => d.p);
  const sat = done.filter((d) => d.fold.satisfactionLogLoss !== null);
  const sn = sat.reduce((s, d) => s + d.fold.satisfactionN, 0);
  return {
    scheme,
    folds: done.map((d) => d.fold),
    n,
    logLoss: ll,
    baselineLogLoss: bl,
    improvement: ll !== null && bl ? 1 - ll / bl : null,
    auc: ys.length ? auc(ys, ps2) : null,
    calibration: ys.length ? calibration(ys, ps2) : null,
    satisfactionLogLoss: sn ? sat.reduce((s, d) => s + d.fold.satisfactionN * (d.fold.satisfactionLogLoss as number), 0) / sn : null,
    satisfactionBaselineLogLoss: sn ? sat.reduce((s, d) => s + d.fold.satisfactionN * (d.fold.satisfactionBaselineLogLoss as number), 0) / sn : null,
  };
}

/**
 * Held-out scores of time-ordered validation folds, for {@link fitLeavingOut}: a fold (the rounds
 * trained on, the round scored, the model, the penalty grid and the penalty) scores the same
 * whichever round was left out of the rows (rows are filtered, never reordered), so the left-out
 * fits of one set of rows share it and each distinct fold is fitted once. `estimate` is the fold
 * model's parameters, where the fold's fit at the next penalty of the grid starts (and, at the
 * first penalty, the next fold's). Valid for one array of rows only.
 */
export type FoldScores = Map<string, { total: number; count: number; estimate?: number[] } | null>;

/**
 * The penalty of each model chosen by time-ordered validation (module doc); with fewer than three
 * rounds (no time-ordered fold), the smallest penalty of the grid above 0 that fits. Each fold's
 * model is fitted at the grid's penalties in order, each fit starting from the estimate at the
 * penalty before it, and the first from the estimate of the fold trained on one round fewer (its
 * training rounds but the last, scoring that last one) at the first penalty: the same optimum in
 * fewer Newton iterations. A fold's score depends only on the fold, the folds before it (which are
 * its training rounds) and the grid, never on which fits ran before it. `grouped`: the rows grouped
 * by `names`, when the caller has them, or the rows of more rounds (only the rounds of `rows` are
 * read from it, each with all its rows, as in `rows`).
 */
function choosePenalties(
  rows: readonly OutcomeRow[],
  rounds: readonly string[],
  names: readonly FeatureName[],
  grid: readonly number[],
  memo: FoldScores = new Map(),
  grouped?: OutcomeGroups,
): { completion: number; satisfaction: number; how: string; start: { completion?: number[]; satisfaction?: number[] } } {
  const fs = foldRounds(rounds, "time-ordered");
  // Each fold's data, made once for every penalty tried on it, from the rows grouped once (when a
  // fold is not in `memo`); the held-out round's, once for all the fits that share the groups.
  let groups = grouped;
  const completionOf = new Map<(typeof fs)[number], { ct: Grouped; ch: HeldOutData["completion"] }>();
  const satisfactionOf = new Map<(typeof fs)[number], { st: Grouped; sh: HeldOutData["satisfaction"] }>();
  /** One fold's summed log-loss and count (count 0: nothing to score), or null when the model cannot be fitted. */
  type Score = NonNullable<ReturnType<FoldScores["get"]>>;
  const foldScore = (f: (typeof fs)[number], which: "completion" | "satisfaction", lam: number, start: number[] | undefined): Score | null => {
    if (which === "completion") {
      let d = completionOf.get(f);
      if (!d) {
        groups ??= new OutcomeGroups(rows, names);
        completionOf.set(f, (d = { ct: groups.completion(new Set(f.trained)), ch: groups.heldOut(f.round).completion }));
      }
      const { ct, ch } = d;
      if (!ch.y.length) return { total: 0, count: 0 };
      const fit = tryFit(() => logisticRegression(ct.X, ct.y, names, { penalty: lam, start, inference: false, weights: ct.weights }));
      if (!fit) return null;
      const p = completionProbabilities(fit, ch.X, names);
      return { total: logLoss(ch.y, p) * ch.y.length, count: ch.y.length, estimate: fit.coefficients.map((c) => c.estimate) };
    }
    let d = satisfactionOf.get(f);
    if (!d) {
      groups ??= new OutcomeGroups(rows, names);
      satisfactionOf.set(f, (d = { st: groups.satisfaction(new Set(f.trained)), sh: groups.heldOut(f.round).satisfaction }));
    }
    const { st, sh } = d;
    if (!sh.y.length || !st.y.length) return { total: 0, count: 0 };
    const fit = tryFit(() => orderedLogit(st.X, st.y, names, { penalty: lam, start, inference: false, weights: st.weights, rowIds: st.ids }));
    if (!fit) return null;
    const estimate = [...fit.coefficients, ...fit.thresholds].map((c) => c.estimate);
    return { total: ordinalLogLoss(fit, sh.X, sh.y, names) * sh.y.length, count: sh.y.length, estimate };
  };
  /** The fold's score at grid[g], its fits at grid[0..g] made in order where not yet made (function doc). */
  const scoreAt = (f: (typeof fs)[number], which: "completion" | "satisfaction", g: number): Score | null => {
    const keyAt = (i: number) => [which, grid.join(","), grid[i], names.join(","), f.round, f.trained.join(",")].join("|");
    let i = g;
    while (i > 0 && memo.get(keyAt(i)) === undefined) i--;
    let r = memo.get(keyAt(i));
    if (r === undefined) {
      // The grid's first penalty starts from the previous fold's estimate there (trained on one
      // round fewer: the fold whose held-out round is this fold's last training round), itself a
      // fold of the same search: an estimate near this one, fixed by the folds alone.
      const k = fs.indexOf(f);
      const start = i === 0 && k > 0 ? scoreAt(fs[k - 1], which, 0)?.estimate : undefined;
      memo.set(keyAt(i), (r = foldScore(f, which, grid[i], start)));
    }
    for (; i < g; i++) memo.set(keyAt(i + 1), (r = foldScore(f, which, grid[i + 1], r?.estimate)));
    return r;
  };
  const score = (which: "completion" | "satisfaction", g: number): number => {
    let total = 0;
    let count = 0;
    for (const f of fs) {
      const r = scoreAt(f, which, g);
      if (!r) return Infinity;
      total += r.total;
      count += r.count;
    }
    return count ? total / count : NaN;
  };
  const pick = (which: "completion" | "satisfaction") => {
    let best = { lam: grid.find((g) => g > 0) ?? 0, loss: Infinity };
    for (const [g, lam] of grid.entries()) {
      const loss = score(which, g);
      if (Number.isNaN(loss)) return null;
      if (loss <= best.loss + 1e-12) best = { lam, loss };
    }
    return best.loss === Infinity ? null : best.lam;
  };
  const c = pick("completion");
  const s = pick("satisfaction");
  const fallback = grid.find((g) => g > 0) ?? 0;
  // where the fits on all rows start: the last fold's estimate at the penalty chosen (trained on every round but the last)
  const last = fs[fs.length - 1];
  const startOf = (which: "completion" | "satisfaction", lam: number | null) => (last && lam !== null ? scoreAt(last, which, grid.indexOf(lam))?.estimate : undefined);
  return {
    completion: c ?? fallback,
    satisfaction: s ?? fallback,
    start: { completion: startOf("completion", c), satisfaction: startOf("satisfaction", s) },
    how: fs.length
      ? `time-ordered validation over ${fs.length} held-out round(s): the penalty with the lowest held-out log-loss (ties: the larger)`
      : `fewer than three rounds, so no time-ordered validation: the smallest non-zero penalty of the grid`,
  };
}

/** The features' effects, from the completion and satisfaction data of the rows the models were fitted on (`completionData`, `satisfactionData`). */
function effectsOf(c: ReturnType<typeof completionData>, s: ReturnType<typeof satisfactionData>, names: readonly FeatureName[], completion: RegressionFit<FeatureName>, satisfaction: OrdinalFit<FeatureName> | null): FeatureEffect[] {
  // plain loops: the same sums, term for term in the same order, as the reductions over mapped
  // arrays they stand for (no array per feature and answer)
  const ps = completionProbabilities(completion, c.X, names);
  let densSum = 0;
  for (const p of ps) densSum += p * (1 - p);
  const dens = densSum / Math.max(1, ps.length);
  const n = c.X.length;
  const sd = (j: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += c.X[i][j];
    const m = sum / Math.max(1, n);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c.X[i][j] - m) ** 2;
    return Math.sqrt(ss / Math.max(1, n));
  };
  let sdens: number | null = null;
  if (satisfaction && satisfaction.levels.includes(4)) {
    const theta = satisfaction.thresholds[satisfaction.levels.indexOf(4) - 1].estimate;
    const b = satisfaction.coefficients.map((cf) => cf.estimate);
    const col = satisfaction.coefficients.map((cf) => names.indexOf(cf.name));
    let sum = 0;
    for (const x of s.X) {
      let eta = 0;
      for (let m = 0; m < b.length; m++) eta += b[m] * x[col[m]];
      const q = sigmoid(eta - theta);
      sum += q * (1 - q);
    }
    sdens = s.X.length ? sum / s.X.length : null;
  }
  return names
    .map((f, j) => {
      const b = completion.coefficients.find((x) => x.name === f)?.estimate ?? 0;
      const bs = satisfaction?.coefficients.find((x) => x.name === f)?.estimate ?? 0;
      return {
        feature: f,
        label: FEATURE_INFO[f].label,
        completion_per_unit: dens * b,
        completion_per_sd: dens * b * sd(j),
        satisfaction_per_unit: sdens === null ? null : sdens * bs,
      };
    })
    .sort((a, b) => Math.abs(b.completion_per_sd) - Math.abs(a.completion_per_sd));
}

const pct1 = (x: number) => `${(100 * x).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} points`;

/** Relative log-loss improvement below which the summary cautions that the model barely beats its baseline. */
export const MIN_IMPROVEMENT = 0.02;

/**
 * The plain-language summary of a fit. It claims no comparison it did not make: with no held-out
 * round (or no validation run, `validated` false), it says the model was not validated and
 * cautions for that reason; with one, it states
 * the held-out n and by how much the model beats (or trails) the baseline, and the caution says
 * which of the two tests failed (log-loss under {@link MIN_IMPROVEMENT} better, AUC under 0.6).
 */
function summarise(fit: Omit<OutcomeFit, "summary">, validated: boolean): { lines: string[]; caution: boolean } {
  const lines: string[] = [];
  const v = fit.timeOrdered.folds.length ? fit.timeOrdered : fit.leaveOneOut;
  const scheme = v.scheme === "time-ordered" ? "later rounds predicted from earlier ones" : "each round predicted from the others";
  const held = `${v.n} partnerships of ${v.folds.length} held-out round(s)`;
  let cautionLine: string | null;
  if (v.logLoss !== null && v.baselineLogLoss !== null && v.improvement !== null) {
    const imp = v.improvement;
    const versus = imp >= 0 ? `${pct1(imp)} better` : `${pct1(-imp)} worse`;
    lines.push(
      `Completion: on ${scheme} (${held}), the model's log-loss is ${v.logLoss.toFixed(3)} against ${v.baselineLogLoss.toFixed(3)} for the baseline ` +
        `(everyone gets the training rounds' completion rate): ${versus}; AUC ${v.auc === null ? "-" : v.auc.toFixed(2)} (0.5 = no better than chance).`,
    );
    if (v.calibration?.slope != null) {
      lines.push(`Calibration: predicted ${pct1(v.calibration.mean_predicted)} completion against ${pct1(v.calibration.observed)} observed; calibration slope ${v.calibration.slope.toFixed(2)} (1 is ideal; below 1, predictions are too extreme).`);
    }
    const weakLoss = imp < MIN_IMPROVEMENT;
    const weakRank = v.auc !== null && v.auc < 0.6;
    // Two decimals here, three for the AUC: a figure just under its threshold must not print as the threshold.
    const pct2 = (x: number) => `${(100 * x).toFixed(2)}%`;
    const loss = imp < 0 ? `does worse than the baseline (log-loss ${pct2(-imp)} higher)` : weakLoss ? `barely beats the baseline (log-loss only ${pct2(imp)} lower, under ${pct1(MIN_IMPROVEMENT)})` : `beats the baseline's log-loss by ${pct2(imp)}`;
    const rank = weakRank ? `${weakLoss ? " and" : " but"} ranks partnerships little better than chance (AUC ${v.auc!.toFixed(3)}, under 0.6)` : "";
    cautionLine = weakLoss || weakRank
      ? `CAUTION: on ${held}, the model ${loss}${rank}, so the fitted weights rest on ${imp < 0 ? "no" : "little"} evidence: differences between matchings under them are mostly noise, and the default weights (the program's stated principles) are as good a choice.`
      : null;
  } else {
    lines.push(
      validated
        ? `Completion: not validated: no round could be held out and predicted from the others (${fit.rounds.length} round(s) with outcomes; predicting later rounds from earlier ones needs 3, leaving one out needs 2 that can each be fitted), so the model was not compared with the baseline.`
        : "Completion: not validated (this fit ran no validation), so the model was not compared with the baseline.",
    );
    cautionLine = "CAUTION: the model could not be checked on held-out rounds, so nothing shows that the fitted weights predict outcomes better than the baseline; the default weights (the program's stated principles) are the safer choice until more rounds have outcomes.";
  }
  const top = fit.effects.filter((e) => Math.abs(e.completion_per_sd) >= 0.005).slice(0, 4);
  lines.push(
    top.length
      ? `What matters most for completion (average change in completion probability per unit): ${top.map((e) => `${e.label} ${pts(e.completion_per_unit)} per ${FEATURE_INFO[e.feature].unit}`).join("; ")}.`
      : "No feature changes the completion probability by half a point or more over its spread in the data.",
  );
  if (fit.satisfaction && v.satisfactionLogLoss !== null && v.satisfactionBaselineLogLoss !== null) {
    const imp = 1 - v.satisfactionLogLoss / v.satisfactionBaselineLogLoss;
    lines.push(`Partner satisfaction (ordinal model): held-out log-loss ${v.satisfactionLogLoss.toFixed(3)} against ${v.satisfactionBaselineLogLoss.toFixed(3)} for the answers' overall distribution: ${imp >= 0 ? `${pct1(imp)} better` : `${pct1(-imp)} worse`}.`);
  }
  if (fit.dropped.length) lines.push(`Left out: ${fit.dropped.map((d) => `${d.feature} (${d.model}: ${d.reason})`).join("; ")}.`);
  if (cautionLine) lines.push(cautionLine);
  return { lines, caution: cautionLine !== null };
}

/**
 * Fits completion (ridge logistic) and partner satisfaction (ridge proportional odds, clustered
 * by respondent) on all `rows`, the penalties chosen by time-ordered validation, and validates
 * both in time order and by leaving each round out (module doc). Rounds are taken in the order
 * rows first name them (loadOutcomes gives start order). `validate: false` skips the
 * validations and the penalty search: `penalty` then applies (default 1), to the satisfaction
 * model too unless `satisfactionPenalty` is given. `start`: where each model's Newton iterations
 * start (as `logisticRegression`'s and `orderedLogit`'s `start`; an estimate on nearly the same
 * rows saves iterations and changes nothing but the last digits); by default the penalty search's
 * last fold's estimate at the penalty chosen.
 * @param features features to use (default all nine).
 * @throws FitError when the completion model cannot be fitted on all rows.
 */
export function fitOutcomes(
  rows: readonly OutcomeRow[],
  features: readonly FeatureName[] = FEATURE_NAMES,
  options: { validate?: boolean; penalty?: number; satisfactionPenalty?: number; grid?: readonly number[]; start?: { completion?: readonly number[]; satisfaction?: readonly number[] } } = {},
): OutcomeFit {
  return fitGrouped(rows, features, options);
}

/**
 * {@link fitOutcomes}, the satisfaction model on all `rows` given their rows' shared feature arrays
 * and ids from `grouped` (rows grouped by `features`, e.g. a superset of `rows`), when the caller
 * has them: the same fit, its rows merged by id instead of by value (`orderedLogit`'s `rowIds`).
 */
function fitGrouped(
  rows: readonly OutcomeRow[],
  features: readonly FeatureName[],
  options: Parameters<typeof fitOutcomes>[2] = {},
  grouped?: OutcomeGroups,
): OutcomeFit {
  const names = features; // the same array as the validation folds, so their feature rows are shared (featureRow)
  const rounds = [...new Set(rows.map((r) => r.round))];
  const grid = options.grid ?? PENALTY_GRID;
  const validateOn = options.validate !== false;
  const chosen = validateOn && options.penalty === undefined
    ? choosePenalties(rows, rounds, names, grid)
    : {
        completion: options.penalty ?? 1,
        satisfaction: options.satisfactionPenalty ?? options.penalty ?? 1,
        how: options.penalty === undefined ? "fixed (no validation run): 1" : "given",
        start: {},
      };
  const start = { ...chosen.start, ...options.start };
  const c = completionData(rows, names);
  const completion = logisticRegression(c.X, c.y, names, { penalty: chosen.completion, start: start.completion });
  const s = satisfactionData(rows, names, grouped);
  const satisfaction = s.y.length ? tryFit(() => orderedLogit(s.X, s.y, names, { clusters: s.clusters, penalty: chosen.satisfaction, start: start.satisfaction, rowIds: s.ids })) : null;
  const empty = (scheme: ValidationSummary["scheme"]): ValidationSummary => ({ scheme, folds: [], n: 0, logLoss: null, baselineLogLoss: null, improvement: null, auc: null, calibration: null, satisfactionLogLoss: null, satisfactionBaselineLogLoss: null });
  const ps = satisfaction ? chosen.satisfaction : null;
  const groups = validateOn ? new OutcomeGroups(rows, names) : undefined;
  const timeOrdered = groups ? validate(rows, rounds, names, "time-ordered", chosen.completion, ps, groups) : empty("time-ordered");
  const leaveOneOut = groups ? validate(rows, rounds, names, "leave-one-round-out", chosen.completion, ps, groups) : empty("leave-one-round-out");
  const dropped = [
    ...completion.dropped.map((d) => ({ model: "completion" as const, feature: d.name, reason: d.reason })),
    ...(satisfaction?.dropped ?? []).map((d) => ({ model: "satisfaction" as const, feature: d.name, reason: d.reason })),
  ];
  const partial = {
    rounds,
    features: [...names],
    penalty: { completion: chosen.completion, satisfaction: satisfaction ? chosen.satisfaction : null, grid, chosen_by: chosen.how },
    completion,
    satisfaction,
    timeOrdered,
    validation: leaveOneOut.folds,
    leaveOneOut,
    effects: effectsOf(c, s, names, completion, satisfaction),
    dropped,
  };
  return { ...partial, summary: summarise(partial, validateOn) };
}

/** A fitted logistic predictor as a utility term of a weights file (absent features weigh 0). */
function term(outcome: string, weight: number, intercept: number, coefficients: readonly { name: string; estimate: number }[]) {
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    outcome,
    weight,
    intercept: r6(intercept),
    coefficients: Object.fromEntries(FEATURE_NAMES.map((f) => [f, r6(coefficients.find((c) => c.name === f)?.estimate ?? 0)])) as Record<FeatureName, number>,
  };
}

/**
 * Turns a fit into a weights file whose pair score is the pair's expected utility:
 *
 *     score = 100 × (P(completed | x) + λ · P(partner satisfaction >= 4 | x))
 *
 * points, P(completed) from the (shrunk) logistic model and P(satisfaction >= 4) = σ(x'β − θ_{3|4})
 * from the ordinal model, λ = `satisfactionWeight` (default {@link SATISFACTION_WEIGHT}). A
 * matching's total score is then 100 × the expected number of completed partnerships plus λ × the
 * expected number of satisfied partners' answers: the matching maximises expected good outcomes,
 * not a sum of log-odds. The linear `weights` are all 0 and `base` 0 (the utility carries the
 * score; maximum cardinality, the matcher's default, keeps everyone placeable placed). Nothing is
 * zeroed for an interval covering 0: the ridge penalty shrinks weak effects instead. The
 * `fitted` block records the models, the penalties, the validation and the summary.
 */
export function weightsFromFit(fit: OutcomeFit, options: { satisfactionWeight?: number } = {}): Weights {
  const lam = options.satisfactionWeight ?? SATISFACTION_WEIGHT;
  const terms = [term("completed", 1, fit.completion.coefficients.find((c) => c.name === "intercept")!.estimate, fit.completion.coefficients)];
  const s = fit.satisfaction;
  const j4 = s ? s.levels.indexOf(4) : -1;
  if (s && j4 >= 1 && lam !== 0) terms.push(term("partner_satisfaction_4_or_5", lam, -s.thresholds[j4 - 1].estimate, s.coefficients));
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const coefs = (cs: readonly { name: string; estimate: number; se: number; ci: [number, number] }[]) => cs.map((c) => ({ name: c.name, estimate: r3(c.estimate), se: r3(c.se), ci: c.ci.map(r3) }));
  const fold = (f: HeldOutRound) => ({ round: f.round, n: f.n, log_loss: r3(f.logLoss), baseline_log_loss: r3(f.baselineLogLoss), auc: f.auc === null ? null : r3(f.auc) });
  return {
    description:
      `Weights fitted by \`iln weights fit\`: a pair's score is ${UTILITY_SCALE} × (P(completed) + ${lam} × P(partner satisfaction 4 or 5)), ` +
      "its expected good outcomes from ridge-penalised models of past partnerships, so the best matching maximises the expected number of good outcomes. " +
      "'Another country' and 'never an earlier partner' remain hard rules.",
    base: 0,
    weights: Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])) as Record<FeatureName, number>,
    utility: { scale: UTILITY_SCALE, terms },
    fitted: {
      outcome: terms.length > 1 ? `completion + ${lam} × partner satisfaction >= 4` : "completion",
      model: "completion: logistic regression with a ridge penalty (IRLS); partner satisfaction: proportional-odds model with a ridge penalty, standard errors clustered by respondent",
      rounds: fit.rounds,
      n: fit.completion.n,
      satisfaction_n: fit.satisfaction?.n ?? 0,
      penalty: fit.penalty,
      dropped: fit.dropped,
      coefficients: coefs(fit.completion.coefficients),
      satisfaction_coefficients: fit.satisfaction ? coefs([...fit.satisfaction.coefficients, ...fit.satisfaction.thresholds]) : null,
      validation: fit.validation.map(fold),
      time_ordered_validation: fit.timeOrdered.folds.map(fold),
      summary: fit.summary.lines,
      caution: fit.summary.caution,
    },
  };
}

/** {@link fitLeavingOut}'s rows grouped (by FEATURE_NAMES), per array of rows. */
const groupedRows = new WeakMap<readonly OutcomeRow[], OutcomeGroups>();

/**
 * The models of a round's replay, fitted with that round left out so that its own outcomes do not
 * flatter it: the completion model (for predictions) fitted on every other round's outcomes, and
 * the weights file made from it (`weightsFromFit`). No validation report is kept.
 *
 * Each model's penalty is the one `iln weights fit` (`fitOutcomes`) would choose on the rounds
 * **before** the round left out (time-ordered validation: train on the rounds before round t,
 * score round t), in the order the rows name their rounds; with fewer than three rounds before
 * it, the grid's smallest penalty above 0, as `fitOutcomes` with fewer than three rounds. Those
 * validation folds never see the round left out, and they are the same folds for every round
 * left out after them (the "main chain"), so the left-out fits of a history share one chain of
 * folds: 20 rounds take about 200 fold fits, not the about 2,400 of searching every other round's
 * folds anew for each round left out (the folds after the round, trained without it, are
 * different for each round). When the rows have no outcome of `round`, every round of the rows
 * validates. `folds`: the fold scores shared by the left-out fits of the same `rows` (each
 * distinct fold fitted once; see {@link FoldScores}), which changes no result.
 * @returns null when the other rounds are too few or too uniform to fit (a `FitError`).
 */
export function fitLeavingOut(rows: readonly OutcomeRow[], round: string, options: { folds?: FoldScores } = {}): { model: PredictionModel; weights: Weights } | null {
  const others = rows.filter((r) => r.round !== round);
  return tryFit(() => {
    const rounds = [...new Set(rows.map((r) => r.round))];
    const at = rounds.indexOf(round);
    const validated = at < 0 ? rounds : rounds.slice(0, at); // the rounds before the one left out
    // The rows grouped once for every round left out: a fold's training rounds never include the
    // round left out, and its data come out of the groups of all rows in the same order and with
    // the same counts as out of the groups of the other rows.
    let groups = groupedRows.get(rows);
    if (!groups) groupedRows.set(rows, (groups = new OutcomeGroups(rows, FEATURE_NAMES)));
    const pen = choosePenalties(others, validated, FEATURE_NAMES, PENALTY_GRID, options.folds, groups);
    const fit = fitGrouped(others, FEATURE_NAMES, { validate: false, penalty: pen.completion, satisfactionPenalty: pen.satisfaction, start: pen.start }, groups);
    return { model: { fit: fit.completion, rounds: fit.rounds }, weights: weightsFromFit(fit) };
  });
}

/**
 * Expected completions of a matching's pairs under a completion model, with a 95% interval by the
 * delta method over the model's coefficient covariance: E = Σ_pairs σ(x'β), ∇E = Σ σ'(x'β) x,
 * Var(E) ≈ ∇E' Σ_β ∇E.
 */
export function expectedCompletions(fit: RegressionFit, features: readonly PairFeatures[]): { expected: number; se: number } {
  const grad = gradientOf(fit, features);
  const e = features.reduce((s, x) => s + predictCompletion(fit, x), 0);
  return { expected: e, se: Math.sqrt(Math.max(0, quad(fit.cov, grad))) };
}

function gradientOf(fit: RegressionFit, features: readonly PairFeatures[]): number[] {
  const g = new Array<number>(fit.coefficients.length).fill(0);
  for (const x of features) {
    const p = predictCompletion(fit, x);
    const d = p * (1 - p);
    fit.coefficients.forEach((c, j) => {
      g[j] += d * (c.name === "intercept" ? 1 : x[c.name as FeatureName]);
    });
  }
  return g;
}

function quad(cov: readonly number[][], g: readonly number[]): number {
  let s = 0;
  for (let a = 0; a < g.length; a++) for (let b = 0; b < g.length; b++) s += g[a] * cov[a][b] * g[b];
  return s;
}

/**
 * The predicted gain in completed partnerships of matching B over matching A (both from the same
 * model), with a 95% interval by the delta method: gain = E_B − E_A, Var = (∇E_B − ∇E_A)' Σ (∇E_B − ∇E_A)
 * (the two share the coefficients, so their errors are correlated and the interval is narrower
 * than either total's).
 */
export function predictedGain(fit: RegressionFit, a: readonly PairFeatures[], b: readonly PairFeatures[]): { a: number; b: number; gain: number; ci: [number, number] } {
  const ga = gradientOf(fit, a);
  const gb = gradientOf(fit, b);
  const ea = a.reduce((s, x) => s + predictCompletion(fit, x), 0);
  const eb = b.reduce((s, x) => s + predictCompletion(fit, x), 0);
  const se = Math.sqrt(Math.max(0, quad(fit.cov, gb.map((v, j) => v - ga[j]))));
  return { a: ea, b: eb, gain: eb - ea, ci: [eb - ea - 1.959963984540054 * se, eb - ea + 1.959963984540054 * se] };
}
