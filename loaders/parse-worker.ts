/**
 * Worker side of parse-pool.ts: parses the files it is sent, one message each.
 */
import { parentPort } from "node:worker_threads";
import { parseFile, type ParseJob } from "./parse-file";

parentPort!.on("message", (msg: { id: number; job: ParseJob }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: parseFile(msg.job) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
  }
});
