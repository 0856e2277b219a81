/**
 * Coverage metrics (docs/metrics.md; the pairing figures also docs/matching.md): countries and new
 * countries, participants per country and world region, the largest country's share of
 * applicants against the program's 20% cap, the sector mix, cross-sector and cross-career pairs
 * against what participants asked for, and unique participants and countries to date.
 *
 * Country codes are ISO 3166-1 alpha-2 as stored; names are the dashboards' business.
 */
import { checkRound, sql, type Db } from "../db";
import { MATCHED, ROUND_ORDER, UNKNOWN, careerStageTable, regionOrUnknown, roundIs, type RoundOpts } from "./base";
import { proportion, type Proportion } from "./stats";

/** The program's cap: no country may hold more than this share of a round's applicants. */
export const COUNTRY_CAP = 0.2;

/**
 * Matched participants per country and round: for each round and each country (ISO alpha-2 of
 * the participants' registration in that round) with at least one matched participant, the
 * country's UN M49 region and the number of matched participants.
 * @returns rows ordered by round start, then participants (descending), then country.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function countryCoverage(db: Db, opts: RoundOpts = {}): Promise<{ round: string; country: string; region: string; participants: number }[]> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; country: string; participants: number }>(sql`WITH ${ROUND_ORDER}, ${MATCHED}
    SELECT m.round_id AS round, coalesce(g.country, ${UNKNOWN}) AS country, count(*) AS participants
    FROM matched m JOIN round_order o USING (round_id) LEFT JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid
    WHERE ${roundIs(opts.round, sql`m.round_id`)} GROUP BY m.round_id, o.ord, 2 ORDER BY o.ord, participants DESC, country`);
  return rows.map((r) => ({ round: r.round, country: r.country, region: regionOrUnknown(r.country === UNKNOWN ? null : r.country), participants: r.participants }));
}

/**
 * Matched participants per world region (UN M49) and round: {@link countryCoverage} summed by region.
 * @returns rows ordered by round (as countryCoverage), then participants (descending), then region.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function regionCoverage(db: Db, opts: RoundOpts = {}): Promise<{ round: string; region: string; participants: number }[]> {
  const byCountry = await countryCoverage(db, opts);
  const order: string[] = [];
  const sums = new Map<string, Map<string, number>>();
  for (const r of byCountry) {
    if (!sums.has(r.round)) { sums.set(r.round, new Map()); order.push(r.round); }
    const m = sums.get(r.round)!;
    m.set(r.region, (m.get(r.region) ?? 0) + r.participants);
  }
  return order.flatMap((round) =>
    [...sums.get(round)!].map(([region, participants]) => ({ round, region, participants }))
      .sort((a, b) => b.participants - a.participants || (a.region < b.region ? -1 : 1)));
}

/**
 * New countries: for each round, the countries with a matched participant in that round and in
 * no earlier round (by start date).
 * @returns rows ordered by round start, then country.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function newCountries(db: Db, opts: RoundOpts = {}): Promise<{ round: string; country: string }[]> {
  await checkRound(db, opts.round);
  return db.all(sql`WITH ${ROUND_ORDER}, ${MATCHED},
    mc AS (SELECT DISTINCT o.ord, m.round_id, g.country FROM matched m JOIN round_order o USING (round_id)
           JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid),
    firsts AS (SELECT country, min(ord) AS first_ord FROM mc GROUP BY country)
    SELECT mc.round_id AS round, mc.country FROM mc JOIN firsts f ON f.country = mc.country AND f.first_ord = mc.ord
    WHERE ${roundIs(opts.round, sql`mc.round_id`)} ORDER BY mc.ord, mc.country`);
}

/** Per-round coverage summary. */
export interface RoundCoverage {
  round: string;
  /** Distinct countries among matched participants. */
  countries: number;
  /** Countries with a matched participant this round and in no earlier round. */
  new_countries: number;
  /** Matched participants per sector (keys as stored: academic, public, ...), largest first. */
  sectors: Record<string, number>;
  /** The country with most applicants (registrations) in the round, and its share against {@link COUNTRY_CAP}; null when nobody registered. */
  largest_country: { country: string; applicants: number; registered: number; share: number; cap: number; over_cap: boolean } | null;
}

