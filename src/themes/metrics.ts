/**
 * Theme metrics per round (docs/themes.md): of the respondents who wrote a comment, the count and
 * share whose comment carries each theme, with 95% Wilson intervals, overall and by segment, the
 * mean sentiment, and the change of each theme's share between the last two rounds.
 *
 * The denominator `n` is the commenting respondents of the round (a non-blank `comments`), not all
 * respondents: a theme's share says how common it is among those who wrote something.
 */
import { checkRound, roundIds, sql, type Db } from "../db";
import { regionOrUnknown, UNKNOWN, type RoundOpts } from "../metrics/base";
import { compareProportions, meanOrNull, proportion, type Proportion, type ProportionComparison } from "../metrics/stats";
import type { Coder, CodedComment } from "./coder";

/** Segments theme shares are broken down by. */
export const THEME_SEGMENTS = ["outcome", "sector", "region"] as const;
/** One of {@link THEME_SEGMENTS}. */
export type ThemeSegment = (typeof THEME_SEGMENTS)[number];

/** A theme's share among commenting respondents. */
export type ThemeShare = { theme: string } & Proportion;

/** The themes of a group of commenting respondents. */
export interface ThemeGroup {
  /** Commenting respondents in the group. */
  n: number;
  /** One entry per codebook theme, in codebook order. */
  themes: ThemeShare[];
  /** Mean wink-nlp sentiment of the group's comments, -1..1; null when n = 0. */
  sentiment: number | null;
}

/** The themes of one round. */
export interface ThemeRound extends ThemeGroup {
  round: string;
  /** Survey respondents of the round (with or without a comment). */
  respondents: number;
  /** The same figures by segment value: outcome of the respondent's last partnership of the round, sector, world region. */
  segments: ({ segment: ThemeSegment; value: string } & ThemeGroup)[];
}

/** Everything `iln themes` reports. */
export interface ThemesDocument {
  /** True when any round is synthetic (demo data). */
  synthetic: boolean;
  /** The codebook's themes (id, label, definition), in order. */
  codebook: { id: string; label: string; definition: string }[];
  rounds: ThemeRound[];
  /** All rounds of the document together. */
  overall: ThemeGroup;
  /** Change of each theme's share from the second-to-last to the last round of the document (empty with fewer than two rounds). */
  trend: ({ theme: string; from: string; to: string } & ProportionComparison)[];
}

/** One commenting respondent, coded. */
export interface CodedRespondent {
  round: string;
  outcome: string;
  sector: string;
  region: string;
  /** The comment as written (internal: never published). */
  comment: string;
  coded: CodedComment;
}

/**
 * Reads the non-blank comments of every round (or one) with the respondent's segment values and
 * codes them. `outcome` is the status of the respondent's latest partnership of the round:
 * `completed`, `ended_early` (dissolved or withdrawn), `active`, or `unknown` (no partnership,
 * anonymous survey). Ordered by round, submission time (unknown times last), pseudonym and row
 * in the survey file.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function codedRespondents(db: Db, coder: Coder, opts: RoundOpts = {}): Promise<CodedRespondent[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; comments: string; sector: string | null; country: string | null; status: string | null }>(sql`
    WITH last_partnership AS (
      SELECT round_id, pid, arg_max(status, matched_on) AS status FROM (
        SELECT round_id, pid_a AS pid, status, matched_on FROM partnerships UNION ALL SELECT round_id, pid_b, status, matched_on FROM partnerships)
      GROUP BY round_id, pid)
    SELECT s.round_id AS round, s.comments, g.sector, g.country, lp.status
    FROM survey_responses s
    LEFT JOIN registrations g ON g.round_id = s.round_id AND g.pid = s.pid
    LEFT JOIN last_partnership lp ON lp.round_id = s.round_id AND lp.pid = s.pid
    WHERE s.comments IS NOT NULL AND trim(s.comments) <> '' AND (${opts.round ?? null}::VARCHAR IS NULL OR s.round_id = ${opts.round ?? null}::VARCHAR)
    ORDER BY s.round_id, s.submitted_at, s.pid, s.source_row`);
  const outcome = (status: string | null) => (status === null ? UNKNOWN : status === "completed" ? "completed" : status === "active" ? "active" : "ended_early");
  return rows.map((r) => ({
    round: r.round,
    outcome: outcome(r.status),
    sector: r.sector ?? UNKNOWN,
    region: regionOrUnknown(r.country),
    comment: r.comments,
    coded: coder.code(r.comments),
  }));
}

/**
 * Theme shares of a group of coded comments: for each theme id, how many comments carry it out of
 * all of them, with the Wilson interval; the mean sentiment.
 */
export function themeGroup(coded: readonly CodedComment[], themes: readonly string[]): ThemeGroup {
  const n = coded.length;
  return {
    n,
    themes: themes.map((theme) => ({ theme, ...proportion(coded.filter((c) => c.themes.includes(theme)).length, n) })),
    sentiment: meanOrNull(coded.reduce((s, c) => s + c.sentiment, 0), n),
  };
}

/**
 * The themes document: every round (or one) with its theme shares, segments and sentiment, the
 * overall figures and the last change between rounds. `coded` (from {@link codedRespondents}
 * with the same options) saves coding the comments twice.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function themesDocument(db: Db, coder: Coder, opts: RoundOpts = {}, coded?: readonly CodedRespondent[]): Promise<ThemesDocument> {
  const ids = coder.codebook.themes.map((t) => t.id);
  const people = coded ?? (await codedRespondents(db, coder, opts));
  const order = (await roundIds(db)).filter((r) => opts.round === undefined || r === opts.round);
  const respondents = new Map(
    (await db.all<{ round: string; n: number }>(sql`SELECT round_id AS round, CAST(count(*) AS INTEGER) AS n FROM survey_responses GROUP BY round_id`)).map((r) => [r.round, r.n]),
  );
  const rounds: ThemeRound[] = order.map((round) => {
    const mine = people.filter((p) => p.round === round);
    const segments: ThemeRound["segments"] = [];
    for (const segment of THEME_SEGMENTS) {
      const values = [...new Set(mine.map((p) => p[segment]))].sort();
      for (const value of values) segments.push({ segment, value, ...themeGroup(mine.filter((p) => p[segment] === value).map((p) => p.coded), ids) });
    }
    return { round, respondents: respondents.get(round) ?? 0, ...themeGroup(mine.map((p) => p.coded), ids), segments };
  });
  const withComments = rounds.filter((r) => r.n > 0);
  const trend: ThemesDocument["trend"] = [];
  if (withComments.length >= 2) {
    const [a, b] = withComments.slice(-2);
    a.themes.forEach((ta, i) => trend.push({ theme: ta.theme, from: a.round, to: b.round, ...compareProportions(ta.count, a.n, b.themes[i].count, b.n) }));
  }
  const [syn] = await db.all<{ s: boolean }>(sql`SELECT coalesce(bool_or(synthetic), false) AS s FROM rounds`);
  return {
    synthetic: syn.s,
    codebook: coder.codebook.themes.map((t) => ({ id: t.id, label: t.label, definition: t.definition })),
    rounds,
    overall: themeGroup(people.map((p) => p.coded), ids),
    trend,
  };
}
