/**
 * Survey non-response (docs/metrics.md, "Non-response"): who answers, and satisfaction figures
 * weighted to stand for every matched participant rather than for the respondents alone.
 *
 * Response depends on how the partnership went (people whose partnership failed answer less, and
 * are less satisfied), so respondents' shares overstate the program's. The correction is inverse
 * probability weighting (IPW) on what is known for EVERY matched participant:
 *
 * 1. the population of a round is its matched participants; a participant responded when their
 *    survey row links to them (anonymous rows cannot be weighted and are left out here);
 * 2. the response model: logistic regression of responded (1/0), over every round with at least
 *    one response, on the round, the status of the participant's last partnership of the round
 *    (completed; failed = dissolved or withdrawn; active), their world region and whether they
 *    were returning (matched in an earlier round). A level in which everyone or nobody answered
 *    cannot be estimated and is merged into its variable's reference level (the message says so);
 * 3. each respondent's weight is 1 / P̂(respond), trimmed at {@link TRIM_FACTOR} × the median weight
 *    of the round's respondents so that a few people cannot dominate;
 * 4. a weighted share is Σ w·[answer 4-5] / Σ w over respondents who answered the item, with a
 *    95% Wilson interval on Kish's effective sample size (Σw)² / Σw².
 *
 * What it can fix: differences in response between groups that the model sees (status, region,
 * returning, round). What it cannot fix: people who answer less BECAUSE they are less satisfied
 * within those groups; it also widens the interval (a smaller effective sample).
 */
import { checkRound, sql, type Db, type Sql } from "../db";
import { FIRST_MATCHED, MATCHED, ROUND_ORDER, regionOrUnknown, type RoundOpts } from "./base";
import { FitError, logisticRegression, sigmoid, type RegressionFit } from "./regression";
import { LIKERT_ITEMS, type LikertItem } from "./satisfaction";
import { proportion, wilsonIntervalEffective, type Interval, type Proportion } from "./stats";

/** Weights above this multiple of the round's median respondent weight are trimmed to it. */
export const TRIM_FACTOR = 5;

/** What weighting can and cannot fix, in one paragraph (shown beside weighted figures). */
export const WEIGHTING_NOTE =
  "Weighted: each respondent counts for the matched participants like them who did not answer (same round, partnership outcome, world region and returning or not), " +
  "by inverse probability of response from a logistic model. This corrects for groups answering at different rates; it cannot correct for people answering less because they were less satisfied than others in their group, and it widens the interval.";

/** Status of a participant's last partnership of the round, as the response model sees it. */
export type ResponseStatus = "completed" | "failed" | "active";

/** One matched participant of a round, as the weighting sees them. */
export interface FrameRow {
  round: string;
  pid: string;
  status: ResponseStatus;
  region: string;
  returning: boolean;
  responded: boolean;
}

/**
 * `frame(round, pid, status, country, returning, responded, ord)`: every matched participant of
 * every round with the status of their last partnership of the round (latest `matched_on`, then
 * the later source row), the country of their registration (null without one), whether they
 * were returning, whether they responded, and the round's position. A WITH clause.
 */
const FRAME: Sql = sql`${ROUND_ORDER}, ${MATCHED}, ${FIRST_MATCHED},
    sides AS (SELECT round_id, pid_a AS pid, status, matched_on, source_row FROM partnerships
              UNION ALL SELECT round_id, pid_b, status, matched_on, source_row FROM partnerships),
    last AS (SELECT round_id, pid, status FROM sides
             QUALIFY row_number() OVER (PARTITION BY round_id, pid ORDER BY matched_on DESC, source_row DESC) = 1),
    resp AS (SELECT DISTINCT round_id, pid FROM survey_responses),
    frame AS (SELECT m.round_id AS round, m.pid, l.status, g.country, f.first_ord < o.ord AS "returning", r.pid IS NOT NULL AS responded, o.ord
      FROM matched m JOIN round_order o USING (round_id) JOIN first_matched f USING (pid)
      JOIN last l ON l.round_id = m.round_id AND l.pid = m.pid
      LEFT JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid
      LEFT JOIN resp r ON r.round_id = m.round_id AND r.pid = m.pid)`;

/** The response model's status of a partnership status: completed, active, anything else failed. */
function responseStatus(status: string | null): ResponseStatus {
  return status === "completed" ? "completed" : status === "active" ? "active" : "failed";
}

