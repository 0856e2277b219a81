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
import { nonResponse, WEIGHTING_NOTE, type RoundResponse, type WeightedShare } from "./nonresponse";
import { itemSummaries, npsByRound, participateAgainByRound, type ItemSummary, type LikertItem, type Nps, type SatisfactionItem } from "./satisfaction";
import { ADJUSTMENT, compareProportions, holmAdjust, type Interval, type Proportion } from "./stats";

/** An item of a round (asked or not) with its response-weighted top-2-box share beside the respondents' one (null when not asked). */
export type WeightedItemSummary = SurveyItem & { weighted: WeightedShare | null };

/** One round-to-round change of a satisfaction item's top-2-box share. */
export interface RoundChange {
  item: SatisfactionItem;
  /** The earlier and the later round (consecutive among rounds where the item was answered). */
  a: string;
  b: string;
  n_a: number;
  n_b: number;
  top2_a: number;
  top2_b: number;
  /** top2_b − top2_a with Newcombe's 95% interval. */
  diff: number | null;
  ci: Interval | null;
  /** Two-sided p-value of the test named in `test`, unadjusted. */
  p_value: number | null;
  /** Holm-adjusted over the whole family of changes in the document (`multiple_testing`). */
  p_adjusted: number | null;
  /** p_adjusted < 0.05: the only changes a page may call larger than chance. */
  significant: boolean;
  test: string;
}

/**
 * How far a round has got, by the data the database holds for it (docs/metrics.md, "A round's
 * stage"): `registered` (registrations only: matching in progress), `matched` (partnerships, no
 * survey yet), `surveyed` (survey responses ingested).
 */
export type RoundStage = "registered" | "matched" | "surveyed";

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

/**
 * The metrics of one round; keys as in docs/metrics.md. Shares are 0..1, sampled shares carry n
 * and a 95% Wilson ci. A figure the round has no data for yet (see {@link RoundStage}) is `null`,
 * never 0.
 */
export interface RoundMetrics extends Omit<RoundRetention, "round">, Omit<RoundCoverage, "round"> {
  round: string;
  /** The round's display name and dates (YYYY-MM-DD). */
  name: string;
  start: string;
  end: string;
  /** How far the round has got. */
  stage: RoundStage;
  /** The round's survey; null when it has none. */
  survey: RoundSurvey | null;
  /** Respondents' summary (or not asked), with `weighted`: the top-2-box share weighted for non-response (null when not asked or without linked respondents). */
  program_satisfaction: WeightedItemSummary;
  partner_satisfaction: WeightedItemSummary;
  /** The four outcome items (1-5 agreement), same summary. */
  outcomes: Record<Exclude<LikertItem, "program_satisfaction" | "partner_satisfaction">, WeightedItemSummary>;
  /** Net Promoter Score, null where `recommend` was not asked (no answers). */
  nps: Nps | null;
  /** Respondents answering Yes to "participate again", of non-blank answers, and the same weighted for non-response. */
  participate_again: Proportion & { weighted: WeightedShare | null };
  /** Survey response rates by partnership status, world region and returning (null in a round without partnerships, before its survey, or when its survey was anonymous). */
  response: Omit<RoundResponse, "round"> | null;
  /** Sector and career-stage mix of pairs against preferences; null before matching. */
  pairing: Omit<PairMix, "round"> | null;
  /** Partnerships per health class; null before matching. */
  health: HealthCounts | null;
}

