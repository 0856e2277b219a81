/**
 * Satisfaction metrics (docs/metrics.md): distributions of the survey's 1-5 items, their mean,
 * the top-2-box share (answers 4 or 5) with n and a 95% Wilson interval, the Net Promoter Score,
 * the "participate again" share, breakdowns by segment, and the comparison of two rounds.
 *
 * Blank answers are excluded everywhere: n counts the non-blank answers of an item.
 */
import { checkRound, ident, sql, type Db, type Sql } from "../db";
import { FIRST_MATCHED, MATCHED, ROUND_ORDER, UNKNOWN, careerStageTable, regionOrUnknown, roundIs, type RoundOpts } from "./base";
import { homogeneityTest, type HomogeneityTest } from "./homogeneity";
import { compareProportions, meanOrNull, npsInterval, proportion, wilsonInterval, type Interval, type Proportion, type ProportionComparison } from "./stats";

/** The survey's 1-5 (Likert) items: two satisfaction items and four outcome agreement items. */
export const LIKERT_ITEMS = [
  "program_satisfaction",
  "partner_satisfaction",
  "outcome_perspective",
  "outcome_ideas",
  "outcome_confidence",
  "outcome_motivation",
] as const;
/** One of {@link LIKERT_ITEMS}. */
export type LikertItem = (typeof LIKERT_ITEMS)[number];
/** The satisfaction items, for which segments and round comparisons are offered. */
export type SatisfactionItem = "program_satisfaction" | "partner_satisfaction";

/** Segments a satisfaction item can be broken down by. */
export const SEGMENTS = ["country", "region", "sector", "career_stage", "returning", "contact_frequency"] as const;
/** One of {@link SEGMENTS}. */
export type Segment = (typeof SEGMENTS)[number];

/** Summary of one 1-5 item among a group of respondents. */
export interface ItemSummary {
  /** Non-blank answers. */
  n: number;
  /** Mean answer, 1..5; null when n = 0. */
  mean: number | null;
  /** Share answering 4 or 5, 0..1; null when n = 0. */
  top2: number | null;
  /** 95% Wilson interval of `top2`; null when n = 0. */
  top2_ci: Interval | null;
}

/** Net Promoter Score of one round. */
export interface Nps {
  /** Non-blank answers to `recommend` (0-10). */
  n: number;
  /** Share answering 9 or 10, 0..1. */
  promoters: number;
  /** Share answering 0 to 6, 0..1. */
  detractors: number;
  /** NPS: percentage of promoters minus percentage of detractors, in -100..100 (the conventional scale, not a share). */
  score: number;
  /** 95% interval of `score` by the delta method (`npsInterval`), on the -100..100 scale. */
  ci: Interval;
  /** 95% Wilson intervals of the promoter and detractor shares. */
  promoters_ci: Interval;
  detractors_ci: Interval;
}

function checkItem(item: string, allowed: readonly string[]): void {
  if (!allowed.includes(item)) throw new RangeError(`unknown survey item ${JSON.stringify(item)}; expected one of ${allowed.join(", ")}`);
}

/** `likert(round_id, pid, item, answer)`: the non-blank 1-5 answers, one row per answer (UNPIVOT drops NULLs). */
const LIKERT_LONG: Sql = sql`likert AS (
  UNPIVOT (SELECT round_id, pid, program_satisfaction, partner_satisfaction, outcome_perspective, outcome_ideas, outcome_confidence, outcome_motivation FROM survey_responses)
  ON program_satisfaction, partner_satisfaction, outcome_perspective, outcome_ideas, outcome_confidence, outcome_motivation
  INTO NAME item VALUE answer)`;

