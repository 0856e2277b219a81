/**
 * Loads what the matching needs from the database: a round's data (its pool of registrations as
 * profiles, earlier partners, the historical first matching), the outcomes of past partnerships
 * for weight fitting, and (for `iln match` only) the identities of the people. The rules are
 * documented in docs/matching.md.
 *
 * Definitions:
 * - a person is *returning* when they were in a partnership of a round that started earlier,
 *   or answered yes to "taken part before" (history older than the database);
 * - *earlier partners* are the pairs of people of this round who shared a partnership in a round
 *   that started earlier (rematches included);
 * - the *historical first matching* is the round's partnerships that are not rematches
 *   (`replaces` is null).
 * Sectors and languages are compared as the database stores them (lower case).
 */
import { roundIds, sql, type Db } from "../db";
import { UnknownRoundError } from "../domain/errors";
import { yearsFromExperience } from "../domain/vocabulary";
import { pairFeatures } from "./features";
import type { OutcomeRow } from "./fit";
import { withStage, type Pool, type PoolPerson } from "./score";

/** A round as the matching sees it: its pool (who may be matched) and its history. */
export interface RoundData {
  pool: Pool;
  name: string;
  start: string;
  synthetic: boolean;
  /** The historical first matching as id pairs, with partnership ids and statuses, in file order. */
  historical: { pairs: [string, string][]; partnershipIds: string[]; statuses: string[] };
  /** Partnerships of the round in all (rematches included). */
  partnerships: number;
  /** Things the loader had to skip, as sentences. */
  notes: string[];
}

/** A registration as the pool query reads it: the three lists as JSON text (see {@link people}). */
interface RegRow {
  pid: string;
  country: string;
  sector: string;
  years_experience: number | null;
  years_range: string | null;
  interests: string | null;
  pref_sector: string;
  pref_career: string;
  pref_countries: string | null;
  languages: string | null;
  participated_before: boolean | null;
  matched_before: boolean;
}

/** A list column read as JSON text: its strings, or none for NULL. */
const listOf = (json: string | null): string[] => (json === null ? [] : (JSON.parse(json) as string[]));

function toPerson(r: RegRow): PoolPerson {
  const years = r.years_experience ?? (r.years_range ? yearsFromExperience(r.years_range) : 0);
  return withStage({
    id: r.pid,
    country: r.country.toUpperCase(),
    sector: r.sector.toLowerCase(),
    years,
    interests: listOf(r.interests),
    languages: listOf(r.languages),
    prefSector: r.pref_sector === "same" ? "same" : "any",
    prefCareer: r.pref_career === "different" || r.pref_career === "similar" ? r.pref_career : "any",
    prefCountries: listOf(r.pref_countries).map((c) => c.toUpperCase()),
    returning: r.matched_before || r.participated_before === true,
  });
}

async function roundRow(db: Db, round: string) {
  const rows = await db.all<{ round_id: string; name: string; start_date: string; synthetic: boolean }>(sql`SELECT round_id, name, CAST(start_date AS VARCHAR) AS start_date, synthetic FROM rounds WHERE round_id = ${round}`);
  if (rows.length === 0) throw new UnknownRoundError(round, await roundIds(db));
  return rows[0];
}

/**
 * Pool people of the rounds already read, by round id. Handing the same map to
 * {@link loadRoundData} and {@link loadOutcomes} reads each round's registrations once.
 */
export type PeopleCache = Map<string, PoolPerson[]>;