/** The whole document. */
export interface MetricsDocument {
  /** True when any round was ingested from synthetic (demo) data. */
  synthetic: boolean;
  rounds: RoundMetrics[];
  /**
   * Changes of the satisfaction items' top-2-box share between consecutive surveyed rounds, each
   * with its unadjusted and Holm-adjusted p-value (with `round`, those involving that round; the
   * adjustment always covers the whole family).
   */
  changes: RoundChange[];
  /** How the family of changes is adjusted for multiple testing. */
  multiple_testing: { method: "holm"; description: string; family: number; alpha: number; why: string };
  /** The non-response weighting: what it does and cannot do, the response model's messages, trimmed weights per round. */
  weighting: { method: string; note: string; notes: string[]; trimmed: Record<string, number> };
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
    /** Unique matched participants and countries to date, per round with partnerships. */
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

/** Why the changes are adjusted by Holm and not Benjamini-Hochberg (docs/metrics.md). */
export const HOLM_WHY =
  "The changes are a family of confirmatory claims shown to an audience (each flagged change reads as 'this really changed'), so the chance of ANY false flag is what must stay at 5%: " +
  "Holm controls that family-wise error rate under any dependence and is uniformly more powerful than Bonferroni. Benjamini-Hochberg would only bound the expected share of false flags among the flagged, which suits screening, not claims.";

/**
 * Every pair of consecutive rounds (by start) in which a satisfaction item was answered, compared
 * with `compareProportions`, the p-values Holm-adjusted over all of them (both items).
 */
export function roundChanges(summaries: readonly { round: string; item: LikertItem; n: number; top2: number | null }[]): RoundChange[] {
  const out: Omit<RoundChange, "p_adjusted" | "significant">[] = [];
  for (const item of ["program_satisfaction", "partner_satisfaction"] as const) {
    const rows = summaries.filter((s) => s.item === item && s.n > 0 && s.top2 !== null);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      const ka = Math.round((a.top2 as number) * a.n);
      const kb = Math.round((b.top2 as number) * b.n);
      const c = compareProportions(ka, a.n, kb, b.n);
      out.push({ item, a: a.round, b: b.round, n_a: a.n, n_b: b.n, top2_a: a.top2 as number, top2_b: b.top2 as number, diff: c.diff, ci: c.ci, p_value: c.p_value, test: c.test });
    }
  }
  const adj = holmAdjust(out.map((c) => c.p_value));
  return out.map((c, i) => ({ ...c, p_adjusted: adj[i], significant: adj[i] !== null && (adj[i] as number) < 0.05 }));
}

