/**
 * health.json: partnerships per health class and per reason, per round, and the rule set
 * (lib/loaders/health.ts), under the disclosure audit of lib/plans/partnerships.ts.
 */
import { healthData } from "./lib/loaders/health";
import { runLoader } from "./lib/run";

await runLoader("health.json", healthData, { whenEmpty: "no round has partnerships yet: it publishes no count of partnerships" });
