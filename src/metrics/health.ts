/**
 * Partnership health (docs/metrics.md): every partnership classed `thriving`, `ok`, `at_risk`,
 * `failed` or `no_information` by a documented rule set ({@link HEALTH_RULES}) from its status
 * and the coordinators' event log alone, which are known for every partnership: survey answers
 * are not used, because they exist only where someone responded and response depends on how the
 * partnership went (classes built on them would change with who answered). Per-round counts; and
 * the internal at-risk list of a running round.
 *
 * Attribution: an event belongs to a partnership when it is logged for one of its two partners
 * in the same round between `matched_on` and `ended_on` (inclusive; open-ended while active).
 *
 * "As of" for silence: a round's *as-of date* is the date of the latest event logged in it (for
 * anyone), at most its end date: the data's own "today", so a published build does not depend on
 * the day it was built. A round with no events has none, and no partnership of it is silent.
 */
import { checkRound, sql, type Db } from "../db";
import { CONTACT_FREQUENCIES, PARTNERSHIP_STATUSES, type ContactFrequency } from "../domain/vocabulary";
import { ROUND_ORDER, roundIs, type RoundOpts } from "./base";

/** The health classes, best first, then `no_information` (nothing recorded tells either way). */
export const HEALTH_CLASSES = ["thriving", "ok", "at_risk", "failed", "no_information"] as const;
/** One of {@link HEALTH_CLASSES}. */
export type HealthClass = (typeof HEALTH_CLASSES)[number];

/** An active partnership with no contact logged for more than this many days before the round's as-of date is at risk. */
export const SILENT_DAYS = 42;

/**
 * The rule set, in the order it is applied: the first rule that holds gives the class. Shown on
 * the dashboards' methods page; {@link classifyPartnership} implements exactly these rules.
 */
export const HEALTH_RULES: readonly { class: HealthClass; rule: string }[] = Object.freeze([
  { class: "failed", rule: "The partnership's status is dissolved or withdrawn." },
  { class: "at_risk", rule: "A non-response was reported or a coordinator intervened, and no contact was logged on or after the latest such event." },
  {
    class: "at_risk",
    rule: `The partnership is still active and no contact was logged in the ${SILENT_DAYS} days (6 weeks) before the round's as-of date (its latest logged event, at most its end date), counting from the match date when none was logged.`,
  },
  { class: "thriving", rule: "The status is completed or active, no non-response or intervention was ever logged, and at least two contacts were logged." },
  { class: "ok", rule: "The status is completed, or a contact was logged, or a problem was logged and later contact resolved it: something is known and none of the above applies." },
  { class: "no_information", rule: "The partnership is active and nothing was logged for it: no contact, no problem (for example a round whose log is empty)." },
]);

/**
 * Why survey answers do not class partnerships: only the status and the coordinators' log are
 * known for every partnership. A survey answer exists only where someone responded, and response
 * depends on how the partnership went, so classes built on answers would change with who answered.
 */
export const HEALTH_SOURCES = "status and the coordinators' log only (known for every partnership); survey answers are not used, so the classes do not depend on who answered the survey";

/** What the rules look at, for one partnership. */
export interface HealthFacts {
  status: string;
  /** `contact_logged` events attributed to the partnership. */
  contacts: number;
  /** `no_response_reported` and `intervention` events attributed to the partnership. */
  problems: number;
  /** True when the latest problem event has no contact logged on or after its date. */
  unresolved: boolean;
  /** The more frequent contact frequency reported by its partners, or null when neither answered. Shown in reasons; never decides the class. */
  best_contact: ContactFrequency | null;
  /**
   * True when the status is active and the latest contact logged (else the match date) is more
   * than {@link SILENT_DAYS} days before the round's as-of date (module doc).
   */
  silent: boolean;
}

/**
 * Classes one partnership by {@link HEALTH_RULES} (first rule that holds wins) and lists, as
 * reasons, every rule condition that holds (so a dissolved partnership that also reported no
 * contact shows both). Pure function. Depends on `contacts` only through min(contacts, 2) and on
 * `problems` only through min(problems, 1), so capped facts give the same class and reasons.
 * @returns the class and one or more human-readable reasons (no personal data).
 */
