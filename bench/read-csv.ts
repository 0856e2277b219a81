/**
 * Baseline for the ingest benchmark: DuckDB's own `read_csv` of every export file of a history
 * folder into an in-memory table each (header rows skipped as the layout needs).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const dir = process.argv[2];
const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
let i = 0;
for (const round of readdirSync(dir)) {
  const rdir = path.join(dir, round);
  if (!statSync(rdir).isDirectory()) continue;
  for (const f of readdirSync(rdir).filter((f) => f.endsWith(".csv"))) {
    await conn.run(`CREATE TABLE t${i++} AS SELECT * FROM read_csv($1, all_varchar = true, null_padding = true)`, [path.join(rdir, f)]);
  }
}
console.log(i);
