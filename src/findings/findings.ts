/**
 * The key findings of the published documents: for each topic, the one sentence a coordinator
 * would say aloud, with n and the 95% interval in words, and how it was computed. The dashboards
 * lead each page with it (bundled by scripts/bundle-matcher.ts) and `iln slides` puts it as a
 * slide's title, so a page and its slide say the same thing.
 *
 * Input: the published documents the data loaders write (reports/data/*.json.ts), typed here by
 * the fields read (the loaders' own types live above src/). Only published figures are used, so a
 * suppressed figure (null) is never worked out or shown: the sentence says "too few" instead.
 * Pure; no Node, no database.
 */
import { wilsonInterval } from "../metrics/stats";
import { basis, count, list, pct, shareWithBasis, type Interval } from "./format";

/** A published share (lib/publish.ts `publishShare`). */
export interface ShareDoc {
  n: number | null;
  count?: number | null;
  share: number | null;
  ci: Interval | null;
}

/** A published 1-5 item summary (metrics.json's items, reports/data/lib/loaders/metrics.ts). */
export interface SummaryDoc {
  n: number | null;
  mean: number | null;
  top2: number | null;
  top2_ci: Interval | null;
}

/** A round of metrics.json, the fields findings read. */
export interface MetricsRoundDoc {
  round: string;
  name: string;
  /** registered (no partnerships yet), matched, surveyed; absent in documents older than stages. */
  stage?: "registered" | "matched" | "surveyed";
  registered?: number | null;
  /** Null when suppressed, or when the round is not matched yet (its stage says which). */
  participants: number | null;
  partnerships: number | null;
  countries: number;
  new_countries: number;
  largest_country: { country_name: string; share: number; cap: number; over_cap: boolean } | null;
  /** Null when the round has no data for it yet (not matched; no survey). */
  returning_share: ShareDoc | null;
  completion_rate: ShareDoc | null;
  response_rate: ShareDoc | null;
  program_satisfaction: SummaryDoc;
  partner_satisfaction: SummaryDoc;
  outcomes: Record<string, SummaryDoc>;
}

/** metrics.json, the fields findings read. */
export interface MetricsDoc {
  min_cell: number;
  synthetic: boolean;
  rounds: MetricsRoundDoc[];
  overall: { rounds: number; participants: number | null; countries: number; partnerships: number | null; to_date?: { round: string; participants: number | null; countries: number }[] };
}

/** retention.json, the fields findings read. */
export interface RetentionDoc {
  cohorts: { cohort: string; round: string; cohort_size: number | null; retained: number | null; share: number | null }[];
}

/** health.json, the fields findings read. */
export interface HealthDoc {
  classes: { round: string; health: string; count: number | null; share: number | null; partnerships: number | null }[];
}

/** themes.json, the fields findings read. */
export interface ThemesDoc {
  codebook: { themes?: { id: string; label: string }[] } | { id: string; label: string }[];
  rounds: { round: string; n: number; themes: ({ theme: string } & ShareDoc)[] }[];
}

/** network.json, the fields findings read. */
export interface NetworkDoc {
  rounds: { round: string; countries: number; pairs: number; new_pairs: number; cross_region: ShareDoc; to_date: { countries: number; pairs: number; density: number } }[];
  countries: { name: string; countries_met: number }[];
}

/** A key finding. */
export interface Finding {
  /** Topic: reach, satisfaction, outcomes, retention, coverage, health, themes, network. */
  id: string;
  /** The sentence said aloud, with n and interval in words. */
  sentence: string;
  /** Round id the finding is about (null: across rounds, or no data). */
  round: string | null;
  /** The base of the main figure (people, respondents, partnerships), null when none. */
  n: number | null;
  /** The 95% interval of the main figure, null when none. */
  ci: Interval | null;
  /** How the figure was computed, in a sentence or two (speaker notes, page notes). */
  method: string;
  /** False when the documents hold nothing to say (the sentence then says so). */
  available: boolean;
}

/** Readable names of the four outcome items. */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = Object.freeze({
  outcome_perspective: "gained an international perspective",
  outcome_ideas: "gained new ideas",
  outcome_confidence: "gained confidence",
  outcome_motivation: "gained motivation",
});

const HEALTH_WORDS: Readonly<Record<string, string>> = Object.freeze({ thriving: "thriving", ok: "OK", at_risk: "at risk", failed: "failed", no_information: "without information" });

/** The round of `doc` with id `round`, or the latest one for which `has` holds. */
/**
 * Whether a round has partnerships: its stage says so; without a stage, a published count of
 * participants or a suppressed one (null) does.
 */
