import { describe, expect, it } from "vitest";
import {
  coverageFinding, healthFinding, networkFinding, nextRoundReturn, outcomesFinding, reachFinding, retentionFinding, satisfactionFinding, themesFinding,
} from "../../src/findings/findings";
import { healthDoc, metricsDoc, networkDoc, retentionDoc, themesDoc } from "./fixture";

// Documents: test/findings/fixture.ts (R3 has registrations only). Wilson intervals recomputed
// here come from statsmodels 0.14 (Debian's python3-statsmodels):
//   proportion_confint(22, 92, method="wilson")   = (0.16355145893303863, 0.335621439824677)
//   proportion_confint(80, 1001, method="wilson") = (0.06468287991525196, 0.09836916912438695)
//   proportion_confint(60, 100, method="wilson")  = (0.5020025867910618, 0.6905987135675411)
//   proportion_confint(20, 46, method="wilson")   = (0.3020926277801995, 0.5775256630570502)
const metrics = metricsDoc();

describe("findings say a figure aloud, with n and interval", () => {
  it("reach: the latest round with partnerships, not the registrations-only one, and the totals to date", () => {
    const f = reachFinding(metrics);
    expect(f.sentence).toBe("Round 2 matched 1,001 people from 40 countries in 500 partnerships. In all since Round 1: 1,071 people from 41 countries.");
    expect(f.round).toBe("R2");
    expect(reachFinding(metrics, "R1").sentence).toBe("Round 1 matched 92 people from 20 countries in 46 partnerships.");
    expect(reachFinding(metrics, "R3")).toMatchObject({ available: false, sentence: "Round 3 has no partnerships yet." });
  });

  it("satisfaction: program with n and 95% CI, partner left out when suppressed", () => {
    const f = satisfactionFinding(metrics);
    expect(f.sentence).toBe("In Round 2, 86% of respondents were satisfied with the program (n = 500, 95% CI 83–89%).");
    expect(f).toMatchObject({ n: 500, ci: [0.827, 0.887] });
    expect(satisfactionFinding(metrics, "R1").sentence).toBe("In Round 1, 90% of respondents were satisfied with the program (n = 50, 95% CI 79–96%); 80% (n = 49, 95% CI 67–89%) with their partner.");
    expect(satisfactionFinding(metrics, "R3").available).toBe(false);
  });

  it("outcomes: the statement most agreed with, then the fewest", () => {
    expect(outcomesFinding(metrics).sentence).toBe("In Round 2, 72% of respondents said they gained confidence (n = 480, 95% CI 68–76%); the fewest, 70%, gained new ideas.");
  });

  it("retention: next-round return of the first and latest cohorts, intervals from the published counts", () => {
    const next = nextRoundReturn(retentionDoc(), ["R1", "R2", "R3"]);
    expect(next.map((c) => [c.cohort, c.round, c.n, c.retained])).toEqual([["R1", "R2", 92, 22], ["R2", "R3", 1001, 80]]);
    expect(next[0].ci![0]).toBeCloseTo(0.16355145893303863, 12);
    expect(next[1].ci![1]).toBeCloseTo(0.09836916912438695, 12);
    expect(retentionFinding(retentionDoc(), metrics).sentence).toBe(
      "Return in the very next round fell from 24% of those first matched in Round 1 (n = 92, 95% CI 16–34%) to 8% of those first matched in Round 2 (n = 1,001, 95% CI 6–10%).",
    );
    expect(retentionFinding({ cohorts: [] }, metrics).available).toBe(false);
  });

  it("coverage: countries, new countries, the largest country against the cap", () => {
    expect(coverageFinding(metrics).sentence).toBe("40 countries took part in Round 2, 21 of them for the first time; its largest country, Australia, held 18% of applicants, under the 20% cap.");
    expect(coverageFinding(metrics, "R1").sentence).toContain("United States, held 25% of applicants, over the 20% cap");
  });

  it("health: thriving share with its interval, then the at-risk and failed shares that are published", () => {
    const f = healthFinding(healthDoc(), metrics);
    expect(f.sentence).toBe("In Round 2, 60% of 100 partnerships were thriving (95% CI 50–69%); 10% at risk and 10% failed.");
    expect(f.ci![0]).toBeCloseTo(0.5020025867910618, 12);
    expect(healthFinding(healthDoc(), metrics, "R1").sentence).toBe("In Round 1, 43% of 46 partnerships were thriving (95% CI 30–58%).");
  });

  it("health: a round whose only published classes are empty ones says nothing (not \"0% thriving\" above an empty chart)", () => {
    // A small round: nobody thriving (0 is published), every other class suppressed.
    const small = { classes: ["thriving", "ok", "at_risk", "failed"].map((health, k) => ({ round: "R2", health, count: k === 0 ? 0 : null, share: k === 0 ? 0 : null, partnerships: 11 })) };
    expect(healthFinding(small, metrics, "R2").available).toBe(false);
    expect(healthFinding(small, metrics).available).toBe(false);
  });

  it("themes: the most common published theme, then the next", () => {
    expect(themesFinding(themesDoc(), metrics).sentence).toBe("The most common theme in Round 2's comments was gratitude: 38% of commenting respondents (n = 120, 95% CI 29–47%), then new ideas (25%).");
  });

  it("themes: a theme nobody mentioned is never the most common, nor the next", () => {
    const doc = themesDoc();
    // Round 2 with only gratitude above 0 and a published 0: no "then ... (0%)".
    doc.rounds[0].themes[0] = { theme: "new_ideas", n: 120, count: 0, share: 0, ci: [0, 0.031] };
    expect(themesFinding(doc, metrics).sentence).toBe("The most common theme in Round 2's comments was gratitude: 38% of commenting respondents (n = 120, 95% CI 29–47%).");
    // A small round: the themes mentioned are suppressed (1-4 comments each), the rest published as 0.
    const small = { codebook: doc.codebook, rounds: [{ round: "R2", n: 5, themes: [
      { theme: "new_ideas", n: 5, count: 0, share: 0, ci: [0, 0.43] as [number, number] },
      { theme: "gratitude", n: 5, count: null, share: null, ci: null },
    ] }] };
    expect(themesFinding(small, metrics, "R2").available).toBe(false);
  });

  it("network: countries and pairs to date, new pairs, cross-region share", () => {
    expect(networkFinding(networkDoc(), metrics).sentence).toBe(
      "By Round 2 the program had linked 41 countries through 120 country pairs; 90 pairs met for the first time that round. 75% of its partnerships crossed world regions (n = 500, 95% CI 70–80%).",
    );
  });

  it("never writes undefined, NaN or Infinity, whatever is missing", () => {
    const empty = { ...metrics, rounds: [metrics.rounds[2]] };
    const all = [
      reachFinding(empty), satisfactionFinding(empty), outcomesFinding(empty), retentionFinding({ cohorts: [] }, empty), coverageFinding(empty),
      healthFinding({ classes: [] }, empty), themesFinding({ codebook: [], rounds: [] }, empty), networkFinding({ rounds: [], countries: [] }, empty),
    ];
    for (const f of all) expect(f.sentence).not.toMatch(/undefined|NaN|Infinity|null/);
    expect(all.filter((f) => f.available).map((f) => f.id)).toEqual([]);
  });
});

describe("the overview's sentence", () => {
  it("everyone matched to date and the latest satisfaction", async () => {
    const { overviewFinding } = await import("../../src/findings/findings");
    expect(overviewFinding(metricsDoc()).sentence).toBe(
      "Since Round 1, ILN has matched 1,071 people from 45 countries in 546 partnerships; in Round 2, 86% of respondents were satisfied with the program (n = 500, 95% CI 83–89%).",
    );
    expect(overviewFinding({ ...metricsDoc(), rounds: [metricsDoc().rounds[2]] }).available).toBe(false);
  });
});
