/**
 * metrics.json: the program's story across rounds (overview page, round pages): every per-round
 * metric of docs/metrics.md from `metricsDocument`, published under the small-cell rules of
 * lib/publish.ts: each satisfaction and outcome share with its non-response-weighted figure
 * beside it, the NPS with its interval, response rates by partnership outcome; plus the
 * across-rounds totals and the round-to-round changes of satisfaction with Holm-adjusted p-values.
 */
import { metricsDocument, type RoundMetrics, type WeightedItemSummary } from "../../src/metrics";
import { suppressCount } from "../../src/privacy/suppress";
import { displayName } from "./lib/countries";
import { publishBreakdown, publishNpsFull, publishShare, publishSummary, publishWeighted } from "./lib/publish";

import { runLoader } from "./lib/run";

const withWeighted = (s: WeightedItemSummary, min: number) => {
  const { weighted, ...item } = s;
  return { ...publishSummary(item, min), weighted: publishWeighted(weighted, item, min) };
};

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
    program_satisfaction: withWeighted(r.program_satisfaction, min),
    partner_satisfaction: withWeighted(r.partner_satisfaction, min),
    outcomes: Object.fromEntries(Object.entries(r.outcomes).map(([k, s]) => [k, withWeighted(s, min)])),
    nps: publishNpsFull(r.nps, min),
    participate_again: {
      ...publishShare(r.participate_again, min),
      weighted: publishWeighted(r.participate_again.weighted, { n: r.participate_again.n, mean: null, top2: r.participate_again.share, top2_ci: null }, min),
    },
    response_by_status: r.response
      ? { completed: publishShare(r.response.by_status.completed, min), failed: publishShare(r.response.by_status.failed, min), active: publishShare(r.response.by_status.active, min) }
      : null,
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
  // The changes of the document, adjusted over the whole family; those between rounds with fewer
  // than `min` answers are not published (their adjusted p-values still count the whole family).
  const changes = doc.changes
    .filter((c) => c.n_a >= min && c.n_b >= min)
    .map((c) => ({ item: c.item, a: c.a, b: c.b, diff: c.diff, ci: c.ci, p_value: c.p_value, p_adjusted: c.p_adjusted, significant: c.significant, test: c.test }));
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
    multiple_testing: doc.multiple_testing,
    weighting: { method: doc.weighting.method, note: doc.weighting.note },
  };
});
