/**
 * retention.json: the cohort retention matrix and the response rate by country
 * (lib/loaders/retention.ts), under the disclosure audit of lib/plans/.
 */
import { retentionData } from "./lib/loaders/retention";
import { runLoader } from "./lib/run";

await runLoader("retention.json", retentionData, { whenEmpty: "no round is matched yet: it publishes no cohort and no response by country" });
