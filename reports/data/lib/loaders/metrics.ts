/**
 * metrics.json: the program's story across rounds (overview page, round pages): every per-round
 * metric of docs/metrics.md from `metricsDocument`, published as the publication plans of people,
 * matched participants, partnerships and respondents allow (lib/plans/: small cells and every
 * group that could be worked out by subtraction suppressed): each satisfaction and outcome share
 * with its non-response-weighted figure beside it (shown with the share it corrects), the NPS with
 * its interval (only when both its shares are published: the interval's width gives them back),
 * response rates by partnership outcome; plus the across-rounds totals and the round-to-round
 * changes of satisfaction with Holm-adjusted p-values (only between rounds whose top-2 shares are
 * published).
 *
 * A round's `stage` (registered, matched, surveyed) says which figures it has: a figure without
 * data (participants before matching, a response rate before the survey) is null, as a suppressed
 * one is, so pages read the stage before a null (docs/metrics.md, "A round's stage"). Applicants
 * by sector are published for every round (small sectors merged), from the registrants' plan.
 */
import type { Db } from "../../../../src/db";
import { metricsDocument, type Proportion, type RoundMetrics, type WeightedItemSummary } from "../../../../src/metrics";
import { displayName } from "../countries";
import { Plan } from "../plan";
import type { SectorFigure } from "../plans/matched";
import { addPartnerships } from "../plans/partnerships";
import { addReach } from "../plans/reach";
import { addRespondents, type SummaryFigures } from "../plans/respondents";
import { tieRespondents } from "../plans/survey";
import type { PublishedShare } from "../publish";

