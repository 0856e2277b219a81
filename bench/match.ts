/**
 * `npx tsx bench/match.ts`: (1) re-matching an 800-person pool after a weight change with the
 * pure `proposeMatching` (what the dashboards bundle): score all pairs, exact solve, quality
 * summary; (2) `replayRound` of the demo round 2016B from a database (ILN_DB, else
 * scratch/mdemo.duckdb, else data/iln.duckdb; skipped when none exists).
 */
import { existsSync } from "node:fs";
import { simulateHistory } from "../src/demo/history";
import { defaultPlans } from "../src/demo/rounds";
import { openDatabase } from "../src/db";
import { proposeMatching } from "../src/matching/propose";
import { replayRound } from "../src/matching/replay-rounds";
import type { Pool } from "../src/matching/score";
import { defaultWeights, type Weights } from "../src/matching/weights";

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

// An 800-person pool: the first 800 registrations of the demo's 2016B round.
const history = simulateHistory(defaultPlans(), 2013);
const last = history[history.length - 1];
const pool: Pool = {
  round: last.plan.id,
  people: last.registrations.slice(0, 800).map((r, i) => ({ ...r.profile, id: `p${i}` })),
  earlierPartners: [],
};
const w0 = defaultWeights();
const variants: Weights[] = [0, 1, 2, 3, 4, 5, 6].map((k) => ({ ...w0, weights: { ...w0.weights, shared_interests: 1 + k * 0.5, timezone_gap: -0.1 - 0.02 * k } }));
proposeMatching(pool, w0); // warm-up (JIT)
const times: number[] = [];
for (const w of variants) {
  const t = performance.now();
  const p = proposeMatching(pool, w);
  times.push(performance.now() - t);
  if (p.pairs.length * 2 + p.unmatched.length !== 800) throw new Error("bad matching");
}
{
  const { scorePool } = await import("../src/matching/score");
  const { solve } = await import("../src/matching/propose");
  const { matchingQuality } = await import("../src/matching/quality");
  const ts: number[][] = [];
  for (const w of variants) {
    const t0 = performance.now();
    const m = scorePool(pool, w);
    const t1 = performance.now();
    const s = solve(m);
    const t2 = performance.now();
    matchingQuality(m, pool.people, s.pairs);
    ts.push([t1 - t0, t2 - t1, performance.now() - t2]);
  }
  console.log(`  phases (median ms): score ${median(ts.map((t) => t[0])).toFixed(0)}, solve ${median(ts.map((t) => t[1])).toFixed(0)}, quality ${median(ts.map((t) => t[2])).toFixed(0)}`);
}
console.log(`re-match 800 people after a weight change: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} runs (target < 500 ms)`);

const dbPath = [process.env.ILN_DB, "scratch/mdemo.duckdb", "data/iln.duckdb"].find((p) => p && existsSync(p));
if (!dbPath) {
  console.log("replay 2016B: skipped (no demo database; run `node bin/iln.js demo && node bin/iln.js ingest data/demo`)");
} else {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const t = performance.now();
    const rep = await replayRound(db, "2016B", w0);
    console.log(`replay 2016B (${rep.pool.people} people, with the leave-round-out model fit) from ${dbPath}: ${(performance.now() - t).toFixed(0)} ms`);
  } finally {
    db.close();
  }
}
