/**
 * satisfaction.json: distributions of every 1-5 item per round (small answer cells merged); the
 * two satisfaction items by segment, each breakdown with its overall test (docs/metrics.md,
 * "Segments") and extreme groups top- or bottom-coded rather than hidden; and countries partially
 * pooled by empirical Bayes, countries too small to publish alone shown with their region's pool
 * of small countries, for the satisfaction page.
 *
 * What is shown comes from the respondents' publication plan (lib/plans/respondents.ts): an
 * answer row's count is null when hidden; a segment row is published when its n and mean are (its
 * top-2 share, or the band that replaces a share hidden by the share rule); a country group when
 * its n is. A segment test is computed on what the page publishes: the published groups of the
 * breakdown and, when the item's n and top-2 count are published, the rest of the respondents as
 * one group (whose figures follow from those), so no test is a function of a hidden group.
 */
import type { Db } from "../../../../src/db";
import { LIKERT_ITEMS, fitBetaPrior, pooledShare, regionOrUnknown, segmentTest, UNKNOWN, type ItemSummary } from "../../../../src/metrics";
import { displayName } from "../countries";
import { Plan } from "../plan";
import { addSurveyReach } from "../plans/survey";
import { codedShare } from "../publish";

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The satisfaction page's data (see module doc). */
export async function satisfactionData(db: Db, min: number, record: (plan: Plan) => void) {
  const plan = new Plan(min);
  // With the matched participants' plan, whose respondents per country are tied to the segments (lib/plans/survey.ts).
  const { respondents: rp } = await addSurveyReach(db, plan, min);
  record(plan.protect());
  const v = (id: number) => plan.value(id);
  const distributions = rp.distributions.map((d) => ({
    round: d.round,
    item: d.item,
    n: d.n,
    answers: d.rows.map((r) => {
      const count = v(r.id);
      return { answer: r.answers.length > 1 ? ("merged" as const) : r.answers[0], count, share: count === null ? null : count / d.n };
    }),
  }));
  const count = (s: ItemSummary) => Math.round((s.top2 ?? 0) * s.n);
  const segments = [];
  const shownRows = new Map<string, ItemSummary[]>();
  let hidden = 0;
  for (const s of rp.segments) {
    const n = v(s.ids.n);
    const shown = v(s.ids.top) !== null;
    const band = n !== null && !shown ? codedShare(count(s.summary), s.summary.n, min) : null;
    if (n === null || v(s.ids.sum) === null || (!shown && !band)) {
      hidden++;
      continue;
    }
    segments.push({
      round: s.round, segment: s.segment, item: s.item, value: s.value, label: s.segment === "country" ? displayName(s.value) : s.value,
      n, mean: s.summary.mean, top2: shown ? s.summary.top2 : null, top2_ci: shown ? s.summary.top2_ci : null, top2_band: band,
    });
    if (shown) {
      const key = `${s.round}|${s.item}|${s.segment}`;
      shownRows.set(key, [...(shownRows.get(key) ?? []), s.summary]);
    }
  }
  // Tests of each breakdown on its published groups and, when the margins are published, the rest.
  const tests = [];
  for (const key of [...new Set(rp.segments.map((s) => `${s.round}|${s.item}|${s.segment}`))]) {
    const [round, item, segment] = key.split("|");
    const m = rp.margins.get(`${round}|${item}`);
    const rows = [...(shownRows.get(key) ?? [])];
    let rest = false;
    if (m && v(m.ids.n) !== null && v(m.ids.top) !== null) {
      const n = m.summary.n - rows.reduce((a, r) => a + r.n, 0);
      const k = count(m.summary) - rows.reduce((a, r) => a + count(r), 0);
      if (n > 0) rows.push({ n, mean: null, top2: k / n, top2_ci: null });
      rest = n > 0;
    }
    const t = segmentTest(rows);
    // `rest`: the last group is the respondents in no group with an exact share (hidden or banded).
    tests.push({ round, segment, item, groups: rows.length, rest, statistic: r4(t.statistic), df: t.df, p_value: t.p_value, method: t.method, test: t.test });
  }
  // Countries, partially pooled (src/metrics/pooling.ts): the prior is fitted on every country of
  // the round; a country published on its own gets its own share and its pooled estimate; the
  // others are shown with their group of small countries (lib/plans/respondents.ts).
  const countries = [];
  const countryGroups = [];
  const priors = [];
  const coverage = [];
  for (const [round, item] of [...new Set(rp.segments.filter((s) => s.segment === "country").map((s) => `${s.round}|${s.item}`))].map((k) => k.split("|"))) {
    const inRound = rp.segments.filter((s) => s.segment === "country" && s.round === round && s.item === item && s.value !== UNKNOWN);
    const prior = fitBetaPrior(inRound.map((s) => ({ count: count(s.summary), n: s.summary.n })));
    if (!prior) continue;
    priors.push({ round, item, mean: r4(prior.mean), strength: r4(prior.strength), capped: prior.capped, countries: prior.groups });
    const total = inRound.reduce((a, s) => a + s.summary.n, 0);
    let own = 0;
    let pooled = 0;
    const grouped = new Set<string>();
    for (const g of rp.countryGroups.filter((g) => g.round === round && g.item === item)) {
      const n = v(g.ids.n);
      if (n === null) continue;
      const ok = v(g.ids.top) !== null;
      const eb = pooledShare(g.top, g.n, prior);
      countryGroups.push({ round, item, key: g.key, label: g.label, countries: g.countries, n, pooled: ok ? { share: eb.share, ci: eb.ci } : null, top2_band: ok ? null : codedShare(g.top, g.n, min) });
      for (const c of g.countries) grouped.add(c);
      pooled += g.n;
    }
    for (const s of inRound) {
      const region = regionOrUnknown(s.value);
      const mine = s.summary;
      if (v(s.ids.n) !== null && v(s.ids.top) !== null) {
        const eb = pooledShare(count(mine), mine.n, prior);
        own += mine.n;
        countries.push({ round, item, country: s.value, name: displayName(s.value), region, n: mine.n, top2: mine.top2, top2_ci: mine.top2_ci, pooled: { share: eb.share, ci: eb.ci, own_weight: r4(eb.own_weight) }, group: null });
      } else {
        const group = countryGroups.find((g) => g.round === round && g.item === item && g.countries.includes(s.value));
        countries.push({ round, item, country: s.value, name: displayName(s.value), region, n: null, top2: null, top2_ci: null, pooled: null, group: group?.key ?? null });
      }
    }
    // Shares of a base the audit hid would give it back: then none.
    const base = v(rp.knownCountry.get(`${round}|${item}`)!);
    if (base !== null && base > 0) coverage.push({ round, item, respondents: total, own_estimate: r4(own / total), pooled_group: r4(pooled / total), hidden: r4((total - own - pooled) / total) });
  }
  return {
    min_cell: min,
    items: LIKERT_ITEMS,
    distributions,
    segments,
    segment_tests: tests,
    hidden_segments: hidden,
    countries,
    country_groups: countryGroups,
    country_priors: priors,
    country_coverage: coverage,
  };
}
