/**
 * metrics.json: the program's story across rounds (overview page, round pages): every per-round
 * metric of docs/metrics.md from `metricsDocument`, published as the publication plans of people,
 * matched participants, partnerships and respondents allow (lib/plans/: small cells and every
 * group that could be worked out by subtraction suppressed), plus the across-rounds totals and
 * round-to-round tests of satisfaction (only between rounds whose top-2 shares are published).
 */
import type { Db } from "../../../../src/db";
import { compareRounds, metricsDocument, type Proportion, type RoundMetrics } from "../../../../src/metrics";
import { displayName } from "../countries";
import { Plan } from "../plan";
import { addMatched } from "../plans/matched";
import { addPartnerships } from "../plans/partnerships";
import { addPeople } from "../plans/people";
import { addRespondents, type SummaryFigures } from "../plans/respondents";
import type { PublishedShare } from "../publish";

/** Builds and protects the plans metrics.json publishes from (the same ones the other pages use for these populations). */
async function metricsPlan(db: Db, min: number) {
  const plan = new Plan(min);
  const people = await addPeople(db, plan);
  const matched = await addMatched(db, plan, min);
  const partnerships = await addPartnerships(db, plan, min);
  const respondents = await addRespondents(db, plan, min);
  plan.protect();
  return { plan, people, matched, partnerships, respondents };
}

/** The overview's data (see module doc). */
export async function metricsData(db: Db, min: number, record: (plan: Plan) => void) {
  const doc = await metricsDocument(db);
  const { plan, people, matched, partnerships, respondents } = await metricsPlan(db, min);
  record(plan);
  const v = (id: number | undefined | null) => (id === undefined || id === null ? null : plan.value(id));
  /** A share as published: n and count from their figures, the share and interval only when both are shown. */
  const share = (p: Proportion, nId: number | null | undefined, countId: number | null | undefined): PublishedShare => {
    const n = v(nId);
    const count = v(countId);
    const ok = n !== null && count !== null && p.share !== null && n > 0;
    return { n, count: ok ? count : null, share: ok ? p.share : null, ci: ok ? p.ci : null };
  };
  const summary = (round: string, item: string) => {
    const m = respondents.margins.get(`${round}|${item}`);
    if (!m) return { n: 0, mean: null, top2: null, top2_ci: null };
    const { ids, summary: s } = m as { ids: SummaryFigures; summary: RoundMetrics["program_satisfaction"] };
    const shown = (id: number) => v(id) !== null;
    return { n: v(ids.n), mean: shown(ids.sum) ? s.mean : null, top2: shown(ids.top) ? s.top2 : null, top2_ci: shown(ids.top) ? s.top2_ci : null };
  };
  const publishRound = (r: RoundMetrics) => {
    const pr = people.perRound.get(r.round);
    const mr = matched.matched.get(r.round);
    const lc = matched.largest.get(r.round);
    const pa = partnerships.rounds.get(r.round);
    const sd = partnerships.sides.get(r.round);
    const nps = respondents.nps.get(r.round);
    const again = respondents.again.get(r.round);
    const lcShown = lc && r.largest_country && v(lc.ids.applicants) !== null && v(lc.ids.registered) !== null;
    return {
      round: r.round,
      name: r.name,
      start: r.start,
      end: r.end,
      registered: v(pr?.registered) ?? (r.registered === 0 ? 0 : null),
      participants: v(pr?.participants) ?? (r.participants === 0 ? 0 : null),
      partnerships: v(pa?.partnerships) ?? (r.partnerships === 0 ? 0 : null),
      rematches: v(pa?.rematches) ?? (r.rematches === 0 ? 0 : null),
      countries: r.countries,
      new_countries: r.new_countries,
      sectors: (mr?.sectors ?? []).map((s) => ({ key: s.key, count: v(s.id), ...(s.sectors.length > 1 || s.key !== s.sectors[0] ? { merged: s.sectors.length } : {}) })),
      largest_country: lcShown
        ? { country: r.largest_country!.country, country_name: displayName(r.largest_country!.country), share: r.largest_country!.share, cap: r.largest_country!.cap, over_cap: r.largest_country!.over_cap }
        : null,
      returning_share: share(r.returning_share, pr?.participants, pr?.returning),
      completion_rate: share(r.completion_rate, pa?.partnerships, pa?.completed),
      dissolution_rate: share(r.dissolution_rate, pa?.partnerships, pa?.dissolved),
      continued_share: share(r.continued_share, pa?.completed, pa?.continued),
      response_rate: share(r.response_rate, mr?.participants, mr?.respondents),
      program_satisfaction: summary(r.round, "program_satisfaction"),
      partner_satisfaction: summary(r.round, "partner_satisfaction"),
      outcomes: Object.fromEntries(Object.keys(r.outcomes).map((k) => [k, summary(r.round, k)])),
      nps: r.nps && nps && v(nps.n) !== null && v(nps.net) !== null ? { n: r.nps.n, score: r.nps.score } : null,
      participate_again: share(r.participate_again, again?.n, again?.yes),
      pairing: {
        partnerships: v(pa?.paired) ?? (r.pairing.partnerships === 0 ? 0 : null),
        cross_sector: share(r.pairing.cross_sector, pa?.paired, pa?.crossSector),
        cross_career: share(r.pairing.cross_career, pa?.paired, pa?.crossCareer),
        asked_any_sector: share(r.pairing.asked_any_sector, sd?.sides, sd?.askedAnySector),
        asked_different_career: share(r.pairing.asked_different_career, sd?.sides, sd?.askedDifferentCareer),
        sector_pref_met: share(r.pairing.sector_pref_met, sd?.sectorAsked, sd?.sectorMet),
        career_pref_met: share(r.pairing.career_pref_met, sd?.careerAsked, sd?.careerMet),
      },
    };
  };
  const rounds = doc.rounds.map(publishRound);
  // Round-to-round changes only between rounds whose top-2 shares are both published.
  const changes = [];
  for (const item of ["program_satisfaction", "partner_satisfaction"] as const) {
    const shown = rounds.filter((r) => r[item].top2 !== null && r[item].n !== null);
    for (let i = 1; i < shown.length; i++) {
      const c = await compareRounds(db, shown[i - 1].round, shown[i].round, item);
      changes.push({ item, a: c.a.round, b: c.b.round, diff: c.diff, ci: c.ci, p_value: c.p_value, test: c.test });
    }
  }
  return {
    min_cell: min,
    synthetic: doc.synthetic,
    rounds,
    overall: {
      rounds: doc.overall.rounds,
      registered: v(people.overall.registered),
      participants: v(people.overall.participants),
      countries: doc.overall.countries,
      partnerships: partnerships.overall === null ? 0 : v(partnerships.overall),
      to_date: doc.overall.to_date.map((t) => ({ round: t.round, participants: v(people.toDate.get(t.round)) ?? (t.participants === 0 ? 0 : null), countries: t.countries })),
    },
    changes,
  };
}
