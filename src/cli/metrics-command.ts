/**
 * `iln metrics [--round R] [--json]`: the metrics of docs/metrics.md. By default a readable
 * table, one row per round, then the across-rounds figures; with `--round` also the round's
 * detail. With `--json`, the metrics document (`metricsDocument`) alone on stdout.
 */
import type { Command } from "commander";
import { UsageError } from "../domain/errors";
import type { AtRiskRow, MetricsDocument, Proportion, RoundMetrics, SurveyItem } from "../metrics";
import { checkMinCell, dbPathOf, withDb } from "./context";
import { checkOutputFile, writePrivateFileAtomically } from "./output-files";

const AT_RISK_COLUMNS = ["partnership_id", "health", "reasons", "last_contact", "last_problem", "email_a", "name_a", "country_a", "email_b", "name_b", "country_b"] as const;

/** One CSV record of the at-risk list. */
function atRiskRecord(r: AtRiskRow): Record<(typeof AT_RISK_COLUMNS)[number], unknown> {
  const [a, b] = r.partners;
  return {
    partnership_id: r.partnership_id, health: r.health, reasons: r.reasons.join("; "), last_contact: r.last_contact, last_problem: r.last_problem,
    email_a: a.email, name_a: a.name, country_a: a.country, email_b: b.email, name_b: b.name, country_b: b.country,
  };
}

/** Registers the metrics command. */
export function metricsCommand(program: Command): void {
  program
    .command("metrics")
    .description("per-round metrics: participants, countries, retention, satisfaction, partnership health")
    .option("--round <id>", "only this round (figures still computed against the whole history)")
    .option("--json", "print one JSON document on stdout")
    .option("--at-risk <file>", "also write the round's at-risk and failed partnerships, naming the partners, as CSV for coordinators (internal: never publish); needs --round")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { round?: string; json?: boolean; atRisk?: string; db?: string }) => {
      if (opts.atRisk && !opts.round) throw new UsageError("--at-risk needs --round");
      checkMinCell(); // the figures here are internal and unsuppressed, but a bad value is the same mistake everywhere
      if (opts.atRisk) checkOutputFile(opts.atRisk, "--at-risk", { db: dbPathOf(opts) });
      const { atRiskList, metricsDocument } = await import("../metrics");
      const { toSafeCsv } = await import("../privacy/csv-safe");
      // An unknown --round throws UnknownRoundError, a usage error (exit 2).
      const doc: MetricsDocument = await withDb(opts, true, async (db) => {
        if (opts.atRisk) {
          const rows = await atRiskList(db, opts.round!);
          writePrivateFileAtomically(opts.atRisk, toSafeCsv(AT_RISK_COLUMNS, rows.map(atRiskRecord)));
          process.stderr.write(`${rows.length} partnership(s) at risk or failed in ${opts.round} written to ${opts.atRisk} (internal: it names people)\n`);
        }
        return metricsDocument(db, { round: opts.round });
      });
      process.stdout.write(opts.json ? `${JSON.stringify(doc, null, 2)}\n` : formatMetrics(doc));
    });
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? "-" : `${(100 * x).toFixed(0)}%`);
/** A share, or "-" when the round has none (no data yet, or an empty group). */
const share = (p: Proportion | null): string => pct(p?.share);
/** A count, or "-" when the round has none yet (before matching). */
const cnt = (x: number | null): string => (x === null ? "-" : String(x));
const weighted = (w: { share: number | null; ci: [number, number] | null; n_eff: number } | null): string =>
  w === null || w.share === null || !w.ci ? "-" : `${pct(w.share)} [${pct(w.ci[0])}, ${pct(w.ci[1])}] (effective n=${w.n_eff.toFixed(0)})`;
const withCi = (p: { share: number | null; ci: [number, number] | null; n: number } | null, none = "no data yet"): string =>
  p === null ? `- (${none})` : p.share === null || !p.ci ? `- (n=${p.n})` : `${pct(p.share)} [${pct(p.ci[0])}, ${pct(p.ci[1])}] (n=${p.n})`;

