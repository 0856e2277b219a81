/**
 * What the matching page may publish (docs/matching.md and docs/privacy.md): replay summaries as
 * aggregates with small cells suppressed, and, for synthetic or internal builds only, a round's
 * pool as the minimal per-person records the matcher needs, with the sentence that says which
 * of the two a build carries and why. Pure functions; `reports/data/matching.json.ts` calls them.
 *
 * Privacy decision: a pool's per-person records (country, sector, years of experience,
 * interests, languages, preferences) are microdata: even without names, emails or pseudonyms a
 * person from a small country or sector can be recognised from them. So they are published only
 * when every round of the database is synthetic, or when `ILN_INTERNAL_BUILD=1` marks a build
 * for coordinators' eyes only; a published build of real data carries aggregates only, and the
 * page then shows the precomputed replays without live controls.
 */
import type { FeatureName } from "../../../src/matching/features";
import type { PredictionModel } from "../../../src/matching/fit";
import type { GroupQuality, MatchingQuality, Preference, Principle } from "../../../src/matching/quality";
import type { ReplayReport } from "../../../src/matching/replay";
import type { RoundReplay } from "../../../src/matching/replay-rounds";
import type { RoundData } from "../../../src/matching/round-data";
import type { PoolPerson } from "../../../src/matching/score";
import type { Weights } from "../../../src/matching/weights";
import { PRINCIPLES } from "../../../src/matching/quality";
import { suppressCount } from "../../../src/privacy/suppress";
import { Plan } from "./plan";

/**
 * Whether per-person pool records may be published: every round synthetic (and at least one
 * round), or `ILN_INTERNAL_BUILD` is "1" in `env`.
 */
export function livePoolsAllowed(rounds: readonly { synthetic: boolean }[], env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.ILN_INTERNAL_BUILD === "1") return true;
  return rounds.length > 0 && rounds.every((r) => r.synthetic === true);
}

/**
 * The publication policy of a build: whether it carries per-person pools for live re-matching
 * ({@link livePoolsAllowed}), and the sentence saying why, which the page data carries.
 */
export function livePolicy(rounds: readonly { synthetic: boolean }[], env: Readonly<Record<string, string | undefined>>): { live: boolean; reason: string } {
  if (!livePoolsAllowed(rounds, env)) {
    return {
      live: false,
      reason: "real data: per-person pool records are microdata that could re-identify people from small countries or sectors, so this published build carries aggregates only",
    };
  }
  return {
    live: true,
    reason:
      env.ILN_INTERNAL_BUILD === "1"
        ? "internal build (ILN_INTERNAL_BUILD=1): per-person pool records included; do not publish this build"
        : "every round is synthetic: per-person pool records of generated people are included for live re-matching",
  };
}

/** Target size of the smaller live pool (the in-browser re-match benchmark uses 800 people). */
export const SMALL_POOL = 800;

/**
 * Size of the pool the matching page opens on (reports/components/livePools.js, OPENING_SIZE):
 * small enough that its first re-match, with the browser's engine still cold, answers in under
 * 300 ms.
 */
export const OPENING_POOL = 400;

/**
 * The rounds whose pools a live build publishes: the latest round, and the rounds whose sizes are
 * closest to {@link SMALL_POOL} and to {@link OPENING_POOL} (fewer when one round is several of
 * these). Rounds without registrations are never chosen.
 * @param rounds every round in start order, with its number of registrations.
 */
export function livePoolRounds(rounds: readonly { round: string; registered: number }[]): Set<string> {
  const out = new Set<string>();
  if (!rounds.length) return out;
  out.add(rounds[rounds.length - 1].round);
  for (const size of [SMALL_POOL, OPENING_POOL]) {
    const near = rounds.filter((r) => r.registered > 0).sort((a, b) => Math.abs(a.registered - size) - Math.abs(b.registered - size))[0];
    if (near) out.add(near.round);
  }
  return out;
}

const small = (c: number, min: number): boolean => c > 0 && c < min;

