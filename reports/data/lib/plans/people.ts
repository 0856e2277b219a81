/**
 * The publication plan of people across rounds (docs/privacy.md, "Disclosure audit"): two
 * populations, each one table whose dimension is a person's *path*.
 * - Matched participants (path: the rounds they were matched in): per-round participants and
 *   returning participants, the cohort retention matrix (cohort sizes and retained counts), the
 *   to-date totals and the overall count are all sets of paths, so their overlaps ("cohort minus
 *   retained") are audited exactly.
 * - Registrants (path: the rounds they registered in): per-round and overall registrations.
 * The two are audited apart: the difference between a round's registrants and its matched
 * participants (its unmatched applicants) is not protected as a count. It is not free of
 * attributes: applicants' sectors minus matched participants' sectors can name the sector of a
 * lone unmatched applicant (a known gap, docs/privacy.md). An erased person is in neither
 * population (their tombstone is no participant).
 * Paths nobody took are taken as known to be empty (safe: the attacker is granted more).
 */
import { sql, type Db } from "../../../../src/db";
import { MATCHED, ROUND_ORDER } from "../../../../src/metrics/base";
import { Plan } from "../plan";

const P = "people";

/** Figure ids of the people plan. */
export interface PeoplePlan {
  plan: Plan;
  rounds: string[];
  /** Per round: registered, matched participants, returning participants (figure ids). */
  perRound: Map<string, { registered: number; participants: number; returning: number }>;
  /** Per cohort and later round: cohort size and retained (figure ids; size repeats per cohort). */
  cohorts: Map<string, { size: number; retained: Map<string, number> }>;
  /** Per round: matched to date (figure id). */
  toDate: Map<string, number>;
  overall: { registered: number; participants: number };
}

/** Adds the people population, its table and its figures to `plan` (protect it afterwards). */
export async function addPeople(db: Db, plan: Plan): Promise<Omit<PeoplePlan, "plan">> {
  const order = (await db.all<{ round_id: string }>(sql`WITH ${ROUND_ORDER} SELECT round_id FROM round_order ORDER BY ord`)).map((r) => r.round_id);
  const pos = new Map(order.map((r, i) => [r, i]));
  const rows = await db.all<{ rounds: string[]; kind: string; n: number }>(sql`WITH ${MATCHED},
    reg AS (SELECT pid, list(DISTINCT round_id ORDER BY round_id) AS rounds FROM registrations GROUP BY pid),
    mat AS (SELECT pid, list(DISTINCT round_id ORDER BY round_id) AS rounds FROM matched GROUP BY pid)
    SELECT rounds, 'registered' AS kind, count(*) AS n FROM reg GROUP BY ALL
    UNION ALL SELECT rounds, 'matched', count(*) FROM mat GROUP BY ALL`);
  const pathsOf = (kind: string) =>
    rows.filter((r) => r.kind === kind).map((r) => {
      const rounds = [...r.rounds].sort((a, b) => pos.get(a)! - pos.get(b)!);
      return { key: rounds.join(","), rounds, n: r.n };
    });
  type Path = { key: string; rounds: string[]; n: number };
  const matchedPaths = pathsOf("matched");
  const registeredPaths = pathsOf("registered");
  const M = "matched people";
  const R = "registrants";
  plan.population({ id: M, unit: "person" });
  plan.table({ population: M, dimension: "path", cells: Object.fromEntries(matchedPaths.map((p) => [p.key, [p.n]])) });
  plan.population({ id: R, unit: "person" });
  plan.table({ population: R, dimension: "path", cells: Object.fromEntries(registeredPaths.map((p) => [p.key, [p.n]])) });
  const fig = (population: string, paths: Path[], family: string, label: string, keep: (p: Path) => boolean, priority = 0) => {
    const set = paths.filter(keep);
    return plan.figure({ family, label, population, dimension: "path", values: set.map((p) => p.key), value: set.reduce((a, p) => a + p.n, 0), priority });
  };
  const matchedFig = (family: string, label: string, keep: (p: Path) => boolean, priority = 0) => fig(M, matchedPaths, family, label, keep, priority);
  const first = (p: Path) => pos.get(p.rounds[0])!;
  const perRound = new Map<string, { registered: number; participants: number; returning: number }>();
  const toDate = new Map<string, number>();
  for (const r of order) {
    const i = pos.get(r)!;
    perRound.set(r, {
      registered: fig(R, registeredPaths, "metrics.json", `${r}: registered`, (p) => p.rounds.includes(r), 4),
      participants: matchedFig("metrics.json", `${r}: participants`, (p) => p.rounds.includes(r), 3),
      returning: matchedFig("metrics.json", `${r}: returning participants`, (p) => p.rounds.includes(r) && first(p) < i, 1),
    });
    toDate.set(r, matchedFig("metrics.json", `${r}: participants to date`, (p) => first(p) <= i, 2));
  }
  const cohorts = new Map<string, { size: number; retained: Map<string, number> }>();
  for (const c of order) {
    const members = (p: Path) => p.rounds[0] === c;
    if (!matchedPaths.some(members)) continue;
    const size = matchedFig("retention.json", `cohort ${c}: size`, members, 1);
    const retained = new Map<string, number>();
    for (const r of order.slice(pos.get(c)! + 1)) retained.set(r, matchedFig("retention.json", `cohort ${c}: retained in ${r}`, (p) => members(p) && p.rounds.includes(r)));
    cohorts.set(c, { size, retained });
  }
  const overall = {
    registered: fig(R, registeredPaths, "metrics.json", "all rounds: registered", () => true, 4),
    participants: matchedFig("metrics.json", "all rounds: participants", () => true, 4),
  };
  return { rounds: order, perRound, cohorts, toDate, overall };
}