/**
 * Coverage summary of every round (or one): countries, new countries, sector mix and the
 * largest country's share of applicants (distinct registrants) against the 20% cap
 * (`over_cap` when the share is above 0.2; ties for largest broken by country code).
 * @returns rows ordered by round start.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function coverageByRound(db: Db, opts: RoundOpts = {}): Promise<RoundCoverage[]> {
  await checkRound(db, opts.round);
  // One connection: the three queries run one after another.
  const counts = await db.all<{ round: string; countries: number; new_countries: number }>(sql`WITH ${ROUND_ORDER}, ${MATCHED},
      mc AS (SELECT DISTINCT o.ord, m.round_id, g.country FROM matched m JOIN round_order o USING (round_id)
             JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid),
      firsts AS (SELECT country, min(ord) AS first_ord FROM mc GROUP BY country),
      per AS (SELECT mc.round_id, count(*) AS countries, count(*) FILTER (WHERE f.first_ord = mc.ord) AS new_countries
              FROM mc JOIN firsts f USING (country) GROUP BY mc.round_id)
      SELECT o.round_id AS round, coalesce(per.countries, 0) AS countries, coalesce(per.new_countries, 0) AS new_countries
      FROM round_order o LEFT JOIN per USING (round_id) WHERE ${roundIs(opts.round, sql`o.round_id`)} ORDER BY o.ord`);
  const sectors = await db.all<{ round: string; sector: string; n: number }>(sql`WITH ${MATCHED}
      SELECT m.round_id AS round, coalesce(g.sector, ${UNKNOWN}) AS sector, count(*) AS n
      FROM matched m LEFT JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid
      WHERE ${roundIs(opts.round, sql`m.round_id`)} GROUP BY ALL ORDER BY round, n DESC, sector`);
  const largest = await db.all<{ round: string; country: string; applicants: number; registered: number }>(sql`
      -- registrations has one row per (round_id, pid) (its primary key), so count(*) counts people.
      WITH per AS (SELECT round_id, country, count(*) AS applicants FROM registrations
                   WHERE ${roundIs(opts.round)} GROUP BY ALL),
      tot AS (SELECT round_id, count(*) AS registered FROM registrations WHERE ${roundIs(opts.round)} GROUP BY ALL)
      SELECT round_id AS round, country, applicants, registered FROM per JOIN tot USING (round_id)
      QUALIFY row_number() OVER (PARTITION BY round_id ORDER BY applicants DESC, country) = 1`);
  const sectorsOf = new Map<string, Record<string, number>>();
  for (const s of sectors) {
    const rec = sectorsOf.get(s.round) ?? {};
    rec[s.sector] = s.n;
    sectorsOf.set(s.round, rec);
  }
  const largestOf = new Map(largest.map((l) => [l.round, l]));
  return counts.map((c) => {
    const l = largestOf.get(c.round);
    return {
      round: c.round,
      countries: c.countries,
      new_countries: c.new_countries,
      sectors: sectorsOf.get(c.round) ?? {},
      largest_country: l
        ? { country: l.country, applicants: l.applicants, registered: l.registered, share: l.applicants / l.registered, cap: COUNTRY_CAP, over_cap: l.applicants / l.registered > COUNTRY_CAP }
        : null,
    };
  });
}

/** How a round's pairs mix sectors and career stages, against what participants asked for. */
export interface PairMix {
  round: string;
  /** Partnerships whose two partners both have a registration in the round (all, in consistent data). */
  partnerships: number;
  /** Partnerships whose partners work in different sectors. */
  cross_sector: Proportion;
  /** Partnerships whose partners are at different career stages (early / mid / senior). */
  cross_career: Proportion;
  /** Partner-sides (a participant in a partnership) whose sector preference was `any`: open to another sector. */
  asked_any_sector: Proportion;
  /** Partner-sides whose career preference was `different`. */
  asked_different_career: Proportion;
  /** Of partner-sides asking for the `same` sector, those whose partner is in it. */
  sector_pref_met: Proportion;
  /** Of partner-sides asking for a `different` or `similar` career stage, those who got it. */
  career_pref_met: Proportion;
}

