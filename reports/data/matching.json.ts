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
 * - `pending`: rounds not matched yet (registrations only), with their number of registrations:
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
import { suppressCount } from "../../src/privacy/suppress";
import { runLoader } from "./lib/run";

// Replays are audited one by one before they are cached (`publishReplay`): see the option below.
await runLoader("matching.json", async (db, min) => {
  const all = await roundSummaries(db);
  const rounds = all.filter((r) => r.partnerships > 0);
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
    pending: all.filter((r) => r.partnerships === 0).map((r) => ({ round: r.round, name: r.name, registered: suppressCount(r.registered, min) })),
  };
}, { undeclared: "each replay is protected and audited on its own before it is cached (publishReplay, lib/matching.ts); pools are published only for synthetic or internal builds" });
