/**
 * Replay of one loaded round (docs/matching.md, "Replay"): the historical first matching beside
 * the matching the weights produce from the same pool, with quality summaries (`quality.ts`), the
 * overlap between the two, observed outcomes where they exist (historical pairs only) and the
 * fitted model's predicted completion for both, always labelled as predictions. Pure (no
 * database, no Node): `replay-rounds.ts` loads the rounds and runs the replays.
 *
 * Guarantee: both matchings are scored by the same matrix and the solver is exact, so
 * `replayed.total >= historical.total` (historical pairs breaking a hard rule have no score).
 * The report holds pseudonyms at most: never emails or names.
 */
import type { PairFeatures } from "./features";
import { meanPredictedCompletion, predictCompletion, type PredictionModel } from "./fit";
import { solve } from "./propose";
import { matchingQuality, type MatchingQuality } from "./quality";
import type { RoundData } from "./round-data";
import { scorePool } from "./score";
import type { Weights } from "./weights";

/** Which people of a round form the replayed pool: all its registrations, or the people of its historical first matching. */
export type PoolChoice = "registered" | "matched";

/** The replay report (JSON with `--json`). */
export interface ReplayReport {
  round: string;
  name: string;
  synthetic: boolean;
  pool: { include: PoolChoice; people: number; earlier_partner_pairs: number };
  weights: Weights;
  historical: MatchingQuality & { observed: { completed: number; ended: number; completion_rate: number | null; label: string } };
  replayed: MatchingQuality;
  /** Pairs found in both matchings, and their share of each. */
  overlap: { same_pairs: number; share_of_replayed: number | null; share_of_historical: number | null; observed_completion_rate_of_same_pairs: number | null };
  /** Replayed pairs that are not historical pairs. */
  pairs_changed: number;
  /** The model behind the predictions, and the 95% intervals of the two mean predicted completions (`meanPredictedCompletion`). */
  prediction: { label: string; model: string; fitted_on_rounds: string[]; n: number; historical_ci: [number, number] | null; replayed_ci: [number, number] | null } | null;
  solver: { iterations: number; candidate_edges: number };
  notes: string[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Replays a loaded round under `weights`; `model` supplies predicted completion (null for none),
 * `include` says which people `data` was loaded with (it is reported, not applied here).
 * @throws Error from `scorePool` (unknown country offset, duplicate id).
 */
export function replayLoadedRound(data: RoundData, weights: Weights, model: PredictionModel | null, include: PoolChoice = "registered"): ReplayReport {
  const people = data.pool.people;
  const m = scorePool(data.pool, weights);
  const predict = model ? (x: PairFeatures) => predictCompletion(model.fit, x) : undefined;
  const hist: [number, number][] = data.historical.pairs.map(([x, y]) => {
    const i = m.index.get(x) as number;
    const j = m.index.get(y) as number;
    return [Math.min(i, j), Math.max(i, j)];
  });
  const s = solve(m);
  const h = matchingQuality(m, people, hist, predict);
  const r = matchingQuality(m, people, s.pairs, predict);
  const key = ([i, j]: [number, number]) => i * m.n + j;
  const histKeys = new Map(hist.map((p, k) => [key(p), data.historical.statuses[k]]));
  const same = s.pairs.filter((p) => histKeys.has(key(p)));
  const sameEnded = same.map((p) => histKeys.get(key(p))).filter((st) => st !== "active");
  const ended = data.historical.statuses.filter((st) => st !== "active");
  const completed = ended.filter((st) => st === "completed").length;
  const notes = [...data.notes];
  if (!model) notes.push("no completion model could be fitted on the other rounds: no predictions");
  if (data.pool.people.length > h.summary.matched) {
    notes.push(`${data.pool.people.length - h.summary.matched} people of the pool were not in the historical first matching (unconfirmed, waiting list, or matched only in a rematch); the replay may place them`);
  }
  return {
    round: data.pool.round,
    name: data.name,
    synthetic: data.synthetic,
    pool: { include, people: people.length, earlier_partner_pairs: data.pool.earlierPartners.length },
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
          historical_ci: meanPredictedCompletion(model.fit, h.pairs.map((p) => p.features))?.ci ?? null,
          replayed_ci: meanPredictedCompletion(model.fit, r.pairs.map((p) => p.features))?.ci ?? null,
        }
      : null,
    solver: { iterations: s.iterations, candidate_edges: s.candidateEdges },
    notes,
  };
}
