/**
 * Data loader benchmark (issue 15, "the 100,000-participant history builds cold"): runs each data
 * loader that declares figures to the disclosure audit, the way Framework does (its own process,
 * `ILN_DB` pointing at the database), and reports its wall time, the CPU time of its process (GNU
 * time, user + system: less inflated than the wall time on a busy machine, though DuckDB's threads
 * add to it) and the part spent in the disclosure audit (complementary suppression and the
 * loader's own audit, as its log line says).
 *
 * Usage: npx tsx bench/loaders.ts <db path> [runs]     (prints a markdown table; runs default 2)
 * Library: `benchLoaders(dbPath, runs)` returns the table's lines.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fmt, ROOT } from "./lib";

/** The loaders timed: those that publish counts of people under the disclosure audit. */
export const LOADERS = ["satisfaction", "metrics", "themes", "retention", "coverage"] as const;

interface Run {
  seconds: number;
  cpuSeconds: number;
  auditSeconds: number;
  bytes: number;
}

/**
 * Runs one loader on `dbPath` in a child process.
 * @throws Error when the loader fails or its log line is missing.
 */
export function runOne(loader: string, dbPath: string): Run {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "__CPU=%U %S", process.execPath, "--import", "tsx", path.join("reports/data", `${loader}.json.ts`)], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ILN_DB: path.resolve(dbPath) },
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${loader} failed (${r.status}):\n${r.stderr}`);
  const m = /disclosure audit (\d+) ms/.exec(r.stderr);
  const cpu = /__CPU=([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m || !cpu) throw new Error(`${loader}: no audit or CPU time in its log:\n${r.stderr}`);
  return { seconds, cpuSeconds: Number(cpu[1]) + Number(cpu[2]), auditSeconds: Number(m[1]) / 1000, bytes: Buffer.byteLength(r.stdout) };
}

/** Times each loader `runs` times; returns the markdown lines. @throws Error when a loader fails. */
export function benchLoaders(dbPath: string, runs = 2): string[] {
  const lines = [
    `Database ${dbPath}; ${runs} run(s) per loader, each in its own process as in a cold build; load average before: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}.`,
    "",
    "| loader | wall s (runs) | CPU s (runs) | of which disclosure audit s | output bytes |",
    "|---|---|---|---|---|",
  ];
  let total = 0;
  for (const loader of LOADERS) {
    const rs: Run[] = [];
    for (let i = 0; i < runs; i++) rs.push(runOne(loader, dbPath));
    total += Math.min(...rs.map((r) => r.seconds));
    lines.push(`| ${loader}.json | ${rs.map((r) => fmt(r.seconds)).join(", ")} | ${rs.map((r) => fmt(r.cpuSeconds)).join(", ")} | ${rs.map((r) => fmt(r.auditSeconds)).join(", ")} | ${rs[0].bytes} |`);
  }
  lines.push("", `Sum of the fastest runs: ${fmt(total)} s; load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}.`);
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, "bench/loaders.ts")) {
  const db = process.argv[2];
  if (!db) {
    console.error("usage: npx tsx bench/loaders.ts <db path> [runs]");
    process.exit(1);
  }
  console.log(benchLoaders(db, Number(process.argv[3] ?? 2)).join("\n"));
}
