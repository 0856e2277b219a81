/**
 * Retention metrics (docs/metrics.md): registered and matched participants, partnerships,
 * returning share, completion, dissolution, continuation, survey response rate (overall and by
 * country, since non-response is not random), and the cohort retention matrix across rounds.
 */
import { checkRound, sql, type Db } from "../db";
import { FIRST_MATCHED, MATCHED, ROUND_ORDER, UNKNOWN, regionOrUnknown, roundIs, type RoundOpts } from "./base";
import { proportion, wilsonInterval, type Interval, type Proportion } from "./stats";

/**
 * Retention figures of one round. A figure the round has no data for yet is `null`, never 0
 * (docs/metrics.md, "A round's stage"): the matched counts and `returning_share` before the
 * round's partnerships are ingested; the three outcome rates while every partnership is still
 * `active` (no outcome recorded); `response_rate` before its survey is ingested.
 */
export interface RoundRetention {
  round: string;
  /** Distinct participants with a registration in the round. */
  registered: number;
  /** Distinct matched participants (in at least one partnership of the round); null before matching. */
  participants: number | null;
  /** Partnerships of the round, rematches included; null before matching. */
  partnerships: number | null;
  /** Rematches: partnerships that replace another one (`replaces` set); null before matching. */
  rematches: number | null;
  /** Matched participants who were matched in an earlier round, of `participants`; null before matching. */
  returning_share: Proportion | null;
  /** Partnerships with status `completed`, of `partnerships`; null while no outcome is recorded. */
  completion_rate: Proportion | null;
  /** Partnerships with status `dissolved` or `withdrawn`, of `partnerships`; null while no outcome is recorded. */
  dissolution_rate: Proportion | null;
  /**
   * Completed partnerships marked `continued = yes` or where a partner answered Yes to
   * `continue_partnership` (in a linked survey), of completed partnerships; null while no outcome
   * is recorded, and while nothing is known of continuing (every completed partnership's
   * `continued` is `unknown` and nobody of the round answered `continue_partnership` in a linked
   * survey).
   */
  continued_share: Proportion | null;
  /**
   * Survey respondents, of `participants`: matched participants who answered a linked survey,
   * plus the responses of an anonymous one; null before the survey is ingested (or before
   * matching), and null when there are more respondents than participants (see
   * `response_rate_impossible`).
   */
  response_rate: Proportion | null;
  /**
   * Set when the round's survey has more respondents (linked plus anonymous responses) than the
   * round has matched participants, so that no response rate exists (it would be above 100%): the
   * survey holds responses of people outside the round, e.g. an anonymous survey of another group
   * or one answered more than once. `response_rate` is then null. Null otherwise.
   */
  response_rate_impossible: { respondents: number; participants: number } | null;
}

