/**
 * coverage.json: matched participants per country and world region, per round
 * (lib/loaders/coverage.ts), under the disclosure audit of lib/plans/matched.ts.
 */
import { coverageData } from "./lib/loaders/coverage";
import { runLoader } from "./lib/run";

await runLoader("coverage.json", coverageData, { whenEmpty: "no round is matched yet: it publishes no count of participants (applicants are in metrics.json)" });
