/**
 * satisfaction.json: distributions of every 1-5 item per round (small answer cells merged); the
 * two satisfaction items by segment, each breakdown with its overall test (docs/metrics.md,
 * "Segments") and extreme groups top- or bottom-coded rather than hidden; and countries partially
 * pooled by empirical Bayes, countries too small to publish alone shown with their region's pool
 * of small countries, for the satisfaction page.
 */
import { LIKERT_ITEMS, SEGMENTS, fitBetaPrior, likertDistributions, pooledShare, regionOrUnknown, satisfactionBySegment, segmentTest, UNKNOWN, type ItemSummary, type Interval } from "../../src/metrics";
import { suppressCount } from "../../src/privacy/suppress";
import { displayName } from "./lib/countries";
import { codedShare, publishBreakdown, publishSegmentSummary, publishSummary } from "./lib/publish";
import { runLoader } from "./lib/run";

type Seg = ItemSummary & { segment: string };
const ITEMS = ["program_satisfaction", "partner_satisfaction"] as const;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

await runLoader("satisfaction.json", async (db, min) => {
  const dist = await likertDistributions(db);
  const distributions = [];
  const groups = new Map<string, { round: string; item: string; rows: { key: string; count: number }[] }>();
  for (const d of dist) {
    const id = `${d.round}|${d.item}`;
    const g = groups.get(id) ?? { round: d.round, item: d.item, rows: [] };
    g.rows.push({ key: String(d.answer), count: d.count });
    groups.set(id, g);
  }
  for (const g of groups.values()) {
    const n = g.rows.reduce((s, r) => s + r.count, 0);
    if (n < min) continue;
    const rows = publishBreakdown(g.rows, min, "merged");
    distributions.push({
      round: g.round,
      item: g.item,
      n,
      answers: rows.map((r) => ({ answer: r.key === "merged" ? "merged" : Number(r.key), count: r.count, share: r.count === null ? null : r.count / n })),
    });
  }

  const segments = [];
  const tests = [];
  let hidden = 0;
  for (const segment of SEGMENTS) {
    for (const item of ITEMS) {
      const rows = await satisfactionBySegment(db, { segment, item });
      for (const round of [...new Set(rows.map((r) => r.round))]) {
        const inRound = rows.filter((r) => r.round === round);
        const t = segmentTest(inRound);
        tests.push({ round, segment, item, groups: inRound.filter((r) => r.n > 0).length, statistic: r4(t.statistic), df: t.df, p_value: t.p_value, method: t.method, test: t.test });
      }
      for (const row of rows) {
        if (row.n < min) {
          if (row.n > 0) hidden++;
          continue;
        }
        const s = publishSegmentSummary(row, min);
        if (s.top2 === null && s.top2_band === null) {
          hidden++;
          continue;
        }
        segments.push({ round: row.round, segment, item, value: row.segment, label: segment === "country" ? displayName(row.segment) : row.segment, ...s });
      }
    }
  }

  // Countries, partially pooled (src/metrics/pooling.ts): the prior is fitted on every country of
  // the round; a country publishable on its own gets its own share and its pooled estimate; the
  // others are pooled by region into one group of small countries (all regions together when a
  // region's group is itself too small), shown with that group's pooled estimate.
  const countries = [];
  const countryGroups: { round: string; item: string; key: string; label: string; countries: string[]; n: number | null; pooled: { share: number; ci: Interval } | null; top2_band: ReturnType<typeof codedShare> }[] = [];
  const priors = [];
  const coverage = [];
  for (const item of ITEMS) {
    const rows = await satisfactionBySegment(db, { segment: "country", item });
    for (const round of [...new Set(rows.map((r) => r.round))]) {
      const inRound = rows.filter((r) => r.round === round && r.n > 0 && r.segment !== UNKNOWN);
      const count = (r: ItemSummary) => Math.round((r.top2 ?? 0) * r.n);
      const prior = fitBetaPrior(inRound.map((r) => ({ count: count(r), n: r.n })));
      if (!prior) continue;
      priors.push({ round, item, mean: r4(prior.mean), strength: r4(prior.strength), capped: prior.capped, countries: prior.groups });
      const small = new Map<string, Seg[]>();
      let own = 0;
      let pooled = 0;
      let dropped = 0;
      const total = inRound.reduce((s, r) => s + r.n, 0);
      for (const r of inRound) {
        const region = regionOrUnknown(r.segment);
        if (publishSummary(r, min).top2 !== null) {
          const eb = pooledShare(count(r), r.n, prior);
          own += r.n;
          countries.push({ round, item, country: r.segment, name: displayName(r.segment), region, n: r.n, top2: r.top2, top2_ci: r.top2_ci, pooled: { share: eb.share, ci: eb.ci, own_weight: r4(eb.own_weight) }, group: null });
        } else {
          small.set(region, [...(small.get(region) ?? []), r]);
        }
      }
      const publishGroup = (key: string, label: string, members: Seg[]) => {
        const n = members.reduce((s, r) => s + r.n, 0);
        const k = members.reduce((s, r) => s + count(r), 0);
        const summary: ItemSummary = { n, mean: null, top2: n ? k / n : null, top2_ci: null };
        const ok = publishSummary(summary, min).top2 !== null;
        const band = ok ? null : codedShare(k, n, min);
        if (!ok && !band) return false;
        const eb = pooledShare(k, n, prior);
        countryGroups.push({ round, item, key, label, countries: members.map((r) => r.segment).sort(), n: suppressCount(n, min), pooled: ok ? { share: eb.share, ci: eb.ci } : null, top2_band: band });
        for (const r of members) countries.push({ round, item, country: r.segment, name: displayName(r.segment), region: regionOrUnknown(r.segment), n: null, top2: null, top2_ci: null, pooled: null, group: key });
        pooled += n;
        return true;
      };
      const leftover: Seg[] = [];
      for (const [region, members] of [...small].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (!publishGroup(`small:${region}`, `${region}: countries with few respondents`, members)) leftover.push(...members);
      }
      if (leftover.length && !publishGroup("small:all", "Countries with few respondents in regions with too few to pool", leftover)) {
        dropped += leftover.reduce((s, r) => s + r.n, 0);
      }
      coverage.push({ round, item, respondents: total, own_estimate: r4(own / total), pooled_group: r4(pooled / total), hidden: r4(dropped / total) });
    }
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
});