/**
 * A share `share` of a base of `n` units, or null when it could reveal a small count: when
 * n < min, or the count it stands for (round(share * n)) or its complement is 1..min-1.
 */
export function publishedShare(share: number | null, n: number, min: number): number | null {
  if (share === null || n < min) return null;
  const k = Math.round(share * n);
  return small(k, min) || small(n - k, min) ? null : share;
}

/** A published group of a breakdown (world region, sector, career stage). */
export interface PublishedGroup {
  group: string;
  /** People of the group in the pool; null when small (or hidden so a small one cannot be worked out). */
  people: number | null;
  /** Matched and unmatched people; null when small or when the group is hidden. */
  matched: number | null;
  unmatched: number | null;
  /** Mean pair score of the group's matched people, points; null unless at least `min` matched. */
  mean_score: number | null;
  principles: Record<Principle, number | null>;
  /** Share of those who stated the preference whose preference is met. */
  preferences: Record<Preference, number | null>;
  /** Mean predicted completion (a PREDICTION); null unless at least `min` matched. */
  predicted_completion: number | null;
}

const BREAKDOWNS = ["region", "sector", "stage"] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

/** Figure ids of one group: its people, matched and unmatched counts, and sums over its matched people. */
interface GroupIds {
  people: number;
  matched: number;
  unmatched: number;
  score: number;
  predicted: number;
  principles: Record<Principle, number>;
}

/** Figure ids of a matching: its totals and its groups. */
interface QualityIds {
  people: number;
  /** The matched people (twice the pairs), declared so that people minus pairs cannot give back a hidden unmatched count. */
  matched: number | null;
  unmatched: number | null;
  groups: Record<Breakdown, GroupIds[]>;
}

/**
 * Declares a matching in `plan` (docs/privacy.md, "Disclosure audit"): the pool's people of one
 * matching as a population whose hub is "matched in it", one table per breakdown (region, sector,
 * career stage), and per group its people, matched and unmatched counts and, over its matched
 * people, the sums behind the mean score, the mean predicted completion and each principle's
 * share (`sum:NAME`). The pool's people are published as a total; with `totals`, so are its
 * unmatched and the person-level sums (twice the pairs' sums: a pair counts for both partners).
 * Preference shares, whose base (who stated one) is not published, are not linear figures: they
 * keep the share rule only.
 */
function addMatching(plan: Plan, id: string, groups: Record<Breakdown, readonly GroupQuality[]>, min: number, totals?: { people: number; unmatched: number; sums: Partial<Record<string, number>> }): QualityIds {
  plan.population({ id, unit: "person", hub: { name: "matched", values: ["yes", "no"] } });
  for (const b of BREAKDOWNS) if (groups[b].length) plan.table({ population: id, dimension: b, cells: Object.fromEntries(groups[b].map((g) => [g.group, [g.matched, g.unmatched]])) });
  const family = "matching.json";
  const everyone = groups.region.reduce((a, g) => a + g.people, 0);
  const people = plan.figure({ family, label: `${id}: people`, population: id, value: totals?.people ?? everyone, priority: 4, fixed: totals === undefined });
  let unmatched: number | null = null;
  let matched: number | null = null;
  if (totals) {
    unmatched = plan.figure({ family, label: `${id}: unmatched`, population: id, hub: ["no"], value: totals.unmatched, priority: 2 });
    matched = plan.figure({ family, label: `${id}: matched (twice the pairs)`, population: id, hub: ["yes"], value: totals.people - totals.unmatched, priority: 3 });
    for (const [name, value] of Object.entries(totals.sums)) {
      if (value !== undefined) plan.figure({ family, label: `${id}: ${name}`, population: id, hub: ["yes"], measure: `sum:${name}`, value, priority: 2 });
    }
  }
  const out = {} as Record<Breakdown, GroupIds[]>;
  for (const b of BREAKDOWNS) {
    out[b] = groups[b].map((g) => {
      const cell = `${id} ${b} ${g.group}`;
      const base = { family, population: id, dimension: b, values: [g.group], cell };
      const sum = (name: string, per: number | null, hidden = false) =>
        plan.figure({ ...base, label: `${cell}: ${name}`, hub: ["yes"], measure: `sum:${name}`, value: per === null ? null : per * g.matched }, hidden || g.matched < min || per === null);
      return {
        people: plan.figure({ ...base, label: `${cell}: people`, value: g.people }),
        matched: plan.figure({ ...base, label: `${cell}: matched`, hub: ["yes"], value: g.matched }),
        unmatched: plan.figure({ ...base, label: `${cell}: unmatched`, hub: ["no"], value: g.unmatched }),
        score: sum("score", g.mean_score),
        predicted: sum("predicted", g.predicted_completion),
        principles: Object.fromEntries(PRINCIPLES.map((k) => [k, sum(k, g.principles[k], publishedShare(g.principles[k], g.matched, min) === null)])) as Record<Principle, number>,
      };
    });
  }
  return { people, matched, unmatched, groups: out };
}