export function classifyPartnership(f: HealthFacts): { health: HealthClass; reasons: string[] } {
  const atRisk: string[] = [];
  if (f.status === "dissolved" || f.status === "withdrawn") return { health: "failed", reasons: [`status ${f.status}`] };
  if (f.unresolved) atRisk.push("non-response reported or intervention, no contact logged since");
  if (f.silent) atRisk.push(`active, no contact logged in the ${SILENT_DAYS} days before the round's latest event`);
  if (atRisk.length) return { health: "at_risk", reasons: atRisk };
  const live = f.status === "completed" || f.status === "active";
  if (live && f.problems === 0 && f.contacts >= 2) return { health: "thriving", reasons: ["at least two contacts logged, no problem logged"] };
  const why: string[] = [];
  if (f.status === "completed") why.push("completed");
  if (f.problems > 0) why.push("a problem was logged and later contact resolved it");
  else if (f.contacts > 0) why.push(`${f.contacts} contact logged`);
  if (why.length) return { health: "ok", reasons: why };
  return { health: "no_information", reasons: ["active, nothing logged"] };
}

interface FactRow extends HealthFacts {
  round: string;
  partnership_id: string;
}

interface DetailRow extends FactRow {
  pid_a: string;
  pid_b: string;
  last_contact: string | null;
  last_problem: string | null;
}

/**
 * `health_facts(round_id, ord, partnership_id, pid_a, pid_b, status, contacts, problems,
 * last_contact, last_problem, unresolved, best, silent)` of every partnership (of one round, when given):
 * the inputs of {@link HEALTH_RULES}. `best` is the 1-based position in `CONTACT_FREQUENCIES` (src/domain/vocabulary.ts) of
 * the more frequent contact reported. A SQL fragment for a WITH clause. Internal: carries pids.
 */
function healthFactsSql(round: string | undefined) {
  return sql`${ROUND_ORDER},
    sides AS (SELECT round_id, partnership_id, pid_a AS pid, matched_on, ended_on FROM partnerships WHERE ${roundIs(round)}
              UNION ALL SELECT round_id, partnership_id, pid_b, matched_on, ended_on FROM partnerships WHERE ${roundIs(round)}),
    ev AS (SELECT s.round_id, s.partnership_id,
             count(*) FILTER (WHERE e.type = 'contact_logged') AS contacts,
             count(*) FILTER (WHERE e.type IN ('no_response_reported', 'intervention')) AS problems,
             max(e.event_date) FILTER (WHERE e.type = 'contact_logged') AS last_contact,
             max(e.event_date) FILTER (WHERE e.type IN ('no_response_reported', 'intervention')) AS last_problem
           FROM sides s JOIN events e ON e.round_id = s.round_id AND e.pid = s.pid
             AND e.event_date >= s.matched_on AND (s.ended_on IS NULL OR e.event_date <= s.ended_on)
           GROUP BY s.round_id, s.partnership_id),
    sv AS (SELECT s.round_id, s.partnership_id,
             min(list_position(${CONTACT_FREQUENCIES}::VARCHAR[], r.contact_frequency)) AS best
           FROM sides s JOIN survey_responses r ON r.round_id = s.round_id AND r.pid = s.pid
           WHERE r.contact_frequency IS NOT NULL GROUP BY s.round_id, s.partnership_id),
    as_of AS (SELECT e.round_id, least(max(e.event_date), any_value(r.end_date)) AS as_of
              FROM events e JOIN rounds r USING (round_id) WHERE ${roundIs(round, sql`e.round_id`)} GROUP BY e.round_id),
    health_facts AS (SELECT p.round_id, o.ord, p.partnership_id, p.pid_a, p.pid_b, p.status,
      coalesce(ev.contacts, 0) AS contacts, coalesce(ev.problems, 0) AS problems, ev.last_contact, ev.last_problem,
      (ev.last_problem IS NOT NULL AND (ev.last_contact IS NULL OR ev.last_contact < ev.last_problem)) AS unresolved, sv.best,
      coalesce(p.status = 'active' AND date_diff('day', coalesce(ev.last_contact, p.matched_on), a.as_of) > ${SILENT_DAYS}, false) AS silent
    FROM partnerships p JOIN round_order o USING (round_id)
    LEFT JOIN as_of a ON a.round_id = p.round_id
    LEFT JOIN ev ON ev.round_id = p.round_id AND ev.partnership_id = p.partnership_id
    LEFT JOIN sv ON sv.round_id = p.round_id AND sv.partnership_id = p.partnership_id
    WHERE ${roundIs(round, sql`p.round_id`)})`;
}

