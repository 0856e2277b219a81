/**
 * The frame of every data loader: open the database read-only (path from `ILN_DB`, default
 * data/iln.duckdb), compute, write one JSON document to stdout, log to stderr, exit non-zero on
 * failure (Framework then fails the build with the message).
 */
import { defaultDbPath, openDatabase, type Db } from "../../../src/db";
import { minCellSize } from "../../../src/privacy/suppress";

/**
 * Runs `compute` on the read-only database with the minimum cell size and prints its result as JSON.
 * Never throws: failures go to stderr and set exit code 1.
 */
export async function runLoader(name: string, compute: (db: Db, min: number) => Promise<unknown>): Promise<void> {
  const t0 = Date.now();
  let db: Db | undefined;
  try {
    const min = minCellSize();
    db = await openDatabase(defaultDbPath(), { readOnly: true });
    const out = await compute(db, min);
    process.stdout.write(JSON.stringify(out));
    console.error(`${name}: done in ${Date.now() - t0} ms (min cell ${min})`);
  } catch (err) {
    console.error(`${name}: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  } finally {
    db?.close();
  }
}
