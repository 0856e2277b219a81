/**
 * health.json: partnerships per health class and per reason, per round, and the documented rule
 * set, from the partnerships' publication plan (lib/plans/partnerships.ts): counts null where
 * hidden; a class's share only when its count and the round's partnerships are both published.
 * Reason rows that are hidden are left out. No partnership ids, pseudonyms or names.
 */
import { roundIds, type Db } from "../../../../src/db";
import { HEALTH_CLASSES, HEALTH_RULES } from "../../../../src/metrics";
import { Plan } from "../plan";
import { addPartnerships } from "../plans/partnerships";

/** The health page's data (see module doc). */
export async function healthData(db: Db, min: number, record: (plan: Plan) => void) {
  const plan = new Plan(min);
  const { rounds } = await addPartnerships(db, plan, min);
  record(plan.protect());
  const classes: { round: string; health: string; count: number | null; share: number | null; partnerships: number | null }[] = [];
  const reasons: { round: string; health: string; reason: string; count: number }[] = [];
  for (const round of await roundIds(db)) {
    const r = rounds.get(round);
    if (!r) continue;
    const total = plan.value(r.health.partnerships);
    for (const health of HEALTH_CLASSES) {
      const count = plan.value(r.health.classes.get(health)!);
      classes.push({ round, health, count, share: count === null || total === null || total === 0 ? null : count / total, partnerships: total });
    }
    for (const x of r.health.reasons) {
      const count = plan.value(x.id);
      if (count !== null && count > 0) reasons.push({ round, health: x.health, reason: x.reason, count });
    }
  }
  return { min_cell: min, classes, reasons, rules: HEALTH_RULES };
}