const bestContact = (best: number | null) => (best ? CONTACT_FREQUENCIES[best - 1] : null);

/**
 * The facts the rules depend on, capped (contacts at 2, problems at 1: see classifyPartnership),
 * packed into one integer per partnership so that 50,000 partnerships cross from DuckDB to
 * JavaScript as three small columns: silent * 100000 + status position (1-4, 0 other) * 10000 +
 * capped contacts * 1000 + capped problems * 100 + unresolved * 10 + best contact position (0 none).
 */
const FACT_CODE = sql`(CAST(silent AS INTEGER) * 100000 + coalesce(list_position(${PARTNERSHIP_STATUSES}::VARCHAR[], status), 0) * 10000
  + least(contacts, 2) * 1000 + least(problems, 1) * 100 + CAST(unresolved AS INTEGER) * 10 + coalesce(best, 0))`;

function decodeFacts(code: number): HealthFacts {
  const s = Math.floor(code / 10000) % 10;
  return {
    status: s ? PARTNERSHIP_STATUSES[s - 1] : "other",
    contacts: Math.floor(code / 1000) % 10,
    problems: Math.floor(code / 100) % 10,
    unresolved: Math.floor(code / 10) % 10 === 1,
    best_contact: bestContact(code % 10),
    silent: Math.floor(code / 100000) === 1,
  };
}

/**
 * Health of every partnership (of one round, when given), classed by {@link HEALTH_RULES}.
 * Publishable: carries no pseudonym, email or name, only the round, the partnership id and the
 * reasons.
 * @returns rows ordered by round start, then partnership id.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function partnershipHealth(db: Db, opts: RoundOpts = {}): Promise<{ round: string; partnership_id: string; health: HealthClass; reasons: string[] }[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; partnership_id: string; code: number }>(sql`WITH ${healthFactsSql(opts.round)}
    SELECT round_id AS round, partnership_id, ${FACT_CODE} AS code FROM health_facts ORDER BY ord, partnership_id`);
  const classes = new Map<number, { health: HealthClass; reasons: string[] }>();
  const out: { round: string; partnership_id: string; health: HealthClass; reasons: string[] }[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let c = classes.get(r.code);
    if (!c) classes.set(r.code, (c = classifyPartnership(decodeFacts(r.code))));
    out[i] = { round: r.round, partnership_id: r.partnership_id, health: c.health, reasons: [...c.reasons] };
  }
  return out;
}

/** Partnerships of one round per health class. */
export interface HealthCounts {
  partnerships: number;
  thriving: number;
  ok: number;
  at_risk: number;
  failed: number;
  no_information: number;
}

