/**
 * Publication plans (reports/data/lib/plan.ts): primary suppression of small counts, complementary
 * suppression by priority, followers and twins, and the failure that names an unclosable leak.
 */
import { describe, expect, it } from "vitest";
import { DisclosureError, Plan } from "../../../../reports/data/lib/plan";
import { DisclosureAudit } from "../../../../src/privacy/disclosure";

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

  // Review F2 (round "ret"): 12 people in R1, 12 in R2, 22 in all, so 2 returned. The people plan
  // hides R1's participants; the round's matched participants by sector still added up to them.
  function reach(plan: Plan) {
    plan.population({ id: "people", unit: "person" });
    plan.table({ population: "people", dimension: "path", cells: { R1: [10], "R1,R2": [2], R2: [10] } });
    const r1 = plan.figure({ family: "m", label: "R1: participants", population: "people", dimension: "path", values: ["R1", "R1,R2"], value: 12, priority: 3 });
    const r2 = plan.figure({ family: "m", label: "R2: participants", population: "people", dimension: "path", values: ["R2", "R1,R2"], value: 12, priority: 3 });
    const all = plan.figure({ family: "m", label: "all rounds: participants", population: "people", value: 22, priority: 4 });
    plan.population({ id: "matched R1", unit: "participant" });
    plan.table({ population: "matched R1", dimension: "sector", cells: { academic: [7], public: [5] } });
    const total = plan.figure({ family: "m", label: "R1: matched participants", population: "matched R1", value: 12, priority: 3 });
    const sectors = [["academic", 7], ["public", 5]].map(([k, n]) => plan.figure({ family: "s", label: `R1 sector ${k}`, population: "matched R1", dimension: "sector", values: [k as string], value: n as number }));
    return { r1, r2, all, total, sectors };
  }

  it("hides more of a twin's population until no published figures add up to the twin the other population hid (review F2)", () => {
    const plan = new Plan(5);
    const { r1, r2, all, total, sectors } = reach(plan);
    plan.twins([r1, total]);
    plan.protect();
    expect([r1, r2, all].map((i) => plan.value(i))).toEqual([null, 12, 22]);
    // Before: both sectors (7 + 5 = 12) were published, and 12 + 12 - 22 = 2 returning people.
    expect(plan.value(total)).toBeNull();
    expect(sectors.map((i) => plan.value(i))).toEqual([7, null]);
    // The build's audit of both pages' declarations agrees, and finds the leak the old plan published.
    const audit = new DisclosureAudit(5).merge(plan.documentFor("m")).merge(plan.documentFor("s"));
    expect(audit.audit()).toEqual([]);
    const doc = plan.documentFor("s");
    const old = new DisclosureAudit(5).merge(plan.documentFor("m")).merge({ ...doc, figures: doc.figures.map((f) => ({ ...f, value: f.label === "R1 sector public" ? 5 : f.value })) });
    const leaks = old.audit();
    expect(leaks.length).toBe(1);
    expect(leaks[0].group).toMatch(/the same number as m "R1: participants" of people, hidden/);
    expect(leaks[0].derivation.map((t) => t.label).sort()).toEqual(["R1 sector academic", "R1 sector public"]);
  });

  it("hides a segment row that covers every respondent when the answers' population hides the mean (review F1)", () => {
    // Round "tiny" A1: 9 answers of partner satisfaction, 2 of them 1 and 7 of them 4. With the
    // zero counts of answers 2, 3 and 5 the mean (sum 30) gives back the 2, so it is hidden; the
    // segment returning = first_time (n 9, mean 3.33) published it again.
    const plan = new Plan(5);
    plan.population({ id: "answers", unit: "respondent", hub: { name: "answer", values: ["1", "2", "3", "4", "5"], weights: [1, 2, 3, 4, 5] } });
    plan.table({ population: "answers", dimension: "all", cells: { all: [2, 0, 0, 7, 0] } });
    const n = plan.figure({ family: "metrics.json", label: "A1: n", population: "answers", value: 9, priority: 3 });
    const sum = plan.figure({ family: "metrics.json", label: "A1: mean", population: "answers", measure: "sum", value: 30, priority: 2 });
    for (const a of ["2", "3", "5"]) plan.figure({ family: "satisfaction.json", label: `A1: answer ${a}`, population: "answers", hub: [a], value: 0 });
    plan.figure({ family: "satisfaction.json", label: "A1: answers 1, 4", population: "answers", hub: ["1", "4"], value: 9 });
    plan.population({ id: "segments", unit: "respondent", hub: { name: "top-2", values: ["no", "yes"] } });
    plan.table({ population: "segments", dimension: "returning", cells: { first_time: [2, 7] } });
    const twin = {
      n: plan.figure({ family: "metrics.json", label: "A1: n", population: "segments", value: 9, priority: 3 }),
      sum: plan.figure({ family: "metrics.json", label: "A1: mean", population: "segments", measure: "sum:answer", value: 30, priority: 2 }),
    };
    const base = { family: "satisfaction.json", population: "segments", dimension: "returning", values: ["first_time"], cell: "first_time" };
    const row = { n: plan.figure({ ...base, label: "first_time: n", value: 9 }), sum: plan.figure({ ...base, label: "first_time: mean", measure: "sum:answer", value: 30 }) };
    plan.twins([twin.n, n]).twins([twin.sum, sum]);
    plan.protect();
    expect([plan.value(n), plan.value(sum), plan.value(twin.sum)]).toEqual([9, null, null]);
    expect(plan.value(row.sum)).toBeNull();
    expect(plan.value(row.n)).toBeNull(); // the row's cell goes whole
  });
});
