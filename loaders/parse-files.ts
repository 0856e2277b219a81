/**
 * Parses many export files, on worker threads when there is enough work to repay starting them
 * (each worker costs about half a second to start): the files of a large history are parsed
 * `min(2, cores)` at a time, as DuckDB's own `read_csv` uses every core. Results keep the order
 * of the jobs.
 */
import { statSync } from "node:fs";
import { mapJobs } from "../src/workers/map-jobs";
import { parseFile, type ParsedFile, type ParseJob } from "./parse-file";

/** Below this many bytes in all, files are parsed in this thread. */
export const PARALLEL_MIN_BYTES = 8_000_000;

/**
 * Parses `jobs`; `parallel` forces (true) or forbids (false) worker threads, default by size.
 * @param onDone called as each file finishes, in completion order.
 * @throws Error when a worker fails unexpectedly (a bug, not bad input).
 */
export async function parseFiles(jobs: readonly ParseJob[], opts: { parallel?: boolean; onDone?: (job: ParseJob, r: ParsedFile) => void } = {}): Promise<ParsedFile[]> {
  return mapJobs<ParseJob, ParsedFile>(jobs, {
    entry: new URL("./parse-worker.mjs", import.meta.url),
    work: parseFile,
    size: (j) => statSync(j.path).size,
    minWork: PARALLEL_MIN_BYTES,
    parallel: opts.parallel,
    describe: (j) => `parsing ${j.path}`,
    onDone: opts.onDone,
  });
}