/** The registrations of a round as pool people, in registration-file order (from `cache` when there). */
async function people(db: Db, round: string, cache?: PeopleCache): Promise<PoolPerson[]> {
  const known = cache?.get(round);
  if (known) return known;
  // "Matched before" as a semi-join on the set of people in earlier rounds' partnerships: a
  // correlated EXISTS with `pid_a = g.pid OR pid_b = g.pid` runs as a nested loop (registrations x
  // partnerships), which took most of a replay's time at 5,000 people a round. The lists come as
  // JSON text, parsed here: half the time of converting each element of a LIST value (100,000
  // registrations hold some 400,000 list elements).
  const rows = await db.all<RegRow>(sql`
    WITH earlier AS (
      SELECT p.pid_a AS pid FROM partnerships p JOIN rounds r2 ON r2.round_id = p.round_id
      WHERE r2.start_date < (SELECT start_date FROM rounds WHERE round_id = ${round})
      UNION
      SELECT p.pid_b FROM partnerships p JOIN rounds r2 ON r2.round_id = p.round_id
      WHERE r2.start_date < (SELECT start_date FROM rounds WHERE round_id = ${round}))
    SELECT g.pid, g.country, g.sector, g.years_experience, g.years_range, CAST(to_json(g.interests) AS VARCHAR) AS interests,
           g.pref_sector, g.pref_career, CAST(to_json(g.pref_countries) AS VARCHAR) AS pref_countries,
           CAST(to_json(g.languages) AS VARCHAR) AS languages, g.participated_before,
           g.pid IN (SELECT pid FROM earlier) AS matched_before
    FROM registrations g
    WHERE g.round_id = ${round}
    ORDER BY g.source_row`);
  const list = rows.map(toPerson);
  cache?.set(round, list);
  return list;
}

/**
 * The pool of `round`: its registrations (`include: "registered"`, the default) or only the
 * people of its historical first matching (`"matched"`), with earlier partners and the historical
 * first matching. Historical pairs with someone outside the pool are left out and noted.
 * @throws UnknownRoundError when the round is not in the database.
 */
