/**
 * Worker side of replay-jobs.ts: replays the rounds it is sent and runs the left-out fits
 * (fit-jobs.ts), one message each.
 */
import { serveJobs } from "../workers/serve";
import { poolJob } from "./replay-jobs";

serveJobs(poolJob);