/**
 * Every matched participant of every round: the status of their last partnership of the round
 * (latest `matched_on`, then the later source row), the world region of their registration,
 * whether they were returning, whether they responded; by round (start order), then pseudonym.
 * Internal (carries pseudonyms).
 */
export async function responseFrame(db: Db): Promise<FrameRow[]> {
  const rows = await db.all<{ round: string; pid: string; status: string; country: string | null; returning: boolean; responded: boolean }>(sql`WITH ${FRAME}
    SELECT round, pid, status, country, "returning", responded FROM frame ORDER BY ord, pid`);
  return rows.map((r) => ({
    round: r.round,
    pid: r.pid,
    status: responseStatus(r.status),
    region: regionOrUnknown(r.country),
    returning: r.returning,
    responded: r.responded,
  }));
}

/** A row of the frame without its pseudonym: all the response model and the rates read. */
export type FrameCells = Omit<FrameRow, "pid">;

/** One 1-5 item's or "participate again"'s answer as {@link surveyFrame} codes it: 0 blank, 1 other, 2 a hit (4-5, or Yes). */
const ANSWER_CODES = 3;

/** Each 1-5 item's column of `survey_responses` (aliased `s`). */
const ITEM_COLUMNS: Record<LikertItem, Sql> = {
  program_satisfaction: sql`s.program_satisfaction`,
  partner_satisfaction: sql`s.partner_satisfaction`,
  outcome_perspective: sql`s.outcome_perspective`,
  outcome_ideas: sql`s.outcome_ideas`,
  outcome_confidence: sql`s.outcome_confidence`,
  outcome_motivation: sql`s.outcome_motivation`,
};

/** The frame and the survey's answers of every round, coded compactly (see {@link surveyFrame}). */
interface SurveyFrame {
  /** {@link responseFrame}'s rows in its order, without pseudonyms. */
  frame: FrameCells[];
  /** Per round with answers, in the order of each round's first answer in `survey_responses`. */
  answers: {
    round: string;
    /** Responses without a pseudonym. */
    anonymous: number;
    /** Each answer's row in `frame` (-1: anonymous, or a respondent not matched in the round), in `survey_responses` order. */
    rows: number[];
    /** Each answer's codes: digit j (base {@link ANSWER_CODES}) is LIKERT_ITEMS[j], the last digit "participate again". */
    codes: number[];
  }[];
}

/**
 * {@link responseFrame} and the survey's answers in one query, joined on the pseudonym inside the
 * database so that no pseudonym (nor a row object per participant) comes out of it: per round, lists of
 * coded frame rows and of coded answers with the frame row each belongs to. Same rows, same
 * order, same values as `responseFrame` and a scan of `survey_responses`.
 */