/** A group as published: its figures' values while its people are shown, its preference shares under the share rule. */
function groupOf(plan: Plan, g: GroupQuality, ids: GroupIds, min: number): PublishedGroup {
  const shown = plan.shown(ids.people);
  const v = (id: number) => (shown ? plan.value(id) : null);
  const pf = (k: Preference) => (shown ? publishedShare(g.preferences[k].share, g.preferences[k].stated, min) : null);
  return {
    group: g.group,
    people: v(ids.people),
    matched: v(ids.matched),
    unmatched: v(ids.unmatched),
    mean_score: v(ids.score) === null ? null : g.mean_score,
    principles: Object.fromEntries(PRINCIPLES.map((k) => [k, v(ids.principles[k]) === null ? null : g.principles[k]])) as Record<Principle, number | null>,
    preferences: { sector_pref: pf("sector_pref"), career_pref: pf("career_pref"), country_pref: pf("country_pref") },
    predicted_completion: v(ids.predicted) === null ? null : g.predicted_completion,
  };
}

/**
 * Publishes one breakdown whose total of people is published elsewhere: a plan of its own
 * (`addMatching`) with complementary suppression, so no hidden group can be worked out from the
 * total. Minimum scores are not published per group (one pair's value).
 * @throws RangeError when `min` < 1; DisclosureError when a leak cannot be closed.
 */
export function publishGroups(groups: readonly GroupQuality[], min: number): PublishedGroup[] {
  const plan = new Plan(min);
  const ids = addMatching(plan, "breakdown", { region: groups, sector: [], stage: [] }, min);
  plan.protect();
  return groups.map((g, i) => groupOf(plan, g, ids.groups.region[i], min));
}

/** A matching's quality as published (no country breakdown: most countries are small cells). */
export interface PublishedQuality {
  /** People in the pool; null only when the audit must hide it. */
  people: number | null;
  /** Pairs made; null when the audit hides the matched people (else people minus them would give back a small unmatched count). */
  pairs: number | null;
  /** People left unmatched; null when 1..min-1 (or hidden so that no small group can be worked out). */
  unmatched: number | null;
  /** Total points; null with `pairs` (with the mean it would give them back). */
  total: number | null;
  mean: number | null;
  min: number | null;
  principles: Record<Principle, number | null>;
  preferences: Record<Preference, number | null>;
  /** Pairs breaking a hard rule; null when 1..min-1. */
  violations: number | null;
  /** Mean predicted completion over pairs (a PREDICTION of the fitted model). */
  predicted_completion: number | null;
  breakdowns: { region: PublishedGroup[]; sector: PublishedGroup[]; stage: PublishedGroup[] };
}

/** Declares a matching's quality in `plan`: its totals and its breakdowns (`addMatching`). */
function addQuality(plan: Plan, id: string, q: MatchingQuality, min: number): QualityIds {
  const sums: Partial<Record<string, number>> = {};
  if (q.violations.total === 0 && q.pairs > 0) sums.score = 2 * q.total;
  if (q.predicted_completion !== null) sums.predicted = 2 * q.predicted_completion * q.pairs;
  for (const k of PRINCIPLES) if (q.principles[k] !== null) sums[k] = 2 * Math.round((q.principles[k] as number) * q.pairs);
  return addMatching(plan, id, q.breakdowns, min, { people: q.people, unmatched: q.unmatched, sums });
}

