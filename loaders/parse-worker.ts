/**
 * Worker side of parse-files.ts: parses the files it is sent, one message each.
 */
import { serveJobs } from "../src/workers/serve";
import { parseFile } from "./parse-file";

serveJobs(parseFile);
