/**
 * Metrics benchmark (issue "metrics"): times every metric of src/metrics on a given database,
 * opened read-only, in this process. Target: all metrics of the 100,000-participant, 20-round
 * history in under 5 s.
 *
 * Usage: npx tsx bench/metrics.ts <db path>        (prints a markdown table; says whether the target was met)
 * Library: `benchMetrics(dbPath)` returns the table's lines and the total seconds.
 */
import { openDatabase, roundIds, type Db } from "../src/db";
import {
  SEGMENTS,
  atRiskList,
  cohortRetention,
  compareRounds,
  countryCoverage,
  likertDistributions,
  metricsDocument,
  newCountries,
  partnershipHealth,
  regionCoverage,
  responseRateByCountry,
  satisfactionBySegment,
} from "../src/metrics";

/** Target for all metrics together, seconds. */
export const TARGET_SECONDS = 5;

/**
 * Runs every metric once over the whole history and times each.
 * @throws Error when the database is missing or a metric fails.
 */
export async function benchMetrics(dbPath: string): Promise<{ lines: string[]; seconds: number }> {
  const db: Db = await openDatabase(dbPath, { readOnly: true });
  try {
    const rounds = await roundIds(db);
    const last = rounds[rounds.length - 1];
    const prev = rounds[rounds.length - 2] ?? last;
    const steps: [string, () => Promise<unknown[] | object>][] = [
      ["metricsDocument (every per-round metric, overall, cohort matrix)", () => metricsDocument(db)],
      ["likertDistributions", () => likertDistributions(db)],
      ...SEGMENTS.flatMap((segment) =>
        (["program_satisfaction", "partner_satisfaction"] as const).map(
          (item): [string, () => Promise<unknown[]>] => [`satisfactionBySegment ${segment} / ${item}`, () => satisfactionBySegment(db, { segment, item })],
        ),
      ),
      [`compareRounds ${prev} vs ${last}`, () => compareRounds(db, prev, last, "program_satisfaction")],
      ["cohortRetention", () => cohortRetention(db)],
      ["countryCoverage", () => countryCoverage(db)],
      ["regionCoverage", () => regionCoverage(db)],
      ["newCountries", () => newCountries(db)],
      ["responseRateByCountry", () => responseRateByCountry(db)],
      ["partnershipHealth", () => partnershipHealth(db)],
      [`atRiskList ${last}`, () => atRiskList(db, last)],
    ];
    const lines = [
      `Database ${dbPath}: ${rounds.length} rounds.`,
      "",
      "Wall seconds, and CPU seconds of the whole process (all DuckDB threads; on a busy machine the",
      "wall time is inflated by other processes, the CPU time is not).",
      "",
      "| metric | rows | wall s | CPU s |",
      "|---|---:|---:|---:|",
    ];
    let total = 0;
    let totalCpu = 0;
    for (const [name, fn] of steps) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const out = await fn();
      const c = process.cpuUsage(c0);
      const s = (performance.now() - t0) / 1000;
      const cpu = (c.user + c.system) / 1e6;
      total += s;
      totalCpu += cpu;
      const rows = Array.isArray(out) ? out.length : "rounds" in out ? (out as { rounds: unknown[] }).rounds.length : 1;
      lines.push(`| ${name} | ${rows} | ${s.toFixed(3)} | ${cpu.toFixed(3)} |`);
    }
    lines.push(`| **all metrics** | | **${total.toFixed(2)}** | **${totalCpu.toFixed(2)}** |`, "", `Target: under ${TARGET_SECONDS} s wall (${total < TARGET_SECONDS ? "met" : "MISSED"}).`, "");
    return { lines, seconds: total };
  } finally {
    db.close();
  }
}

if (process.argv[1]?.endsWith("metrics.ts")) {
  const dbPath = process.argv[2];
  if (!dbPath) {
    process.stderr.write("usage: npx tsx bench/metrics.ts <db path>\n");
    process.exit(2);
  }
  const { lines } = await benchMetrics(dbPath);
  console.log(lines.join("\n"));
}
