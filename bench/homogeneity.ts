/**
 * Homogeneity test benchmark (issue 15): `homogeneityTest` alone on the breakdowns of a history
 * whose expected counts are too small for the chi-squared approximation, so their p-values are
 * simulated (9,999 tables each). The tables are every round's breakdown of program and partner
 * satisfaction by each segment, unsuppressed (`satisfactionBySegment`, `segmentTest`'s groups);
 * the satisfaction loader tests the published groups plus the rest, tables of the same kind.
 *
 * Usage: npx tsx bench/homogeneity.ts <db path> [runs]     (prints markdown lines; runs default 3)
 * Library: `benchHomogeneity(dbPath, runs)` returns them.
 */
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../src/db";
import { homogeneityTest, satisfactionBySegment, SEGMENTS, type GroupCount } from "../src/metrics";
import { fmt, ROOT } from "./lib";

/** The Monte Carlo tables of `dbPath`'s satisfaction breakdowns. @throws Error when the database cannot be read. */
async function monteCarloTables(dbPath: string): Promise<GroupCount[][]> {
  const db: Db = await openDatabase(dbPath, { readOnly: true });
  try {
    const tables: GroupCount[][] = [];
    for (const item of ["program_satisfaction", "partner_satisfaction"] as const) {
      for (const segment of SEGMENTS) {
        const byRound = new Map<string, GroupCount[]>();
        for (const r of await satisfactionBySegment(db, { segment, item })) {
          if (r.n > 0 && r.top2 !== null) byRound.set(r.round, [...(byRound.get(r.round) ?? []), { count: Math.round(r.top2 * r.n), n: r.n }]);
        }
        for (const groups of byRound.values()) if (homogeneityTest(groups, { replicates: 1 }).method === "monte_carlo") tables.push(groups);
      }
    }
    return tables;
  } finally {
    db.close();
  }
}

/** Times `homogeneityTest` on the tables `runs` times; returns markdown lines. @throws Error when the database cannot be read. */
export async function benchHomogeneity(dbPath: string, runs = 3): Promise<string[]> {
  const tables = await monteCarloTables(dbPath);
  const units = tables.reduce((a, t) => a + t.reduce((b, g) => b + g.n, 0), 0);
  const groups = tables.reduce((a, t) => a + t.length, 0);
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(", ");
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of tables) homogeneityTest(t);
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return [
    `${tables.length} Monte Carlo tables (${groups} groups, ${units} units) of ${dbPath}, 9,999 simulated tables each; load average before: ${loadBefore}.`,
    "",
    `homogeneityTest on all of them: wall ${wall.map((s) => fmt(s, 2)).join(", ")} s; CPU ${cpu.map((s) => fmt(s, 2)).join(", ")} s; load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}.`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, "bench/homogeneity.ts")) {
  const db = process.argv[2];
  if (!db) {
    console.error("usage: npx tsx bench/homogeneity.ts <db path> [runs]");
    process.exit(1);
  }
  console.log((await benchHomogeneity(db, Number(process.argv[3] ?? 3))).join("\n"));
}
