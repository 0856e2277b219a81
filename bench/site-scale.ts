/**
 * `npx tsx bench/site-scale.ts [DB]`: the dashboard build on the 100,000-participant, 20-round
 * history (default bench/out/bench.duckdb, made by bench/ingest.ts), twice: with an empty replay
 * cache (the matching page replays every round under the default and the fitted weights: 40
 * exact matchings of about 5,000 people) and again with the cache the first build left (a rebuild
 * over an unchanged database). Prints markdown table rows: wall time, CPU time of every process
 * (what to compare when the machine is shared), the load average, peak resident memory of the
 * largest process (GNU time), size of dist/.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { directorySize } from "../scripts/build-site";
import { fmt, measure, OUT } from "./lib";

const db = path.resolve(process.argv[2] ?? path.join(OUT, "bench.duckdb"));
if (!existsSync(db)) {
  console.error(`no database at ${db}: run \`npx tsx bench/ingest.ts\` (or \`npm run bench\`) first`);
  process.exit(1);
}
/** The 1-minute load average, to 1 decimal. */
const load = () => os.loadavg()[0].toFixed(1);
const tmp = mkdtempSync(path.join(os.tmpdir(), "iln-bench-scale-"));
try {
  console.log("| build of the 100,000-participant history | wall | CPU (user + system, every process) | load average before / after | peak memory (largest process) | dist |");
  console.log("|---|---|---|---|---|---|");
  const labels = ["empty replay cache (every round replayed twice)", "rebuild, replay cache kept"];
  for (const [k, label] of labels.entries()) {
    // A fresh output folder each time: Framework does not clear one outside the project.
    const outDir = path.join(tmp, `dist${k}`);
    const before = load();
    const m = measure(["--import", "tsx", "scripts/build-site.ts"], { ILN_DB: db, ILN_SITE_OUT: outDir, ILN_REPLAY_CACHE: path.join(tmp, "replays") });
    console.log(`| ${label} | ${fmt(m.seconds)} s | ${fmt(m.cpuSeconds)} s | ${before} / ${load()} | ${fmt(m.peakMB, 0)} MB | ${fmt(directorySize(outDir) / 1024 / 1024, 2)} MB |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