/**
 * Retention figures of every round (or one), computed set-based over the whole history (so
 * "earlier round" is right whatever round is asked for). Definitions: see {@link RoundRetention}.
 * Empty denominators give share and ci null.
 * @returns rows ordered by round start.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function retentionByRound(db: Db, opts: RoundOpts = {}): Promise<RoundRetention[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{
    round: string; registered: number; participants: number; returning: number; partnerships: number; rematches: number;
    completed: number; dissolved: number; continued: number; respondents: number; ended: number; surveyed: boolean; continue_known: number;
  }>(sql`WITH ${ROUND_ORDER}, ${MATCHED}, ${FIRST_MATCHED},
    -- registrations has one row per (round_id, pid): its primary key.
    reg AS (SELECT round_id, count(*) AS registered FROM registrations GROUP BY round_id),
    par AS (SELECT m.round_id, count(*) AS participants, count(*) FILTER (WHERE f.first_ord < o.ord) AS returning,
              count(*) FILTER (WHERE s.pid IS NOT NULL) AS respondents
            FROM matched m JOIN round_order o USING (round_id) JOIN first_matched f USING (pid)
            LEFT JOIN survey_responses s ON s.round_id = m.round_id AND s.pid = m.pid GROUP BY m.round_id),
    -- Responses of an anonymous survey: respondents, though nobody knows who.
    anon AS (SELECT round_id, count(*) AS n FROM survey_responses WHERE pid IS NULL GROUP BY round_id),
    said_yes AS (SELECT DISTINCT round_id, pid FROM survey_responses WHERE continue_partnership = 'Yes' AND pid IS NOT NULL),
    said AS (SELECT DISTINCT round_id FROM survey_responses WHERE continue_partnership IS NOT NULL AND pid IS NOT NULL),
    ps AS (SELECT p.round_id, count(*) AS partnerships, count(*) FILTER (WHERE p.replaces IS NOT NULL) AS rematches,
             count(*) FILTER (WHERE p.status = 'completed') AS completed,
             count(*) FILTER (WHERE p.status IN ('dissolved', 'withdrawn')) AS dissolved,
             count(*) FILTER (WHERE p.status = 'completed' AND (p.continued = 'yes' OR ya.pid IS NOT NULL OR yb.pid IS NOT NULL)) AS continued,
             count(*) FILTER (WHERE p.status <> 'active') AS ended,
             count(*) FILTER (WHERE p.status = 'completed' AND p.continued IN ('yes', 'no')) AS marked
           FROM partnerships p
           LEFT JOIN said_yes ya ON ya.round_id = p.round_id AND ya.pid = p.pid_a
           LEFT JOIN said_yes yb ON yb.round_id = p.round_id AND yb.pid = p.pid_b
           GROUP BY p.round_id)
    SELECT o.round_id AS round, coalesce(reg.registered, 0) AS registered, coalesce(par.participants, 0) AS participants,
      coalesce(par.returning, 0) AS returning, coalesce(ps.partnerships, 0) AS partnerships, coalesce(ps.rematches, 0) AS rematches,
      coalesce(ps.completed, 0) AS completed, coalesce(ps.dissolved, 0) AS dissolved, coalesce(ps.continued, 0) AS continued,
      coalesce(par.respondents, 0) + coalesce(anon.n, 0) AS respondents, coalesce(ps.ended, 0) AS ended,
      (EXISTS (SELECT 1 FROM survey_responses s WHERE s.round_id = o.round_id) OR o.round_id IN (SELECT round_id FROM round_surveys)) AS surveyed,
      coalesce(ps.marked, 0) + (CASE WHEN o.round_id IN (SELECT round_id FROM said) THEN 1 ELSE 0 END) AS continue_known
    FROM round_order o LEFT JOIN reg USING (round_id) LEFT JOIN par USING (round_id) LEFT JOIN ps USING (round_id) LEFT JOIN anon USING (round_id)
    WHERE ${roundIs(opts.round, sql`o.round_id`)} ORDER BY o.ord`);
  return rows.map((r) => {
    const matched = r.partnerships > 0;
    const outcomes = r.ended > 0;
    const rated = matched && r.surveyed;
    const impossible = rated && r.respondents > r.participants;
    return {
      round: r.round,
      registered: r.registered,
      participants: matched ? r.participants : null,
      partnerships: matched ? r.partnerships : null,
      rematches: matched ? r.rematches : null,
      returning_share: matched ? proportion(r.returning, r.participants) : null,
      completion_rate: outcomes ? proportion(r.completed, r.partnerships) : null,
      dissolution_rate: outcomes ? proportion(r.dissolved, r.partnerships) : null,
      continued_share: outcomes && r.continue_known > 0 ? proportion(r.continued, r.completed) : null,
      response_rate: rated && !impossible ? proportion(r.respondents, r.participants) : null,
      response_rate_impossible: impossible ? { respondents: r.respondents, participants: r.participants } : null,
    };
  });
}

/** One cell of the cohort retention matrix. */
export interface CohortCell {
  /** The round the cohort was first matched in. */
  cohort: string;
  /** A later round. */
  round: string;
  /** Participants first matched in `cohort`. */
  cohort_size: number;
  /** Of those, how many are matched in `round`. */
  retained: number;
  /** retained / cohort_size, 0..1; null when the cohort is empty (never, as listed cohorts have members). */
  share: number | null;
  /** 95% Wilson interval of `share`; null when the cohort is empty. */
  ci: Interval | null;
}