async function surveyFrame(db: Db): Promise<SurveyFrame> {
  // An answer's code: Σ digit_j · 3^j over LIKERT_ITEMS in order, then participate_again.
  const digit = (x: Sql) => sql`CASE WHEN ${x} IS NULL THEN 0 WHEN ${x} >= 4 THEN 2 ELSE 1 END`;
  const digits = [...LIKERT_ITEMS.map((item) => digit(ITEM_COLUMNS[item])), sql`CASE WHEN s.participate_again IS NULL THEN 0 WHEN s.participate_again = 'Yes' THEN 2 ELSE 1 END`];
  const answerCode = digits.reduce((acc, d, j) => sql`${acc} + ${ANSWER_CODES ** j}::INTEGER * ${d}`, sql`0`);
  const rows = await db.all<{ round: string; ord: number | null; frame: number[] | null; first: number | null; anonymous: number | null; rows: number[] | null; codes: number[] | null; countries: string[] | null }>(sql`WITH ${FRAME},
    countries AS (SELECT country, dense_rank() OVER (ORDER BY country)::INTEGER AS ci FROM (SELECT DISTINCT country FROM frame WHERE country IS NOT NULL)),
    coded AS (SELECT f.round, f.ord, f.pid,
        coalesce(c.ci, 0) * 12 + (CASE WHEN f.status = 'completed' THEN 0 WHEN f.status = 'active' THEN 2 ELSE 1 END) * 4 + f."returning"::INTEGER * 2 + f.responded::INTEGER AS code,
        (row_number() OVER (PARTITION BY f.round ORDER BY f.pid) - 1)::INTEGER AS i
      FROM frame f LEFT JOIN countries c ON c.country = f.country),
    fl AS (SELECT round, any_value(ord) AS ord, list(code ORDER BY pid) AS frame FROM coded GROUP BY round),
    ans AS (SELECT s.rowid AS rid, s.round_id AS round, s.pid IS NULL AS anonymous, coalesce(c.i, -1) AS i,
        ${answerCode}
        AS code
      FROM survey_responses s LEFT JOIN coded c ON c.round = s.round_id AND c.pid = s.pid),
    al AS (SELECT round, min(rid) AS first, count(*) FILTER (WHERE anonymous) AS anonymous, list(i ORDER BY rid) AS rows, list(code ORDER BY rid) AS codes
      FROM ans GROUP BY round)
    SELECT coalesce(fl.round, al.round) AS round, fl.ord, fl.frame, al.first, al.anonymous, al.rows, al.codes,
      (SELECT list(country ORDER BY ci) FROM countries) AS countries
    FROM fl FULL JOIN al ON al.round = fl.round
    ORDER BY fl.ord NULLS LAST, al.first`);
  const countries = rows[0]?.countries ?? [];
  const regions = [regionOrUnknown(null), ...countries.map((c) => regionOrUnknown(c))];
  const STATUS: ResponseStatus[] = ["completed", "failed", "active"];
  const frame: FrameCells[] = [];
  const start = new Map<string, number>();
  for (const r of rows) {
    if (!r.frame) continue;
    start.set(r.round, frame.length);
    for (const code of r.frame) {
      frame.push({ round: r.round, status: STATUS[(code >> 2) % 3], region: regions[Math.floor(code / 12)], returning: (code & 2) !== 0, responded: (code & 1) !== 0 });
    }
  }
  const answers = rows
    .filter((r) => r.rows !== null)
    .sort((a, b) => (a.first as number) - (b.first as number))
    .map((r) => {
      const at = start.get(r.round);
      return { round: r.round, anonymous: r.anonymous as number, rows: (r.rows as number[]).map((i) => (i < 0 || at === undefined ? -1 : at + i)), codes: r.codes as number[] };
    });
  return { frame, answers };
}

/** The fitted response model and each respondent's weight. */
export interface ResponseWeights {
  /** The logistic model of responding; null when it could not be fitted (e.g. one round only with everyone answering). */
  model: RegressionFit | null;
  /** Variables of the model after merging levels that cannot be estimated, and the messages saying so. */
  notes: string[];
  /** Weight of each respondent, by `${round}\u0000${pid}` (trimmed). */
  weights: Map<string, number>;
  /** Respondents whose weight was trimmed, per round. */
  trimmed: Map<string, number>;
}

const key = (round: string, pid: string) => `${round}\u0000${pid}`;

/**
 * Fits the response model on `frame` and weights the respondents (module doc, steps 2-3).
 * Rounds without any respondent are left out (nothing to weight). Pure.
 */
export function responseWeights(frame: readonly FrameRow[]): ResponseWeights {
  const fit = weightRows(frame);
  const weights = new Map<string, number>();
  for (const list of fit.respondents.values()) for (const i of list) weights.set(key(frame[i].round, frame[i].pid), fit.weight[i]);
  return { model: fit.model, notes: fit.notes, weights, trimmed: fit.trimmed };
}

/** {@link responseWeights} by row: each row's weight (NaN: not a weighted respondent), the respondents' rows per round. */
interface RowWeights extends Omit<ResponseWeights, "weights"> {
  weight: Float64Array;
  respondents: Map<string, number[]>;
}

