/**
 * The data loaders' own disclosure audit (reports/data/lib/run.ts `loaderAudit`): the part of its
 * plans a loader publishes, audited together; implied by a plan's own audit when each population
 * is in one plan, run again otherwise. Leaks worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { DisclosureAudit } from "../../../../src/privacy/disclosure";
import { DisclosureError, Plan } from "../../../../reports/data/lib/plan";
import { loaderAudit } from "../../../../reports/data/lib/run";

/** Regions A 10, B 1, C 10 (min 5): a plan publishing `labels` of total 21, A and C, all as the loader "x.json". */
function plan(labels: string[], protect = true): Plan {
  const p = new Plan(5);
  p.population({ id: "P", unit: "person" });
  p.table({ population: "P", dimension: "region", cells: { A: [10], B: [1], C: [10] } });
  if (labels.includes("total")) p.figure({ family: "x.json", label: "total", population: "P", value: 21, fixed: true });
  for (const r of ["A", "C"]) if (labels.includes(r)) p.figure({ family: "x.json", label: r, population: "P", dimension: "region", values: [r], value: 10, fixed: true });
  if (protect) p.protect();
  return p;
}

describe("loaderAudit", () => {
  it("returns the declarations a loader publishes, as a full audit of them does", () => {
    // total and A: total − A = B + C, 11 people, not small.
    const doc = loaderAudit("x.json", [plan(["total", "A"])], 5);
    expect(doc.figures.map((f) => [f.label, f.value])).toEqual([["total", 21], ["A", 10]]);
    expect(new DisclosureAudit(5).merge(doc).audit()).toEqual([]);
  });

  it("audits again when two plans share a population: each without a leak, together total − A − C gives B", () => {
    const one = plan(["total", "A"]);
    const two = plan(["C"]);
    expect(() => loaderAudit("x.json", [one, two], 5)).toThrow(DisclosureError);
    expect(() => loaderAudit("x.json", [one, two], 5)).toThrow(/region B \(1 person/);
  });

  it("audits again a plan with figures declared after its audit", () => {
    const p = plan(["total", "A"]);
    p.figure({ family: "x.json", label: "C", population: "P", dimension: "region", values: ["C"], value: 10 });
    expect(() => loaderAudit("x.json", [p], 5)).toThrow(/region B \(1 person/);
  });

  it("audits again at another minimum cell size than the plan's", () => {
    // At 12, total − A = B + C (11 people) is small.
    expect(() => loaderAudit("x.json", [plan(["total", "A"])], 12)).toThrow(/fewer than 12/);
  });
});
