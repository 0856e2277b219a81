/**
 * The metrics document: every per-round metric of docs/metrics.md and the across-rounds
 * figures, as one JSON-safe object. `iln metrics --json` prints exactly this; the dashboards'
 * data loaders read it too.
 */
import { checkRound, sql, type Db } from "../db";
import { SURVEY_QUESTIONS, type SurveyQuestion } from "../db/schema";
import { MATCHED, type RoundOpts } from "./base";
import { coverageByRound, pairMix, toDate, type PairMix, type RoundCoverage } from "./coverage";
import { healthByRound, type HealthCounts } from "./health";
import { cohortRetention, retentionByRound, type CohortCell, type RoundRetention } from "./retention";
import { itemSummaries, npsByRound, participateAgainByRound, type ItemSummary, type LikertItem, type Nps } from "./satisfaction";
import type { Proportion } from "./stats";

/** A 1-5 item the round's survey asked: its summary. */
export type AskedItem = ItemSummary & { asked: true };
/** A 1-5 item the round's survey did not ask (or the round has no survey): no figures at all, never zeros. */
export interface NotAsked {
  asked: false;
  n: null;
  mean: null;
  top2: null;
  top2_ci: null;
}
/** A 1-5 item of one round: asked (with its summary) or not asked. */
export type SurveyItem = AskedItem | NotAsked;

/** What a round's survey was: anonymous or linked, and the questions it asked (docs/formats.md). */
export interface RoundSurvey {
  /** True when the survey had no respondent key: its answers count in satisfaction and outcomes but link to no partnership. */
  anonymous: boolean;
  /** The questions (canonical fields) the survey had a column for. */
  asked: SurveyQuestion[];
}

/** The metrics of one round; keys as in docs/metrics.md. Shares are 0..1, sampled shares carry n and a 95% Wilson ci. */
export interface RoundMetrics extends Omit<RoundRetention, "round">, Omit<RoundCoverage, "round"> {
  round: string;
  /** The round's display name and dates (YYYY-MM-DD). */
  name: string;
  start: string;
  end: string;
  /** The round's survey; null when it has none. */
  survey: RoundSurvey | null;
  program_satisfaction: SurveyItem;
  partner_satisfaction: SurveyItem;
  /** The four outcome items (1-5 agreement), same summary. */
  outcomes: Record<Exclude<LikertItem, "program_satisfaction" | "partner_satisfaction">, SurveyItem>;
  /** Net Promoter Score, null where `recommend` was not asked (no answers). */
  nps: Nps | null;
  /** Respondents answering Yes to "participate again", of non-blank answers. */
  participate_again: Proportion;
  /** Sector and career-stage mix of pairs against preferences. */
  pairing: Omit<PairMix, "round">;
  /** Partnerships per health class. */
  health: HealthCounts;
}

/** The whole document. */
export interface MetricsDocument {
  /** True when any round was ingested from synthetic (demo) data. */
  synthetic: boolean;
  rounds: RoundMetrics[];
  /** Across all rounds in the database (whatever `round` was asked for). */
  overall: {
    rounds: number;
    /** Distinct participants with any registration. */
    registered: number;
    /** Distinct participants matched in any round. */
    participants: number;
    /** Distinct countries of matched participants, over all rounds. */
    countries: number;
    /** Partnerships over all rounds, rematches included. */
    partnerships: number;
    /** Unique matched participants and countries to date, per round. */
    to_date: { round: string; participants: number; countries: number }[];
    /** The cohort retention matrix (see `cohortRetention`). */
    cohort_retention: CohortCell[];
  };
}

const NOT_ASKED: NotAsked = Object.freeze({ asked: false, n: null, mean: null, top2: null, top2_ci: null });

/**
 * Each round's survey: from `round_surveys`; a round with responses but no record (written
 * directly, not by the ingest) counts as linked when any response has a pseudonym, with every
 * question asked.
 */
export async function roundSurveys(db: Db): Promise<Map<string, RoundSurvey>> {
  const rows = await db.all<{ round: string; anonymous: boolean; asked: string[] }>(sql`
    SELECT round_id AS round, anonymous, asked FROM round_surveys
    UNION ALL
    SELECT round_id, bool_and(pid IS NULL), ${[...SURVEY_QUESTIONS]}::VARCHAR[] FROM survey_responses
    WHERE round_id NOT IN (SELECT round_id FROM round_surveys) GROUP BY round_id`);
  return new Map(rows.map((r) => [r.round, { anonymous: r.anonymous, asked: SURVEY_QUESTIONS.filter((q) => r.asked.includes(q)) }]));
}