export function isMatched(r: Pick<MetricsRoundDoc, "stage" | "participants">): boolean {
  return r.stage !== undefined ? r.stage !== "registered" : (r.participants ?? 0) > 0 || r.participants === null;
}

function pick<T extends { round: string }>(rounds: readonly T[], round: string | undefined, has: (r: T) => boolean): T | undefined {
  if (round !== undefined) return rounds.find((r) => r.round === round && has(r));
  for (let i = rounds.length - 1; i >= 0; i--) if (has(rounds[i])) return rounds[i];
  return undefined;
}

/** The display name of a round id ("Round 2016B"), from metrics.json; the id when unknown. */
export function roundName(metrics: MetricsDoc, round: string): string {
  return metrics.rounds.find((r) => r.round === round)?.name ?? round;
}

function none(id: string, sentence: string, method: string): Finding {
  return { id, sentence, round: null, n: null, ci: null, method, available: false };
}

/**
 * Reach: the round's matched people, countries and partnerships, and the totals to date.
 * @param round a round id; default the latest round with matched participants.
 */
export function reachFinding(metrics: MetricsDoc, round?: string): Finding {
  const method = "Participants: distinct people in at least one partnership of the round. Countries: of matched participants. Partnerships include rematches. Totals to date count each person and country once.";
  const r = pick(metrics.rounds, round, isMatched);
  if (!r) return none("reach", round ? `${roundName(metrics, round)} has no partnerships yet.` : "No round has partnerships yet.", method);
  const first = metrics.rounds.find((x) => (x.participants ?? 0) > 0);
  const upTo = metrics.overall.to_date?.find((t) => t.round === r.round) ?? (r === metrics.rounds[metrics.rounds.length - 1] ? metrics.overall : undefined);
  const since = first && upTo && first.round !== r.round ? ` In all since ${first.name}: ${count(upTo.participants, metrics.min_cell)} people from ${upTo.countries} countries.` : "";
  return {
    id: "reach",
    sentence: `${r.name} matched ${count(r.participants, metrics.min_cell)} people from ${r.countries} countries in ${count(r.partnerships, metrics.min_cell)} partnerships.${since}`,
    round: r.round,
    n: r.participants,
    ci: null,
    method,
    available: true,
  };
}

/**
 * Overview: everyone matched to date and the latest satisfaction with the program, in one
 * sentence.
 */
export function overviewFinding(metrics: MetricsDoc): Finding {
  const method = "People and countries to date count each person and country once. Satisfaction: share of respondents answering 4 or 5 of 5, with a 95% Wilson interval.";
  const matched = metrics.rounds.filter(isMatched);
  if (!matched.length) return none("overview", "No round has partnerships yet.", method);
  const first = matched[0];
  const last = matched[matched.length - 1];
  const s = pick(metrics.rounds, undefined, (x) => x.program_satisfaction.top2 != null);
  const since = first === last ? `In ${first.name}, ILN matched` : `Since ${first.name}, ILN has matched`;
  const sat = s ? `; in ${s.name}, ${pct(s.program_satisfaction.top2)} of respondents were satisfied with the program ${basis(s.program_satisfaction.n, s.program_satisfaction.top2_ci)}` : "";
  return {
    id: "overview",
    sentence: `${since} ${count(metrics.overall.participants, metrics.min_cell)} people from ${metrics.overall.countries} countries in ${count(metrics.overall.partnerships, metrics.min_cell)} partnerships${sat}.`,
    round: s?.round ?? last.round,
    n: s?.program_satisfaction.n ?? metrics.overall.participants,
    ci: s?.program_satisfaction.top2_ci ?? null,
    method,
    available: true,
  };
}

/**
 * Satisfaction: the share of respondents answering 4 or 5 of 5 on the program, and on the
 * partner, in the round (default the latest round with a published share).
 */
export function satisfactionFinding(metrics: MetricsDoc, round?: string): Finding {
  const method = "Share of survey respondents answering 4 or 5 on a 1-5 scale (blanks excluded), with a 95% Wilson interval. It speaks for the people who answered the survey.";
  const r = pick(metrics.rounds, round, (x) => x.program_satisfaction.top2 != null);
  if (!r) return none("satisfaction", "No round has enough survey answers on satisfaction to publish yet.", method);
  const p = r.program_satisfaction;
  const q = r.partner_satisfaction;
  const partner = q.top2 != null ? `; ${shareWithBasis(q.top2, q.n, q.top2_ci)} with their partner` : "";
  return {
    id: "satisfaction",
    sentence: `In ${r.name}, ${pct(p.top2)} of respondents were satisfied with the program ${basis(p.n, p.top2_ci)}${partner}.`,
    round: r.round,
    n: p.n,
    ci: p.top2_ci,
    method,
    available: true,
  };
}

