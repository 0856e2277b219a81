/**
 * Worker side of replay-pool.ts: replays the rounds it is sent, one message each.
 */
import { serveJobs } from "../workers/serve";
import { replayJob } from "./replay-pool";

serveJobs(replayJob);
