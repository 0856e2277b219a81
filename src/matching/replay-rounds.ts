/**
 * Replaying rounds of the database (docs/matching.md, "Replay"): the one path that both
 * `iln replay` and the matching page's data loader take.
 *
 * For each round: load its data (`loadRoundData`); fit, once, the completion model and the
 * weights with that round left out (`fitLeavingOut`: a round's own outcomes never flatter its
 * predictions); replay it under the given weights and, when asked, under those fitted weights.
 * The replays run as jobs (replay-jobs.ts: on worker threads when they are large enough), each
 * looked up first in a store of finished results when the caller gives one (the page's
 * content-keyed cache); when both of a round's replays must run, they run as one job that scores
 * the round's pool once for both weightings (unless the round is the only one and there are
 * threads to run its two replays side by side). Each report can be turned into what the caller
 * keeps (`finish`: the page publishes aggregates only). The left-out fits can be kept in a store
 * too (`fits`: at 20 rounds of 5,000 people they take about a quarter of the replays' time). With
 * worker threads, the fits run on them too (fit-jobs.ts), beside the replays: every round's fit
 * is handed out at once as soon as the outcomes are loaded (with the first round), the workers
 * taking them from both ends of time (replay-jobs.ts `pickPoolJob`: the one chain of validation
 * folds that all the fits' penalty searches share is fitted by each worker only as far as its
 * fits need it), and a round's replays as soon as its fit is done and the round is loaded, while
 * the next rounds load, largest round first (so the last replays to finish are short ones and
 * the workers are never idle waiting for the loading). Without, everything runs in this thread,
 * each round's fit when the round is loaded.
 */
import { roundIds, type Db } from "../db";
import { UnknownRoundError } from "../domain/errors";
import { fitLeavingOut, type FoldScores, type OutcomeRow, type PredictionModel } from "./fit";
import { workerThreads } from "../workers/map-jobs";
import { packOutcomes, type PackedOutcomes } from "./fit-jobs";
import { PARALLEL_MIN_WORK, ReplayPool, replayWork, type ReplayJob } from "./replay-jobs";
import type { PoolChoice, ReplayReport } from "./replay";
import { loadOutcomes, loadRoundData, roundSummaries, type PeopleCache, type RoundData } from "./round-data";
import { defaultWeights, type Weights } from "./weights";

/** Which weights a replay used: those given to {@link replayRounds}, or those fitted with the round left out. */
export type ReplayWeights = "given" | "fitted";

/** A store of finished replays (e.g. a content-keyed cache on disk), keyed by the job and which weights it used. */
export interface ReplayStore<T> {
  /** The stored result of `job`, or undefined. */
  get(job: ReplayJob, which: ReplayWeights): T | undefined;
  /** Keeps the result of `job`. */
  set(job: ReplayJob, which: ReplayWeights, value: T): void;
}

/** A round's left-out fit: the completion model and the weights made from it; null when it could not be fitted. */
export type LeftOutFit = { model: PredictionModel; weights: Weights } | null;

/**
 * A store of left-out fits, keyed by every outcome row they were fitted from (the store hashes
 * them) and the round left out. `get` returns undefined when it holds none.
 */
export interface FitStore {
  get(outcomes: readonly OutcomeRow[], round: string): LeftOutFit | undefined;
  set(outcomes: readonly OutcomeRow[], round: string, fit: LeftOutFit): void;
}

/** How {@link replayRounds} replays. */
export interface ReplayRoundsOptions<T> {
  /** Weights every round is replayed under; default `defaultWeights()`. */
  weights?: Weights;
  /** Also replay each round under weights fitted on the other rounds (none when they cannot be fitted). */
  fitted?: boolean;
  /** The pool: the people of the round's historical first matching (default, a like-for-like comparison) or every registration. */
  include?: PoolChoice;
  /** Maximum cardinality first, then maximum weight (default true). */
  maxCardinality?: boolean;
  /** Predicted completion from the left-out model (default true); false skips fitting for predictions. */
  predictions?: boolean;
  /** Worker threads: forced (true), forbidden (false), or by the amount of work (default). */
  parallel?: boolean;
  /** Turns each report into what is kept and returned (default: the report itself). */
  finish?: (report: ReplayReport, which: ReplayWeights) => T;
  /** Finished results to reuse, and to keep the new ones in. */
  store?: ReplayStore<T>;
  /** Left-out fits to reuse, and to keep the new ones in. */
  fits?: FitStore;
  /** Called as each replay that had to run finishes (in completion order), with how many have so far. */
  onReplayed?: (round: string, which: ReplayWeights, computed: number) => void;
}

