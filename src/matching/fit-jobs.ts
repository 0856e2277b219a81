/**
 * Left-out fits (`fitLeavingOut`) as jobs for the replay worker threads (replay-jobs.ts), so the
 * fits of a build run beside its replays on every core instead of one after another in the
 * loader's thread. A job names the round left out and carries the outcome rows in a compact
 * form ({@link packOutcomes}: typed arrays, which a thread copies in a few milliseconds where the
 * rows as objects take about a second at 50,000 partnerships); each worker unpacks one set of
 * rows once and keeps the fold scores of its fits of them ({@link FoldScores}), as the loader's
 * thread does (the pool hands the fits of one build out so that the two workers' fits share few
 * folds: replay-jobs.ts `pickPoolJob`). A fit's result is the same wherever it runs: it depends on
 * the rows only, and they round-trip exactly. Pure (no Node imports).
 */
import { fitLeavingOut, type FoldScores, type OutcomeRow, type PredictionModel } from "./fit";
import { FEATURE_NAMES, type PairFeatures } from "./features";
import type { Weights } from "./weights";

/** Outcome rows packed into arrays (see {@link packOutcomes}); `key` names the set of rows. */
export interface PackedOutcomes {
  /** Names this set of rows: two packs with the same key hold the same rows. */
  key: string;
  n: number;
  /** Distinct rounds, and each row's index into them. */
  rounds: string[];
  roundOf: Int32Array;
  /** Row i's features in the order of FEATURE_NAMES at [i·F, (i+1)·F). */
  features: Float64Array;
  /** 1 completed, 0 ended otherwise, −1 still active (null). */
  completed: Int8Array;
  /** Row i's satisfaction answers are answers[answerStart[i] .. answerStart[i+1]). */
  answerStart: Int32Array;
  answers: Float64Array;
  /** Who gave each answer (null: the row lists no respondent for it); absentRespondents[i] = 1 when row i has no list. */
  respondents: (string | null)[];
  absentRespondents: Uint8Array;
}

/** A left-out fit to run in a worker: `fitLeavingOut(rows, round)`. */
export interface FitJob {
  leaveOut: string;
  rows: PackedOutcomes;
}

/** The result of a {@link FitJob}: `fitLeavingOut`'s. */
export type FitResult = { model: PredictionModel; weights: Weights } | null;

/**
 * Packs outcome rows into typed arrays for a worker, with the features of FEATURE_NAMES only
 * (all a fit reads) and the respondents of the answers (a respondent listed beyond a row's
 * answers is never read and not kept). `key` must name the rows' content (two different sets,
 * two keys).
 */
export function packOutcomes(rows: readonly OutcomeRow[], key: string): PackedOutcomes {
  const n = rows.length;
  const F = FEATURE_NAMES.length;
  const rounds: string[] = [];
  const index = new Map<string, number>();
  const roundOf = new Int32Array(n);
  const features = new Float64Array(n * F);
  const completed = new Int8Array(n);
  const answerStart = new Int32Array(n + 1);
  const absentRespondents = new Uint8Array(n);
  const answers: number[] = [];
  const respondents: (string | null)[] = [];
  rows.forEach((r, i) => {
    let k = index.get(r.round);
    if (k === undefined) {
      index.set(r.round, (k = rounds.length));
      rounds.push(r.round);
    }
    roundOf[i] = k;
    FEATURE_NAMES.forEach((f, j) => (features[i * F + j] = r.features[f]));
    completed[i] = r.completed === null ? -1 : r.completed;
    absentRespondents[i] = r.respondents ? 0 : 1;
    r.partnerSatisfaction.forEach((s, a) => {
      answers.push(s);
      respondents.push(r.respondents?.[a] ?? null);
    });
    answerStart[i + 1] = answers.length;
  });
  return { key, n, rounds, roundOf, features, completed, answerStart, answers: Float64Array.from(answers), respondents, absentRespondents };
}

/**
 * The rows {@link packOutcomes} packed (features beyond FEATURE_NAMES are not kept; a respondent
 * list shorter than the answers comes back padded with `undefined`, which reads the same).
 */
export function unpackOutcomes(p: PackedOutcomes): OutcomeRow[] {
  const F = FEATURE_NAMES.length;
  const rows: OutcomeRow[] = new Array(p.n);
  for (let i = 0; i < p.n; i++) {
    const features = {} as PairFeatures;
    FEATURE_NAMES.forEach((f, j) => (features[f] = p.features[i * F + j]));
    const c = p.completed[i];
    const from = p.answerStart[i];
    const to = p.answerStart[i + 1];
    const row: OutcomeRow = { round: p.rounds[p.roundOf[i]], features, completed: c === -1 ? null : (c as 0 | 1), partnerSatisfaction: Array.from(p.answers.subarray(from, to)) };
    if (!p.absentRespondents[i]) row.respondents = p.respondents.slice(from, to).map((id) => id ?? (undefined as unknown as string));
    rows[i] = row;
  }
  return rows;
}

/** The rows a worker last unpacked, and the fold scores of its fits of them. */
let current: { key: string; rows: OutcomeRow[]; folds: FoldScores } | undefined;

/** Runs a {@link FitJob} (the work a worker does): the rows unpacked once per key, the fold scores shared by the fits of the same rows. */
export function fitJob(job: FitJob): FitResult {
  if (current?.key !== job.rows.key) current = { key: job.rows.key, rows: unpackOutcomes(job.rows), folds: new Map() };
  return fitLeavingOut(current.rows, job.leaveOut, { folds: current.folds });
}
