/**
 * Runs jobs on worker threads: each worker takes the next job of a shared queue when it is free,
 * so long and short jobs balance across threads. Node-only. The worker side is
 * {@link ./serve.ts}; a worker entry is a `.mjs` file that registers tsx and imports its `.ts`
 * module (Node cannot start a worker from TypeScript by itself).
 */
import os from "node:os";
import { Worker } from "node:worker_threads";

/** Threads worth starting for CPU-bound jobs on this machine: `min(2, cores)` unless `max` is lower. */
export function workerThreads(max = 2): number {
  return Math.max(1, Math.min(max, os.availableParallelism()));
}

/** How {@link mapJobs} runs a list of jobs. */
export interface MapJobsOptions<J, R> {
  /** The worker entry (`.mjs`) whose module serves `work`. */
  entry: URL;
  /** The work of one job, run in this thread when the jobs are not worth workers. */
  work: (job: J) => R;
  /** A job's size (bytes, pairs...): jobs run largest first, and the sizes' sum decides. */
  size: (job: J) => number;
  /** Below this total size the jobs run in this thread (each worker costs about half a second to start). */
  minWork: number;
  /** Forces (true) or forbids (false) worker threads; default by `minWork`. */
  parallel?: boolean;
  /** Names a job in errors. */
  describe: (job: J) => string;
  /** Called as each job finishes, in completion order. */
  onDone?: (job: J, result: R) => void;
}

/**
 * Runs `work` over `jobs`: on {@link workerThreads} workers when the total size reaches
 * `minWork` (or `parallel` says so), largest job first so the last to finish is a small one;
 * else in this thread, in order. Results keep the jobs' order.
 * @throws what `work` throws in this thread; from a worker, an Error naming the job (`describe`).
 */
export async function mapJobs<J, R>(jobs: readonly J[], opts: MapJobsOptions<J, R>): Promise<R[]> {
  const sizes = jobs.map(opts.size);
  const total = sizes.reduce((sum, x) => sum + x, 0);
  const threads = Math.min(workerThreads(), jobs.length);
  if (!(opts.parallel ?? (total >= opts.minWork && threads > 1))) {
    return jobs.map((j) => {
      const r = opts.work(j);
      opts.onDone?.(j, r);
      return r;
    });
  }
  const order = jobs.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
  return runOnWorkers<J, R>(opts.entry, jobs, { threads, order, describe: opts.describe, onDone: opts.onDone });
}

/**
 * Runs `jobs` on `threads` workers started from `entry`, in the order `order` (indices; default
 * as given: put the longest first so the last to finish is short). Results keep the jobs' order.
 * @param onDone called as each job finishes, in completion order.
 * @throws Error naming the job when a worker reports a failure or dies; all workers are stopped.
 */
async function runOnWorkers<J, R>(
  entry: URL,
  jobs: readonly J[],
  opts: { threads: number; order?: readonly number[]; describe?: (job: J) => string; onDone?: (job: J, result: R) => void },
): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  const queue = [...(opts.order ?? jobs.map((_, i) => i))];
  const describe = opts.describe ?? ((_: J) => "a job");
  const workers = Array.from({ length: Math.max(1, Math.min(opts.threads, jobs.length)) }, () => new Worker(entry));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const i = queue.shift();
              if (i === undefined) return resolve();
              w.postMessage({ id: i, job: jobs[i] });
            };
            w.on("message", (m: { id: number; result?: R; error?: string }) => {
              if (m.error !== undefined) return reject(new Error(`${describe(jobs[m.id])} failed in a worker: ${m.error}`));
              results[m.id] = m.result as R;
              opts.onDone?.(jobs[m.id], m.result as R);
              next();
            });
            w.on("error", reject);
            w.on("exit", (code) => {
              if (code !== 0) reject(new Error(`a worker thread exited with code ${code}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
