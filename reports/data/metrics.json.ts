/**
 * metrics.json: every per-round metric of docs/metrics.md and the across-rounds totals
 * (lib/loaders/metrics.ts), under the disclosure audit of lib/plans/.
 */
import { metricsData } from "./lib/loaders/metrics";
import { runLoader } from "./lib/run";

await runLoader("metrics.json", metricsData);
