/**
 * `npx tsx bench/fits.ts [DB] [--dump FILE]`: the left-out outcome fits of every round of a
 * database (default bench/out/bench.duckdb), as the matching page's build makes them
 * (`fitLeavingOut` with that round left out, the penalty chosen by time-ordered validation over
 * the other rounds, the fold scores shared between rounds), timed. Prints markdown table rows.
 * `--dump FILE` writes each round's chosen penalties, fitted weights and full-precision estimates
 * and every fold score as JSON (scripts/compare-fits.ts compares two dumps).
 */
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, roundIds } from "../src/db";
import { fitLeavingOut, type FoldScores } from "../src/matching/fit";
import { loadOutcomes, roundSummaries } from "../src/matching/round-data";
import { OUT } from "./lib";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const dump = flag("--dump");
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
  const folds: FoldScores = new Map();
  const t0 = performance.now();
  const fits = [];
  let first = 0;
  for (const round of rounds) {
    fits.push({ round, fit: fitLeavingOut(outcomes, round, { folds }) });
    if (!first) first = performance.now() - t0;
  }
  const total = performance.now() - t0;
  const n = outcomes.length;
  const answers = outcomes.reduce((s, r) => s + r.partnerSatisfaction.length, 0);
  console.log(`| left-out fits of ${rounds.length} rounds (${n} partnerships, ${answers} satisfaction answers) | first fit | all | fold fits | load (uptime) |`);
  console.log("|---|---|---|---|---|");
  console.log(`| in this thread, one after another | ${(first / 1000).toFixed(1)} s | ${(total / 1000).toFixed(1)} s | ${folds.size} | ${os.loadavg().map((x) => x.toFixed(2)).join(", ")} |`);
  if (dump) {
    const out = {
      rounds: fits.map(({ round, fit }) => ({
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
