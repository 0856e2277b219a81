/**
 * Replays many rounds at once (the matching page's build): each job is a loaded round, weights
 * and a prediction model, replayed by {@link replayPool}; on `min(2, cores)` worker threads when
 * the work repays starting them (about half a second each), else in this thread. Node-only.
 * Results keep the order of the jobs.
 */
import { mapJobs } from "../workers/pool";
import type { RoundPool } from "./pool";
import { replayPool, type PredictionModel, type ReplayReport } from "./replay";
import type { Weights } from "./weights";

/** One replay to run. */
export interface ReplayJob {
  rp: RoundPool;
  weights: Weights;
  model: PredictionModel | null;
}

/**
 * Below this much work in all (sum of squared pool sizes: scoring and pricing are quadratic), the
 * replays run in this thread. Two rounds of 1,400 people are about 4e6.
 */
export const PARALLEL_MIN_WORK = 4_000_000;

/**
 * Replays `jobs`; `parallel` forces (true) or forbids (false) worker threads, default by work.
 * @param onDone called as each replay finishes, in completion order.
 * @throws Error from `replayPool` (naming the round when it ran in a worker).
 */
export async function replayPools(jobs: readonly ReplayJob[], opts: { parallel?: boolean; onDone?: (job: ReplayJob, r: ReplayReport) => void } = {}): Promise<ReplayReport[]> {
  return mapJobs<ReplayJob, ReplayReport>(jobs, {
    entry: new URL("./replay-worker.mjs", import.meta.url),
    work: replayJob,
    size: (j) => j.rp.pool.people.length ** 2,
    minWork: PARALLEL_MIN_WORK,
    parallel: opts.parallel,
    describe: (j) => `replaying round ${j.rp.pool.round}`,
    onDone: opts.onDone,
  });
}

/** One job's replay (the work a worker does). */
export function replayJob(j: ReplayJob): ReplayReport {
  return replayPool(j.rp, j.weights, j.model);
}
