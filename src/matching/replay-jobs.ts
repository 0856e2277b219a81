/**
 * Runs many replays at once: each job is a loaded round, weights and a prediction model,
 * replayed by {@link replayLoadedRound}; on `min(2, cores)` worker threads when the work repays
 * starting them (about half a second each), else in this thread. Node-only. Results keep the
 * order of the jobs. `replay-rounds.ts` makes the jobs; `replay-worker.ts` is the worker side.
 * The same workers also run left-out fits (fit-jobs.ts; {@link ReplayPool}), so a build's fits
 * and replays share the cores, and replays of one round under several weightings as one job
 * ({@link ReplaysJob}: its pool scored once for all of them).
 */
import { JobQueue, mapJobs, workerThreads } from "../workers/map-jobs";
import type { PredictionModel } from "./fit";
import { fitJob, type FitJob, type FitResult } from "./fit-jobs";
import { replayLoadedRound, replayLoadedRoundUnder, type PoolChoice, type ReplayReport } from "./replay";
import type { RoundData } from "./round-data";
import type { Weights } from "./weights";

/** One replay to run: everything its report depends on (so also the key of a cached result). */
export interface ReplayJob {
  data: RoundData;
  weights: Weights;
  model: PredictionModel | null;
  /** Which people `data` was loaded with; default "matched". */
  include?: PoolChoice;
  /** Maximum cardinality first (default true). */
  maxCardinality?: boolean;
}

/**
 * Replays of one round under several weightings, as one job: {@link ReplayJob} with `weightings`
 * in place of `weights`; its result is the reports of the {@link ReplayJob}s of each weighting,
 * in order, the pool scored once for all of them (`replayLoadedRoundUnder`).
 */
export interface ReplaysJob extends Omit<ReplayJob, "weights"> {
  weightings: Weights[];
}

/**
 * Below this much work in all (sum of squared pool sizes: scoring and pricing are quadratic), the
 * replays run in this thread. Two rounds of 1,400 people are about 4e6.
 */
export const PARALLEL_MIN_WORK = 4_000_000;

/**
 * Replays `jobs`; `parallel` forces (true) or forbids (false) worker threads, default by work.
 * @param onDone called as each replay finishes, in completion order.
 * @throws Error from `replayLoadedRound` (naming the round when it ran in a worker).
 */
export async function replayJobs(jobs: readonly ReplayJob[], opts: { parallel?: boolean; onDone?: (job: ReplayJob, r: ReplayReport) => void } = {}): Promise<ReplayReport[]> {
  return mapJobs<ReplayJob, ReplayReport>(jobs, {
    entry: WORKER,
    work: replayJob,
    size: replayWork,
    minWork: PARALLEL_MIN_WORK,
    parallel: opts.parallel,
    describe,
    onDone: opts.onDone,
  });
}

/** The worker entry of replays. */
const WORKER = new URL("./replay-worker.mjs", import.meta.url);
const describe = (j: ReplayJob | ReplaysJob) => `replaying round ${j.data.pool.round}`;
const describeAny = (j: ReplayJob | ReplaysJob | FitJob) => ("leaveOut" in j ? `fitting the models with round ${j.leaveOut} left out` : describe(j));

/**
 * The work of each weighting after the first in a {@link ReplaysJob}, as a share of a replay's:
 * it solves and reports as a replay does, and sums its scores, but the pairs' features are
 * computed once for all. Measured: both weightings of a 5,000-person round as one job took
 * 1.6-1.7 times the CPU of one replay (the mean of the two alone; BENCHMARKS.md, "Issue 15, third
 * pass").
 */
export const EXTRA_WEIGHTING_WORK = 0.7;

/**
 * The work of a replay of `people` people, in the units of {@link PARALLEL_MIN_WORK}; of a
 * {@link ReplaysJob} (or, with a number, of `weightings` weightings as one job), each weighting
 * after the first counted {@link EXTRA_WEIGHTING_WORK}.
 */
export function replayWork(j: ReplayJob | ReplaysJob | number, weightings = 1): number {
  const people = typeof j === "number" ? j : j.data.pool.people.length;
  const k = typeof j === "object" && "weightings" in j ? j.weightings.length : weightings;
  return people ** 2 * (1 + EXTRA_WEIGHTING_WORK * Math.max(0, k - 1));
}

/**
 * A queue that replays jobs as they are added ({@link JobQueue}): on `min(2, cores)` worker
 * threads when `parallel`, else in this thread as each is added. Close it when done.
 */
export function replayQueue(parallel: boolean): JobQueue<ReplayJob, ReplayReport> {
  return new JobQueue<ReplayJob, ReplayReport>({ entry: WORKER, work: replayJob, threads: parallel ? workerThreads() : 0, describe });
}

/** One job's replay (the work a worker does). */
export function replayJob(j: ReplayJob): ReplayReport {
  return replayLoadedRound(j.data, j.weights, j.model, j.include, { maxCardinality: j.maxCardinality });
}