function qualityOf(plan: Plan, q: MatchingQuality, ids: QualityIds, min: number): PublishedQuality {
  const sh = (s: number | null) => publishedShare(s, q.pairs, min);
  const paired = ids.matched === null || plan.shown(ids.matched);
  return {
    people: plan.value(ids.people),
    pairs: paired ? q.pairs : null,
    unmatched: ids.unmatched === null ? null : plan.value(ids.unmatched),
    total: paired ? q.total : null,
    mean: q.mean,
    min: q.min,
    principles: { another_country: sh(q.principles.another_country), similar_sector: sh(q.principles.similar_sector), different_stage: sh(q.principles.different_stage) },
    preferences: { sector_pref: sh(q.preferences.sector_pref), career_pref: sh(q.preferences.career_pref), country_pref: sh(q.preferences.country_pref) },
    violations: suppressCount(q.violations.total, min),
    predicted_completion: q.predicted_completion,
    breakdowns: {
      region: q.breakdowns.region.map((g, i) => groupOf(plan, g, ids.groups.region[i], min)),
      sector: q.breakdowns.sector.map((g, i) => groupOf(plan, g, ids.groups.sector[i], min)),
      stage: q.breakdowns.stage.map((g, i) => groupOf(plan, g, ids.groups.stage[i], min)),
    },
  };
}

/**
 * Publishes a quality summary on its own (a plan of one matching): totals (people, pairs, scores)
 * as they are unless the audit must hide them, small counts of unmatched people and violations
 * suppressed, shares checked against the number of pairs, breakdowns audited.
 * @throws RangeError when `min` < 1; DisclosureError when a leak cannot be closed.
 */
export function publishQuality(q: MatchingQuality, min: number): PublishedQuality {
  const plan = new Plan(min);
  const ids = addQuality(plan, "matching", q, min);
  plan.protect();
  return qualityOf(plan, q, ids, min);
}

/** A replay as published. */
export interface PublishedReplay {
  weights: "default" | "fitted";
  historical: PublishedQuality & { observed_completion_rate: number | null; observed_ended: number | null };
  replayed: PublishedQuality;
  /** Replayed pairs that are historical pairs, and the share of replayed pairs they are. */
  same_pairs: number | null;
  share_same: number | null;
  pairs_changed: number | null;
  /** Predicted completed partnerships of both matchings and the gain with its 95% interval (PREDICTIONS); null without a model. */
  predicted_gain: ReplayReport["predicted_gain"];
  /** Placements of people the historical matching did not place (none with the default like-for-like pool); counts suppressed when small. */
  extra_placements: { people: number | null; pairs: number | null; score: number | null };
}

/**
 * Publishes a replay report (`replayPool`) as aggregates, under one publication plan of the
 * historical and the replayed matching (each a population of the pool's people whose hub is
 * "matched in it", `addMatching`), protected and audited before anything is returned: the replay
 * cache stores only this result, so a replay read from the cache was audited when it was made
 * (the cache key holds the code). The observed completion rate of the historical pairs passes the
 * share rule on the ended ones.
 * @throws RangeError when `min` < 1; DisclosureError when a leak cannot be closed.
 */
