/**
 * Whether a round being ingested is synthetic (docs/privacy.md, "Synthetic data"): only when its
 * round.json carries the marker `iln demo` signs and the folder's export files are exactly the
 * ones it signed (`syntheticProblem`, src/privacy/synthetic.ts). Anything else is real data,
 * with a warning when round.json claimed otherwise. A single file ingested into a round (no
 * round.json) cannot be proven synthetic, so it makes the round real.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql, type Db } from "../src/db";
import { syntheticProblem } from "../src/privacy/synthetic";
import type { RoundInput } from "./discover";

/**
 * True when the round folder `input` proves itself synthetic; otherwise false, and a warning
 * is pushed onto `warnings` when its round.json claimed to be.
 */
export function provenSynthetic(input: RoundInput, warnings: string[]): boolean {
  const claim = input.round?.synthetic;
  if (!input.round || claim === undefined || claim === false) return false;
  const where = input.roundFile ?? `round ${input.roundId}`;
  if (claim === true) {
    warnings.push(`${where}: "synthetic": true is not proof (only \`iln demo\` writes a signed marker); the round is ingested as real data`);
    return false;
  }
  const files = Object.fromEntries(input.files.map((f) => [path.basename(f.path), readFileSync(f.path)]));
  const problem = syntheticProblem(input.round, claim, files);
  if (problem === null) return true;
  warnings.push(`${where}: the synthetic marker does not hold (${problem}); the round is ingested as real data`);
  return false;
}

/** Marks round `roundId` as real data (a file was ingested into it without a round.json). */
export async function markReal(db: Db, roundId: string): Promise<void> {
  await db.run(sql`UPDATE rounds SET synthetic = false WHERE round_id = ${roundId}`);
}
