/**
 * matching.json: what the matching page shows (DESIGN section 5), from the database `ILN_DB`
 * opened read-only.
 *
 * - `replays`: every round replayed (its registrations as the pool) under the default weights
 *   and under weights fitted with that round left out (`weightsFromFit` of a completion model
 *   fitted on the other rounds, which also supplies the PREDICTED completion of both matchings),
 *   as aggregates only: totals, shares and breakdowns by world region, sector and career stage,
 *   small cells suppressed (reports/data/lib/matching.ts, src/privacy/suppress.ts).
 * - `pools` (live re-matching): ONLY when every round is synthetic or `ILN_INTERNAL_BUILD=1`,
 *   the pools of the latest round and of the round whose size is closest to 800, as the minimal
 *   per-person records the matcher needs (pseudonyms replaced by array indices; no email, name or
 *   comment), with the historical first matching as index pairs and the left-out completion model.
 *
 * The replays run on worker threads (src/matching/replay-pool.ts) and are cached by content
 * (reports/data/lib/replay-cache.ts): a rebuild over an unchanged database replays nothing.
 *
 * Privacy decision: per-person records are microdata that can re-identify people from small
 * countries or sectors, so a published build of REAL data carries aggregates only (`live: false`)
 * and the page shows the precomputed replays without live controls, saying why.
 */
import { fitOutcomes, FitError, weightsFromFit } from "../../src/matching/fit";
import { FEATURE_NAMES } from "../../src/matching/features";
import { loadOutcomes, loadRoundPool } from "../../src/matching/pool";
import type { PredictionModel } from "../../src/matching/replay";
import { replayPools, type ReplayJob } from "../../src/matching/replay-pool";
import { defaultWeights, type Weights } from "../../src/matching/weights";
import { sql } from "../../src/db";
import { livePoolsAllowed, publishPool, publishReplay, type PublishedPool, type PublishedReplay } from "./lib/matching";
import { ReplayCache } from "./lib/replay-cache";
import { runLoader } from "./lib/run";

/** Target size of the smaller live pool (the in-browser re-match benchmark uses 800 people). */
const SMALL_POOL = 800;

await runLoader("matching.json", async (db, min) => {
  const rounds = await db.all<{ round_id: string; name: string; synthetic: boolean; people: number }>(sql`
    SELECT r.round_id, r.name, r.synthetic, (SELECT count(*) FROM registrations g WHERE g.round_id = r.round_id) AS people
    FROM rounds r ORDER BY r.start_date, r.round_id`);
  const live = livePoolsAllowed(rounds, process.env);
  const outcomes = await loadOutcomes(db);
  const w0 = defaultWeights();
  const liveRounds = new Set<string>();
  if (live && rounds.length) {
    liveRounds.add(rounds[rounds.length - 1].round_id);
    const near = [...rounds].filter((r) => r.people > 0).sort((a, b) => Math.abs(a.people - SMALL_POOL) - Math.abs(b.people - SMALL_POOL))[0];
    if (near) liveRounds.add(near.round_id);
  }
  const replays: {
    round: string;
    name: string;
    synthetic: boolean;
    people: number | null;
    fitted_weights: Weights["weights"] | null;
    fitted_base: number | null;
    fitted_on: string[];
    default: PublishedReplay | null;
    fitted: PublishedReplay | null;
  }[] = [];
  const pools: PublishedPool[] = [];
  // Load every round and fit its leave-round-out model here; the replays (the costly part) then
  // run on worker threads, each looked up first in the content-keyed cache.
  const cache = ReplayCache.fromEnv(process.env, min);
  const jobs: ReplayJob[] = [];
  const pending: { entry: (typeof replays)[number]; which: "default" | "fitted"; key: string }[] = [];
  for (const r of rounds) {
    if (r.people < 2) continue;
    const rp = await loadRoundPool(db, r.round_id);
    let model: PredictionModel | null = null;
    let fitted: Weights | null = null;
    try {
      const fit = fitOutcomes(outcomes.filter((o) => o.round !== r.round_id), undefined, { validate: false });
      model = { fit: fit.completion, rounds: fit.rounds };
      fitted = weightsFromFit(fit);
    } catch (err) {
      if (!(err instanceof FitError)) throw err;
    }
    const entry: (typeof replays)[number] = {
      round: r.round_id,
      name: r.name,
      synthetic: r.synthetic,
      people: rp.pool.people.length,
      fitted_weights: fitted?.weights ?? null,
      fitted_base: fitted?.base ?? null,
      fitted_on: model?.rounds ?? [],
      default: null,
      fitted: null,
    };
    replays.push(entry);
    for (const [which, weights] of [["default", w0], ["fitted", fitted]] as const) {
      if (!weights) continue;
      const key = cache.key({ which, rp, weights, model });
      const hit = cache.get<PublishedReplay>(key);
      if (hit) entry[which] = hit;
      else {
        jobs.push({ rp, weights, model });
        pending.push({ entry, which, key });
      }
    }
    if (liveRounds.has(r.round_id)) pools.push(publishPool(rp, model));
  }
  const reports = await replayPools(jobs);
  reports.forEach((report, k) => {
    const { entry, which, key } = pending[k];
    entry[which] = publishReplay(report, which, min);
    cache.set(key, entry[which]);
  });
  cache.prune();
  console.error(`matching.json: ${reports.length} replays computed, ${cache.hits} from the cache${cache.dir ? ` (${cache.dir})` : " (off)"}`);
  return {
    min_cell: min,
    synthetic: rounds.length > 0 && rounds.every((r) => r.synthetic),
    live,
    live_reason: live
      ? process.env.ILN_INTERNAL_BUILD === "1"
        ? "internal build (ILN_INTERNAL_BUILD=1): per-person pool records included; do not publish this build"
        : "every round is synthetic: per-person pool records of generated people are included for live re-matching"
      : "real data: per-person pool records are microdata that could re-identify people from small countries or sectors, so this published build carries aggregates only",
    features: FEATURE_NAMES,
    default_weights: { base: w0.base, weights: w0.weights },
    replays,
    pools,
  };
});