/** The replays of one round. */
export interface RoundReplay<T> {
  round: string;
  data: RoundData;
  /** The completion model fitted on the other rounds; null when it could not be fitted or predictions were off. */
  model: PredictionModel | null;
  /** The weights fitted on the other rounds (with `fitted`), else null. */
  fittedWeights: Weights | null;
  /** The replay under the given weights. */
  given: T;
  /** The replay under the fitted weights, when asked for and they could be fitted. */
  fitted: T | null;
}

/**
 * Replays `rounds` (ids, in the order given) of the database; see the module doc.
 * @returns one entry per round, in the order of `rounds`.
 * @throws UnknownRoundError (a usage error) when a round is not in the database, before any work;
 *   Error from a replay (naming its round when it ran in a worker).
 */
export async function replayRounds<T = ReplayReport>(db: Db, rounds: readonly string[], opts: ReplayRoundsOptions<T> = {}): Promise<RoundReplay<T>[]> {
  const known = await roundIds(db);
  for (const r of rounds) if (!known.includes(r)) throw new UnknownRoundError(r, known);
  const include = opts.include ?? "matched";
  const weights = opts.weights ?? defaultWeights();
  const finish = opts.finish ?? ((r: ReplayReport) => r as unknown as T);
  const fitting = opts.predictions !== false || opts.fitted === true;
  const registered = new Map((await roundSummaries(db)).map((r) => [r.round, r.registered]));
  const perRound = opts.fitted ? 2 : 1;
  const threads = workerThreads();
  // A round's two replays run as one job (its pool scored once for both) unless a lone round's
  // two could run side by side on two threads.
  const together = perRound > 1 && rounds.length >= threads;
  const work = rounds.reduce((sum, r) => sum + (together ? replayWork(registered.get(r) ?? 0, perRound) : perRound * replayWork(registered.get(r) ?? 0)), 0);
  const parallel = opts.parallel ?? (work >= PARALLEL_MIN_WORK && rounds.length * perRound > 1 && threads > 1);
  const pool = new ReplayPool(parallel);
  const combine = together || !pool.parallel;
  try {
    let outcomes: OutcomeRow[] | undefined;
    let packed: PackedOutcomes | undefined; // the outcomes as sent to the workers, packed once
    const people: PeopleCache = new Map(); // each round's registrations read once, for its pool and the outcomes
    const folds: FoldScores = new Map(); // each validation fold of the left-out fits fitted once (in this thread)
    let computed = 0;
    const out: RoundReplay<T>[] = new Array(rounds.length);
    const running: Promise<unknown>[] = [];
    const order = rounds.map((_, k) => k).sort((a, b) => (registered.get(rounds[b]) ?? 0) - (registered.get(rounds[a]) ?? 0));
    /** The fit of `round` left out, in this thread: from `opts.fits` when it holds it, else fitted and kept there. */
    const leftOutFit = (rows: OutcomeRow[], round: string): LeftOutFit => {
      const kept = opts.fits?.get(rows, round);
      if (kept !== undefined) return kept;
      const fit = fitLeavingOut(rows, round, { folds });
      opts.fits?.set(rows, round, fit);
      return fit;
    };
    /**
     * On worker threads, every round's left-out fit at once, as soon as the outcomes are loaded:
     * those `opts.fits` holds from there, the others handed to the workers together so that they
     * take them from both ends of time (`pickPoolJob`: no fold fitted by both but the start of
     * the main chain), each kept in `opts.fits` as it finishes.
     */
    const handOutFits = (rows: OutcomeRow[]): Map<string, LeftOutFit | Promise<LeftOutFit>> => {
      const fits = new Map<string, LeftOutFit | Promise<LeftOutFit>>();
      const todo: string[] = [];
      for (const round of new Set(rounds)) {
        const kept = opts.fits?.get(rows, round);
        if (kept !== undefined) fits.set(round, kept);
        else todo.push(round);
      }
      if (!todo.length) return fits;
      packed ??= packOutcomes(rows, `outcomes ${++packs}`);
      const rowsOf = packed;
      pool.fits(todo.map((round) => ({ leaveOut: round, rows: rowsOf }))).forEach((fitted, k) => {
        const fit = fitted.then((f) => {
          opts.fits?.set(rows, todo[k], f);
          return f;
        });
        fit.catch(() => undefined); // handled where the round's replays wait for it (a failure before then is not unhandled)
        fits.set(todo[k], fit);
      });
      return fits;
    };
    let handedOut: Map<string, LeftOutFit | Promise<LeftOutFit>> | undefined;
    /**
     * Replays a round once its left-out fit is known: each replay not in the store, both as one
     * job when both must run and `combine` says so. Each result is finished, kept and reported
     * as it would be from a job of its own (given first).
     */
    const replay = (entry: RoundReplay<T>, left: LeftOutFit): Promise<unknown> => {
      entry.model = opts.predictions === false ? null : (left?.model ?? null);
      entry.fittedWeights = opts.fitted ? (left?.weights ?? null) : null;
      const todo: { which: ReplayWeights; job: ReplayJob }[] = [];
      for (const [which, w] of [["given", weights], ["fitted", entry.fittedWeights]] as const) {
        if (!w) continue;
        const job: ReplayJob = { data: entry.data, weights: w, model: entry.model, include, ...(opts.maxCardinality === false ? { maxCardinality: false } : {}) };
        const hit = opts.store?.get(job, which);
        if (hit !== undefined) entry[which] = hit;
        else todo.push({ which, job });
      }
      const done = ({ which, job }: (typeof todo)[number], report: ReplayReport) => {
        const value = finish(report, which);
        entry[which] = value;
        opts.store?.set(job, which, value);
        opts.onReplayed?.(entry.round, which, ++computed);
      };
      if (combine && todo.length > 1) {
        const { weights: _, ...rest } = todo[0].job;
        return pool.replays({ ...rest, weightings: todo.map((t) => t.job.weights) }).then((reports) => todo.forEach((t, k) => done(t, reports[k])));
      }
      return Promise.all(todo.map((t) => pool.replay(t.job).then((report) => done(t, report))));
    };
    for (const k of order) {
      const round = rounds[k];
      const data = await loadRoundData(db, round, { include, people });
      if (fitting) outcomes ??= await loadOutcomes(db, undefined, { people });
      const entry: RoundReplay<T> = { round, data, model: null, fittedWeights: null, given: undefined as T, fitted: null };
      out[k] = entry;
      if (outcomes && pool.parallel) handedOut ??= handOutFits(outcomes);
      const left = !outcomes ? null : handedOut ? (handedOut.get(round) as LeftOutFit | Promise<LeftOutFit>) : leftOutFit(outcomes, round);
      const done = left instanceof Promise ? left.then((fit) => replay(entry, fit)) : replay(entry, left);
      done.catch(() => undefined); // handled by the Promise.all below (a failure while rounds still load is not unhandled)
      running.push(done);
    }
    await Promise.all(running);
    return out;
  } finally {
    await pool.close();
  }
}

/** Sets of outcome rows packed for the workers so far (names each set for the workers' memory of it). */
let packs = 0;

/**
 * Replays one round of the database under `weights` ({@link replayRounds} of that round).
 * @throws UnknownRoundError (a usage error) when the round is not in the database.
 */
export async function replayRound(db: Db, round: string, weights: Weights, options: { include?: PoolChoice; predictions?: boolean; maxCardinality?: boolean } = {}): Promise<ReplayReport> {
  const [r] = await replayRounds(db, [round], { weights, include: options.include, predictions: options.predictions, maxCardinality: options.maxCardinality });
  return r.given;
}

/**
 * The completion model for predictions about `round` (a proposal for it, `iln match`): fitted on
 * every other round's outcomes. Null when there is too little data.
 */
export async function predictionModelFor(db: Db, round: string): Promise<PredictionModel | null> {
  return fitLeavingOut(await loadOutcomes(db), round)?.model ?? null;
}
