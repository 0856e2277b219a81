/**
 * Worker side of replay-pool.ts: replays the rounds it is sent, one message each.
 */
import { serveJobs } from "../workers/serve";
import type { ReplayJob } from "./replay-pool";
import { replayPool } from "./replay";

serveJobs((j: ReplayJob) => replayPool(j.rp, j.weights, j.model));
