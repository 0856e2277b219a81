/**
 * Publication plans (reports/data/lib/plan.ts): primary suppression of small counts, complementary
 * suppression by priority, followers and twins, and the failure that names an unclosable leak.
 */
import { describe, expect, it } from "vitest";
import { DisclosureError, Plan } from "../../../../reports/data/lib/plan";

function regions(plan: Plan, fixed = false) {
  plan.population({ id: "P", unit: "person" });
  plan.table({ population: "P", dimension: "region", cells: { A: [13], B: [10], C: [1] } });
  const total = plan.figure({ family: "m", label: "total", population: "P", value: 24, priority: 3, fixed });
  const ids = ["A", "B", "C"].map((r, i) => plan.figure({ family: "s", label: r, population: "P", dimension: "region", values: [r], value: [13, 10, 1][i], fixed }));
  return { total, ids };
}

describe("Plan", () => {
  it("suppresses small counts at once, then the next smallest part so the total cannot be subtracted down", () => {
    const plan = new Plan(5);
    const { total, ids } = regions(plan);
    plan.protect();
    expect([total, ...ids].map((i) => plan.value(i))).toEqual([24, 13, null, null]);
  });

  it("hides a figure's followers with it, and twins together", () => {
    const plan = new Plan(5);
    const { total, ids } = regions(plan);
    const twin = plan.figure({ family: "t", label: "B again", population: "P", dimension: "region", values: ["B"], value: 10 });
    plan.twins([ids[1], twin]);
    plan.follow(ids[0], [total]);
    plan.protect();
    expect(plan.value(twin)).toBeNull();
    expect(plan.value(total)).toBe(24);
  });

  it("fails naming the leak when only fixed figures could close it", () => {
    const plan = new Plan(5);
    plan.population({ id: "P", unit: "person" });
    plan.table({ population: "P", dimension: "region", cells: { A: [13], C: [2] } });
    plan.figure({ family: "m", label: "total", population: "P", value: 15, fixed: true });
    plan.figure({ family: "s", label: "A", population: "P", dimension: "region", values: ["A"], value: 13, fixed: true });
    expect(() => plan.protect()).toThrow(DisclosureError);
    expect(() => plan.protect()).toThrow(/the number of region C \(2 persons, fewer than 5\) follows from m "total" − s "A"/);
  });

  it("publishes nothing before protect", () => {
    const plan = new Plan(5);
    const { total } = regions(plan);
    expect(() => plan.value(total)).toThrow(/before protect/);
  });
});
