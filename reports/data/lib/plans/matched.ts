/**
 * The publication plan of each round's matched participants (docs/privacy.md, "Disclosure
 * audit"): the hub is whether they answered the survey (a linked response: an anonymous survey's
 * responses link to nobody); tables by country (world regions are sets of countries), by sector
 * and by the status of their last partnership. Figures: the round's participants and respondents
 * (metrics.json), participants per country and region (coverage.json), participants and
 * respondents per country (retention.json), participants per sector (metrics.json, small sectors
 * merged into one row first), participants and respondents by the status of their last
 * partnership (metrics.json's response rates by outcome). Also each round's registrants by
 * country, for the largest country's share of applicants, and by sector (metrics.json).
 */
import { sql, type Db } from "../../../../src/db";
import { MATCHED, regionOrUnknown, UNKNOWN } from "../../../../src/metrics/base";
import { answerShareAllowed, mergeSmallCells } from "../../../../src/privacy/suppress";
import type { Plan } from "../plan";

const HUB = { name: "answered the survey", values: ["yes", "no"] };

/** Figure ids of one round's matched participants. */
export interface MatchedRound {
  round: string;
  participants: number;
  respondents: number;
  /** The round's true number of respondents (the figure `respondents` may be hidden). */
  answered: number;
  countries: { country: string; region: string; id: number; respondents: number; n: number; answered: number }[];
  regions: { region: string; id: number }[];
  sectors: SectorFigure[];
  /** Participants and respondents by the status of their last partnership (completed, failed, active). */
  byStatus: Record<string, { n: number; respondents: number }>;
}

/** The largest country of a round's registrants: its applicants and the round's registrants (true counts and figure ids). */
export interface LargestCountry {
  country: string;
  applicants: number;
  registered: number;
  ids: { applicants: number; registered: number };
}

const regionOfCountry = (c: string) => (c === UNKNOWN ? UNKNOWN : regionOrUnknown(c));