/** Builds and protects the plans metrics.json publishes from (the same ones the other pages use for these populations). */
async function metricsPlan(db: Db, min: number) {
  const plan = new Plan(min);
  const { people, ...matched } = await addReach(db, plan, min);
  const partnerships = await addPartnerships(db, plan, min);
  const respondents = await addRespondents(db, plan, min);
  tieRespondents(plan, matched.matched, respondents);
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
  /** An item as published: not asked as such; else n, mean and top-2 from their figures, the weighted share with the top-2. */
  const summary = (round: string, item: string, s: WeightedItemSummary) => {
    if (!s.asked) return { ...s, weighted: null };
    const m = respondents.margins.get(`${round}|${item}`);
    if (!m) return { asked: true, n: 0, mean: null, top2: null, top2_ci: null, weighted: null };
    const { ids } = m as { ids: SummaryFigures };
    const top = v(ids.top) !== null;
    const w = s.weighted;
    return {
      asked: true, n: v(ids.n), mean: v(ids.sum) !== null ? s.mean : null, top2: top ? s.top2 : null, top2_ci: top ? s.top2_ci : null,
      weighted: top && w && w.share !== null ? { share: w.share, ci: w.ci, n_eff: Math.round(w.n_eff) } : null,
    };
  };
  /** The NPS with its interval and shares: the score when n and the net are published, each share under its figure, the interval only with both shares. */
  const publishNps = (r: RoundMetrics, ids: { n: number; net: number; promoters: number; detractors: number } | undefined) => {
    const s = r.nps;
    if (!s || !ids || v(ids.n) === null || v(ids.net) === null) return null;
    const pro = share({ n: s.n, count: Math.round(s.promoters * s.n), share: s.promoters, ci: s.promoters_ci }, ids.n, ids.promoters);
    const det = share({ n: s.n, count: Math.round(s.detractors * s.n), share: s.detractors, ci: s.detractors_ci }, ids.n, ids.detractors);
    return { n: s.n, score: s.score, ci: pro.share !== null && det.share !== null ? s.ci : null, promoters: pro, detractors: det };
  };
  /** Sector rows as published (a merged row says how many sectors it holds). */
  const sectorRows = (rows: readonly SectorFigure[]) =>
    rows.map((s) => ({ key: s.key, count: v(s.id), ...(s.sectors.length > 1 || s.key !== s.sectors[0] ? { merged: s.sectors.length } : {}) }));
  /** A share the round has data for, as published; null when it has none yet (its stage comes first). */
  const shareOf = (p: Proportion | null, nId: number | null | undefined, countId: number | null | undefined) => (p === null ? null : share(p, nId, countId));
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
      stage: r.stage,
      registered: v(pr?.registered) ?? (r.registered === 0 ? 0 : null),
      participants: r.participants === null ? null : v(pr?.participants) ?? (r.participants === 0 ? 0 : null),
      partnerships: r.partnerships === null ? null : v(pa?.partnerships) ?? (r.partnerships === 0 ? 0 : null),
      rematches: r.rematches === null ? null : v(pa?.rematches) ?? (r.rematches === 0 ? 0 : null),
      countries: r.countries,
      new_countries: r.new_countries,
      applicant_countries: r.applicant_countries,
      sectors: r.sectors === null ? null : sectorRows(mr?.sectors ?? []),
      applicant_sectors: sectorRows(matched.applicantSectors.get(r.round) ?? []),
      largest_country: lcShown
        ? { country: r.largest_country!.country, country_name: displayName(r.largest_country!.country), share: r.largest_country!.share, cap: r.largest_country!.cap, over_cap: r.largest_country!.over_cap }
        : null,
      returning_share: shareOf(r.returning_share, pr?.participants, pr?.returning),
      completion_rate: shareOf(r.completion_rate, pa?.partnerships, pa?.completed),
      dissolution_rate: shareOf(r.dissolution_rate, pa?.partnerships, pa?.dissolved),
      continued_share: shareOf(r.continued_share, pa?.completed, pa?.continued),
      response_rate: shareOf(r.response_rate, mr?.participants, mr?.respondents),
      // More survey responses than participants (a wrong file, an anonymous survey answered
      // twice): no rate, and only the fact, not the counts, is published.
      response_rate_impossible: r.response_rate_impossible != null,
      // Whether the round's survey was anonymous and which questions it asked: no personal data.
      survey: r.survey,
      program_satisfaction: summary(r.round, "program_satisfaction", r.program_satisfaction),
      partner_satisfaction: summary(r.round, "partner_satisfaction", r.partner_satisfaction),
      outcomes: Object.fromEntries(Object.entries(r.outcomes).map(([k, s]) => [k, summary(r.round, k, s)])),
      nps: publishNps(r, nps),
      participate_again: {
        ...share(r.participate_again, again?.n, again?.yes),
        weighted: again && v(again.yes) !== null && r.participate_again.weighted?.share != null
          ? { share: r.participate_again.weighted.share, ci: r.participate_again.weighted.ci, n_eff: Math.round(r.participate_again.weighted.n_eff) }
          : null,
      },
      response_by_status: r.response && mr
        ? Object.fromEntries((["completed", "failed", "active"] as const).map((k) => [k, share(r.response!.by_status[k], mr.byStatus[k]?.n, mr.byStatus[k]?.respondents)]))
        : null,
      pairing: r.pairing && {
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
  // The changes of the document, adjusted over the whole family; published only between rounds
  // whose top-2 shares are (their adjusted p-values still count the whole family).
  const shownTop = (round: string, item: string) => {
    const r = rounds.find((x) => x.round === round) as Record<string, unknown> | undefined;
    const s = r?.[item] as { top2: number | null } | undefined;
    return s !== undefined && s.top2 !== null;
  };
  const changes = doc.changes
    .filter((c) => c.n_a >= min && c.n_b >= min && shownTop(c.a, c.item) && shownTop(c.b, c.item))
    .map((c) => ({ item: c.item, a: c.a, b: c.b, diff: c.diff, ci: c.ci, p_value: c.p_value, p_adjusted: c.p_adjusted, significant: c.significant, test: c.test }));
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
    multiple_testing: doc.multiple_testing,
    weighting: { method: doc.weighting.method, note: doc.weighting.note },
  };
}
