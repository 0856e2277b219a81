/**
 * Theme coding speed: loading the codebook and model, then coding the demo's comments (seed 2013)
 * five times; prints a markdown table (min and max of the five runs) and the load average.
 */
import os from "node:os";
import { simulateHistory } from "../src/demo/history";
import { defaultPlans } from "../src/demo/rounds";
import { loadCodebook } from "../src/themes/codebook";
import { createCoder } from "../src/themes/coder";

const t0 = performance.now();
const coder = createCoder(loadCodebook());
const load = performance.now() - t0;
const texts = simulateHistory(defaultPlans(1), 2013).flatMap((d) => d.survey.map((a) => a.comments).filter((c) => c !== ""));
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  for (const t of texts) coder.code(t);
  runs.push(performance.now() - s);
}
const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
const lo = Math.min(...runs);
const hi = Math.max(...runs);
console.log("| what | figure |\n|---|---|");
console.log(`| codebook + wink-nlp model load and phrase compilation | ${load.toFixed(0)} ms |`);
console.log(`| coding ${texts.length} demo comments (${words.toLocaleString("en")} words), 5 runs | ${lo.toFixed(0)}-${hi.toFixed(0)} ms, ${(lo / texts.length).toFixed(2)}-${(hi / texts.length).toFixed(2)} ms per comment |`);
console.log(`\nLoad average during the run: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")} (1, 5, 15 min).`);
