/**
 * The publication plan of people across rounds (docs/privacy.md, "Disclosure audit"): everyone
 * who ever registered or was matched, one table whose dimension is a person's *path* (the rounds
 * they registered in and the rounds they were matched in). Per-round registered and matched
 * counts, returning participants, the cohort retention matrix, the to-date totals and the
 * overall figures are all sets of paths, so their overlaps are audited exactly: "registered
 * minus matched" (the unmatched) or "cohort minus retained" are groups the audit follows.
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
  const rows = await db.all<{ reg: string[] | null; mat: string[] | null; n: number }>(sql`WITH ${MATCHED},
    reg AS (SELECT pid, list(DISTINCT round_id ORDER BY round_id) AS rounds FROM registrations GROUP BY pid),
    mat AS (SELECT pid, list(DISTINCT round_id ORDER BY round_id) AS rounds FROM matched GROUP BY pid),
    paths AS (SELECT coalesce(reg.rounds, []::VARCHAR[]) AS reg, coalesce(mat.rounds, []::VARCHAR[]) AS mat
              FROM reg FULL OUTER JOIN mat USING (pid))
    SELECT reg, mat, count(*) AS n FROM paths GROUP BY ALL`);
  const paths = rows.map((r) => {
    const reg = [...(r.reg ?? [])].sort((a, b) => pos.get(a)! - pos.get(b)!);
    const mat = [...(r.mat ?? [])].sort((a, b) => pos.get(a)! - pos.get(b)!);
    return { key: `registered ${reg.join(",") || "-"}; matched ${mat.join(",") || "-"}`, reg: new Set(reg), mat, n: r.n };
  });
  plan.population({ id: P, unit: "person" });
  plan.table({ population: P, dimension: "path", cells: Object.fromEntries(paths.map((p) => [p.key, [p.n]])) });
  const fig = (family: string, label: string, keep: (p: (typeof paths)[number]) => boolean, priority = 0) => {
    const set = paths.filter(keep);
    return plan.figure({ family, label, population: P, dimension: "path", values: set.map((p) => p.key), value: set.reduce((a, p) => a + p.n, 0), priority });
  };
  const perRound = new Map<string, { registered: number; participants: number; returning: number }>();
  const toDate = new Map<string, number>();
  for (const r of order) {
    const i = pos.get(r)!;
    perRound.set(r, {
      registered: fig("metrics.json", `${r}: registered`, (p) => p.reg.has(r), 4),
      participants: fig("metrics.json", `${r}: participants`, (p) => p.mat.includes(r), 3),
      returning: fig("metrics.json", `${r}: returning participants`, (p) => p.mat.includes(r) && pos.get(p.mat[0])! < i, 1),
    });
    toDate.set(r, fig("metrics.json", `${r}: participants to date`, (p) => p.mat.length > 0 && pos.get(p.mat[0])! <= i, 2));
  }
  const cohorts = new Map<string, { size: number; retained: Map<string, number> }>();
  for (const c of order) {
    const members = (p: (typeof paths)[number]) => p.mat[0] === c;
    if (!paths.some((p) => members(p) && p.n > 0)) continue;
    const size = fig("retention.json", `cohort ${c}: size`, members, 1);
    const retained = new Map<string, number>();
    for (const r of order.slice(pos.get(c)! + 1)) retained.set(r, fig("retention.json", `cohort ${c}: retained in ${r}`, (p) => members(p) && p.mat.includes(r)));
    cohorts.set(c, { size, retained });
  }
  const overall = {
    registered: fig("metrics.json", "all rounds: registered", (p) => p.reg.size > 0, 4),
    participants: fig("metrics.json", "all rounds: participants", (p) => p.mat.length > 0, 4),
  };
  return { rounds: order, perRound, cohorts, toDate, overall };
}
