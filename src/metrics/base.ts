/**
 * What every metric family shares: the round order, the set of matched participants, the round
 * filter, and the small dimension tables (career stage, world region) that keep a definition in
 * one place (`careerStage`, `regionOf`) while the aggregation stays set-based in SQL.
 *
 * Rounds are ordered by start date (then id): "earlier round" always means an earlier start.
 */
import { sql, type Db, type Sql } from "../db";
import { regionOf } from "../domain/countries/regions";
import { careerStage } from "../domain/vocabulary";

/** Options of every per-round metric: restrict the output to one round (computed against the whole history). */
export interface RoundOpts {
  /** Round id; all rounds when absent. */
  round?: string;
}

/** Label of a participant or answer whose segment value is missing (no registration, blank answer). */
export const UNKNOWN = "unknown";

/**
 * `round_order(round_id, ord, start_date)`: every round with its 1-based position by start date.
 * A SQL fragment for a WITH clause.
 */
export const ROUND_ORDER: Sql = sql`round_order AS (
  SELECT round_id, start_date, row_number() OVER (ORDER BY start_date, round_id) AS ord FROM rounds)`;

/**
 * `matched(round_id, pid)`: distinct participants in at least one partnership of the round. An
 * erased person's tombstone (`erased_…`, kept in a partnership so the partner keeps the record) is
 * no participant: counted, it made a round's participants exceed its registrations after
 * `iln forget` and added an "unknown" country. A SQL fragment for a WITH clause.
 */
export const MATCHED: Sql = sql`matched AS (
  SELECT DISTINCT round_id, pid FROM (
    SELECT round_id, pid_a AS pid FROM partnerships UNION ALL SELECT round_id, pid_b AS pid FROM partnerships)
  WHERE NOT starts_with(pid, 'erased_'))`;

/**
 * `first_matched(pid, first_ord)`: the position of the first round each participant was matched
 * in. Needs ROUND_ORDER and MATCHED before it in the WITH clause.
 */
export const FIRST_MATCHED: Sql = sql`first_matched AS (
  SELECT m.pid, min(o.ord) AS first_ord FROM matched m JOIN round_order o USING (round_id) GROUP BY m.pid)`;

/** A WHERE condition keeping `column` = the chosen round, or everything when no round is chosen. */
export function roundIs(round: string | undefined, column: Sql = sql`round_id`): Sql {
  return sql`(${round ?? null}::VARCHAR IS NULL OR ${column} = ${round ?? null}::VARCHAR)`;
}

/**
 * World region (UN M49) of a country code, or {@link UNKNOWN} for a code M49 does not place.
 * Never throws.
 */
export function regionOrUnknown(code: string | null): string {
  if (!code) return UNKNOWN;
  try {
    return regionOf(code).region;
  } catch {
    return UNKNOWN;
  }
}

/**
 * Career stage (`careerStage` of src/domain/vocabulary.ts: early < 6 years, mid < 16, senior) of
 * a representative number of years, or {@link UNKNOWN} when the years are missing or invalid.
 */
export function stageOrUnknown(years: number | null): string {
  if (years === null || !Number.isFinite(years) || years < 0) return UNKNOWN;
  return careerStage(years);
}

/**
 * `career_stage(years, stage)`: every distinct `registrations.years_experience` with its career
 * stage from `careerStage`, as a SQL fragment for a WITH clause (values bound as parameters).
 * Join with `IS NOT DISTINCT FROM` to keep missing years (stage `unknown`).
 */
export async function careerStageTable(db: Db): Promise<Sql> {
  const rows = await db.all<{ y: number | null }>(sql`SELECT DISTINCT years_experience AS y FROM registrations`);
  const years = rows.filter((r) => r.y !== null).map((r) => String(r.y));
  const stages = rows.filter((r) => r.y !== null).map((r) => stageOrUnknown(r.y));
  // An empty list cannot be bound (DuckDB cannot type it): no years, only the unknown row.
  if (years.length === 0) return sql`career_stage AS (SELECT CAST(NULL AS DOUBLE) AS years, ${UNKNOWN} AS stage)`;
  return sql`career_stage AS (
    SELECT CAST(unnest(${years}::VARCHAR[]) AS DOUBLE) AS years, unnest(${stages}::VARCHAR[]) AS stage
    UNION ALL SELECT NULL, ${UNKNOWN})`;
}