function weightRows(frame: readonly FrameCells[]): RowWeights {
  const respondedRounds = new Set(frame.filter((r) => r.responded).map((r) => r.round));
  const at: number[] = [];
  frame.forEach((r, i) => {
    if (respondedRounds.has(r.round)) at.push(i);
  });
  const rows = at.map((i) => frame[i]);
  const notes: string[] = [];
  // Dummy columns: every level but the reference (the most common), merged into it when all or none responded.
  const dummies = (name: string, value: (r: FrameCells) => string): { names: string[]; level: Int32Array } => {
    const values = rows.map(value);
    const counts = new Map<string, { n: number; yes: number }>();
    rows.forEach((r, i) => {
      const c = counts.get(values[i]) ?? { n: 0, yes: 0 };
      c.n++;
      if (r.responded) c.yes++;
      counts.set(values[i], c);
    });
    const levels = [...counts.keys()].sort();
    const ref = [...counts].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const kept = levels.filter((l) => {
      if (l === ref) return false;
      const c = counts.get(l)!;
      if (c.yes === 0 || c.yes === c.n) {
        notes.push(`${name} ${l}: ${c.yes === 0 ? "nobody" : "everybody"} of ${c.n} answered, so its response rate cannot be modelled; counted with ${name} ${ref}`);
        return false;
      }
      return true;
    });
    const index = new Map(kept.map((l, j) => [l, j]));
    // Each row's level as a position among this variable's columns (-1: the reference or a merged level).
    const level = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) level[i] = index.get(values[i]) ?? -1;
    return { names: kept.map((l) => `${name}=${l}`), level };
  };
  const vars = [
    dummies("round", (r) => r.round),
    dummies("status", (r) => r.status),
    dummies("region", (r) => r.region),
    dummies("returning", (r) => (r.returning ? "yes" : "no")),
  ];
  const names = vars.flatMap((v) => v.names);
  const offsets = vars.map((_, i) => vars.slice(0, i).reduce((s, v) => s + v.names.length, 0));
  const X = rows.map((_, i) => {
    const x = new Array<number>(names.length).fill(0);
    for (let j = 0; j < vars.length; j++) if (vars[j].level[i] >= 0) x[offsets[j] + vars[j].level[i]] = 1;
    return x;
  });
  const y = rows.map((r) => (r.responded ? 1 : 0));
  // The model is fitted on the distinct rows (covariates and response), each counted as the rows
  // it stands for (frequency weights): the same likelihood, so the same fit up to the order of
  // its sums, at the cost of a few hundred rows instead of every matched participant.
  const distinct = new Map<string, number>();
  const dX: number[][] = [];
  const dy: number[] = [];
  const count: number[] = [];
  rows.forEach((_, i) => {
    const key = `${y[i]}:${vars.map((v) => v.level[i]).join(",")}`;
    const d = distinct.get(key);
    if (d !== undefined) count[d]++;
    else {
      distinct.set(key, dX.length);
      dX.push(X[i]);
      dy.push(y[i]);
      count.push(1);
    }
  });
  let model: RegressionFit | null = null;
  try {
    model = logisticRegression(dX, dy, names, { weights: count });
    for (const d of model.dropped) notes.push(`${d.name} left out of the response model: ${d.reason}`);
  } catch (err) {
    if (!(err instanceof FitError)) throw err;
    notes.push(`the response model could not be fitted (${err.message}); respondents are not weighted`);
  }
  // Each coefficient's column of X (names are unique); -1 for the intercept.
  const column = (model?.coefficients ?? []).map((c) => (c.name === "intercept" ? -1 : names.indexOf(c.name)));
  const weight = new Float64Array(frame.length).fill(NaN);
  const trimmed = new Map<string, number>();
  const byRound = new Map<string, { k: number; w: number }[]>();
  rows.forEach((r, i) => {
    if (!r.responded) return;
    let w = 1;
    if (model) {
      // linearPredictor's sum, in the coefficients' order, reading the row by column index.
      let eta = 0;
      for (let j = 0; j < model.coefficients.length; j++) eta += model.coefficients[j].estimate * (column[j] < 0 ? 1 : X[i][column[j]]);
      w = 1 / sigmoid(eta);
    }
    const list = byRound.get(r.round) ?? [];
    list.push({ k: at[i], w });
    byRound.set(r.round, list);
  });
  const respondents = new Map<string, number[]>();
  for (const [round, list] of byRound) {
    const sorted = list.map((x) => x.w).sort((a, b) => a - b);
    const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    const cap = TRIM_FACTOR * mid;
    let t = 0;
    for (const x of list) {
      if (x.w > cap) t++;
      weight[x.k] = Math.min(x.w, cap);
    }
    trimmed.set(round, t);
    respondents.set(round, list.map((x) => x.k));
  }
  return { model, notes, weight, respondents, trimmed };
}

/** A share estimated with response weights. */
export interface WeightedShare {
  /** Weighted share, 0..1; null without respondents. */
  share: number | null;
  /** 95% Wilson interval on the effective sample size. */
  ci: Interval | null;
  /** Kish's effective sample size (Σw)² / Σw². */
  n_eff: number;
  /** Respondents (linked to a participant) whose answers it uses. */
  n: number;
}

/** The weighted top-2-box share (4 or 5) of a 1-5 item, and of Yes to "participate again". */
export interface WeightedRound {
  round: string;
  items: Record<LikertItem, WeightedShare>;
  participate_again: WeightedShare;
}