/**
 * Distribution of every 1-5 item: for each round that has survey responses, each item of
 * {@link LIKERT_ITEMS} the round's survey asked (`round_surveys`; every item when the round has no
 * record) and each answer 1..5, the number of respondents giving that answer (zero counts
 * included, blanks excluded).
 * @returns rows ordered by round start, item (in {@link LIKERT_ITEMS} order), answer.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function likertDistributions(db: Db, opts: RoundOpts = {}): Promise<{ round: string; item: LikertItem; answer: 1 | 2 | 3 | 4 | 5; count: number }[]> {
  await checkRound(db, opts.round);
  return db.all(sql`WITH ${ROUND_ORDER}, ${LIKERT_LONG},
    surveyed AS (SELECT DISTINCT round_id FROM survey_responses WHERE ${roundIs(opts.round)}),
    items AS (SELECT unnest(${[...LIKERT_ITEMS]}::VARCHAR[]) AS item, generate_subscripts(${[...LIKERT_ITEMS]}::VARCHAR[], 1) AS item_ord),
    counts AS (SELECT round_id, item, answer, count(*) AS n FROM likert GROUP BY ALL)
    SELECT s.round_id AS round, i.item, a.answer AS answer, coalesce(c.n, 0) AS count
    FROM surveyed s JOIN round_order o USING (round_id) CROSS JOIN items i CROSS JOIN range(1, 6) a(answer)
    LEFT JOIN counts c ON c.round_id = s.round_id AND c.item = i.item AND c.answer = a.answer
    LEFT JOIN round_surveys rs ON rs.round_id = s.round_id
    WHERE rs.round_id IS NULL OR list_contains(rs.asked, i.item)
    ORDER BY o.ord, i.item_ord, a.answer`);
}

/**
 * Summary ({@link ItemSummary}: n, mean, top-2-box share and its Wilson interval) of every 1-5
 * item in every round (rounds without any survey response give n = 0 and nulls).
 * @returns rows ordered by round start, then item.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function itemSummaries(db: Db, opts: RoundOpts = {}): Promise<({ round: string; item: LikertItem } & ItemSummary)[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; item: LikertItem; n: number; total: number; top: number }>(sql`WITH ${ROUND_ORDER}, ${LIKERT_LONG},
    items AS (SELECT unnest(${[...LIKERT_ITEMS]}::VARCHAR[]) AS item, generate_subscripts(${[...LIKERT_ITEMS]}::VARCHAR[], 1) AS item_ord),
    agg AS (SELECT round_id, item, count(*) AS n, sum(answer) AS total, count(*) FILTER (WHERE answer >= 4) AS top FROM likert GROUP BY ALL)
    SELECT o.round_id AS round, i.item, coalesce(a.n, 0) AS n, coalesce(a.total, 0) AS total, coalesce(a.top, 0) AS top
    FROM round_order o CROSS JOIN items i LEFT JOIN agg a ON a.round_id = o.round_id AND a.item = i.item
    WHERE ${roundIs(opts.round, sql`o.round_id`)} ORDER BY o.ord, i.item_ord`);
  return rows.map((r) => ({ round: r.round, item: r.item, ...summarise(r.n, r.total, r.top) }));
}

function summarise(n: number, total: number, top: number): ItemSummary {
  return { n, mean: meanOrNull(total, n), top2: n === 0 ? null : top / n, top2_ci: wilsonInterval(top, n) };
}

/**
 * Net Promoter Score per round, where the survey asked `recommend` (0-10): promoters answer 9-10,
 * detractors 0-6; score = 100 × (promoters − detractors) / n, in -100..100, with its 95% interval
 * by the delta method and Wilson intervals of the two shares. Rounds where nobody
 * answered the question (not asked, or no survey) are left out.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function npsByRound(db: Db, opts: RoundOpts = {}): Promise<({ round: string } & Nps)[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; n: number; pro: number; det: number }>(sql`WITH ${ROUND_ORDER}
    SELECT round_id AS round, count(recommend) AS n, count(*) FILTER (WHERE recommend >= 9) AS pro,
      count(*) FILTER (WHERE recommend <= 6) AS det
    FROM survey_responses JOIN round_order USING (round_id) WHERE ${roundIs(opts.round)}
    GROUP BY round_id, ord HAVING count(recommend) > 0 ORDER BY ord`);
  return rows.map((r) => ({
    round: r.round, n: r.n, promoters: r.pro / r.n, detractors: r.det / r.n, score: (100 * (r.pro - r.det)) / r.n,
    ci: npsInterval(r.pro, r.det, r.n)!, promoters_ci: wilsonInterval(r.pro, r.n)!, detractors_ci: wilsonInterval(r.det, r.n)!,
  }));
}

/**
 * Share of respondents who would participate again (`participate_again` = Yes) among non-blank
 * answers (Yes, No, Maybe), per round, with its Wilson interval. Every round is listed; n = 0
 * gives share and ci null.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function participateAgainByRound(db: Db, opts: RoundOpts = {}): Promise<({ round: string } & Proportion)[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; n: number; yes: number }>(sql`WITH ${ROUND_ORDER}
    SELECT o.round_id AS round, count(s.participate_again) AS n, count(*) FILTER (WHERE s.participate_again = 'Yes') AS yes
    FROM round_order o LEFT JOIN survey_responses s USING (round_id) WHERE ${roundIs(opts.round, sql`o.round_id`)}
    GROUP BY o.round_id, o.ord ORDER BY o.ord`);
  return rows.map((r) => ({ round: r.round, ...proportion(r.yes, r.n) }));
}

/** SQL of the raw segment key of a respondent (joined as s = survey_responses, g = registrations, f = first_matched, o = round_order). */
function segmentKey(segment: Segment): Sql {
  switch (segment) {
    case "country":
    case "region":
      return sql`coalesce(g.country, ${UNKNOWN})`;
    case "sector":
      return sql`coalesce(g.sector, ${UNKNOWN})`;
    case "career_stage":
      return sql`coalesce(cs.stage, ${UNKNOWN})`;
    case "returning":
      return sql`CASE WHEN s.pid IS NULL THEN ${UNKNOWN} WHEN f.first_ord < o.ord THEN 'returning' ELSE 'first_time' END`;
    case "contact_frequency":
      return sql`coalesce(s.contact_frequency, ${UNKNOWN})`;
  }
}

