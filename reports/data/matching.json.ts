/**
 * matching.json: what the matching page shows (docs/matching.md), from the database `ILN_DB`
 * opened read-only.
 *
 * - `replays`: every matched round (it has partnerships: a historical matching to compare) whose
 *   first matching has at least `min` pairs, replayed by `replayRounds`
 *   (src/matching/replay-rounds.ts) under the default weights and under weights fitted with that
 *   round left out, published as aggregates only (`publishReplay`, reports/data/lib/matching.ts),
 *   each looked up first in the content-keyed replay cache (reports/data/lib/replay-cache.ts),
 *   as is each left-out fit.
 * - `pools` (live re-matching): only when the build's policy allows it (`livePolicy`: every
 *   round synthetic, or `ILN_INTERNAL_BUILD=1`), the latest round's pool and the one closest to
 *   800 people, as the minimal per-person records the matcher needs (`publishPool`).
 * - `too_small`: matched rounds whose first matching has fewer than `min` pairs: not replayed,
 *   as their counts of pairs are hidden everywhere (a replay's pairs, unmatched and kept pairs
 *   would give them back).
 * - `total_hidden`: matched rounds whose number of registrations the other pages hide (the
 *   people plan's, lib/plans/reach.ts: with the other rounds it would give back a small overlap):
 *   not replayed, as a replay's pool is that number (and its pairs plus unmatched add up to it).
 * - `pending`: rounds not matched yet (registrations only), with their number of registrations
 *   as metrics.json publishes it (the same figure of the same plan, so hidden with it):
 *   the page says `iln match` proposes their partnerships; there is nothing to replay.
 * - `features` (name, label, unit, explanation, slider range) and the default weights, from which
 *   the page builds its controls; the vocabulary's labels for the breakdowns.
 */
import { CAREER_STAGE_LABELS, SECTOR_LABELS } from "../../src/domain/vocabulary";
import { FEATURE_INFO, FEATURE_NAMES } from "../../src/matching/features";
import { replayRounds } from "../../src/matching/replay-rounds";
import { roundSummaries } from "../../src/matching/round-data";
import { defaultWeights } from "../../src/matching/weights";
import { livePolicy, livePoolRounds, publishPool, publishReplay, publishRoundReplays, type PublishedReplay } from "./lib/matching";
import { ReplayCache } from "./lib/replay-cache";
import { Plan } from "./lib/plan";
import { addSurveyReach } from "./lib/plans/survey";
import { runLoader } from "./lib/run";

// Replays are audited one by one before they are cached (`publishReplay`); a round's number of
// registrations (a replay's pool, a pending round's registrations) is declared in the people plan
// (lib/plans/reach.ts), the plan metrics.json publishes it from.
await runLoader("matching.json", async (db, min, record) => {
  const all = await roundSummaries(db);
  const plan = new Plan(min);
  const reach = await addSurveyReach(db, plan, min);
  // A round's registrations as this page publishes them: the twin of the people plan's figure.
  const registrations = (r: (typeof all)[number], what: string): number | null => {
    const ids = reach.people.perRound.get(r.round);
    if (!ids) return null;
    const id = plan.figure({ family: "matching.json", label: `${r.round}: ${what}`, population: "registrants", dimension: "path", values: pathsOf(plan, ids.registered), value: r.registered });
    plan.twins([ids.registered, id]);
    return id;
  };
  const pending = all.filter((r) => r.partnerships === 0).map((r) => ({ r, id: registrations(r, "registrations of a round not matched yet") }));
  const pools = all.filter((r) => r.partnerships > 0).map((r) => ({ round: r.round, id: registrations(r, "a replay's pool (registrations)") }));
  record(plan.protect());
  const shownPool = new Set(pools.filter((p) => p.id !== null && plan.shown(p.id)).map((p) => p.round));
  const rounds = all.filter((r) => r.partnerships > 0 && (r.registered === 0 || shownPool.has(r.round)));
  const policy = livePolicy(all, process.env);
  const liveRounds = policy.live ? livePoolRounds(rounds) : new Set<string>();
  const w0 = defaultWeights();
  const cache = ReplayCache.fromEnv(process.env, min);
  let computed = 0;
  const replaying = rounds.filter((r) => r.first_pairs >= min).map((r) => r.round);
  const replayed = await replayRounds<PublishedReplay>(db, replaying, {
    weights: w0,
    fitted: true,
    finish: (report, which) => (computed++, publishReplay(report, which === "given" ? "default" : "fitted", min)),
    store: cache.replays<PublishedReplay>(),
    fits: cache.fits(),
    onReplayed: (round, which, n) => console.error(`matching.json: replayed ${round} under the ${which === "given" ? "default" : "fitted"} weights (${n} computed of at most ${2 * replaying.length})`),
  });
  cache.prune();
  console.error(`matching.json: ${computed} replays computed, ${cache.hits} from the cache${cache.dir ? ` (${cache.dir})` : " (off)"}`);
  return {
    min_cell: min,
    synthetic: all.length > 0 && all.every((r) => r.synthetic),
    live: policy.live,
    live_reason: policy.reason,
    features: FEATURE_NAMES.map((name) => ({ name, ...FEATURE_INFO[name] })),
    labels: { stage: CAREER_STAGE_LABELS, sector: SECTOR_LABELS },
    default_weights: { base: w0.base, weights: w0.weights },
    replays: replayed.map(publishRoundReplays),
    pools: replayed.filter((r) => liveRounds.has(r.round)).map((r) => publishPool(r.data, r.model)),
    too_small: rounds.filter((r) => r.first_pairs < min).map((r) => ({ round: r.round, name: r.name })),
    total_hidden: all.filter((r) => r.partnerships > 0 && !rounds.includes(r)).map((r) => ({ round: r.round, name: r.name })),
    pending: pending.map(({ r, id }) => ({ round: r.round, name: r.name, registered: id === null ? (r.registered === 0 ? 0 : null) : plan.value(id) })),
  };
});

/** The values (paths) figure `id` of the people plan covers. */
function pathsOf(plan: Plan, id: number): string[] {
  return [...(plan.audit.toJSON().figures[id].values ?? [])];
}
