/**
 * satisfaction.json: distributions of every 1-5 item per round and the two satisfaction items by
 * segment (lib/loaders/satisfaction.ts), under the disclosure audit of lib/plans/respondents.ts.
 */
import { satisfactionData } from "./lib/loaders/satisfaction";
import { runLoader } from "./lib/run";

await runLoader("satisfaction.json", satisfactionData, { whenEmpty: "no survey answer yet: it publishes no distribution or segment" });