/** Response rates of one round by what is known for every participant. */
export interface RoundResponse {
  round: string;
  /** By the status of the participant's last partnership of the round. */
  by_status: Record<ResponseStatus, Proportion>;
  /** By world region (UN M49). */
  by_region: Record<string, Proportion>;
  /** Returning against first-time participants. */
  by_returning: { returning: Proportion; first_time: Proportion };
}

function weighted(values: readonly { w: number; hit: boolean }[]): WeightedShare {
  const sw = values.reduce((s, v) => s + v.w, 0);
  const sw2 = values.reduce((s, v) => s + v.w * v.w, 0);
  if (!values.length || sw === 0) return { share: null, ci: null, n_eff: 0, n: 0 };
  const share = values.reduce((s, v) => s + (v.hit ? v.w : 0), 0) / sw;
  const nEff = (sw * sw) / sw2;
  return { share, ci: wilsonIntervalEffective(Math.min(1, Math.max(0, share)), nEff), n_eff: nEff, n: values.length };
}

/** Everything non-response: rates by group, the weighted shares, and the model's notes. */
export interface NonResponse {
  response: RoundResponse[];
  weighted: WeightedRound[];
  notes: string[];
  /** Respondents trimmed per round. */
  trimmed: Record<string, number>;
}

/**
 * Response rates by partnership status, region and returning, per round, and the weighted share
 * of every 1-5 item (answers 4-5) and of "participate again" (Yes), per round (module doc).
 * Rounds without respondents have no weighted figures (nulls).
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function nonResponse(db: Db, opts: RoundOpts = {}): Promise<NonResponse> {
  await checkRound(db, opts.round);
  const { frame, answers } = await surveyFrame(db);
  const rw = weightRows(frame);
  const hasWeight = new Uint8Array(frame.length);
  for (const list of rw.respondents.values()) for (const i of list) hasWeight[i] = 1;
  const rounds = [...new Set(frame.map((r) => r.round))];
  const notes = [...rw.notes];
  for (const { round, anonymous } of answers) {
    if (anonymous) notes.push(`round ${round}: ${anonymous} response(s) of an anonymous survey link to nobody, so they cannot be weighted; the round's weighted figures use its linked respondents only`);
  }
  const answersOf = new Map(answers.map((a) => [a.round, a]));
  const response: RoundResponse[] = [];
  const weightedRounds: WeightedRound[] = [];
  for (const round of rounds) {
    if (opts.round !== undefined && round !== opts.round) continue;
    const f = frame.filter((r) => r.round === round);
    const rate = (sel: (r: FrameCells) => boolean) => {
      const g = f.filter(sel);
      return proportion(g.filter((r) => r.responded).length, g.length);
    };
    const regions = [...new Set(f.map((r) => r.region))].sort();
    response.push({
      round,
      by_status: { completed: rate((r) => r.status === "completed"), failed: rate((r) => r.status === "failed"), active: rate((r) => r.status === "active") },
      by_region: Object.fromEntries(regions.map((g) => [g, rate((r) => r.region === g)])),
      by_returning: { returning: rate((r) => r.returning), first_time: rate((r) => !r.returning) },
    });
    // The round's linked, weighted answers in survey order: each with its weight and codes.
    const a = answersOf.get(round);
    const list: { w: number; code: number }[] = [];
    if (a) a.rows.forEach((i, j) => {
      if (i >= 0 && hasWeight[i]) list.push({ w: rw.weight[i], code: a.codes[j] });
    });
    // Digit d of an answer's code: 0 blank, 1 answered, 2 a hit.
    const answer = (code: number, d: number) => Math.floor(code / ANSWER_CODES ** d) % ANSWER_CODES;
    const items = Object.fromEntries(
      LIKERT_ITEMS.map((item, d) => [item, weighted(list.filter((x) => answer(x.code, d) !== 0).map((x) => ({ w: x.w, hit: answer(x.code, d) === 2 })))]),
    ) as Record<LikertItem, WeightedShare>;
    const again = LIKERT_ITEMS.length;
    weightedRounds.push({
      round,
      items,
      participate_again: weighted(list.filter((x) => answer(x.code, again) !== 0).map((x) => ({ w: x.w, hit: answer(x.code, again) === 2 }))),
    });
  }
  return { response, weighted: weightedRounds, notes, trimmed: Object.fromEntries(rw.trimmed) };
}