export function publishReplay(r: ReplayReport, which: "default" | "fitted", min: number): PublishedReplay {
  const obs = r.historical.observed;
  const plan = new Plan(min);
  const hist = addQuality(plan, `${r.round} historical matching`, r.historical, min);
  const rep = addQuality(plan, `${r.round} ${which} replay`, r.replayed, min);
  plan.protect();
  const replayed = qualityOf(plan, r.replayed, rep, min);
  // The replayed pairs split into kept and changed ones: both are shown or neither (with the
  // pairs, one would give the other back), and only beside the pairs (else they would add up to them).
  const split = replayed.pairs !== null && !small(r.overlap.same_pairs, min) && !small(r.pairs_changed, min);
  // Extra placements: people are twice the pairs, so both or neither.
  const ex = r.extra_placements;
  const extra = !small(ex.people, min) && !small(ex.pairs, min);
  return {
    weights: which,
    historical: {
      ...qualityOf(plan, r.historical, hist, min),
      observed_completion_rate: publishedShare(obs.completion_rate, obs.ended, min),
      observed_ended: suppressCount(obs.ended, min),
    },
    replayed,
    same_pairs: split ? r.overlap.same_pairs : null,
    share_same: split ? publishedShare(r.overlap.share_of_replayed, r.replayed.pairs, min) : null,
    pairs_changed: split ? r.pairs_changed : null,
    predicted_gain: r.predicted_gain,
    extra_placements: { people: extra ? ex.people : null, pairs: extra ? ex.pairs : null, score: extra ? ex.score : null },
  };
}

/** One round's replays as the page gets them: under the default weights and under weights fitted on the other rounds. */
export interface PublishedRoundReplays {
  round: string;
  name: string;
  synthetic: boolean;
  /** People in the round's pool (its registrations). */
  people: number | null;
  fitted_weights: Weights["weights"] | null;
  fitted_base: number | null;
  /** Rounds the fitted model and weights came from. */
  fitted_on: string[];
  default: PublishedReplay | null;
  fitted: PublishedReplay | null;
}

/** A round's entry of the page's replays, from its {@link RoundReplay} of published replays. */
export function publishRoundReplays(r: RoundReplay<PublishedReplay>): PublishedRoundReplays {
  return {
    round: r.round,
    name: r.data.name,
    synthetic: r.data.synthetic,
    people: r.data.pool.people.length,
    fitted_weights: r.fittedWeights?.weights ?? null,
    fitted_base: r.fittedWeights?.base ?? null,
    fitted_on: r.model?.rounds ?? [],
    default: r.given,
    fitted: r.fitted,
  };
}

/** A pool person as published for live re-matching: the profile only; the id is the array index. */
export type PoolRecord = Omit<PoolPerson, "id">;

/** A round's pool as published for live re-matching (synthetic or internal builds only). */
export interface PublishedPool {
  round: string;
  name: string;
  people: PoolRecord[];
  /** Earlier partners as index pairs into `people`. */
  earlierPartners: [number, number][];
  /** The historical first matching as index pairs (i < j). */
  historical: [number, number][];
  /** The completion model fitted on the other rounds (for PREDICTIONS): coefficients and their covariance (for intervals); null when none. */
  model: { coefficients: { name: "intercept" | FeatureName; estimate: number }[]; covariance: number[][] | null; rounds: string[] } | null;
}

/**
 * The minimal per-person records of a round's pool: pseudonyms replaced by array indices,
 * nothing but the profile fields the matcher reads (no emails, names or comments exist in a
 * pool). Call only when {@link livePoolsAllowed}.
 */
export function publishPool(data: RoundData, model: PredictionModel | null): PublishedPool {
  const index = new Map(data.pool.people.map((p, i) => [p.id, i]));
  const pair = ([x, y]: [string, string]): [number, number] => {
    const i = index.get(x) as number;
    const j = index.get(y) as number;
    return [Math.min(i, j), Math.max(i, j)];
  };
  return {
    round: data.pool.round,
    name: data.name,
    people: data.pool.people.map((p) => ({
      country: p.country,
      sector: p.sector,
      years: p.years,
      stage: p.stage,
      interests: p.interests,
      languages: p.languages,
      prefSector: p.prefSector,
      prefCareer: p.prefCareer,
      prefCountries: p.prefCountries,
      returning: p.returning,
    })),
    earlierPartners: data.pool.earlierPartners.filter(([x, y]) => index.has(x) && index.has(y)).map(pair),
    historical: data.historical.pairs.map(pair),
    model: model
      ? { coefficients: model.fit.coefficients.map((c) => ({ name: c.name as "intercept" | FeatureName, estimate: c.estimate })), covariance: model.fit.cov ?? null, rounds: model.rounds }
      : null,
  };
}
