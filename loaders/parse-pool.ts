/**
 * Parses many export files, on worker threads when there is enough work to repay starting them
 * (each worker costs about half a second to start): the files of a large history are parsed
 * `min(2, cores)` at a time, as DuckDB's own `read_csv` uses every core. Results keep the order
 * of the jobs.
 */
import { statSync } from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { parseFile, type ParsedFile, type ParseJob } from "./parse-file";

/** Below this many bytes in all, files are parsed in this thread. */
export const PARALLEL_MIN_BYTES = 8_000_000;

/**
 * Parses `jobs`; `parallel` forces (true) or forbids (false) worker threads, default by size.
 * @param onDone called as each file finishes, in completion order.
 * @throws Error when a worker fails unexpectedly (a bug, not bad input).
 */
export async function parseFiles(jobs: readonly ParseJob[], opts: { parallel?: boolean; onDone?: (job: ParseJob, r: ParsedFile) => void } = {}): Promise<ParsedFile[]> {
  const onDone = opts.onDone ?? (() => {});
  const bytes = jobs.reduce((sum, j) => sum + statSync(j.path).size, 0);
  const threads = Math.min(2, os.availableParallelism(), jobs.length);
  const parallel = opts.parallel ?? (bytes >= PARALLEL_MIN_BYTES && threads > 1);
  if (!parallel) {
    return jobs.map((j) => {
      const r = parseFile(j);
      onDone(j, r);
      return r;
    });
  }
  const results: ParsedFile[] = new Array(jobs.length);
  // Largest files first, so the last file to finish is a small one.
  const queue = jobs.map((j, i) => i).sort((a, b) => statSync(jobs[b].path).size - statSync(jobs[a].path).size);
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(new URL("./parse-worker.mjs", import.meta.url)));
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
            w.on("message", (m: { id: number; result?: ParsedFile; error?: string }) => {
              if (m.error !== undefined) return reject(new Error(`parsing ${jobs[m.id].path} failed in a worker: ${m.error}`));
              results[m.id] = m.result!;
              onDone(jobs[m.id], m.result!);
              next();
            });
            w.on("error", reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
