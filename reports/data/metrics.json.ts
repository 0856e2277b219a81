/**
 * metrics.json: the program's story across rounds (overview page, round pages): every per-round
 * metric of docs/metrics.md from `metricsDocument`, published under the small-cell rules of
 * lib/publish.ts, plus the across-rounds totals and round-to-round tests of satisfaction.
 */
import { compareRounds, metricsDocument, type RoundMetrics } from "../../src/metrics";
import { suppressCount } from "../../src/privacy/suppress";
import { displayName } from "./lib/countries";
import { publishBreakdown, publishNps, publishShare, publishSummary } from "./lib/publish";
import { runLoader } from "./lib/run";

function publishRound(r: RoundMetrics, min: number) {
  const lc = r.largest_country;
  return {
    round: r.round,
    name: r.name,
    start: r.start,
    end: r.end,
    registered: suppressCount(r.registered, min),
    participants: suppressCount(r.participants, min),
    partnerships: suppressCount(r.partnerships, min),
    rematches: suppressCount(r.rematches, min),
    countries: r.countries,
    new_countries: r.new_countries,
    sectors: publishBreakdown(Object.entries(r.sectors).map(([key, count]) => ({ key, count })), min),
    largest_country:
      lc && lc.applicants >= min
        ? { country: lc.country, country_name: displayName(lc.country), share: lc.share, cap: lc.cap, over_cap: lc.over_cap }
        : null,
    returning_share: publishShare(r.returning_share, min),
    completion_rate: publishShare(r.completion_rate, min),
    dissolution_rate: publishShare(r.dissolution_rate, min),
    continued_share: publishShare(r.continued_share, min),
    response_rate: publishShare(r.response_rate, min),
    // Whether the round's survey was anonymous and which questions it asked: no personal data.
    survey: r.survey,
    program_satisfaction: publishSummary(r.program_satisfaction, min),
    partner_satisfaction: publishSummary(r.partner_satisfaction, min),
    outcomes: Object.fromEntries(Object.entries(r.outcomes).map(([k, s]) => [k, publishSummary(s, min)])),
    nps: publishNps(r.nps, min),
    participate_again: publishShare(r.participate_again, min),
    pairing: {
      partnerships: suppressCount(r.pairing.partnerships, min),
      cross_sector: publishShare(r.pairing.cross_sector, min),
      cross_career: publishShare(r.pairing.cross_career, min),
      asked_any_sector: publishShare(r.pairing.asked_any_sector, min),
      asked_different_career: publishShare(r.pairing.asked_different_career, min),
      sector_pref_met: publishShare(r.pairing.sector_pref_met, min),
      career_pref_met: publishShare(r.pairing.career_pref_met, min),
    },
  };
}

await runLoader("metrics.json", async (db, min) => {
  const doc = await metricsDocument(db);
  const surveyed = doc.rounds.filter((r) => (r.program_satisfaction.n ?? 0) >= min);
  const changes = [];
  for (let i = 1; i < surveyed.length; i++) {
    for (const item of ["program_satisfaction", "partner_satisfaction"] as const) {
      const c = await compareRounds(db, surveyed[i - 1].round, surveyed[i].round, item);
      if (c.a.n < min || c.b.n < min) continue;
      changes.push({ item, a: c.a.round, b: c.b.round, diff: c.diff, ci: c.ci, p_value: c.p_value, test: c.test });
    }
  }
  return {
    min_cell: min,
    synthetic: doc.synthetic,
    rounds: doc.rounds.map((r) => publishRound(r, min)),
    overall: {
      rounds: doc.overall.rounds,
      registered: suppressCount(doc.overall.registered, min),
      participants: suppressCount(doc.overall.participants, min),
      countries: doc.overall.countries,
      partnerships: suppressCount(doc.overall.partnerships, min),
      to_date: doc.overall.to_date,
    },
    changes,
  };
});