/** Adds every round's matched participants, and registrants by country, to `plan`. */
export async function addMatched(
  db: Db,
  plan: Plan,
  min: number,
): Promise<{ matched: Map<string, MatchedRound>; largest: Map<string, LargestCountry>; applicantSectors: Map<string, SectorFigure[]> }> {
  // The status of a participant's last partnership of the round, as the response rates by
  // partnership outcome define it (responseFrame, src/metrics/nonresponse.ts).
  const people = await db.all<{ round: string; country: string; sector: string; status: string; answered: boolean; n: number }>(sql`WITH ${MATCHED},
    sides AS (SELECT round_id, pid_a AS pid, status, matched_on, source_row FROM partnerships
              UNION ALL SELECT round_id, pid_b, status, matched_on, source_row FROM partnerships),
    last AS (SELECT round_id, pid, status FROM sides
             QUALIFY row_number() OVER (PARTITION BY round_id, pid ORDER BY matched_on DESC, source_row DESC) = 1),
    resp AS (SELECT DISTINCT round_id, pid FROM survey_responses WHERE pid IS NOT NULL)
    SELECT m.round_id AS round, coalesce(g.country, ${UNKNOWN}) AS country, coalesce(g.sector, ${UNKNOWN}) AS sector,
      CASE l.status WHEN 'completed' THEN 'completed' WHEN 'active' THEN 'active' ELSE 'failed' END AS status,
      (s.pid IS NOT NULL) AS answered, count(*) AS n
    FROM matched m LEFT JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid
    LEFT JOIN last l ON l.round_id = m.round_id AND l.pid = m.pid
    LEFT JOIN resp s ON s.round_id = m.round_id AND s.pid = m.pid GROUP BY ALL`);
  const applicants = await db.all<{ round: string; country: string; sector: string; n: number }>(sql`SELECT round_id AS round, coalesce(country, ${UNKNOWN}) AS country, coalesce(sector, ${UNKNOWN}) AS sector, count(*) AS n FROM registrations GROUP BY ALL`);
  const out = new Map<string, MatchedRound>();
  for (const round of [...new Set(people.map((p) => p.round))].sort()) {
    const P = `matched ${round}`;
    plan.population({ id: P, unit: "participant", hub: HUB });
    const rows = people.filter((p) => p.round === round);
    const table = (key: (p: (typeof rows)[number]) => string) => {
      const cells: Record<string, [number, number]> = {};
      for (const p of rows) {
        const c = (cells[key(p)] ??= [0, 0]);
        c[p.answered ? 0 : 1] += p.n;
      }
      return cells;
    };
    const byCountry = table((p) => p.country);
    const bySector = table((p) => p.sector);
    const byStatus = table((p) => p.status);
    plan.table({ population: P, dimension: "country", cells: byCountry });
    plan.table({ population: P, dimension: "sector", cells: bySector });
    plan.table({ population: P, dimension: "status", cells: byStatus });
    const total = rows.reduce((a, p) => a + p.n, 0);
    const answered = rows.reduce((a, p) => a + (p.answered ? p.n : 0), 0);
    const participants = plan.figure({ family: "metrics.json", label: `${round}: matched participants`, population: P, value: total, priority: 3 });
    const respondents = plan.figure({ family: "metrics.json", label: `${round}: respondents`, population: P, hub: ["yes"], value: answered, priority: 1 }, !answerShareAllowed(answered, total, min));
    plan.follow(participants, [respondents]);
    const countries = Object.entries(byCountry).sort(([a], [b]) => (a < b ? -1 : 1)).map(([country, [yes, no]]) => {
      const base = { population: P, dimension: "country", values: [country] };
      const cov = plan.figure({ ...base, family: "coverage.json", label: `${round} country ${country}: participants` , value: yes + no });
      const cell = `${round} country ${country} response`;
      const n = plan.figure({ ...base, family: "retention.json", label: `${cell}: participants`, value: yes + no, cell }, !answerShareAllowed(yes, yes + no, min));
      const r = plan.figure({ ...base, family: "retention.json", label: `${cell}: respondents`, hub: ["yes"], value: yes, cell }, !answerShareAllowed(yes, yes + no, min));
      return { country, region: regionOfCountry(country), id: cov, respondents: r, n, answered: yes };
    });
    const regions = [...new Set(countries.map((c) => c.region))].sort().map((region) => {
      const values = countries.filter((c) => c.region === region).map((c) => c.country);
      const value = values.reduce((a, c) => a + byCountry[c][0] + byCountry[c][1], 0);
      return { region, id: plan.figure({ family: "coverage.json", label: `${round} region ${region}: participants`, population: P, dimension: "country", values, value, priority: 1 }) };
    });
    const sectors = sectorFigures(plan, P, `${round} sector`, "participants", Object.fromEntries(Object.entries(bySector).map(([k, [yes, no]]) => [k, yes + no])), min);
    const byOutcome = Object.fromEntries(Object.entries(byStatus).map(([status, [yes, no]]) => {
      const cell = `${round} last partnership ${status}`;
      const base = { family: "metrics.json", population: P, dimension: "status", values: [status], cell };
      const n = plan.figure({ ...base, label: `${cell}: participants`, value: yes + no });
      const r = plan.figure({ ...base, label: `${cell}: respondents`, hub: ["yes"], value: yes }, !answerShareAllowed(yes, yes + no, min));
      plan.follow(n, [r]);
      return [status, { n, respondents: r }];
    }));
    out.set(round, { round, participants, respondents, answered, countries, regions, sectors, byStatus: byOutcome });
  }
  const largest = new Map<string, LargestCountry>();
  const applicantSectors = new Map<string, SectorFigure[]>();
  // Registrants by country (the largest country's applicants against the round's registrants)
  // and by sector (a round's applicants by sector, small sectors merged).
  for (const round of [...new Set(applicants.map((a) => a.round))].sort()) {
    const all = applicants.filter((a) => a.round === round);
    const sum = (key: (r: (typeof all)[number]) => string) => {
      const cells: Record<string, number> = {};
      for (const r of all) cells[key(r)] = (cells[key(r)] ?? 0) + r.n;
      return cells;
    };
    const byCountry = sum((r) => r.country);
    const rows = Object.entries(byCountry).map(([country, n]) => ({ country, n }));
    const P = `registrants ${round}`;
    plan.population({ id: P, unit: "registrant" });
    plan.table({ population: P, dimension: "country", cells: Object.fromEntries(rows.map((r) => [r.country, [r.n]])) });
    const bySector = sum((r) => r.sector);
    plan.table({ population: P, dimension: "sector", cells: Object.fromEntries(Object.entries(bySector).map(([k, n]) => [k, [n]])) });
    applicantSectors.set(round, sectorFigures(plan, P, `${round} applicants' sector`, "registrants", bySector, min));
    const registered = rows.reduce((a, r) => a + r.n, 0);
    const top = [...rows].sort((a, b) => b.n - a.n || (a.country < b.country ? -1 : 1))[0];
    const ids = {
      registered: plan.figure({ family: "metrics.json", label: `${round}: registrants`, population: P, value: registered, priority: 4 }),
      applicants: plan.figure({ family: "metrics.json", label: `${round}: applicants from the largest country`, population: P, dimension: "country", values: [top.country], value: top.n }),
    };
    plan.follow(ids.registered, [ids.applicants]);
    largest.set(round, { country: top.country, applicants: top.n, registered, ids });
  }
  return { matched: out, largest, applicantSectors };
}

/** A published sector row: its key (a sector, or the merged small ones), the sectors in it, its figure. */
export interface SectorFigure {
  key: string;
  sectors: string[];
  id: number;
}

/** Figures of a population by sector, sectors of fewer than `min` merged into one row first. */
function sectorFigures(plan: Plan, population: string, label: string, unit: string, counts: Record<string, number>, min: number): SectorFigure[] {
  const sorted = Object.entries(counts).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  const merged = mergeSmallCells(sorted, (r) => r.count, min, (count, n) => ({ key: "other (small groups merged)", count: count ?? 0, merged: n }));
  const keptKeys = new Set(merged.filter((r) => r.merged === undefined).map((r) => r.key));
  return merged.map((r) => {
    const list = r.merged === undefined ? [r.key] : sorted.map((s) => s.key).filter((k) => !keptKeys.has(k));
    const value = list.reduce((a, k) => a + counts[k], 0);
    return { key: r.key, sectors: list, id: plan.figure({ family: "metrics.json", label: `${label} ${list.join("+")}: ${unit}`, population, dimension: "sector", values: list, value }) };
  });
}
