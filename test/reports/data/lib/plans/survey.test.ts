/**
 * The privacy review's F4 (lib/plans/survey.ts): the two satisfaction items' groups of small
 * countries, and the retention page's respondents per country, were audited as three separate
 * populations although they are the same respondents. On a round of 20 (19 respondents, every one
 * answering both items), the pages published program satisfaction's "Americas: countries with few
 * respondents" {CA, US} = 9, partner satisfaction's "Other countries" {CA, IN, KE} = 7, both items'
 * n = 19 and Australia's respondents = 6 (retention.json): IN + KE = 19 − 6 − 9 = 4, and CA =
 * 7 − 4 = 3. The attacker here takes every published count of respondents by country, from all
 * three pages, as one set of equations over the countries' respondents (everyone answered both
 * items, as the attacker may assume), and tries every set of countries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../../../src/db";
import { ingest } from "../../../../../loaders/ingest";
import { regionOrUnknown } from "../../../../../src/metrics/base";
import { metricsData } from "../../../../../reports/data/lib/loaders/metrics";
import { retentionData } from "../../../../../reports/data/lib/loaders/retention";
import { satisfactionData } from "../../../../../reports/data/lib/loaders/satisfaction";
import type { Plan } from "../../../../../reports/data/lib/plan";
import { loaderAudit } from "../../../../../reports/data/lib/run";
import { DisclosureAudit } from "../../../../../src/privacy/disclosure";
import { MONTH_FIRST, freshDb, tempDir, testPseudonymiser, writeRound } from "../../../../helpers/rounds";
import { LABELS, REG_HEADER, SURVEY_HEADER } from "../../../../helpers/small-round";

/** The review's round R1: USA 6, Australia 6, Canada 3, India 3, Kenya 1, Nigeria 1 (Nigeria did not answer). */
const COUNTRIES = [...Array(6).fill("USA"), ...Array(6).fill("Australia"), ...Array(3).fill("Canada"), ...Array(3).fill("India"), "Kenya", "Nigeria"];
const CODES: Record<string, string> = { USA: "US", Australia: "AU", Canada: "CA", India: "IN", Kenya: "KE", Nigeria: "NG" };

function round() {
  const people = COUNTRIES.map((country, i) => ({ email: `r${i}@example.org`, country, sector: ["Academic", "Public"][i % 2] }));
  const reg = people.map((p, i) => `2/${1 + i}/2016 9:00:00,${p.email},Person ${i},${p.country},${p.sector},Librarian,3-5,Outreach,Any sector,No preference,,English,No`);
  const partnerships = Array.from({ length: 10 }, (_, k) => `R1-${k + 1},${people[2 * k].email},${people[2 * k + 1].email},2016-02-01,${k === 9 ? "dissolved" : "completed"},${k === 9 ? "2016-02-28" : "2016-05-31"},,${k === 9 ? "no" : "yes"}`);
  const survey = people.slice(0, 19).map((p, i) => {
    const [program, partner] = i === 18 ? [1, 1] : [3 + (i % 3), 4];
    return `5/${1 + (i % 20)}/2016 10:00:00,${p.email},${LABELS[program - 1]},${LABELS[partner - 1]},Weekly,Email,Agree,Agree,Agree,Agree,${6 + (i % 5)},Yes,Yes,`;
  });
  return {
    "round.json": JSON.stringify({ id: "R1", name: "Round R1", start: "2016-02-01", end: "2016-05-31" }),
    "mapping.json": MONTH_FIRST,
    "registrations.csv": [REG_HEADER, ...reg].join("\n") + "\n",
    "partnerships.csv": ["partnership_id,email_a,email_b,matched_on,status,ended_on,replaces,continued", ...partnerships].join("\n") + "\n",
    "survey.csv": [SURVEY_HEADER, ...survey].join("\n") + "\n",
  };
}

/** True when `target` is a linear combination of `rows` (Gaussian elimination on small integers, exact enough in doubles). */
function inSpan(rows: number[][], target: number[]): boolean {
  const basis: number[][] = [];
  const reduce = (v: number[]) => {
    const r = [...v];
    for (const b of basis) {
      const p = b.findIndex((x) => Math.abs(x) > 1e-9);
      if (Math.abs(r[p]) > 1e-9) {
        const f = r[p] / b[p];
        for (let i = 0; i < r.length; i++) r[i] -= f * b[i];
      }
    }
    return r;
  };
  for (const row of rows) {
    const r = reduce(row);
    if (r.some((x) => Math.abs(x) > 1e-9)) basis.push(r);
  }
  return reduce(target).every((x) => Math.abs(x) < 1e-9);
}

let db: Db;
beforeAll(async () => {
  const dir = tempDir();
  db = await freshDb(dir);
  await ingest(db, writeRound(dir, "R1", round()), { pseudonymise: testPseudonymiser() });
}, 120_000);
afterAll(() => db.close());

describe("respondents by country across the satisfaction and retention pages (review F4)", () => {
  it("no set of 1 to 4 respondents' countries follows from the counts the three pages publish", async () => {
    const plans: Plan[] = [];
    const sat = await satisfactionData(db, 5, (p) => plans.push(p));
    const ret = await retentionData(db, 5, (p) => plans.push(p));
    const met = await metricsData(db, 5, (p) => plans.push(p));
    // The true respondents per country: the attacker's unknowns (Nigeria's 0 is known to them).
    const truth: Record<string, number> = {};
    for (const c of COUNTRIES.slice(0, 19)) truth[CODES[c]] = (truth[CODES[c]] ?? 0) + 1;
    const codes = Object.keys(truth).sort();
    const row = (countries: readonly string[]) => codes.map((c) => (countries.includes(c) ? 1 : 0));
    const equations: number[][] = [];
    for (const s of sat.segments) {
      if (s.segment === "country") equations.push(row([s.value]));
      if (s.segment === "region") equations.push(row(codes.filter((c) => regionOrUnknown(c) === s.value)));
    }
    for (const g of sat.country_groups) equations.push(row(g.countries));
    for (const c of sat.countries) if (c.n !== null) equations.push(row([c.country]));
    for (const r of ret.response_by_country) equations.push(row([r.country]));
    const r1 = met.rounds.find((r: { round: string }) => r.round === "R1")!;
    if (r1.program_satisfaction.n !== null || r1.partner_satisfaction.n !== null) equations.push(row(codes));
    // (The old pages gave: program {CA, US} = 9, partner {CA, IN, KE} = 7, AU = 6 and n = 19.)
    const leaks: string[] = [];
    for (let mask = 1; mask < 1 << codes.length; mask++) {
      const set = codes.filter((_, i) => mask & (1 << i));
      const units = set.reduce((a, c) => a + truth[c], 0);
      if (units >= 1 && units <= 4 && inSpan(equations, row(set))) leaks.push(`${set.join("+")} = ${units}`);
    }
    expect(leaks).toEqual([]);
    // Each page's declarations, audited together, hold no leak either.
    const all = new DisclosureAudit(5);
    for (const name of ["satisfaction.json", "retention.json", "metrics.json"]) all.merge(loaderAudit(name, plans, 5));
    expect(all.audit()).toEqual([]);
  });
});