/** The replays of a {@link ReplaysJob} (the work a worker does), one report a weighting. */
export function replaysJob(j: ReplaysJob): ReplayReport[] {
  return replayLoadedRoundUnder(j.data, j.weightings, j.model, j.include, { maxCardinality: j.maxCardinality });
}

/** A job of the replay workers: a replay, replays of one round under several weightings, or a left-out fit. */
export type PoolJob = ReplayJob | ReplaysJob | FitJob;

/** The work of a replay worker: a replay ({@link replayJob}), replays ({@link replaysJob}) or a left-out fit (`fitJob`). */
export function poolJob(j: PoolJob): ReplayReport | ReplayReport[] | FitResult {
  return "leaveOut" in j ? fitJob(j) : "weightings" in j ? replaysJob(j) : replayJob(j);
}

/**
 * Which waiting job of a {@link ReplayPool} the worker numbered `worker` takes (the `pick` of its
 * {@link JobQueue}): a left-out fit before any other job (replays wait for their round's fit),
 * worker 0 the fit of the EARLIEST round left out (in the time order of the fits' rows,
 * `fitRank`), every other worker that of the LATEST; other jobs in the order added.
 *
 * Why: a worker keeps the fold scores of its fits (fit-jobs.ts), and every fold of a left-out
 * fit's penalty search scores a round before the round left out, trained on the rounds before
 * that one (`fitLeavingOut`): a fold of the one "main chain", shared by every fit leaving out a
 * later round. A fit leaving out round r needs the chain up to r. Taken from both ends, the two
 * workers' fits are two contiguous runs of rounds: the worker taking the latest round fits the
 * whole chain once, in its first fit, and the rest of its run needs only each fit on the other
 * rounds; the worker taking the earliest rounds fits the start of the chain as its run goes,
 * which is all the two workers fit twice. Where the runs meet follows from how fast each worker
 * goes.
 * A fit's result does not depend on which worker ran it or after which others (`FoldScores`).
 * @returns an index into `waiting` (0 when it is empty).
 */
export function pickPoolJob(waiting: readonly PoolJob[], worker: number): number {
  let best = -1;
  let bestRank = 0;
  waiting.forEach((j, i) => {
    if (!("leaveOut" in j)) return;
    const rank = fitRank(j);
    if (best < 0 || (worker === 0 ? rank < bestRank : rank > bestRank)) (best = i), (bestRank = rank);
  });
  return best < 0 ? 0 : best;
}

/** A left-out fit's place in time: the index of the round left out among its rows' rounds (in the order the rows name them, as `fitLeavingOut` orders them); after all of them when the rows have none of that round (its fit's penalty search takes the whole main chain). */
export function fitRank(j: FitJob): number {
  const k = j.rows.rounds.indexOf(j.leaveOut);
  return k < 0 ? j.rows.rounds.length : k;
}

/**
 * Replays and left-out fits run as they are added ({@link JobQueue}), on `min(2, cores)` worker
 * threads when `parallel` (each free thread takes the next job as {@link pickPoolJob} chooses:
 * fits first, from either end of time; other jobs in the order added), else in this thread as
 * each is added. Close it when done.
 */
export class ReplayPool {
  private readonly queue: JobQueue<PoolJob, ReplayReport | ReplayReport[] | FitResult>;
  constructor(parallel: boolean) {
    this.queue = new JobQueue<PoolJob, ReplayReport | ReplayReport[] | FitResult>({ entry: WORKER, work: poolJob, threads: parallel ? workerThreads() : 0, describe: describeAny, pick: pickPoolJob });
  }

  /** Whether jobs run on worker threads. */
  get parallel(): boolean {
    return this.queue.parallel;
  }

  /** Replays `job`; rejects as {@link JobQueue.add} does. */
  replay(job: ReplayJob): Promise<ReplayReport> {
    return this.queue.add(job) as Promise<ReplayReport>;
  }

  /** Replays one round under each weighting of `job` (one report each, in order); rejects as {@link JobQueue.add} does. */
  replays(job: ReplaysJob): Promise<ReplayReport[]> {
    return this.queue.add(job) as Promise<ReplayReport[]>;
  }

  /** Runs the left-out fit `job`; rejects as {@link JobQueue.add} does. */
  fit(job: FitJob): Promise<FitResult> {
    return this.queue.add(job) as Promise<FitResult>;
  }

  /**
   * Runs the left-out fits `jobs`, all waiting before any starts so that the workers take them
   * from both ends of time ({@link pickPoolJob}); one promise per job, each settled as its fit
   * finishes. In this thread they run in the order given.
   */
  fits(jobs: readonly FitJob[]): Promise<FitResult>[] {
    return this.queue.addAll(jobs) as Promise<FitResult>[];
  }

  /** Stops the workers. */
  close(): Promise<void> {
    return this.queue.close();
  }
}