/** What the round's stage means, in words. */
export const STAGE_TEXT: Readonly<Record<RoundMetrics["stage"], string>> = Object.freeze({
  registered: "registered, matching in progress",
  matched: "matched, survey not yet ingested",
  surveyed: "surveyed",
});

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** A 1-5 item's top-2 share with its interval and mean, "not asked" by the round's survey, or "no survey yet". */
function itemLine(s: SurveyItem, r: RoundMetrics): string {
  if (!r.survey) return "no survey yet";
  if (!s.asked) return "not asked";
  return `top-2 ${withCi({ share: s.top2, ci: s.top2_ci, n: s.n })}, mean ${s.mean?.toFixed(2) ?? "-"}`;
}

/** What the round's survey was: none, anonymous or linked, and the questions it did not ask. */
function surveyLine(r: RoundMetrics): string {
  if (!r.survey) return "none";
  const missing = ["program_satisfaction", "partner_satisfaction", "contact_frequency", "outcome_perspective", "outcome_ideas", "outcome_confidence", "outcome_motivation", "recommend", "participate_again", "continue_partnership"].filter(
    (q) => !r.survey!.asked.includes(q as never),
  );
  return `${r.survey.anonymous ? "ANONYMOUS (counted in satisfaction and outcomes; not in health, per-partnership outcomes or continuation)" : "linked to respondents"}${missing.length ? `; not asked: ${missing.join(", ")}` : ""}`;
}

/** Why a round has no response rate although its survey is in: more respondents than participants. */
function impossibleRate(x: { respondents: number; participants: number }): string {
  return `none: ${x.respondents} survey respondents for ${x.participants} matched participants, so the survey holds responses of people outside the round (another group's survey, or answered more than once); check the survey file`;
}

function roundDetail(r: RoundMetrics): string {
  const lines = [
    `Round ${r.round} (${r.name}, ${r.start} to ${r.end}): ${STAGE_TEXT[r.stage]}`,
    `  survey                ${surveyLine(r)}`,
    `  applicants            ${r.registered} from ${r.applicant_countries} countries; by sector ${Object.entries(r.applicant_sectors).map(([k, v]) => `${k} ${v}`).join(", ") || "-"}`,
    `  returning share       ${withCi(r.returning_share, "not matched yet")}`,
    `  completion rate       ${withCi(r.completion_rate, "no outcome recorded yet")}`,
    `  dissolution rate      ${withCi(r.dissolution_rate, "no outcome recorded yet")}`,
    `  continued share       ${withCi(r.continued_share, "not known yet")}`,
    `  response rate         ${r.response_rate_impossible ? impossibleRate(r.response_rate_impossible) : withCi(r.response_rate, "no survey yet")}`,
    `  program satisfaction  ${itemLine(r.program_satisfaction, r)}; weighted for non-response ${weighted(r.program_satisfaction.weighted)}`,
    `  partner satisfaction  ${itemLine(r.partner_satisfaction, r)}; weighted for non-response ${weighted(r.partner_satisfaction.weighted)}`,
    ...Object.entries(r.outcomes).map(([k, s]) => `  ${k.padEnd(22)}${itemLine(s, r)}; weighted ${weighted(s.weighted)}`),
    `  response by outcome   ${r.response ? `completed ${withCi(r.response.by_status.completed)}, failed ${withCi(r.response.by_status.failed)}` : "- (no linked survey yet)"}`,
    `  NPS                   ${r.nps ? `${r.nps.score.toFixed(1)} [${r.nps.ci[0].toFixed(1)}, ${r.nps.ci[1].toFixed(1)}] (n=${r.nps.n})` : r.survey ? "not asked" : "no survey yet"}`,
    `  participate again     ${!r.survey ? "no survey yet" : !r.survey.asked.includes("participate_again") ? "not asked" : withCi(r.participate_again)}`,
    `  sectors (matched)     ${r.sectors === null ? "- (not matched yet)" : Object.entries(r.sectors).map(([k, v]) => `${k} ${v}`).join(", ") || "-"}`,
    `  largest country       ${r.largest_country ? `${r.largest_country.country} ${pct(r.largest_country.share)} of ${r.largest_country.registered} applicants (cap 20%${r.largest_country.over_cap ? ", OVER" : ""})` : "-"}`,
    `  cross-sector pairs    ${r.pairing ? `${withCi(r.pairing.cross_sector)}; open to another sector ${share(r.pairing.asked_any_sector)}` : "- (not matched yet)"}`,
    `  cross-career pairs    ${r.pairing ? `${withCi(r.pairing.cross_career)}; asked for a different stage ${share(r.pairing.asked_different_career)}` : "- (not matched yet)"}`,
    `  health                ${r.health ? `thriving ${r.health.thriving}, ok ${r.health.ok}, at risk ${r.health.at_risk}, failed ${r.health.failed}, no information ${r.health.no_information}` : "- (not matched yet)"}`,
  ];
  return lines.join("\n") + "\n";
}

