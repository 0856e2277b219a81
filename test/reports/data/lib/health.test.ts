import { describe, expect, it } from "vitest";
import { HEALTH_RULES, classifyPartnership } from "../../../../src/metrics/health";
import { reasonWords, ruleOf } from "../../../../reports/data/lib/health";

// Expected rule numbers read off HEALTH_RULES (docs/metrics.md): 1 failed, 2-3 at risk,
// 4 thriving, 5 ok, 6 no information.
describe("the deciding reason and its rule", () => {
  const base = { status: "active", contacts: 0, problems: 0, unresolved: false, best_contact: null, silent: false } as const;
  it("numbers every deciding reason by the rule that gave the class", () => {
    const cases: [Partial<Parameters<typeof classifyPartnership>[0]>, number][] = [
      [{ status: "dissolved", unresolved: true, problems: 1 }, 1],
      [{ problems: 1, unresolved: true, silent: true }, 2],
      [{ silent: true }, 3],
      [{ contacts: 2 }, 4],
      [{ status: "completed", contacts: 1 }, 5],
      [{ contacts: 1 }, 5],
      [{}, 6],
    ];
    for (const [facts, rule] of cases) {
      const c = classifyPartnership({ ...base, ...facts });
      expect(ruleOf(c.health, c.reasons[0], HEALTH_RULES), JSON.stringify(facts)).toBe(rule);
      expect(HEALTH_RULES[rule - 1].class).toBe(c.health);
    }
    expect(ruleOf("nonsense", "anything", HEALTH_RULES)).toBeNull();
  });

  it("writes counts out in words", () => {
    expect(reasonWords("no survey answer on contact and 0 contact(s) logged")).toBe("No contact logged, and no survey answer on contact");
    expect(reasonWords("no survey answer on contact and 3 contact(s) logged")).toBe("3 contacts logged, and no survey answer on contact");
    expect(reasonWords("1 contact logged")).toBe("1 contact logged");
    expect(reasonWords("3 contact logged")).toBe("3 contacts logged");
    expect(reasonWords("completed")).toBe("Completed the round");
    expect(reasonWords("active, nothing logged")).toBe("Still active, nothing logged");
    expect(reasonWords("non-response reported or intervention, no contact logged since")).toBe("Non-response or intervention, no contact since");
    expect(reasonWords("active, no contact logged in the 42 days before the round's latest event")).toBe("Still active, no contact logged in 42 days");
  });
});
