import { describe, expect, it } from "vitest";
import { HEALTH_RULES, classifyPartnership } from "../../../../src/metrics/health";
import { reasonWords, ruleOf } from "../../../../reports/data/lib/health";

// Expected rule numbers read off HEALTH_RULES (docs/metrics.md): 1-2 failed, 3-5 at risk, 6 thriving, 7 ok.
describe("the deciding reason and its rule", () => {
  const base = { status: "active", contacts: 0, problems: 0, unresolved: false, best_contact: null, silent: false } as const;
  it("numbers every deciding reason by the rule that gave the class", () => {
    const cases: [Partial<Parameters<typeof classifyPartnership>[0]>, number][] = [
      [{ status: "dissolved", best_contact: "Less than monthly" }, 1],
      [{ best_contact: "Never" }, 2],
      [{ problems: 1, unresolved: true }, 3],
      [{ best_contact: "Less than monthly" }, 4],
      [{ silent: true }, 5],
      [{ best_contact: "Weekly" }, 6],
      [{ best_contact: "Monthly" }, 7],
    ];
    for (const [facts, rule] of cases) {
      const c = classifyPartnership({ ...base, ...facts });
      expect(ruleOf(c.health, c.reasons[0], HEALTH_RULES), JSON.stringify(facts)).toBe(rule);
      expect(HEALTH_RULES[rule - 1].class).toBe(c.health);
    }
    // A dissolved partnership that also reported contact less than monthly is decided by rule 1,
    // never shown as "failed: contact less than monthly".
    expect(classifyPartnership({ ...base, status: "dissolved", best_contact: "Less than monthly" }).reasons[0]).toBe("status dissolved");
  });

  it("writes counts out in words", () => {
    expect(reasonWords("no survey answer on contact and 0 contact(s) logged")).toBe("No contact logged, and no survey answer on contact");
    expect(reasonWords("no survey answer on contact and 1 contact(s) logged")).toBe("1 contact logged, and no survey answer on contact");
    expect(reasonWords("no survey answer on contact and 3 contact(s) logged")).toBe("3 contacts logged, and no survey answer on contact");
    expect(reasonWords("contact less than monthly")).toBe("Contact less than monthly");
    expect(reasonWords("non-response reported or intervention, no contact logged since")).toBe("Non-response or intervention, no contact since");
    expect(reasonWords("active, no contact logged in the 42 days before the round's latest event")).toBe("Still active, no contact logged in 42 days");
  });
});
