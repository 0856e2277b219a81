/**
 * Ingest benchmark (issue "ingest"): writes a synthetic 20-round, ~100,000-registration history
 * (about a million survey answers) once into bench/out/history, then times
 *   1. `iln ingest` of the whole folder into a fresh database (parse, validate, consistency, write);
 *   2. DuckDB's own `read_csv` of the same files into tables (the floor for loading the bytes).
 * Each runs in its own process under GNU time for peak memory. Target: ingest under 30 s and
 * within 3x of raw read_csv.
 *
 * Usage: npx tsx bench/ingest.ts            (prints a markdown table)
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fmt, measure, OUT, ROOT } from "./lib";

const HISTORY = path.join(OUT, "history-v2");
const DB = path.join(OUT, "bench.duckdb");

function sizeMB(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    if (statSync(p).isFile()) total += statSync(p).size;
  }
  return total / 1e6;
}

export function benchIngest(): string[] {
  if (!existsSync(path.join(HISTORY, "done"))) {
    const g = measure(["--import", "tsx", "-e", `import("./src/demo/index.ts").then(async (m) => { await m.writeSyntheticHistory(${JSON.stringify(HISTORY)}, { rounds: 20, registrations: 100000, responseBase: 0.92 }); require("fs").writeFileSync(${JSON.stringify(path.join(HISTORY, "done"))}, ""); })`]);
    process.stderr.write(`generated history in ${fmt(g.seconds)} s\n`);
  }
  for (const f of [DB, `${DB}.wal`]) rmSync(f, { force: true });
  const counts = measure(["--import", "tsx", "-e", `
    const fs = require("fs"), path = require("path");
    const { parse } = require("csv-parse/sync");
    let reg = 0, ans = 0, rounds = 0;
    for (const d of fs.readdirSync(${JSON.stringify(HISTORY)})) {
      const dir = path.join(${JSON.stringify(HISTORY)}, d);
      if (!fs.statSync(dir).isDirectory()) continue;
      rounds++;
      reg += parse(fs.readFileSync(path.join(dir, "registrations.csv"))).length - 1;
      const s = path.join(dir, "survey.csv");
      if (fs.existsSync(s)) { const rows = parse(fs.readFileSync(s), { relax_column_count: true }); const head = rows[1] && rows[1][9] === "Response" ? 2 : 1; for (const r of rows.slice(head)) ans += r.slice(head === 2 ? 9 : 2).filter((c) => c !== "").length; }
    }
    console.log(JSON.stringify({ reg, ans, rounds }));`]);
  const { reg, ans, rounds } = JSON.parse(counts.stdout) as { reg: number; ans: number; rounds: number };
  const ingest = measure(["bin/iln.js", "ingest", HISTORY, "--db", DB]);
  const raw = measure(["--import", "tsx", "bench/read-csv.ts", HISTORY]);
  return [
    `### Ingest (${rounds} rounds, ${reg.toLocaleString("en")} registration rows, ${ans.toLocaleString("en")} survey answers, ${fmt(sizeMB(HISTORY))} MB of CSV)`,
    "",
    "| step | seconds | peak memory (MB) |",
    "|---|---:|---:|",
    `| \`iln ingest\` (parse, validate, check, write; includes ~1 s CLI start) | ${fmt(ingest.seconds)} | ${fmt(ingest.peakMB, 0)} |`,
    `| DuckDB \`read_csv\` of the same files into tables | ${fmt(raw.seconds)} | ${fmt(raw.peakMB, 0)} |`,
    `| ratio | ${fmt(ingest.seconds / raw.seconds, 2)}x | |`,
    "",
    `Targets: under 30 s (${ingest.seconds < 30 ? "met" : "MISSED"}), within 3x of read_csv (${ingest.seconds / raw.seconds <= 3 ? "met" : "MISSED"}).`,
    "",
  ];
}

if (process.argv[1] && import.meta.url === `file://${path.resolve(process.argv[1])}`) {
  process.chdir(ROOT);
  console.log(benchIngest().join("\n"));
}