/**
 * Cohort retention matrix: for each cohort (participants first matched in round c) and each
 * round r after c, how many of the cohort are matched in r, and what share of the cohort that
 * is, with its 95% Wilson interval (the cohort is a sample of people who could return). Rounds
 * with no partnerships (not matched yet) are neither cohorts nor later rounds: they have no data,
 * so they have no cell (never a 0). The diagonal (r = c, share 1) is left out.
 * @returns cells ordered by cohort start, then round start.
 */
export async function cohortRetention(db: Db): Promise<CohortCell[]> {
  const rows = await db.all<{ cohort: string; round: string; cohort_size: number; retained: number }>(sql`WITH ${ROUND_ORDER}, ${MATCHED}, ${FIRST_MATCHED},
    cohorts AS (SELECT first_ord, count(*) AS size FROM first_matched GROUP BY first_ord),
    kept AS (SELECT f.first_ord, o.ord, count(*) AS retained
             FROM matched m JOIN round_order o USING (round_id) JOIN first_matched f USING (pid)
             WHERE o.ord > f.first_ord GROUP BY ALL)
    SELECT co.round_id AS cohort, ro.round_id AS round, c.size AS cohort_size, coalesce(k.retained, 0) AS retained
    FROM cohorts c JOIN round_order co ON co.ord = c.first_ord
    JOIN round_order ro ON ro.ord > c.first_ord AND ro.round_id IN (SELECT round_id FROM matched)
    LEFT JOIN kept k ON k.first_ord = c.first_ord AND k.ord = ro.ord
    ORDER BY co.ord, ro.ord`);
  return rows.map((r) => ({ ...r, share: r.cohort_size === 0 ? null : r.retained / r.cohort_size, ci: wilsonInterval(r.retained, r.cohort_size) }));
}

/**
 * Survey response rate by country: for each round with partnerships and linked survey responses
 * (a round whose survey is not ingested yet, or was anonymous, has no rate by country, not 0)
 * and each country of its
 * matched participants (ISO alpha-2 of their registration in that round), matched participants,
 * respondents among them, and the share with its Wilson interval. Non-response is not random,
 * so a low rate marks where satisfaction figures speak for fewer people. Responses of an
 * anonymous survey belong to no country and are not counted here (the round's `response_rate`
 * counts them).
 * @returns rows ordered by round start, then country.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function responseRateByCountry(
  db: Db,
  opts: RoundOpts = {},
): Promise<{ round: string; country: string; region: string; participants: number; respondents: number; share: number | null; ci: Interval | null }[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; country: string; participants: number; respondents: number }>(sql`WITH ${ROUND_ORDER}, ${MATCHED}
    SELECT m.round_id AS round, coalesce(g.country, ${UNKNOWN}) AS country, count(*) AS participants,
      count(s.pid) AS respondents
    FROM matched m JOIN round_order o USING (round_id)
    LEFT JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid
    LEFT JOIN survey_responses s ON s.round_id = m.round_id AND s.pid = m.pid
    WHERE ${roundIs(opts.round, sql`m.round_id`)} AND m.round_id IN (SELECT round_id FROM survey_responses WHERE pid IS NOT NULL)
    GROUP BY m.round_id, o.ord, 2 ORDER BY o.ord, country`);
  return rows.map((r) => {
    const p = proportion(r.respondents, r.participants);
    return { ...r, region: regionOrUnknown(r.country === UNKNOWN ? null : r.country), share: p.share, ci: p.ci };
  });
}