/** Outcomes: the outcome statement most respondents agreed with (4 or 5 of 5) in the round, and the least. */
export function outcomesFinding(metrics: MetricsDoc, round?: string): Finding {
  const method = "Share of respondents agreeing (4 or 5 on a 1-5 scale) with each outcome statement, blanks excluded, with 95% Wilson intervals.";
  const has = (x: MetricsRoundDoc) => Object.values(x.outcomes ?? {}).some((s) => s.top2 != null);
  const r = pick(metrics.rounds, round, has);
  if (!r) return none("outcomes", "No round has enough answers on outcomes to publish yet.", method);
  const items = Object.entries(r.outcomes)
    .filter(([, s]) => s.top2 != null)
    .sort((a, b) => (b[1].top2 as number) - (a[1].top2 as number));
  const [topKey, top] = items[0];
  const rest = items.length > 1 ? `; the fewest, ${pct(items[items.length - 1][1].top2)}, ${OUTCOME_LABELS[items[items.length - 1][0]] ?? items[items.length - 1][0]}` : "";
  return {
    id: "outcomes",
    sentence: `In ${r.name}, ${pct(top.top2)} of respondents said they ${OUTCOME_LABELS[topKey] ?? topKey} ${basis(top.n, top.top2_ci)}${rest}.`,
    round: r.round,
    n: top.n,
    ci: top.top2_ci,
    method,
    available: true,
  };
}

/** A cohort's return in the very next round, with a Wilson interval from its published counts. */
export interface NextRound {
  cohort: string;
  round: string;
  share: number;
  n: number;
  retained: number;
  ci: Interval | null;
}

/** For each cohort, the share matched again in the very next round (published cells only), in round order. */
export function nextRoundReturn(retention: RetentionDoc, roundOrder: readonly string[]): NextRound[] {
  const out: NextRound[] = [];
  for (const c of retention.cohorts) {
    const i = roundOrder.indexOf(c.cohort);
    if (i < 0 || roundOrder[i + 1] !== c.round || c.share == null || c.cohort_size == null || c.retained == null) continue;
    out.push({ cohort: c.cohort, round: c.round, share: c.share, n: c.cohort_size, retained: c.retained, ci: wilsonInterval(c.retained, c.cohort_size) });
  }
  return out.sort((a, b) => roundOrder.indexOf(a.cohort) - roundOrder.indexOf(b.cohort));
}

/** Retention: how many of a cohort came back the very next round, first cohort against the latest. */
export function retentionFinding(retention: RetentionDoc, metrics: MetricsDoc): Finding {
  const method = "A cohort is everyone first matched in a round; its return is the share of the cohort matched again in the very next round, with a 95% Wilson interval. Cells of fewer than the minimum are suppressed.";
  const next = nextRoundReturn(retention, metrics.rounds.map((r) => r.round));
  if (!next.length) return none("retention", "No cohort has a next round yet.", method);
  const a = next[0];
  const b = next[next.length - 1];
  const one = (x: NextRound) => `${pct(x.share)} of those first matched in ${roundName(metrics, x.cohort)} ${basis(x.n, x.ci)}`;
  if (a === b) return { id: "retention", sentence: `${one(a)} came back the very next round.`, round: a.cohort, n: a.n, ci: a.ci, method, available: true };
  const verb = b.share < a.share ? "fell" : b.share > a.share ? "rose" : "stayed";
  return {
    id: "retention",
    sentence: `Return in the very next round ${verb} from ${one(a)} to ${one(b)}.`,
    round: b.cohort,
    n: b.n,
    ci: b.ci,
    method,
    available: true,
  };
}

/** Coverage: countries in the round, new countries, and the largest country against the cap. */
export function coverageFinding(metrics: MetricsDoc, round?: string): Finding {
  const method = "Countries of matched participants. The largest country's share is of the round's applicants (distinct registrants); the program capped any country above 20%.";
  const r = pick(metrics.rounds, round, (x) => x.countries > 0);
  if (!r) return none("coverage", "No round has matched participants yet.", method);
  const lc = r.largest_country;
  const cap = lc ? `; its largest country, ${lc.country_name}, held ${pct(lc.share)} of applicants, ${lc.over_cap ? "over" : "under"} the ${pct(lc.cap)} cap` : "";
  const fresh = r.new_countries > 0 ? `, ${r.new_countries} of them for the first time` : "";
  return {
    id: "coverage",
    sentence: `${r.countries} countries took part in ${r.name}${fresh}${cap}.`,
    round: r.round,
    n: r.registered ?? null,
    ci: null,
    method,
    available: true,
  };
}