/**
 * Cross-sector and cross-career pairs against what participants asked for, per round
 * (definitions: {@link PairMix}; career stage by `careerStage` of years of experience). Rematches
 * count as partnerships of their own; a participant in two partnerships of a round counts as two
 * partner-sides. Rounds without partnerships are listed with n = 0 and null shares.
 * @returns rows ordered by round start.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function pairMix(db: Db, opts: RoundOpts = {}): Promise<PairMix[]> {
  await checkRound(db, opts.round);
  const stages = await careerStageTable(db);
  const rows = await db.all<{
    round: string; pairs: number; xs: number; xc: number; sides: number; any_sector: number; diff_career: number;
    want_same: number; got_same: number; want_career: number; got_career: number;
  }>(sql`WITH ${ROUND_ORDER}, ${stages},
    who AS (SELECT g.round_id, g.pid, g.sector, g.pref_sector, g.pref_career, cs.stage FROM registrations g
            JOIN career_stage cs ON cs.years IS NOT DISTINCT FROM g.years_experience),
    pairs AS (SELECT p.round_id, a.sector AS sa, b.sector AS sb, a.stage AS ta, b.stage AS tb,
                a.pref_sector AS psa, b.pref_sector AS psb, a.pref_career AS pca, b.pref_career AS pcb
              FROM partnerships p JOIN who a ON a.round_id = p.round_id AND a.pid = p.pid_a
              JOIN who b ON b.round_id = p.round_id AND b.pid = p.pid_b),
    sides AS (SELECT round_id, sa AS s, sb AS partner_s, ta AS t, tb AS partner_t, psa AS ps, pca AS pc FROM pairs
              UNION ALL SELECT round_id, sb, sa, tb, ta, psb, pcb FROM pairs),
    pa AS (SELECT round_id, count(*) AS pairs, count(*) FILTER (WHERE sa <> sb) AS xs,
             count(*) FILTER (WHERE ta <> tb) AS xc FROM pairs GROUP BY round_id),
    si AS (SELECT round_id, count(*) AS sides, count(*) FILTER (WHERE ps = 'any') AS any_sector,
             count(*) FILTER (WHERE pc = 'different') AS diff_career,
             count(*) FILTER (WHERE ps = 'same') AS want_same, count(*) FILTER (WHERE ps = 'same' AND s = partner_s) AS got_same,
             count(*) FILTER (WHERE pc IN ('different', 'similar')) AS want_career,
             count(*) FILTER (WHERE (pc = 'different' AND t <> partner_t) OR (pc = 'similar' AND t = partner_t)) AS got_career
           FROM sides GROUP BY round_id)
    SELECT o.round_id AS round, coalesce(pa.pairs, 0) AS pairs, coalesce(pa.xs, 0) AS xs, coalesce(pa.xc, 0) AS xc,
      coalesce(si.sides, 0) AS sides, coalesce(si.any_sector, 0) AS any_sector, coalesce(si.diff_career, 0) AS diff_career,
      coalesce(si.want_same, 0) AS want_same, coalesce(si.got_same, 0) AS got_same,
      coalesce(si.want_career, 0) AS want_career, coalesce(si.got_career, 0) AS got_career
    FROM round_order o LEFT JOIN pa USING (round_id) LEFT JOIN si USING (round_id)
    WHERE ${roundIs(opts.round, sql`o.round_id`)} ORDER BY o.ord`);
  return rows.map((r) => ({
    round: r.round,
    partnerships: r.pairs,
    cross_sector: proportion(r.xs, r.pairs),
    cross_career: proportion(r.xc, r.pairs),
    asked_any_sector: proportion(r.any_sector, r.sides),
    asked_different_career: proportion(r.diff_career, r.sides),
    sector_pref_met: proportion(r.got_same, r.want_same),
    career_pref_met: proportion(r.got_career, r.want_career),
  }));
}

/**
 * Unique matched participants and countries to date: for each round, the distinct participants
 * and countries matched in that round or any earlier one (by start date).
 * @returns rows ordered by round start.
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function toDate(db: Db, opts: RoundOpts = {}): Promise<{ round: string; participants: number; countries: number }[]> {
  await checkRound(db, opts.round);
  return db.all(sql`WITH ${ROUND_ORDER}, ${MATCHED},
    firsts AS (SELECT m.pid, min(o.ord) AS first_ord FROM matched m JOIN round_order o USING (round_id) GROUP BY m.pid),
    cfirsts AS (SELECT g.country, min(o.ord) AS first_ord FROM matched m JOIN round_order o USING (round_id)
                JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid GROUP BY g.country),
    np AS (SELECT first_ord, count(*) AS n FROM firsts GROUP BY first_ord),
    nc AS (SELECT first_ord, count(*) AS n FROM cfirsts GROUP BY first_ord)
    SELECT o.round_id AS round,
      coalesce(sum(coalesce(np.n, 0)) OVER (ORDER BY o.ord), 0) AS participants,
      coalesce(sum(coalesce(nc.n, 0)) OVER (ORDER BY o.ord), 0) AS countries
    FROM round_order o LEFT JOIN np ON np.first_ord = o.ord LEFT JOIN nc ON nc.first_ord = o.ord
    QUALIFY ${roundIs(opts.round, sql`o.round_id`)} ORDER BY o.ord`);
}
