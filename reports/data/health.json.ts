/**
 * health.json: partnerships per health class and per reason, per round (counts of 1 to min-1
 * suppressed), and the documented rule set. No partnership ids, pseudonyms or names.
 */
import { HEALTH_CLASSES, HEALTH_RULES, partnershipHealth } from "../../src/metrics";
import { suppressBreakdown, suppressCount } from "../../src/privacy/suppress";
import { runLoader } from "./lib/run";

await runLoader("health.json", async (db, min) => {
  const counts = new Map<string, Map<string, number>>();
  const reasons = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const p of await partnershipHealth(db)) {
    totals.set(p.round, (totals.get(p.round) ?? 0) + 1);
    const c = counts.get(p.round) ?? new Map<string, number>();
    c.set(p.health, (c.get(p.health) ?? 0) + 1);
    counts.set(p.round, c);
    const r = reasons.get(p.round) ?? new Map<string, number>();
    for (const reason of p.reasons) r.set(`${p.health}\u0000${reason}`, (r.get(`${p.health}\u0000${reason}`) ?? 0) + 1);
    reasons.set(p.round, r);
  }
  const classes: { round: string; health: string; count: number | null; share: number | null; partnerships: number | null }[] = [];
  const reasonRows = [];
  for (const [round, total] of totals) {
    const published = suppressBreakdown(HEALTH_CLASSES.map((c) => counts.get(round)?.get(c) ?? 0), min);
    HEALTH_CLASSES.forEach((health, i) => {
      const count = published[i];
      classes.push({ round, health, count, share: count === null || total < min ? null : count / total, partnerships: suppressCount(total, min) });
    });
    for (const [key, n] of reasons.get(round) ?? []) {
      const [health, reason] = key.split("\u0000");
      const count = suppressCount(n, min);
      if (count !== null) reasonRows.push({ round, health, reason, count });
    }
  }
  return { min_cell: min, classes, reasons: reasonRows, rules: HEALTH_RULES };
});
