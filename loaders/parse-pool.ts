/**
 * Parses many export files, on worker threads when there is enough work to repay starting them
 * (each worker costs about half a second to start): the files of a large history are parsed
 * `min(2, cores)` at a time, as DuckDB's own `read_csv` uses every core. Results keep the order
 * of the jobs.
 */
import { statSync } from "node:fs";
import { runOnWorkers, workerThreads } from "../src/workers/pool";
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
  const threads = Math.min(workerThreads(), jobs.length);
  const parallel = opts.parallel ?? (bytes >= PARALLEL_MIN_BYTES && threads > 1);
  if (!parallel) {
    return jobs.map((j) => {
      const r = parseFile(j);
      onDone(j, r);
      return r;
    });
  }
  // Largest files first, so the last file to finish is a small one.
  const order = jobs.map((_, i) => i).sort((a, b) => statSync(jobs[b].path).size - statSync(jobs[a].path).size);
  return runOnWorkers<ParseJob, ParsedFile>(new URL("./parse-worker.mjs", import.meta.url), jobs, {
    threads,
    order,
    describe: (j) => `parsing ${j.path}`,
    onDone,
  });
}