/**
 * The readable form of a metrics document: a table of rounds (a round whose survey was anonymous
 * is marked `*`, and a note under the table names them), the round's detail when only one round
 * is in the document, and the across-rounds figures. Percentages are rounded to whole numbers;
 * "-" marks an empty group, an item not asked, or a figure the round has no data for yet (its
 * stage says why); `>100%!` marks a round whose survey has more respondents than participants
 * (no response rate; a note under the table names them).
 */
export function formatMetrics(doc: MetricsDocument): string {
  const header = ["round", "stage", "registered", "participants", "partnerships", "countries", "new", "returning", "completed", "dissolved", "response", "prog top2", "partner top2", "NPS", "at risk", "failed"];
  const rows = doc.rounds.map((r) => [
    r.survey?.anonymous ? `${r.round}*` : r.round, r.stage, String(r.registered), cnt(r.participants), cnt(r.partnerships), cnt(r.countries), cnt(r.new_countries),
    share(r.returning_share), share(r.completion_rate), share(r.dissolution_rate), r.response_rate_impossible ? ">100%!" : share(r.response_rate),
    pct(r.program_satisfaction.top2), pct(r.partner_satisfaction.top2), r.nps ? r.nps.score.toFixed(0) : "-",
    cnt(r.health?.at_risk ?? null), cnt(r.health?.failed ?? null),
  ]);
  const o = doc.overall;
  const anonymous = doc.rounds.filter((r) => r.survey?.anonymous).map((r) => r.round);
  const over = doc.rounds.filter((r) => r.response_rate_impossible).map((r) => r.round);
  const parts = [
    doc.synthetic ? "SYNTHETIC DATA (demo)\n" : "",
    table(header, rows),
    anonymous.length ? `* anonymous survey (${anonymous.join(", ")}): its answers count in satisfaction, outcomes and the response rate, but link to no partnership (not in health or continuation)\n` : "",
    over.length ? `>100%! more survey respondents than matched participants (${over.join(", ")}): no response rate; the survey holds responses of people outside the round, check the survey file\n` : "",
    doc.rounds.length === 1 ? `\n${roundDetail(doc.rounds[0])}` : "",
    `\nOverall (${o.rounds} rounds): ${o.participants} participants matched (${o.registered} registered), ${o.countries} countries, ${o.partnerships} partnerships\n`,
    doc.changes.length
      ? `\nChanges between rounds (top-2 share; Holm-adjusted over ${doc.multiple_testing.family} tests; * = adjusted p < 0.05):\n` +
        doc.changes.map((c) => `  ${c.item.replace("_satisfaction", "")} ${c.a} -> ${c.b}: ${c.diff === null ? "-" : `${c.diff >= 0 ? "+" : ""}${(100 * c.diff).toFixed(1)} points`}, p ${c.p_value === null ? "-" : c.p_value.toFixed(3)}, adjusted ${c.p_adjusted === null ? "-" : c.p_adjusted.toFixed(3)}${c.significant ? " *" : ""}`).join("\n") + "\n"
      : "",
  ];
  return parts.join("");
}
