/**
 * health.json: partnerships per health class and, per round, per deciding reason (the first
 * reason `classifyPartnership` gives, which is the rule that decided the class), worded plainly
 * and numbered by its rule (lib/health.ts); counts of 1 to min-1 suppressed; and the documented
 * rule set. No partnership ids, pseudonyms or names.
 */
import { HEALTH_CLASSES, HEALTH_RULES, partnershipHealth } from "../../src/metrics";
import { suppressBreakdown, suppressCount } from "../../src/privacy/suppress";
import { reasonWords, ruleOf } from "./lib/health";
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
    // Only the deciding reason: the others are conditions of rules further down the list.
    const reason = p.reasons[0];
    if (reason !== undefined) r.set(`${p.health}\u0000${reason}`, (r.get(`${p.health}\u0000${reason}`) ?? 0) + 1);
    reasons.set(p.round, r);
  }
  const classes: { round: string; health: string; count: number | null; share: number | null; partnerships: number | null }[] = [];
  const reasonRows: { round: string; health: string; rule: number | null; reason: string; count: number }[] = [];
  for (const [round, total] of totals) {
    const published = suppressBreakdown(HEALTH_CLASSES.map((c) => counts.get(round)?.get(c) ?? 0), min);
    HEALTH_CLASSES.forEach((health, i) => {
      const count = published[i];
      classes.push({ round, health, count, share: count === null || total < min ? null : count / total, partnerships: suppressCount(total, min) });
    });
    // Each partnership has one deciding reason, so a class's reasons sum to its count: suppress
    // them as a breakdown of it (complementary suppression), class by class.
    for (const health of HEALTH_CLASSES) {
      const rows = [...(reasons.get(round) ?? [])].map(([key, n]) => ({ key: key.split("\u0000"), n })).filter((x) => x.key[0] === health);
      const shown = suppressBreakdown(rows.map((x) => x.n), min);
      rows.forEach((x, i) => {
        const count = published[HEALTH_CLASSES.indexOf(health)] === null ? null : shown[i];
        if (count !== null) reasonRows.push({ round, health, rule: ruleOf(health, x.key[1], HEALTH_RULES), reason: reasonWords(x.key[1]), count });
      });
    }
  }
  return { min_cell: min, classes, reasons: reasonRows, rules: HEALTH_RULES };
});
