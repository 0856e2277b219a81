/**
 * `npx tsx bench/fits.ts [DB] [--here] [--workers] [--dump FILE]`: the left-out outcome fits of
 * every round of a database (default bench/out/bench.duckdb), as the matching page's build makes
 * them (`fitLeavingOut` with that round left out, the penalty chosen by time-ordered validation
 * over the rounds before it, the fold scores shared between rounds), timed: `--here` in this thread
 * one after another (the build without worker threads), `--workers` as jobs on the replay worker
 * threads, handed out together (the build's way: fit-jobs.ts, replay-jobs.ts `pickPoolJob`), both
 * when neither is given (and then checked equal). Prints markdown table rows: wall time of the first fit and of all, CPU time of the process
 * (every thread), and the load average. `--dump FILE` writes each round's chosen penalties, fitted
 * weights and full-precision estimates, and (from `--here`) every fold score, as JSON
 * (bench/compare-fits.ts compares two dumps).
 */
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, roundIds } from "../src/db";
import { fitLeavingOut, type FoldScores } from "../src/matching/fit";
import { packOutcomes } from "../src/matching/fit-jobs";
import { ReplayPool } from "../src/matching/replay-jobs";
import { loadOutcomes, roundSummaries } from "../src/matching/round-data";
import { workerThreads } from "../src/workers/map-jobs";
import { OUT } from "./lib";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const dump = flag("--dump");
const switches = new Set(args.filter((a) => a.startsWith("--")));
args.splice(0, args.length, ...args.filter((a) => !a.startsWith("--")));
const here = switches.has("--here") || !switches.has("--workers");
const workers = switches.has("--workers") || !switches.has("--here");
const dbPath = path.resolve(args[0] ?? path.join(OUT, "bench.duckdb"));
if (!existsSync(dbPath)) {
  console.error(`no database at ${dbPath}: run \`npx tsx bench/ingest.ts\` (or \`npm run bench\`) first`);
  process.exit(1);
}
const db = await openDatabase(dbPath, { readOnly: true });
try {
  const all = await roundIds(db);
  const registered = new Map((await roundSummaries(db)).map((r) => [r.round, r.registered]));
  // The build's order: largest round first (replay-rounds.ts).
  const rounds = [...all].sort((a, b) => (registered.get(b) ?? 0) - (registered.get(a) ?? 0));
  const outcomes = await loadOutcomes(db);
  const n = outcomes.length;
  const answers = outcomes.reduce((s, r) => s + r.partnerSatisfaction.length, 0);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(", ");
  console.log(`| left-out fits of ${rounds.length} rounds (${n} partnerships, ${answers} satisfaction answers) | first fit | all (wall) | CPU, all threads | load average (1, 5, 15 min) before / after |`);
  console.log("|---|---|---|---|---|");
  type Fit = ReturnType<typeof fitLeavingOut>;
  let results: { round: string; fit: Fit }[] | undefined;
  const folds: FoldScores = new Map();
  if (here) {
    const before = load();
    const c0 = cpu();
    const t0 = performance.now();
    const fits: { round: string; fit: Fit }[] = [];
    let first = 0;
    for (const round of rounds) {
      fits.push({ round, fit: fitLeavingOut(outcomes, round, { folds }) });
      if (!first) first = performance.now() - t0;
    }
    const total = performance.now() - t0;
    console.log(`| in this thread, one after another (${folds.size} fold fits) | ${(first / 1000).toFixed(1)} s | ${(total / 1000).toFixed(1)} s | ${(cpu() - c0).toFixed(1)} s | ${before} / ${load()} |`);
    results = fits;
  }
  if (workers) {
    const before = load();
    const c0 = cpu();
    const t0 = performance.now();
    const pool = new ReplayPool(true);
    let first = 0;
    let fits: { round: string; fit: Fit }[];
    try {
      const packed = packOutcomes(outcomes, "bench");
      // handed out together, as replay-rounds.ts does (the workers take them from both ends of time)
      const pending = pool.fits(rounds.map((round) => ({ leaveOut: round, rows: packed })));
      fits = await Promise.all(
        pending.map(async (p, k) => {
          const fit = await p;
          first ||= performance.now() - t0;
          return { round: rounds[k], fit };
        }),
      );
    } finally {
      await pool.close();
    }
    const total = performance.now() - t0;
    console.log(`| on ${workerThreads()} worker threads, as the build runs them (first to finish) | ${(first / 1000).toFixed(1)} s | ${(total / 1000).toFixed(1)} s | ${(cpu() - c0).toFixed(1)} s | ${before} / ${load()} |`);
    if (results && JSON.stringify(results) !== JSON.stringify(fits)) throw new Error("the fits on worker threads differ from those in this thread");
    results ??= fits;
  }
  if (dump && results) {
    const out = {
      rounds: results.map(({ round, fit }) => ({
        round,
        penalty: fit?.weights.fitted?.penalty ?? null,
        utility: fit?.weights.utility ?? null,
        completion: fit ? fit.model.fit.coefficients.map((c) => [c.name, c.estimate, c.se]) : null,
        iterations: fit?.model.fit.iterations ?? null,
      })),
      folds: Object.fromEntries([...folds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
    writeFileSync(dump, JSON.stringify(out, null, 1));
  }
} finally {
  db.close();
}