/**
 * A satisfaction item broken down by a segment of the respondents, per round: n, mean, top-2-box
 * share and its Wilson interval for each segment value.
 *
 * Segments: `country` (ISO alpha-2 of the respondent's registration in that round), `region`
 * (UN M49 region of that country), `sector`, `career_stage` (`early`/`mid`/`senior` from
 * `careerStage` of years of experience), `returning` (`returning` when the respondent was matched
 * in an earlier round, else `first_time`), `contact_frequency` (as answered). A missing value
 * (blank contact frequency, no registration, an anonymous survey's respondent) is the segment `unknown`. Respondents who left the
 * item blank count in no n; a segment whose respondents all left it blank has n = 0 and nulls.
 * @returns rows ordered by round start, then segment value.
 * @throws {RangeError} on an unknown segment or item; {@link UnknownRoundError} when `opts.round` is not in the database.
 */
export async function satisfactionBySegment(
  db: Db,
  opts: RoundOpts & { segment: Segment; item: SatisfactionItem },
): Promise<({ round: string; segment: string } & ItemSummary)[]> {
  checkItem(opts.item, ["program_satisfaction", "partner_satisfaction"]);
  if (!SEGMENTS.includes(opts.segment)) throw new RangeError(`unknown segment ${JSON.stringify(opts.segment)}; expected one of ${SEGMENTS.join(", ")}`);
  await checkRound(db, opts.round);
  const item = ident(opts.item);
  const { ctes, joins } = await segmentJoins(db, opts.segment);
  const rows = await db.all<{ round: string; ord: number; key: string; n: number; total: number; top: number }>(sql`WITH ${ROUND_ORDER}${ctes}
    SELECT s.round_id AS round, o.ord, ${segmentKey(opts.segment)} AS key, count(s.${item}) AS n,
      coalesce(sum(s.${item}), 0) AS total, count(*) FILTER (WHERE s.${item} >= 4) AS top
    FROM survey_responses s JOIN round_order o USING (round_id) ${joins}
    WHERE ${roundIs(opts.round, sql`s.round_id`)} GROUP BY ALL`);
  const mapKey = segmentValue(opts.segment);
  const groups = new Map<string, { round: string; ord: number; segment: string; n: number; total: number; top: number }>();
  for (const r of rows) {
    const segment = mapKey(r.key);
    const id = `${r.round}\u0000${segment}`;
    const g = groups.get(id) ?? { round: r.round, ord: r.ord, segment, n: 0, total: 0, top: 0 };
    g.n += r.n;
    g.total += r.total;
    g.top += r.top;
    groups.set(id, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.ord - b.ord || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
    .map((g) => ({ round: g.round, segment: g.segment, ...summarise(g.n, g.total, g.top) }));
}

/** The CTEs and joins a segment's key needs (only those: the first-matched and career-stage tables cost a scan each). */
async function segmentJoins(db: Db, seg: Segment): Promise<{ ctes: Sql; joins: Sql }> {
  const ctes = seg === "returning" ? sql`, ${MATCHED}, ${FIRST_MATCHED}` : seg === "career_stage" ? sql`, ${await careerStageTable(db)}` : sql``;
  const joins = seg === "returning"
    ? sql`LEFT JOIN first_matched f ON f.pid = s.pid`
    : seg === "contact_frequency"
      ? sql``
      : sql`LEFT JOIN registrations g ON g.round_id = s.round_id AND g.pid = s.pid
        ${seg === "career_stage" ? sql`LEFT JOIN career_stage cs ON cs.years IS NOT DISTINCT FROM g.years_experience` : sql``}`;
  return { ctes, joins };
}

/** The segment value of a raw key (a country becomes its region for `region`). */
function segmentValue(seg: Segment): (key: string) => string {
  return seg === "region" ? (k: string) => (k === UNKNOWN ? k : regionOrUnknown(k)) : (k: string) => k;
}

/**
 * The answers behind {@link satisfactionBySegment}: for each round, segment value and answer
 * 1..5 of an item, the number of respondents giving it (only non-zero counts; blanks excluded).
 * The dashboards' disclosure audit reads these as the true cells of a segment table.
 * @returns rows ordered by round start, segment value, answer.
 * @throws {RangeError} on an unknown segment or item; {@link UnknownRoundError} when `opts.round` is not in the database.
 */
export async function answersBySegment(
  db: Db,
  opts: RoundOpts & { segment: Segment; item: LikertItem },
): Promise<{ round: string; segment: string; answer: number; count: number }[]> {
  checkItem(opts.item, LIKERT_ITEMS);
  if (!SEGMENTS.includes(opts.segment)) throw new RangeError(`unknown segment ${JSON.stringify(opts.segment)}; expected one of ${SEGMENTS.join(", ")}`);
  await checkRound(db, opts.round);
  const item = ident(opts.item);
  const { ctes, joins } = await segmentJoins(db, opts.segment);
  const rows = await db.all<{ round: string; ord: number; key: string; answer: number; count: number }>(sql`WITH ${ROUND_ORDER}${ctes}
    SELECT s.round_id AS round, o.ord, ${segmentKey(opts.segment)} AS key, s.${item} AS answer, count(*) AS count
    FROM survey_responses s JOIN round_order o USING (round_id) ${joins}
    WHERE ${roundIs(opts.round, sql`s.round_id`)} AND s.${item} IS NOT NULL GROUP BY ALL`);
  const mapKey = segmentValue(opts.segment);
  const groups = new Map<string, { round: string; ord: number; segment: string; answer: number; count: number }>();
  for (const r of rows) {
    const segment = mapKey(r.key);
    const id = `${r.round}\u0000${segment}\u0000${r.answer}`;
    const g = groups.get(id) ?? { round: r.round, ord: r.ord, segment, answer: r.answer, count: 0 };
    g.count += r.count;
    groups.set(id, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.ord - b.ord || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0) || a.answer - b.answer)
    .map(({ round, segment, answer, count }) => ({ round, segment, answer, count }));
}

/**
 * Is the change in an item's top-2-box share between round a and round b larger than chance?
 * Compares the share answering 4-5 (blanks excluded) with {@link compareProportions}: a pooled
 * two-proportion z-test (Fisher's exact test when an expected cell count is below 5), diff =
 * top2(b) − top2(a) with Newcombe's hybrid score 95% interval. The test is on the top-2-box share
 * because that is the headline figure and a binary outcome needs no interval-scale assumption
 * about the Likert answers (a t-test on means would).
 * @returns per round n and top2 (null when n = 0), then diff, ci, p_value (null when either n = 0) and the test's name.
 * @throws {RangeError} on an unknown item; {@link UnknownRoundError} when a or b is not in the database.
 */
export async function compareRounds(
  db: Db,
  a: string,
  b: string,
  item: SatisfactionItem,
): Promise<{ a: { round: string; n: number; top2: number | null }; b: { round: string; n: number; top2: number | null } } & ProportionComparison> {
  checkItem(item, ["program_satisfaction", "partner_satisfaction"]);
  await checkRound(db, a);
  await checkRound(db, b);
  const col = ident(item);
  const rows = await db.all<{ round: string; n: number; top: number }>(sql`
    SELECT round_id AS round, count(${col}) AS n, count(*) FILTER (WHERE ${col} >= 4) AS top
    FROM survey_responses WHERE round_id IN (${a}, ${b}) GROUP BY round_id`);
  const get = (r: string) => rows.find((x) => x.round === r) ?? { round: r, n: 0, top: 0 };
  const ra = get(a);
  const rb = get(b);
  return {
    a: { round: a, n: ra.n, top2: ra.n ? ra.top / ra.n : null },
    b: { round: b, n: rb.n, top2: rb.n ? rb.top / rb.n : null },
    ...compareProportions(ra.top, ra.n, rb.top, rb.n),
  };
}

/**
 * The overall test of a breakdown (docs/metrics.md, "Segments"): do a satisfaction item's top-2-box
 * shares differ across the segment's groups more than chance? Pearson's chi-squared test of
 * homogeneity over every group with answers (`homogeneityTest`: Monte Carlo p-value when expected
 * counts are small). Say what it found before any "highest against lowest" sentence.
 * @param rows one round's groups, as `satisfactionBySegment` returns them.
 */
export function segmentTest(rows: readonly ItemSummary[]): HomogeneityTest {
  return homogeneityTest(rows.filter((r) => r.n > 0 && r.top2 !== null).map((r) => ({ count: Math.round((r.top2 as number) * r.n), n: r.n })));
}
