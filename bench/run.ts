/**
 * `npm run bench`: every benchmark of the project in one run, printed as markdown (the figures
 * that go into BENCHMARKS.md) and saved to bench/out/results.md.
 *   1. ingest of a 20-round, 100,000-registration synthetic history vs DuckDB's read_csv;
 *   2. all metrics on that database; the data loaders under the disclosure audit on it (bench/loaders.ts);
 *      the homogeneity test on its Monte Carlo tables (bench/homogeneity.ts);
 *   3. the matching solver on ILN-shaped pools beside networkx (BENCH_SKIP_NETWORKX=1 skips it);
 *   4. re-matching an 800-person pool after a weight change; replay of a demo round;
 *   4b. the 20 left-out outcome fits of the 100,000-participant history (in this thread, and on
 *       the replay worker threads as the build runs them);
 *   5. the dashboard build from a clean cache on the demo data;
 *   6. the dashboard build on the 100,000-participant history, cold and with the replay cache;
 *   7. theme coding of the demo's comments;
 *   8. the start of `iln --help` (compiled, through npx, through tsx) beside Node's own;
 *   9. `npm start` in a fresh clone of this checkout (after `npm ci`), step by step.
 * Steps whose script is absent are reported as such.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchIngest } from "./ingest";
import { OUT, ROOT } from "./lib";

process.chdir(ROOT);
mkdirSync(OUT, { recursive: true });
const lines: string[] = [`## Run of ${new Date().toISOString().slice(0, 16)} on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`, ""];

function step(title: string, script: string, args: string[] = [], env: Record<string, string> = {}): void {
  lines.push(`### ${title}`, "");
  if (!existsSync(path.join(ROOT, script))) {
    lines.push(`(${script} is not in this checkout)`, "");
    return;
  }
  const r = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
  lines.push(r.status === 0 ? r.stdout.trim() : `FAILED (exit ${r.status})\n\n${r.stdout}`, "");
}

lines.push(...benchIngest());
step("Metrics on the 100,000-participant history", "bench/metrics.ts", [path.join(OUT, "bench.duckdb")]);
step("Data loaders under the disclosure audit on the 100,000-participant history (issue 15)", "bench/loaders.ts", [path.join(OUT, "bench.duckdb")]);
step("The homogeneity test's Monte Carlo tables on the 100,000-participant history (issue 15)", "bench/homogeneity.ts", [path.join(OUT, "bench.duckdb")]);
// networkx takes minutes at N=800 and far longer at 1600: compare up to 800 (BENCH_NX_MAX overrides).
step("Matching solver beside LEMON 1.3.1 (issue 15)", "bench/blossom.ts");
step("Re-matching and replay", "bench/match.ts");
step("Left-out outcome fits of the 100,000-participant history", "bench/fits.ts", [path.join(OUT, "bench.duckdb")]);
step("Dashboard build", "bench/site.ts");
step("Dashboard build at 100,000 participants", "bench/site-scale.ts", [path.join(OUT, "bench.duckdb")]);
step("Theme coding", "bench/themes.ts");
step("CLI start", "bench/cli-start.ts");
step("npm start in a fresh clone", "bench/start-fresh.ts");

const text = lines.join("\n");
writeFileSync(path.join(OUT, "results.md"), text + "\n");
console.log(text);
