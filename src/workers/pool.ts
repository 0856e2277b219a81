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

/**
 * Runs `jobs` on `threads` workers started from `entry`, in the order `order` (indices; default
 * as given: put the longest first so the last to finish is short). Results keep the jobs' order.
 * @param onDone called as each job finishes, in completion order.
 * @throws Error naming the job when a worker reports a failure or dies; all workers are stopped.
 */
export async function runOnWorkers<J, R>(
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
