/**
 * `npx tsx bench/replays.ts [DB] [--fits FILE] [--dump FILE] [--rounds A,B] [--here] [--registered]`: the replay
 * part of the matching page's build on its own: `replayRounds` of every round of a database
 * (default bench/out/bench.duckdb) under the default weights and the fitted ones (`fitted: true`),
 * as the page's loader calls it but with no replay cache, on the worker threads (`--here`: in this
 * thread; `--registered`: the pools of every registration). The left-out fits are not timed: they come from a store filled before the clock starts
 * (`--fits FILE`: a JSON file of them, written on the first run and read on the next, so repeated
 * runs time the replays alone). Prints a markdown table row: wall time, CPU time of the process
 * (every thread), the load average. `--dump FILE` writes every report as JSON (to compare two
 * versions of the code: the reports must be identical).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, roundIds } from "../src/db";
import { replayRounds, type FitStore, type LeftOutFit } from "../src/matching/replay-rounds";
import { OUT } from "./lib";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const fitsFile = flag("--fits");
const dump = flag("--dump");
const only = flag("--rounds")?.split(",");
const here = args.includes("--here");
const include = args.includes("--registered") ? ("registered" as const) : ("matched" as const);
const dbPath = path.resolve(args.filter((a) => !a.startsWith("--"))[0] ?? path.join(OUT, "bench.duckdb"));
if (!existsSync(dbPath)) {
  console.error(`no database at ${dbPath}: run \`npx tsx bench/ingest.ts\` (or \`npm run bench\`) first`);
  process.exit(1);
}
const db = await openDatabase(dbPath, { readOnly: true });
try {
  const rounds = only ?? (await roundIds(db));
  const kept = new Map<string, LeftOutFit>(fitsFile && existsSync(fitsFile) ? Object.entries(JSON.parse(readFileSync(fitsFile, "utf8")) as Record<string, LeftOutFit>) : []);
  const fits: FitStore = { get: (_rows, round) => kept.get(round), set: (_rows, round, fit) => kept.set(round, fit) };
  if (rounds.some((r) => !kept.has(r))) {
    // Fill the store: the fits only (predictions and fitted weights), replays of no round.
    console.error(`fitting ${rounds.filter((r) => !kept.has(r)).length} left-out fits first (not timed)`);
    await replayRounds(db, rounds.filter((r) => !kept.has(r)), { fitted: true, fits, store: { get: () => true as never, set: () => undefined }, parallel: !here });
    if (fitsFile) writeFileSync(fitsFile, JSON.stringify(Object.fromEntries(kept)));
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(", ");
  const before = load();
  const c0 = cpu();
  const t0 = performance.now();
  const out = await replayRounds(db, rounds, { fitted: true, fits, include, ...(here ? { parallel: false } : {}) });
  const wall = (performance.now() - t0) / 1000;
  const replays = out.reduce((s, r) => s + 1 + (r.fitted ? 1 : 0), 0);
  console.log(`| ${replays} replays of ${rounds.length} rounds, ${here ? "in this thread" : "worker threads"}, ${include} pools, fits from a store | ${wall.toFixed(1)} s | ${(cpu() - c0).toFixed(1)} s | ${before} / ${load()} |`);
  if (dump) writeFileSync(dump, JSON.stringify(out.map((r) => ({ round: r.round, given: r.given, fitted: r.fitted }))));
} finally {
  db.close();
}
