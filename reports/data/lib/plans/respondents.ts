/**
 * The publication plan of the survey's answers (docs/privacy.md, "Disclosure audit"): for every
 * round and 1-5 item, the population of respondents who answered it, with the answer as hub
 * (weights 1..5, so a mean times its n is a sum the audit follows), and, for the satisfaction
 * items, the same respondents split by segment (below). Figures:
 * - metrics.json: the item's n, mean (as a sum) and top-2 count, per round (headline: hidden last);
 * - satisfaction.json: the distribution of answers (small answers merged into one row first) and,
 *   for the two satisfaction items, each segment's n, mean and top-2 count (regions are sets of
 *   countries of the country table), and the groups of countries too small to publish alone;
 * - metrics.json: the Net Promoter Score (promoters − detractors as a sum over the hub
 *   promoter/passive/detractor) and the "participate again" share, per round.
 * Each item's segment population also holds copies of the other's counts of respondents, and of
 * the matched participants' respondents per country (`mirror`), so neither can be subtracted from
 * the other. Every loader that publishes a figure of it builds this same plan (with the reach
 * plan: lib/plans/survey.ts) and publishes its part of it.
 */
import type { Db } from "../../../../src/db";
import { SEGMENTS, answersBySegment, itemSummaries, likertDistributions, npsByRound, participateAgainByRound, satisfactionBySegment, type ItemSummary, type LikertItem, type Segment } from "../../../../src/metrics";
import { regionOrUnknown, UNKNOWN } from "../../../../src/metrics/base";
import { answerShareAllowed, meanAllowed, mergeSmallCells } from "../../../../src/privacy/suppress";
import { codedShare } from "../publish";
import type { Plan } from "../plan";

const ANSWERS = ["1", "2", "3", "4", "5"];
const TOP = ["4", "5"];
const SAT_ITEMS = ["program_satisfaction", "partner_satisfaction"] as const;
/** Tables of the satisfaction items: every segment but region, whose values are sets of countries. */
const TABLES = SEGMENTS.filter((s) => s !== "region");

/** Figure ids of one group's n, mean (as a sum) and top-2 count. */
export interface SummaryFigures {
  n: number;
  sum: number;
  top: number;
}

/** Where each published number of the respondents sits in a plan. */
export interface RespondentsPlan {
  /** `${round}|${item}` -> the item's margins (metrics.json) and its true summary. */
  margins: Map<string, { ids: SummaryFigures; summary: ItemSummary }>;
  /** Per round and item with n >= min: the answer rows (a merged row lists several answers). */
  distributions: { round: string; item: LikertItem; n: number; rows: { answers: number[]; id: number; count: number }[] }[];
  /** Groups of countries too small to publish alone (pooled by region, then all together): their n and top-2 count. */
  countryGroups: { round: string; item: LikertItem; key: string; label: string; countries: string[]; n: number; top: number; ids: { n: number; top: number } }[];
  /** `${round}|${item}` -> respondents whose country is known (the base of the countries' coverage shares). */
  knownCountry: Map<string, number>;
  /** Every segment value with answers, for the satisfaction items. */
  segments: { round: string; item: LikertItem; segment: Segment; value: string; ids: SummaryFigures; summary: ItemSummary }[];
  /** Per round where `recommend` was answered: n and promoters − detractors. */
  nps: Map<string, { n: number; net: number; promoters: number; detractors: number }>;
  /** Per round: n and Yes answers to "participate again". */
  again: Map<string, { n: number; yes: number }>;
  /**
   * Declares a count of a round's respondents that another population publishes (lib/plans/survey.ts:
   * the matched participants' respondents per country) in each satisfaction item's segment
   * population where that item's respondents in the same set number the same, shown exactly when
   * the original is (each hides the other).
   */
  mirror(round: string, figure: CountFigure): void;
}

/** A published count of respondents in a set of segment values (all: no dimension). */
export interface CountFigure {
  id: number;
  family: string;
  label: string;
  dimension?: string;
  values?: readonly string[];
  /** The true count. */
  value: number;
}

