/**
 * Runs many replays at once: each job is a loaded round, weights and a prediction model,
 * replayed by {@link replayLoadedRound}; on `min(2, cores)` worker threads when the work repays
 * starting them (about half a second each), else in this thread. Node-only. Results keep the
 * order of the jobs. `replay-rounds.ts` makes the jobs; `replay-worker.ts` is the worker side.
 */
import { mapJobs } from "../workers/map-jobs";
import type { PredictionModel } from "./fit";
import { replayLoadedRound, type PoolChoice, type ReplayReport } from "./replay";
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
    entry: new URL("./replay-worker.mjs", import.meta.url),
    work: replayJob,
    size: (j) => j.data.pool.people.length ** 2,
    minWork: PARALLEL_MIN_WORK,
    parallel: opts.parallel,
    describe: (j) => `replaying round ${j.data.pool.round}`,
    onDone: opts.onDone,
  });
}

/** One job's replay (the work a worker does). */
export function replayJob(j: ReplayJob): ReplayReport {
  return replayLoadedRound(j.data, j.weights, j.model, j.include, { maxCardinality: j.maxCardinality });
}