/** Health: the shares of thriving and at-risk partnerships in the round (default the latest classed one). */
export function healthFinding(health: HealthDoc, metrics: MetricsDoc, round?: string): Finding {
  const method = "Each partnership is classed by the first rule that holds (methods page), from its status, the coordinators' log and the contact partners reported. Shares of the round's partnerships, with 95% Wilson intervals.";
  const rounds = [...new Set(health.classes.map((c) => c.round))].map((id) => ({ round: id }));
  // A round whose only published classes are empty ones (the others too small to show) has
  // nothing to say: "0% were thriving" above an empty chart would mislead.
  const has = (x: { round: string }) => health.classes.some((c) => c.round === x.round && c.partnerships != null && c.partnerships > 0 && c.share != null && c.share > 0);
  const r = pick(rounds, round, has);
  if (!r) return none("health", "No round has enough partnerships to publish their health.", method);
  const rows = health.classes.filter((c) => c.round === r.round);
  const n = rows[0].partnerships as number;
  const get = (k: string) => rows.find((c) => c.health === k);
  const thriving = get("thriving");
  const ci = thriving?.count != null ? wilsonInterval(thriving.count, n) : null;
  const parts = ["at_risk", "failed"].map((k) => get(k)).filter((c) => c && c.share != null).map((c) => `${pct(c!.share)} ${HEALTH_WORDS[c!.health]}`);
  return {
    id: "health",
    sentence: `In ${roundName(metrics, r.round)}, ${thriving?.share != null ? `${pct(thriving.share)} of ${count(n)} partnerships were thriving ${basis(null, ci)}`.trim() : `of ${count(n)} partnerships, too few were thriving to publish`}${parts.length ? `; ${list(parts)}` : ""}.`,
    round: r.round,
    n,
    ci,
    method,
    available: true,
  };
}

/** The label of a theme id in the published codebook. */
export function themeLabel(themes: ThemesDoc, id: string): string {
  const list = Array.isArray(themes.codebook) ? themes.codebook : themes.codebook.themes ?? [];
  return list.find((t) => t.id === id)?.label ?? id.replace(/_/g, " ");
}

/**
 * Themes: the most common theme among commenting respondents in the round (default the latest
 * published). Only a published share above 0 can be the most common: a suppressed theme has at
 * least one comment, so a round whose published shares are all 0 has nothing to rank.
 */
export function themesFinding(themes: ThemesDoc, metrics: MetricsDoc, round?: string): Finding {
  const method = "Comments coded into themes with the program's codebook (docs/themes.md); share of commenting respondents whose comment has the theme, with a 95% Wilson interval. No comment text is published.";
  const r = pick(themes.rounds, round, (x) => x.themes.some((t) => t.share != null && t.share > 0));
  if (!r) return none("themes", "Too few respondents commented to publish themes.", method);
  const ranked = r.themes.filter((t) => t.share != null && t.share > 0).sort((a, b) => (b.share as number) - (a.share as number));
  const top = ranked[0];
  const second = ranked[1] ? `, then ${themeLabel(themes, ranked[1].theme).toLowerCase()} (${pct(ranked[1].share)})` : "";
  return {
    id: "themes",
    sentence: `The most common theme in ${roundName(metrics, r.round)}'s comments was ${themeLabel(themes, top.theme).toLowerCase()}: ${pct(top.share)} of commenting respondents ${basis(r.n, top.ci)}${second}.`,
    round: r.round,
    n: r.n,
    ci: top.ci,
    method,
    available: true,
  };
}

/** Network: countries and country pairs linked to date, pairs new in the round, and the share of partnerships across world regions. */
export function networkFinding(network: NetworkDoc, metrics: MetricsDoc, round?: string): Finding {
  const method = "Two countries are linked when a partnership joined a participant of each. New pairs: linked this round and in no earlier one. Cross-region: partners from different UN M49 world regions, with a 95% Wilson interval.";
  const r = pick(network.rounds, round, (x) => x.pairs > 0);
  if (!r) return none("network", "No round has partnerships across countries yet.", method);
  const cr = r.cross_region;
  const cross = cr.share != null ? ` ${pct(cr.share)} of its partnerships crossed world regions ${basis(cr.n, cr.ci)}.` : "";
  return {
    id: "network",
    sentence: `By ${roundName(metrics, r.round)} the program had linked ${r.to_date.countries} countries through ${count(r.to_date.pairs)} country pairs; ${count(r.new_pairs)} pairs met for the first time that round.${cross}`,
    round: r.round,
    n: cr.n,
    ci: cr.ci,
    method,
    available: true,
  };
}
