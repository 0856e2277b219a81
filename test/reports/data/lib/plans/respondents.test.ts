/**
 * The privacy review's F5 (lib/plans/respondents.ts, matched.ts; src/privacy/suppress.ts
 * `dominated`, `meanAllowed`): on a round of 30 where Germany's 5 participants all answered the
 * survey, all rating the program 1 ("very dissatisfied"), and none of Mexico's 5 answered, the pages
 * published "Germany: n 5, mean 1, top-2 0%", the same for the "Monthly" contact group, and on the
 * retention page "Mexico 0 of 5" and "Germany 5 of 5": anyone who knows one German participant
 * learned their answer. Now no group of fewer than 10 (2 x min) is published with a share of 0% or
 * 100% or a mean at or one point from an end of the scale, nor is one left over when a breakdown's
 * rows are subtracted from the round's figures (the audit's dominance search, `PopulationSpec.dominance`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../../../src/db";
import { ingest } from "../../../../../loaders/ingest";
import { metricsData } from "../../../../../reports/data/lib/loaders/metrics";
import { retentionData } from "../../../../../reports/data/lib/loaders/retention";
import { satisfactionData } from "../../../../../reports/data/lib/loaders/satisfaction";
import { MONTH_FIRST, freshDb, tempDir, testPseudonymiser, writeRound } from "../../../../helpers/rounds";
import { LABELS, REG_HEADER, SURVEY_HEADER } from "../../../../helpers/small-round";

const AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

/** The review's round "five": Mexico 5 (no respondent), Germany 5 (all answering 1), USA 10, Australia 10. */
function round() {
  const countries = [...Array(5).fill("Mexico"), ...Array(5).fill("Germany"), ...Array(10).fill("USA"), ...Array(10).fill("Australia")];
  const people = countries.map((country, i) => ({ email: `f${i}@example.org`, country, sector: i < 5 ? "Public" : i < 10 ? "Academic" : ["Academic", "Public"][i % 2] }));
  const reg = people.map((p, i) => `3/${1 + (i % 20)}/2017 9:00:00,${p.email},Person ${i},${p.country},${p.sector},Librarian,3-5,Outreach,Any sector,No preference,,English,No`);
  const partnerships = Array.from({ length: 15 }, (_, k) => `F1-${k + 1},${people[k].email},${people[29 - k].email},2017-03-01,completed,2017-06-30,,yes`);
  const survey = people.slice(5).map((p, j) => {
    const german = j < 5;
    const [program, partner, freq, agree, nps, again] = german ? [1, 2, "Monthly", 2, 2, "No"] : [4 + (j % 2), 4, "Weekly", 4, 8, "Yes"];
    return `6/${1 + (j % 20)}/2017 10:00:00,${p.email},${LABELS[program - 1]},${LABELS[(partner as number) - 1]},${freq},Email,${AGREE[agree as number - 1]},${AGREE[agree as number - 1]},${AGREE[agree as number - 1]},${AGREE[agree as number - 1]},${nps},${again},${again},`;
  });
  return {
    "round.json": JSON.stringify({ id: "F1", name: "Round F1", start: "2017-03-01", end: "2017-06-30" }),
    "mapping.json": MONTH_FIRST,
    "registrations.csv": [REG_HEADER, ...reg].join("\n") + "\n",
    "partnerships.csv": ["partnership_id,email_a,email_b,matched_on,status,ended_on,replaces,continued", ...partnerships].join("\n") + "\n",
    "survey.csv": [SURVEY_HEADER, ...survey].join("\n") + "\n",
  };
}

let db: Db;
beforeAll(async () => {
  const dir = tempDir();
  db = await freshDb(dir);
  await ingest(db, writeRound(dir, "F1", round()), { pseudonymise: testPseudonymiser() });
}, 120_000);
afterAll(() => db.close());

describe("groups of 5 who all answered alike (review F5)", () => {
  it("publishes no share of 0% or 100% and no mean at or one point from an end for a group of fewer than 10", async () => {
    const sat = await satisfactionData(db, 5, () => {});
    const ret = await retentionData(db, 5, () => {});
    const met = await metricsData(db, 5, () => {});
    const problems: string[] = [];
    const small = (n: number | null): n is number => n !== null && n > 0 && n < 10;
    for (const s of sat.segments) {
      if (!small(s.n)) continue;
      if (s.top2 === 0 || s.top2 === 1) problems.push(`${s.item} ${s.segment} ${s.value}: top-2 ${s.top2} of ${s.n}`);
      const sum = Math.round((s.mean ?? 3) * s.n);
      if (s.mean !== null && (sum - s.n <= 1 || 5 * s.n - sum <= 1)) problems.push(`${s.item} ${s.segment} ${s.value}: mean ${s.mean} of ${s.n}`);
    }
    for (const d of sat.distributions) {
      if (d.n < 10 && d.answers.some((a: { count: number | null }) => a.count === d.n)) problems.push(`${d.item}: every answer alike`);
    }
    for (const r of ret.response_by_country) if (small(r.n) && (r.count === 0 || r.count === r.n)) problems.push(`response ${r.country}: ${r.count} of ${r.n}`);
    // By subtraction: the round's n and top-2 count minus a breakdown's rows with an exact share
    // leave the rest (Europe alone, when the Americas and Oceania rows are both shown).
    const f1 = met.rounds.find((r: { round: string }) => r.round === "F1")!;
    for (const item of ["program_satisfaction", "partner_satisfaction"] as const) {
      const m = f1[item];
      if (m.n === null || m.top2 === null) continue;
      for (const segment of ["country", "region", "sector", "career_stage", "returning", "contact_frequency"]) {
        const rows = sat.segments.filter((s) => s.item === item && s.segment === segment && s.top2 !== null);
        const n = m.n - rows.reduce((a, s) => a + s.n, 0);
        const top = Math.round(m.top2 * m.n) - rows.reduce((a, s) => a + Math.round(s.top2! * s.n), 0);
        if (small(n) && (top === 0 || top === n)) problems.push(`${item} by ${segment}: the rest, ${top} of ${n}`);
      }
    }
    expect(problems).toEqual([]);
    // The page still says something of the German group: its n, with a band instead of 0%.
    const de = sat.segments.find((s) => s.item === "partner_satisfaction" && s.segment === "country" && s.value === "DE");
    expect(de?.n).toBe(5);
    expect(de?.top2).toBeNull();
    expect(de?.top2_band).toEqual({ bound: "below", value: 0.85 });
    // The round's headline figures are untouched (25 respondents, two answers).
    expect(f1.program_satisfaction.n).toBe(25);
    expect(f1.program_satisfaction.mean).not.toBeNull();
  });
});
