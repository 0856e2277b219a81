/**
 * The rounds a database holds, as every layer asks about them: their ids in order, and the check
 * that a round someone named is there. Rounds are ordered by start date, then id: "earlier round"
 * always means an earlier start.
 */
import { UnknownRoundError } from "../domain/errors";
import type { Db } from "./connection";
import { sql } from "./sql";

/** Round ids in order of start date (then id). */
export async function roundIds(db: Db): Promise<string[]> {
  const rows = await db.all<{ round_id: string }>(sql`SELECT round_id FROM rounds ORDER BY start_date, round_id`);
  return rows.map((r) => r.round_id);
}

/**
 * Checks that `round` (when given) is in the database.
 * @throws {UnknownRoundError} when it is not, listing the rounds it holds.
 */
export async function checkRound(db: Db, round: string | undefined): Promise<void> {
  if (round === undefined) return;
  const ids = await roundIds(db);
  if (!ids.includes(round)) throw new UnknownRoundError(round, ids);
}
