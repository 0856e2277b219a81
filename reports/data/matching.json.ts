/**
 * matching.json: what the matching page shows (docs/matching.md), from the database `ILN_DB`
 * opened read-only.
 *
 * - `replays`: every round with at least two registrations replayed by `replayRounds`
 *   (src/matching/replay-rounds.ts) under the default weights and under weights fitted with that
 *   round left out, published as aggregates only (`publishReplay`, reports/data/lib/matching.ts),
 *   each looked up first in the content-keyed replay cache (reports/data/lib/replay-cache.ts).
 * - `pools` (live re-matching): only when the build's policy allows it (`livePolicy`: every
 *   round synthetic, or `ILN_INTERNAL_BUILD=1`), the latest round's pool and the one closest to
 *   800 people, as the minimal per-person records the matcher needs (`publishPool`).
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
import { runLoader } from "./lib/run";

// Replays are audited one by one before they are cached (`publishReplay`): see the option below.
await runLoader("matching.json", async (db, min) => {
  const rounds = await roundSummaries(db);
  const policy = livePolicy(rounds, process.env);
  const liveRounds = policy.live ? livePoolRounds(rounds) : new Set<string>();
  const w0 = defaultWeights();
  const cache = ReplayCache.fromEnv(process.env, min);
  let computed = 0;
  const replayed = await replayRounds<PublishedReplay>(db, rounds.filter((r) => r.registered >= 2).map((r) => r.round), {
    weights: w0,
    fitted: true,
    finish: (report, which) => (computed++, publishReplay(report, which === "given" ? "default" : "fitted", min)),
    store: cache.replays<PublishedReplay>(),
  });
  cache.prune();
  console.error(`matching.json: ${computed} replays computed, ${cache.hits} from the cache${cache.dir ? ` (${cache.dir})` : " (off)"}`);
  return {
    min_cell: min,
    synthetic: rounds.length > 0 && rounds.every((r) => r.synthetic),
    live: policy.live,
    live_reason: policy.reason,
    features: FEATURE_NAMES.map((name) => ({ name, ...FEATURE_INFO[name] })),
    labels: { stage: CAREER_STAGE_LABELS, sector: SECTOR_LABELS },
    default_weights: { base: w0.base, weights: w0.weights },
    replays: replayed.map(publishRoundReplays),
    pools: replayed.filter((r) => liveRounds.has(r.round)).map((r) => publishPool(r.data, r.model)),
  };
}, { undeclared: "each replay is protected and audited on its own before it is cached (publishReplay, lib/matching.ts); pools are published only for synthetic or internal builds" });
