/**
 * How the health page words a partnership's class (docs/metrics.md, "Partnership health"): the
 * reason that decided it, matched to the rule of `HEALTH_RULES` it comes from, in plain words.
 * `classifyPartnership` lists every condition that holds, deciding one first; a page that showed
 * them all would say "failed: contact less than monthly" where the rules table says that contact
 * gives "at risk". Pure; `reports/data/health.json.ts` calls it.
 */

/** Keywords of each rule's reasons, in `HEALTH_RULES` order (1-based rule numbers). */
const RULE_KEYWORDS: readonly { class: string; test: RegExp }[] = [
  { class: "failed", test: /^status (dissolved|withdrawn)/ },
  { class: "failed", test: /no contact at all|never in contact/ },
  { class: "at_risk", test: /non-response|intervention/ },
  { class: "at_risk", test: /less than monthly/ },
  { class: "at_risk", test: /no contact logged in the/ },
  { class: "thriving", test: /./ },
  { class: "ok", test: /./ },
];

/**
 * The number (1-based) of the rule of `rules` that a deciding reason of class `health` comes from:
 * the first rule of that class whose keywords the reason matches; null when none does.
 */
export function ruleOf(health: string, reason: string, rules: readonly { class: string }[]): number | null {
  for (let i = 0; i < rules.length; i++) {
    if (rules[i].class !== health) continue;
    const k = RULE_KEYWORDS[i];
    if (!k || k.class !== health || k.test.test(reason)) return i + 1;
  }
  return null;
}

/**
 * A reason in plain words: counts written out ("no contact logged", "1 contact logged",
 * "3 contacts logged" instead of "0 contact(s)"), an initial capital.
 */
export function reasonWords(reason: string): string {
  const s = reason
    .replace(/^non-response reported or intervention, no contact logged since$/, "non-response or intervention, no contact since")
    .replace(/^active, no contact logged in the (\d+) days before the round's latest event$/, "still active, no contact logged in $1 days")
    .replace(/\b0 contact\(s\) logged/g, "no contact logged")
    .replace(/\b1 contact\(s\)/g, "1 contact")
    .replace(/\b(\d+) contact\(s\)/g, "$1 contacts")
    .replace(/no survey answer on contact and (.+)$/, "$1, and no survey answer on contact")
    .replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
