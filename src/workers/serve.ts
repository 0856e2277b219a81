/**
 * Worker side of {@link ./map-jobs.ts}: answers each `{ id, job }` message with `{ id, result }`, or
 * `{ id, error }` (the stack) when `work` throws.
 */
import { parentPort } from "node:worker_threads";

/** Serves `work` to the parent thread; call once at the top of a worker module. */
export function serveJobs<J, R>(work: (job: J) => R): void {
  if (!parentPort) throw new Error("serveJobs must run in a worker thread");
  const port = parentPort;
  port.on("message", (msg: { id: number; job: J }) => {
    try {
      port.postMessage({ id: msg.id, result: work(msg.job) });
    } catch (err) {
      port.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
    }
  });
}