/**
 * Every metric of docs/metrics.md for every round (or one round) plus the across-rounds
 * figures. Each family runs set-based over all rounds at once (a handful of queries in all).
 * Per-round keys: round, name, start, end, registered, participants, partnerships, rematches,
 * countries, new_countries, sectors, largest_country, returning_share, completion_rate,
 * dissolution_rate, continued_share, response_rate, survey, program_satisfaction, partner_satisfaction,
 * outcomes, nps, participate_again, pairing, health. See each family's module for definitions.
 * A 1-5 item the round's survey did not ask (or of a round without a survey) is `NotAsked`.
 * @returns a JSON-safe document: plain numbers (no bigint, no NaN), nulls for empty groups.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function metricsDocument(db: Db, opts: RoundOpts = {}): Promise<MetricsDocument> {
  await checkRound(db, opts.round);
  const rounds = await db.all<{ round: string; name: string; start: string; end: string; synthetic: boolean }>(sql`
    SELECT round_id AS round, name, CAST(start_date AS VARCHAR) AS start, CAST(end_date AS VARCHAR) AS "end", synthetic
    FROM rounds ORDER BY start_date, round_id`);
  const retention = byRound(await retentionByRound(db, opts));
  const coverage = byRound(await coverageByRound(db, opts));
  const items = await itemSummaries(db, opts);
  const nps = byRound(await npsByRound(db, opts));
  const again = byRound(await participateAgainByRound(db, opts));
  const pairs = byRound(await pairMix(db, opts));
  const health = byRound(await healthByRound(db, opts));
  const surveys = await roundSurveys(db);
  const item = (round: string, name: LikertItem): SurveyItem => {
    if (!surveys.get(round)?.asked.includes(name)) return NOT_ASKED;
    const s = items.find((i) => i.round === round && i.item === name);
    return s ? { asked: true, n: s.n, mean: s.mean, top2: s.top2, top2_ci: s.top2_ci } : { asked: true, n: 0, mean: null, top2: null, top2_ci: null };
  };
  const perRound: RoundMetrics[] = rounds
    .filter((r) => opts.round === undefined || r.round === opts.round)
    .map((r) => {
      const { round: _a, ...ret } = retention.get(r.round)!;
      const { round: _b, ...cov } = coverage.get(r.round)!;
      const { round: _c, ...pair } = pairs.get(r.round)!;
      const { round: _d, ...h } = health.get(r.round)!;
      const n = nps.get(r.round);
      const { round: _e, ...pa } = again.get(r.round)!;
      return {
        round: r.round, name: r.name, start: r.start, end: r.end,
        registered: ret.registered, participants: ret.participants, partnerships: ret.partnerships, rematches: ret.rematches,
        countries: cov.countries, new_countries: cov.new_countries, sectors: cov.sectors, largest_country: cov.largest_country,
        returning_share: ret.returning_share, completion_rate: ret.completion_rate, dissolution_rate: ret.dissolution_rate,
        continued_share: ret.continued_share, response_rate: ret.response_rate,
        survey: surveys.get(r.round) ?? null,
        program_satisfaction: item(r.round, "program_satisfaction"),
        partner_satisfaction: item(r.round, "partner_satisfaction"),
        outcomes: {
          outcome_perspective: item(r.round, "outcome_perspective"),
          outcome_ideas: item(r.round, "outcome_ideas"),
          outcome_confidence: item(r.round, "outcome_confidence"),
          outcome_motivation: item(r.round, "outcome_motivation"),
        },
        nps: n ? { n: n.n, promoters: n.promoters, detractors: n.detractors, score: n.score } : null,
        participate_again: pa,
        pairing: pair,
        health: h,
      };
    });
  const [totals] = await db.all<{ registered: number; participants: number; countries: number; partnerships: number }>(sql`WITH ${MATCHED}
    SELECT (SELECT count(DISTINCT pid) FROM registrations) AS registered,
      (SELECT count(DISTINCT pid) FROM matched) AS participants,
      (SELECT count(DISTINCT g.country) FROM matched m JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid) AS countries,
      (SELECT count(*) FROM partnerships) AS partnerships`);
  return {
    synthetic: rounds.some((r) => r.synthetic),
    rounds: perRound,
    overall: { rounds: rounds.length, ...totals, to_date: await toDate(db), cohort_retention: await cohortRetention(db) },
  };
}

function byRound<T extends { round: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.round, r]));
}