const popId = (round: string, item: string) => `answers ${round} ${item}`;

/** Whether a 1-5 summary's mean may be published (src/privacy/suppress.ts `meanAllowed`: n, and dominance under 2 × min). */
const meanShownWith = (min: number) => (s: ItemSummary) => meanAllowed(Math.round((s.mean ?? 0) * s.n), s.n, min);

/** Adds the respondents of every round and item (and the NPS and "participate again" answers) to `plan` (protect it afterwards). */
export async function addRespondents(db: Db, plan: Plan, min: number): Promise<RespondentsPlan> {
  const margins: RespondentsPlan["margins"] = new Map();
  const distributions: RespondentsPlan["distributions"] = [];
  const segments: RespondentsPlan["segments"] = [];
  const countryGroups: RespondentsPlan["countryGroups"] = [];
  const knownCountry: RespondentsPlan["knownCountry"] = new Map();
  const meanShown = meanShownWith(min);
  // Each item's segment tables (item -> round -> segment -> value -> [1-3, 4-5]) and the counts of
  // respondents each publishes, for the copies between the two items (`mirror`, below).
  const segmentTables = new Map<string, Map<string, Map<string, Map<string, [number, number]>>>>();
  const published: (CountFigure & { round: string; item: LikertItem })[] = [];
  // Each breakdown is read once (the country one serves the segments and the groups of countries).
  const bySegment = new Map<string, ReturnType<typeof satisfactionBySegment>>();
  const segmentRows = (segment: Segment, item: (typeof SAT_ITEMS)[number]) => {
    const k = `${segment}|${item}`;
    if (!bySegment.has(k)) bySegment.set(k, satisfactionBySegment(db, { segment, item }));
    return bySegment.get(k)!;
  };
  const dist = await likertDistributions(db);
  const counts = new Map<string, number[]>();
  for (const d of dist) {
    const k = `${d.round}|${d.item}`;
    const c = counts.get(k) ?? [0, 0, 0, 0, 0];
    c[d.answer - 1] = d.count;
    counts.set(k, c);
  }
  const summaries = await itemSummaries(db);
  for (const s of summaries) {
    const c = counts.get(`${s.round}|${s.item}`);
    if (!c || s.n === 0) continue;
    const P = popId(s.round, s.item);
    plan.population({ id: P, unit: "respondent", dominance: true, hub: { name: "answer", values: ANSWERS, weights: [1, 2, 3, 4, 5] } });
    plan.table({ population: P, dimension: "all", cells: { all: c } });
    const top = c[3] + c[4];
    const label = `${s.round} ${s.item}`;
    const n = plan.figure({ family: "metrics.json", label: `${label}: n`, population: P, value: s.n, priority: 3 });
    const sum = plan.figure({ family: "metrics.json", label: `${label}: mean`, population: P, measure: "sum", value: (s.mean ?? 0) * s.n, priority: 2 }, !meanShown(s));
    const topId = plan.figure({ family: "metrics.json", label: `${label}: top-2`, population: P, hub: TOP, value: top, priority: 2 }, !answerShareAllowed(top, s.n, min));
    plan.follow(n, [sum, topId]);
    margins.set(`${s.round}|${s.item}`, { ids: { n, sum, top: topId }, summary: s });
    // Under 2 × min the answers can only be all merged into one hidden row or all in one answer
    // (dominance: everyone's answer): no distribution.
    if (s.n < 2 * min) continue;
    const rows = mergeSmallCells(c.map((count, i) => ({ answers: [i + 1], count })), (r) => r.count, min, (count, merged) => ({ answers: [], count: count ?? 0, merged }));
    // The merged row holds the answers no kept row holds (zeros stay rows of their own).
    const kept = new Set(rows.filter((r) => r.merged === undefined).flatMap((r) => r.answers));
    const mergedAnswers = [1, 2, 3, 4, 5].filter((a) => !kept.has(a));
    distributions.push({
      round: s.round,
      item: s.item,
      n: s.n,
      rows: rows.map((r) => {
        const answers = r.merged === undefined ? r.answers : mergedAnswers;
        const count = answers.reduce((t, a) => t + c[a - 1], 0);
        const id = plan.figure({ family: "satisfaction.json", label: `${label}: answer${answers.length > 1 ? "s" : ""} ${answers.join(", ")}`, population: P, hub: answers.map(String), value: count });
        return { answers, id, count };
      }),
    });
  }
  // Segments of the satisfaction items: a second population of the same respondents whose hub is
  // only "answered 4 or 5" (what a segment row counts), with the mean as a sum of its own
  // (`sum:answer`); the fine answers stay in the population above. Splitting them keeps the
  // search small; what the segment rows say about the fine answers as a whole is their n, top-2
  // count and sum, which both populations hold: twins (Plan.twins), so when the answers'
  // population hides one, no set of segment rows may add up to it.
  for (const item of SAT_ITEMS) {
    const tables = new Map<string, Map<string, Map<string, [number, number]>>>(); // round -> segment -> value -> [1-3, 4-5]
    segmentTables.set(item, tables);
    for (const segment of TABLES) {
      for (const r of await answersBySegment(db, { segment, item })) {
        const bySeg = tables.get(r.round) ?? new Map();
        tables.set(r.round, bySeg);
        const byValue = bySeg.get(segment) ?? new Map<string, [number, number]>();
        bySeg.set(segment, byValue);
        const c = byValue.get(r.segment) ?? [0, 0];
        c[r.answer >= 4 ? 1 : 0] += r.count;
        byValue.set(r.segment, c);
      }
    }
    for (const [round, bySeg] of tables) {
      const m = margins.get(`${round}|${item}`)!;
      const P = `respondents ${round} ${item} by segment`;
      plan.population({ id: P, unit: "respondent", dominance: true, hub: { name: "top-2", values: ["no", "yes"] } });
      for (const [segment, byValue] of bySeg) plan.table({ population: P, dimension: segment, cells: Object.fromEntries(byValue) });
      const label = `${round} ${item}`;
      const s = m.summary;
      const top = Math.round((s.top2 ?? 0) * s.n);
      const twin = {
        n: plan.figure({ family: "metrics.json", label: `${label}: n`, population: P, value: s.n, priority: 3 }),
        sum: plan.figure({ family: "metrics.json", label: `${label}: mean`, population: P, measure: "sum:answer", value: (s.mean ?? 0) * s.n, priority: 2 }, !meanShown(s)),
        top: plan.figure({ family: "metrics.json", label: `${label}: top-2`, population: P, hub: ["yes"], value: top, priority: 2 }, !answerShareAllowed(top, s.n, min)),
      };
      // The same numbers in both populations: hidden together, and a hidden one must not follow
      // from the segment rows either (a row covering every respondent, `returning = first_time`
      // in a first round, or rows adding up to the whole round, would give it back).
      for (const k of ["n", "sum", "top"] as const) plan.twins([twin[k], m.ids[k]]);
      plan.follow(twin.n, [twin.sum, twin.top]);
      published.push({ round, item, id: twin.n, family: "metrics.json", label: `${label}: n`, value: s.n });
    }
    for (const segment of SEGMENTS) {
      for (const row of await segmentRows(segment, item)) {
        if (row.n === 0) continue;
        const P = `respondents ${row.round} ${item} by segment`;
        const dimension = segment === "region" ? "country" : segment;
        const values = segment === "region"
          ? [...(tables.get(row.round)?.get("country")?.keys() ?? [])].filter((k) => (k === UNKNOWN ? k : regionOrUnknown(k)) === row.segment)
          : [row.segment];
        const top = Math.round((row.top2 ?? 0) * row.n);
        const cell = `${row.round} ${item} ${segment} ${row.segment}`;
        // The share rule hides the top-2 count alone (the page may show a band instead); n and
        // mean need n >= min. Complementary suppression hides the row's cell whole.
        const base = { family: "satisfaction.json", population: P, dimension, values, cell };
        const ids = {
          n: plan.figure({ ...base, label: `${cell}: n`, value: row.n }),
          sum: plan.figure({ ...base, label: `${cell}: mean`, measure: "sum:answer", value: (row.mean ?? 0) * row.n }, !meanShown(row)),
          top: plan.figure({ ...base, label: `${cell}: top-2`, hub: ["yes"], value: top }, !answerShareAllowed(top, row.n, min)),
        };
        plan.follow(ids.n, [ids.sum, ids.top]);
        published.push({ round: row.round, item, id: ids.n, family: "satisfaction.json", label: `${cell}: n`, dimension, values, value: row.n });
        segments.push({ round: row.round, item, segment, value: row.segment, ids, summary: row });
      }
    }
  }
  // Countries too small to publish alone, pooled by region into groups (the page shows each
  // group's empirical-Bayes share, which with the published prior gives its top-2 count back):
  // a group's n and top-2 count are figures over its set of countries.
  for (const item of SAT_ITEMS) {
    const rows = await segmentRows("country", item);
    for (const round of [...new Set(rows.map((r) => r.round))]) {
      const inRound = rows.filter((r) => r.round === round && r.n > 0 && r.segment !== UNKNOWN);
      const P = `respondents ${round} ${item} by segment`;
      const count = (r: ItemSummary) => Math.round((r.top2 ?? 0) * r.n);
      const small = new Map<string, string[]>();
      for (const r of inRound) {
        if (answerShareAllowed(count(r), r.n, min)) continue;
        const region = regionOrUnknown(r.segment);
        small.set(region, [...(small.get(region) ?? []), r.segment]);
      }
      const declareGroup = (key: string, label: string, members: string[]): boolean => {
        const mine = inRound.filter((r) => members.includes(r.segment));
        const n = mine.reduce((a, r) => a + r.n, 0);
        const k = mine.reduce((a, r) => a + count(r), 0);
        const ok = answerShareAllowed(k, n, min);
        if (!ok && !codedShare(k, n, min)) return false;
        const cell = `${round} ${item} ${label}`;
        const base = { family: "satisfaction.json", population: P, dimension: "country", values: members, cell };
        const ids = { n: plan.figure({ ...base, label: `${cell}: n`, value: n }), top: plan.figure({ ...base, label: `${cell}: top-2`, hub: ["yes"], value: k }, !ok) };
        plan.follow(ids.n, [ids.top]);
        published.push({ round, item, id: ids.n, family: "satisfaction.json", label: `${cell}: n`, dimension: "country", values: members, value: n });
        countryGroups.push({ round, item, key, label, countries: [...members].sort(), n, top: k, ids });
        return true;
      };
      const known = inRound.map((r) => r.segment);
      const knownLabel = `${round} ${item}: respondents with a known country`;
      const knownValue = inRound.reduce((a, r) => a + r.n, 0);
      knownCountry.set(`${round}|${item}`, plan.figure({ family: "satisfaction.json", label: knownLabel, population: P, dimension: "country", values: known, value: knownValue, priority: 1 }));
      published.push({ round, item, id: knownCountry.get(`${round}|${item}`)!, family: "satisfaction.json", label: knownLabel, dimension: "country", values: known, value: knownValue });
      const leftover: string[] = [];
      for (const [region, members] of [...small].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (!declareGroup(`small:${region}`, `${region}: countries with few respondents`, members)) leftover.push(...members);
      }
      if (leftover.length) declareGroup("small:all", "Other countries with few respondents", leftover);
    }
  }
  // The two items' segment populations are mostly the same people: every count of respondents
  // one item publishes (a segment row's n, a group of countries, the round's n) is, when the other
  // item's respondents in the same set number the same, one number in both (an attacker may
  // assume everyone answered both). So it is declared in the other item's population too, shown
  // exactly when it is (each hides the other: `Plan.follow` both ways), and the other item's
  // audit counts it among what is known: the partner item's groups of countries cannot be
  // subtracted from the program item's. (Not `Plan.twins`: a figure hidden with its row, for its
  // mean, need not be hidden from its own population's other figures; had it followed from them,
  // its mirror would follow from theirs too.)
  const mirror = (round: string, f: CountFigure, except?: LikertItem) => {
    // A count of 1..min − 1 is hidden everywhere and no audit lets a group that small follow;
    // a count of 0 discloses nothing.
    if (f.value < min) return;
    for (const item of SAT_ITEMS) {
      if (item === except) continue;
      const tables = segmentTables.get(item)?.get(round);
      if (!tables) continue;
      const table = f.dimension ? tables.get(f.dimension) : tables.values().next().value;
      if (!table) continue;
      const values = f.values ? f.values.filter((v) => table.has(v)) : [...table.keys()];
      const units = values.reduce((a, v) => a + table.get(v)![0] + table.get(v)![1], 0);
      if (units !== f.value) continue;
      const population = `respondents ${round} ${item} by segment`;
      const copy = plan.figure({ family: f.family, label: f.label, population, value: f.value, ...(f.dimension ? { dimension: f.dimension, values } : {}) }, !plan.audit.published(f.id));
      plan.follow(f.id, [copy]).follow(copy, [f.id]);
    }
  };
  for (const f of published) mirror(f.round, f, f.item);
  // Net Promoter Score and "participate again".
  const nps = new Map<string, { n: number; net: number; promoters: number; detractors: number }>();
  for (const r of await npsByRound(db)) {
    const P = `recommenders ${r.round}`;
    const pro = Math.round(r.promoters * r.n);
    const det = Math.round(r.detractors * r.n);
    plan.population({ id: P, unit: "respondent", dominance: true, hub: { name: "answer", values: ["promoter", "passive", "detractor"], weights: [1, 0, -1] } });
    plan.table({ population: P, dimension: "all", cells: { all: [pro, r.n - pro - det, det] } });
    const n = plan.figure({ family: "metrics.json", label: `${r.round} recommend: n`, population: P, value: r.n, priority: 1 });
    const net = plan.figure({ family: "metrics.json", label: `${r.round} recommend: NPS`, population: P, measure: "sum", value: pro - det }, !meanAllowed(pro - det, r.n, min, -1, 1));
    const promoters = plan.figure({ family: "metrics.json", label: `${r.round} recommend: promoters`, population: P, hub: ["promoter"], value: pro }, !answerShareAllowed(pro, r.n, min));
    const detractors = plan.figure({ family: "metrics.json", label: `${r.round} recommend: detractors`, population: P, hub: ["detractor"], value: det }, !answerShareAllowed(det, r.n, min));
    plan.follow(n, [net, promoters, detractors]);
    nps.set(r.round, { n, net, promoters, detractors });
  }
  const again = new Map<string, { n: number; yes: number }>();
  for (const r of await participateAgainByRound(db)) {
    if (r.n === 0) continue;
    const P = `participate again ${r.round}`;
    plan.population({ id: P, unit: "respondent", dominance: true, hub: { name: "answer", values: ["yes", "other"] } });
    plan.table({ population: P, dimension: "all", cells: { all: [r.count, r.n - r.count] } });
    const n = plan.figure({ family: "metrics.json", label: `${r.round} participate again: n`, population: P, value: r.n, priority: 1 });
    const yes = plan.figure({ family: "metrics.json", label: `${r.round} participate again: yes`, population: P, hub: ["yes"], value: r.count }, !answerShareAllowed(r.count, r.n, min));
    plan.follow(n, [yes]);
    again.set(r.round, { n, yes });
  }
  return { margins, distributions, segments, countryGroups, knownCountry, nps, again, mirror };
}