export async function loadRoundData(db: Db, round: string, options: { include?: "registered" | "matched"; people?: PeopleCache } = {}): Promise<RoundData> {
  const info = await roundRow(db, round);
  let list = await people(db, round, options.people);
  const first = await db.all<{ partnership_id: string; pid_a: string; pid_b: string; status: string }>(sql`
    SELECT partnership_id, pid_a, pid_b, status FROM partnerships WHERE round_id = ${round} AND replaces IS NULL ORDER BY source_row`);
  const [{ n: partnerships }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM partnerships WHERE round_id = ${round}`);
  const notes: string[] = [];
  if (options.include === "matched") {
    const inFirst = new Set(first.flatMap((p) => [p.pid_a, p.pid_b]));
    list = list.filter((p) => inFirst.has(p.id));
  }
  const ids = new Set(list.map((p) => p.id));
  const historical: RoundData["historical"] = { pairs: [], partnershipIds: [], statuses: [] };
  for (const p of first) {
    if (!ids.has(p.pid_a) || !ids.has(p.pid_b)) {
      notes.push(`historical partnership ${p.partnership_id} has a partner without a registration in round ${round}; left out`);
      continue;
    }
    historical.pairs.push([p.pid_a, p.pid_b]);
    historical.partnershipIds.push(p.partnership_id);
    historical.statuses.push(p.status);
  }
  const earlier = await db.all<{ pid_a: string; pid_b: string }>(sql`
    SELECT DISTINCT p.pid_a, p.pid_b FROM partnerships p JOIN rounds r2 ON r2.round_id = p.round_id
    WHERE r2.start_date < ${info.start_date}::DATE
      AND p.pid_a IN (SELECT pid FROM registrations WHERE round_id = ${round})
      AND p.pid_b IN (SELECT pid FROM registrations WHERE round_id = ${round})
    ORDER BY p.pid_a, p.pid_b`);
  return {
    pool: { round, people: list, earlierPartners: earlier.map((e) => [e.pid_a, e.pid_b]) },
    name: info.name,
    start: info.start_date,
    synthetic: info.synthetic,
    historical,
    partnerships,
    notes,
  };
}

/** One round of the database with its number of registrations and partnerships. */
export interface RoundSummary {
  round: string;
  name: string;
  synthetic: boolean;
  /** Registrations in the round: the size of its pool. */
  registered: number;
  /** Partnerships of the round (0: not matched yet, so there is no historical matching to replay). */
  partnerships: number;
  /** Pairs of its historical first matching: the partnerships that are not rematches. */
  first_pairs: number;
}

/** Every round of the database with its number of registrations, partnerships and first-matching pairs, in order of start date. */
export async function roundSummaries(db: Db): Promise<RoundSummary[]> {
  return db.all<RoundSummary>(sql`
    SELECT r.round_id AS round, r.name, r.synthetic, (SELECT count(*) FROM registrations g WHERE g.round_id = r.round_id) AS registered,
      (SELECT count(*) FROM partnerships p WHERE p.round_id = r.round_id) AS partnerships,
      (SELECT count(*) FROM partnerships p WHERE p.round_id = r.round_id AND p.replaces IS NULL) AS first_pairs
    FROM rounds r ORDER BY r.start_date, r.round_id`);
}

/**
 * Every partnership of `rounds` (default: all rounds) with its pair features (from the partners'
 * registrations of that round) and outcomes: completion (`completed` 1, `dissolved`/`withdrawn`
 * 0, `active` null) and the partner-satisfaction answers of respondents whose last partnership of
 * the round (latest `matched_on`) it was. Partnerships with a partner lacking a registration
 * are skipped.
 * @throws UnknownRoundError when a listed round is not in the database.
 */
export async function loadOutcomes(db: Db, rounds?: readonly string[], options: { people?: PeopleCache } = {}): Promise<OutcomeRow[]> {
  const all = await roundIds(db);
  for (const r of rounds ?? []) if (!all.includes(r)) throw new UnknownRoundError(r, all);
  const out: OutcomeRow[] = [];
  for (const round of rounds ?? all) {
    const byId = new Map((await people(db, round, options.people)).map((p) => [p.id, p]));
    const ps = await db.all<{ partnership_id: string; pid_a: string; pid_b: string; status: string }>(sql`
      SELECT partnership_id, pid_a, pid_b, status FROM partnerships WHERE round_id = ${round} ORDER BY source_row`);
    const sat = await db.all<{ partnership_id: string; pid: string; partner_satisfaction: number }>(sql`
      WITH last AS (
        SELECT pid, partnership_id FROM (
          SELECT pid_a AS pid, partnership_id, matched_on, source_row FROM partnerships WHERE round_id = ${round}
          UNION ALL SELECT pid_b, partnership_id, matched_on, source_row FROM partnerships WHERE round_id = ${round})
        QUALIFY row_number() OVER (PARTITION BY pid ORDER BY matched_on DESC, source_row DESC) = 1)
      SELECT l.partnership_id, s.pid, s.partner_satisfaction AS partner_satisfaction
      FROM survey_responses s JOIN last l ON l.pid = s.pid
      WHERE s.round_id = ${round} AND s.partner_satisfaction IS NOT NULL`);
    const answers = new Map<string, { values: number[]; who: string[] }>();
    for (const s of sat) {
      const list = answers.get(s.partnership_id) ?? { values: [], who: [] };
      list.values.push(s.partner_satisfaction);
      list.who.push(s.pid);
      answers.set(s.partnership_id, list);
    }
    for (const p of ps) {
      const a = byId.get(p.pid_a);
      const b = byId.get(p.pid_b);
      if (!a || !b) continue;
      out.push({
        round,
        features: pairFeatures(a, b),
        completed: p.status === "completed" ? 1 : p.status === "dissolved" || p.status === "withdrawn" ? 0 : null,
        partnerSatisfaction: answers.get(p.partnership_id)?.values ?? [],
        respondents: answers.get(p.partnership_id)?.who ?? [],
      });
    }
  }
  return out;
}

/** Emails and names by pseudonym (internal output only: `iln match`). */
export async function loadIdentities(db: Db, pids: readonly string[]): Promise<Map<string, { email: string; name: string | null }>> {
  const rows = await db.all<{ pid: string; email: string; name: string | null }>(sql`SELECT pid, email, name FROM identities WHERE list_contains(${pids}, pid)`);
  return new Map(rows.map((r) => [r.pid, { email: r.email, name: r.name }]));
}