/**
 * Partnerships per health class, per round (rounds without partnerships give zeros).
 * @returns rows ordered by round start.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function healthByRound(db: Db, opts: RoundOpts = {}): Promise<({ round: string } & HealthCounts)[]> {
  await checkRound(db, opts.round);
  const rounds = await db.all<{ round: string }>(sql`WITH ${ROUND_ORDER} SELECT round_id AS round FROM round_order WHERE ${roundIs(opts.round)} ORDER BY ord`);
  const out = new Map(rounds.map((r) => [r.round, { round: r.round, partnerships: 0, thriving: 0, ok: 0, at_risk: 0, failed: 0, no_information: 0 }]));
  // Partnerships with equal capped facts fall in the same class: classify each combination once.
  const groups = await db.all<{ round: string; code: number; n: number }>(sql`WITH ${healthFactsSql(opts.round)}
    SELECT round_id AS round, ${FACT_CODE} AS code, count(*) AS n FROM health_facts GROUP BY ALL`);
  for (const g of groups) {
    const c = out.get(g.round)!;
    const { health } = classifyPartnership(decodeFacts(g.code));
    c.partnerships += g.n;
    c[health] += g.n;
  }
  return [...out.values()];
}

/** One partner on the internal at-risk list. */
export interface AtRiskPartner {
  email: string | null;
  name: string | null;
  country: string | null;
}

/** One row of the internal at-risk list. */
export interface AtRiskRow {
  partnership_id: string;
  health: "at_risk" | "failed";
  reasons: string[];
  /** Date (YYYY-MM-DD) of the latest contact logged, or null. */
  last_contact: string | null;
  /** Date of the latest non-response report or intervention, or null. */
  last_problem: string | null;
  partners: [AtRiskPartner, AtRiskPartner];
}

/**
 * INTERNAL, NEVER PUBLISH: the at-risk list of a round that is still running, for coordinators
 * to act on. It names people: it joins the identities table for the partners' emails and names.
 * It must never reach a published page, file under `reports/` or `dist/`, or a `--json` document
 * meant for sharing.
 *
 * Lists the round's partnerships whose status is still `active` and whose health
 * ({@link HEALTH_RULES}) is `at_risk` or `failed`, failed first, then by the date of the latest
 * problem (oldest first), then partnership id.
 * @throws {UnknownRoundError} when `round` is not in the database.
 */
export async function atRiskList(db: Db, round: string): Promise<AtRiskRow[]> {
  await checkRound(db, round);
  const facts = await db.all<Omit<DetailRow, "best_contact"> & { best: number | null }>(sql`WITH ${healthFactsSql(round)}
    SELECT round_id AS round, partnership_id, pid_a, pid_b, status, contacts, problems, unresolved, best, silent,
      CAST(last_contact AS VARCHAR) AS last_contact, CAST(last_problem AS VARCHAR) AS last_problem
    FROM health_facts WHERE status = 'active' ORDER BY partnership_id`);
  const flagged = facts
    .map(({ best, ...r }) => ({ ...r, best_contact: bestContact(best) }))
    .map((f) => ({ f, c: classifyPartnership(f) }))
    .filter((x) => x.c.health === "at_risk" || x.c.health === "failed");
  if (flagged.length === 0) return [];
  const pids = [...new Set(flagged.flatMap((x) => [x.f.pid_a, x.f.pid_b]))];
  const people = await db.all<{ pid: string; email: string | null; name: string | null; country: string | null }>(sql`
    SELECT u.pid, i.email, i.name, g.country FROM (SELECT unnest(${pids}::VARCHAR[]) AS pid) u
    LEFT JOIN identities i ON i.pid = u.pid LEFT JOIN registrations g ON g.pid = u.pid AND g.round_id = ${round}`);
  const byPid = new Map(people.map((p) => [p.pid, { email: p.email, name: p.name, country: p.country }]));
  const none: AtRiskPartner = { email: null, name: null, country: null };
  return flagged
    .map(({ f, c }) => ({
      partnership_id: f.partnership_id,
      health: c.health as "at_risk" | "failed",
      reasons: c.reasons,
      last_contact: f.last_contact,
      last_problem: f.last_problem,
      partners: [byPid.get(f.pid_a) ?? none, byPid.get(f.pid_b) ?? none] as [AtRiskPartner, AtRiskPartner],
    }))
    .sort((a, b) =>
      (a.health === b.health ? 0 : a.health === "failed" ? -1 : 1) ||
      (a.last_problem ?? "9999") .localeCompare(b.last_problem ?? "9999") ||
      a.partnership_id.localeCompare(b.partnership_id));
}
