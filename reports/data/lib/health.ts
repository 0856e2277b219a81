/**
 * How the health page words a partnership's class (docs/metrics.md, "Partnership health"): the
 * reason that decided it, matched to the rule of `HEALTH_RULES` it comes from, in plain words.
 * `classifyPartnership` gives the deciding reason first and may list other conditions that hold
 * after it; a page that showed them all would put a failed partnership under an at-risk reason,
 * against the rules table on the same page. Pure; `reports/data/health.json.ts` calls it.
 */

/** The words of at least four letters in `s`, lower-cased. */
function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[a-z-]{4,}/g) ?? []);
}

/**
 * The number (1-based) of the rule of `rules` that a deciding reason of class `health` comes from:
 * of the rules of that class, the one sharing most words with the reason (the first on a tie);
 * null when no rule has that class.
 */
export function ruleOf(health: string, reason: string, rules: readonly { class: string; rule?: string }[]): number | null {
  const have = words(reason);
  let best: number | null = null;
  let score = -1;
  rules.forEach((r, i) => {
    if (r.class !== health) return;
    const shared = [...words(r.rule ?? "")].filter((w) => have.has(w)).length;
    if (shared > score) {
      best = i + 1;
      score = shared;
    }
  });
  return best;
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
    .replace(/\b([2-9]|\d\d+) contact logged/g, "$1 contacts logged")
    .replace(/^completed$/, "completed the round")
    .replace(/^active, nothing logged$/, "still active, nothing logged")
    .replace(/no survey answer on contact and (.+)$/, "$1, and no survey answer on contact")
    .replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
