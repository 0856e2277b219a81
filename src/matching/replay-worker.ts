/**
 * Worker side of replay-jobs.ts: replays the rounds it is sent, one message each.
 */
import { serveJobs } from "../workers/serve";
import { replayJob } from "./replay-jobs";

serveJobs(replayJob);