/**
 * Every metric of docs/metrics.md for every round (or one round) plus the across-rounds
 * figures. Each family runs set-based over all rounds at once (a handful of queries in all).
 * Per-round keys: round, name, start, end, registered, participants, partnerships, rematches,
 * countries, new_countries, sectors, largest_country, returning_share, completion_rate,
 * dissolution_rate, continued_share, response_rate, response, survey, program_satisfaction,
 * partner_satisfaction, outcomes (each with `weighted`), nps (with `ci`), participate_again,
 * pairing, health, stage, applicant_countries, applicant_sectors; and across rounds `changes`
 * (Holm-adjusted) and `weighting`. See each family's module for definitions; a figure the round
 * has no data for yet is null (docs/metrics.md, "A round's stage"). A 1-5 item the round's
 * survey did not ask (or of a round without a survey) is `NotAsked` (its `weighted` null).
 * @returns a JSON-safe document: plain numbers (no bigint, no NaN), nulls for empty groups.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function metricsDocument(db: Db, opts: RoundOpts = {}): Promise<MetricsDocument> {
  await checkRound(db, opts.round);
  const rounds = await db.all<{ round: string; name: string; start: string; end: string; synthetic: boolean; matched: boolean; surveyed: boolean }>(sql`
    SELECT round_id AS round, name, CAST(start_date AS VARCHAR) AS start, CAST(end_date AS VARCHAR) AS "end", synthetic,
      EXISTS (SELECT 1 FROM partnerships p WHERE p.round_id = r.round_id) AS matched,
      EXISTS (SELECT 1 FROM survey_responses s WHERE s.round_id = r.round_id) AS surveyed
    FROM rounds r ORDER BY start_date, round_id`);
  const retention = byRound(await retentionByRound(db, opts));
  const coverage = byRound(await coverageByRound(db, opts));
  const items = await itemSummaries(db, opts);
  const allItems = opts.round === undefined ? items : await itemSummaries(db);
  const nr = await nonResponse(db);
  const weightedOf = new Map(nr.weighted.map((w) => [w.round, w]));
  const responseOf = new Map(nr.response.map((r) => [r.round, r]));
  const nps = byRound(await npsByRound(db, opts));
  const again = byRound(await participateAgainByRound(db, opts));
  const pairs = byRound(await pairMix(db, opts));
  const health = byRound(await healthByRound(db, opts));
  const surveys = await roundSurveys(db);
  const item = (round: string, name: LikertItem): WeightedItemSummary => {
    if (!surveys.get(round)?.asked.includes(name)) return { ...NOT_ASKED, weighted: null };
    const s = items.find((i) => i.round === round && i.item === name);
    const w = weightedOf.get(round)?.items[name] ?? null;
    const weighted = w && w.n > 0 ? w : null;
    return s ? { asked: true, n: s.n, mean: s.mean, top2: s.top2, top2_ci: s.top2_ci, weighted } : { asked: true, n: 0, mean: null, top2: null, top2_ci: null, weighted };
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
      const stage: RoundStage = r.surveyed || surveys.has(r.round) ? "surveyed" : r.matched ? "matched" : "registered";
      return {
        round: r.round, name: r.name, start: r.start, end: r.end, stage,
        registered: ret.registered, participants: ret.participants, partnerships: ret.partnerships, rematches: ret.rematches,
        countries: cov.countries, new_countries: cov.new_countries, sectors: cov.sectors,
        applicant_countries: cov.applicant_countries, applicant_sectors: cov.applicant_sectors, largest_country: cov.largest_country,
        returning_share: ret.returning_share, completion_rate: ret.completion_rate, dissolution_rate: ret.dissolution_rate,
        continued_share: ret.continued_share, response_rate: ret.response_rate, response_rate_impossible: ret.response_rate_impossible,
        survey: surveys.get(r.round) ?? null,
        program_satisfaction: item(r.round, "program_satisfaction"),
        partner_satisfaction: item(r.round, "partner_satisfaction"),
        outcomes: {
          outcome_perspective: item(r.round, "outcome_perspective"),
          outcome_ideas: item(r.round, "outcome_ideas"),
          outcome_confidence: item(r.round, "outcome_confidence"),
          outcome_motivation: item(r.round, "outcome_motivation"),
        },
        nps: n ? { n: n.n, promoters: n.promoters, detractors: n.detractors, score: n.score, ci: n.ci, promoters_ci: n.promoters_ci, detractors_ci: n.detractors_ci } : null,
        participate_again: { ...pa, weighted: (() => { const w = weightedOf.get(r.round)?.participate_again; return w && w.n > 0 ? w : null; })() },
        // By group only where respondents are known: not before the survey (0 of n would say
        // nobody answered), nor for an anonymous survey (who answered is unknown).
        response: (() => {
          const x = responseOf.get(r.round);
          if (!x || ret.response_rate === null || surveys.get(r.round)?.anonymous) return null;
          const { round: _f, ...rest } = x;
          return rest;
        })(),
        pairing: r.matched ? pair : null,
        health: r.matched ? h : null,
      };
    });
  const [totals] = await db.all<{ registered: number; participants: number; countries: number; partnerships: number }>(sql`WITH ${MATCHED}
    SELECT (SELECT count(DISTINCT pid) FROM registrations) AS registered,
      (SELECT count(DISTINCT pid) FROM matched) AS participants,
      (SELECT count(DISTINCT g.country) FROM matched m JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid) AS countries,
      (SELECT count(*) FROM partnerships) AS partnerships`);
  const changes = roundChanges(allItems);
  return {
    synthetic: rounds.some((r) => r.synthetic),
    rounds: perRound,
    changes: opts.round === undefined ? changes : changes.filter((c) => c.a === opts.round || c.b === opts.round),
    multiple_testing: { method: "holm", description: ADJUSTMENT, family: changes.length, alpha: 0.05, why: HOLM_WHY },
    weighting: {
      method: "inverse probability of response (logistic model on round, partnership status, world region, returning), weights trimmed at 5 times the round's median; Wilson intervals on Kish's effective sample size",
      note: WEIGHTING_NOTE,
      notes: nr.notes,
      trimmed: nr.trimmed,
    },
    overall: { rounds: rounds.length, ...totals, to_date: await toDate(db), cohort_retention: await cohortRetention(db) },
  };
}

function byRound<T extends { round: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.round, r]));
}
