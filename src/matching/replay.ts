/**
 * Replay of a past round (DESIGN section 5): the historical first matching beside the matching
 * the weights produce from the same pool, with quality summaries (`quality.ts`), the overlap
 * between the two, observed outcomes where they exist (historical pairs only) and the fitted
 * model's predicted completion for both, always labelled as predictions.
 *
 * Guarantee: both matchings are scored by the same matrix and the solver is exact, so
 * `replayed.total >= historical.total` (historical pairs breaking a hard rule have no score).
 * The report holds pseudonyms at most: never emails or names.
 */
import type { Db } from "../db";
import type { PairFeatures } from "./features";
import { fitOutcomes, FitError, predictCompletion, type RegressionFit } from "./fit";
import { loadOutcomes, loadRoundPool, type RoundPool } from "./pool";
import { solve } from "./propose";
import { matchingQuality, type MatchingQuality } from "./quality";
import { scorePool } from "./score";
import type { Weights } from "./weights";

/** Completion model used for predictions, with where it came from. */
export interface PredictionModel {
  fit: RegressionFit;
  /** Rounds the model was fitted on. */
  rounds: string[];
}

/** The replay report (JSON with `--json`). */
export interface ReplayReport {
  round: string;
  name: string;
  synthetic: boolean;
  pool: { include: "registered" | "matched"; people: number; earlier_partner_pairs: number };
  weights: Weights;
  historical: MatchingQuality & { observed: { completed: number; ended: number; completion_rate: number | null; label: string } };
  replayed: MatchingQuality;
  /** Pairs found in both matchings, and their share of each. */
  overlap: { same_pairs: number; share_of_replayed: number | null; share_of_historical: number | null; observed_completion_rate_of_same_pairs: number | null };
  /** Replayed pairs that are not historical pairs. */
  pairs_changed: number;
  prediction: { label: string; model: string; fitted_on_rounds: string[]; n: number } | null;
  solver: { iterations: number; candidate_edges: number };
  notes: string[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Replays a loaded round (pure: no database). `model` supplies predicted completion (null for none).
 * @throws Error from `scorePool` (unknown country offset, duplicate id).
 */
export function replayPool(rp: RoundPool, weights: Weights, model: PredictionModel | null, include: "registered" | "matched" = "registered"): ReplayReport {
  const people = rp.pool.people;
  const m = scorePool(rp.pool, weights);
  const predict = model ? (x: PairFeatures) => predictCompletion(model.fit, x) : undefined;
  const hist: [number, number][] = rp.historical.pairs.map(([x, y]) => {
    const i = m.index.get(x) as number;
    const j = m.index.get(y) as number;
    return [Math.min(i, j), Math.max(i, j)];
  });
  const s = solve(m);
  const h = matchingQuality(m, people, hist, predict);
  const r = matchingQuality(m, people, s.pairs, predict);
  const key = ([i, j]: [number, number]) => i * m.n + j;
  const histKeys = new Map(hist.map((p, k) => [key(p), rp.historical.statuses[k]]));
  const same = s.pairs.filter((p) => histKeys.has(key(p)));
  const sameEnded = same.map((p) => histKeys.get(key(p))).filter((st) => st !== "active");
  const ended = rp.historical.statuses.filter((st) => st !== "active");
  const completed = ended.filter((st) => st === "completed").length;
  const notes = [...rp.notes];
  if (!model) notes.push("no completion model could be fitted on the other rounds: no predictions");
  if (rp.pool.people.length > h.summary.matched) {
    notes.push(`${rp.pool.people.length - h.summary.matched} people of the pool were not in the historical first matching (unconfirmed, waiting list, or matched only in a rematch); the replay may place them`);
  }
  return {
    round: rp.pool.round,
    name: rp.name,
    synthetic: rp.synthetic,
    pool: { include, people: people.length, earlier_partner_pairs: rp.pool.earlierPartners.length },
    weights,
    historical: {
      ...h.summary,
      observed: {
        completed,
        ended: ended.length,
        completion_rate: ended.length ? r3(completed / ended.length) : null,
        label: "observed: the statuses of the historical partnerships",
      },
    },
    replayed: r.summary,
    overlap: {
      same_pairs: same.length,
      share_of_replayed: s.pairs.length ? r3(same.length / s.pairs.length) : null,
      share_of_historical: hist.length ? r3(same.length / hist.length) : null,
      observed_completion_rate_of_same_pairs: sameEnded.length ? r3(sameEnded.filter((st) => st === "completed").length / sameEnded.length) : null,
    },
    pairs_changed: s.pairs.length - same.length,
    prediction: model
      ? {
          label: "predicted_completion values are PREDICTIONS of a logistic model of completion on pair features, not observations; outcomes were observed only for historical pairs",
          model: "logistic regression of completion on the nine pair features",
          fitted_on_rounds: model.rounds,
          n: model.fit.n,
        }
      : null,
    solver: { iterations: s.iterations, candidate_edges: s.candidateEdges },
    notes,
  };
}

/**
 * Fits the completion model for predictions in a replay of `round`: on every other round
 * (the replayed round is left out, so its own outcomes do not flatter its predictions).
 * Returns null when there is too little data.
 */
export async function predictionModelFor(db: Db, round: string): Promise<PredictionModel | null> {
  const rows = (await loadOutcomes(db)).filter((r) => r.round !== round);
  try {
    const fit = fitOutcomes(rows, undefined, { validate: false });
    return { fit: fit.completion, rounds: fit.rounds };
  } catch (err) {
    if (err instanceof FitError) return null;
    throw err;
  }
}

/**
 * Replays `round` of the database under `weights` (see module doc).
 * @throws UnknownRoundError when the round is not in the database.
 */
export async function replayRound(db: Db, round: string, weights: Weights, options: { include?: "registered" | "matched"; predictions?: boolean } = {}): Promise<ReplayReport> {
  const include = options.include ?? "registered";
  const rp = await loadRoundPool(db, round, { include });
  const model = options.predictions === false ? null : await predictionModelFor(db, round);
  return replayPool(rp, weights, model, include);
}
