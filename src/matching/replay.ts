/**
 * Replay of one loaded round (docs/matching.md, "Replay"): the historical first matching beside
 * the matching the weights produce from the same pool, with quality summaries (`quality.ts`), the
 * overlap between the two, observed outcomes where they exist (historical pairs only) and the
 * fitted model's predicted completion for both, always labelled as predictions. Pure (no
 * database, no Node): `replay-rounds.ts` loads the rounds and runs the replays.
 *
 * Guarantee: both matchings are scored by the same matrix and the solver is exact, so
 * `replayed.total >= historical.total` (historical pairs breaking a hard rule have no score)
 * when the historical matching has maximum cardinality, as it has on its own people (the default
 * pool, `matched`). With the `registered` pool, pairs of people the historical matching did not
 * place are reported apart (`extra_placements`), so placing more people is not mistaken for
 * better pairing. The predicted gain in completed partnerships carries a 95% interval (delta
 * method over the completion model's coefficient covariance).
 * The report holds pseudonyms at most: never emails or names.
 */
import type { PairFeatures } from "./features";
import { predictCompletion, predictedGain, type PredictionModel } from "./fit";
import { solve, SOLVE_SCAN_WIDTH } from "./propose";
import { matchingQuality, type MatchingQuality } from "./quality";
import type { RoundData } from "./round-data";
import { pairSlot, SCORE_UNITS, scorePools, type ScoreMatrix } from "./score";
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
  /** Replayed pairs with someone the historical first matching did not place (only with the `registered` pool), and their part of the replayed total. */
  extra_placements: { people: number; pairs: number; score: number; score_gain_without: number };
  /** Whether the solver took maximum cardinality first (the default). */
  max_cardinality: boolean;
  /** Predicted completed partnerships of both matchings and the gain, with its 95% interval (PREDICTIONS); null without a model. */
  predicted_gain: { historical: number; replayed: number; gain: number; ci: [number, number]; label: string } | null;
  prediction: { label: string; model: string; fitted_on_rounds: string[]; n: number } | null;
  solver: { iterations: number; candidate_edges: number };
  notes: string[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Replays a loaded round under `weights`; `model` supplies predicted completion (null for none),
 * `include` says which people `data` was loaded with (it is reported, not applied here).
 * @throws Error from `scorePool` (unknown country offset, duplicate id).
 */
export function replayLoadedRound(data: RoundData, weights: Weights, model: PredictionModel | null, include: PoolChoice = "matched", options: { maxCardinality?: boolean } = {}): ReplayReport {
  return replayLoadedRoundUnder(data, [weights], model, include, options)[0];
}

/**
 * Replays a loaded round under each of `weightings`, its pool scored once for all of them
 * (`scorePools`: each pair's features computed once), then each weighting's matching solved and
 * reported in turn; report k is the one `replayLoadedRound(data, weightings[k], model, include,
 * options)` gives. Memory: one score triangle per weighting (2n² bytes each), each let go once
 * its report is made.
 * @throws Error from `scorePools` (unknown country offset, duplicate id).
 */
export function replayLoadedRoundUnder(data: RoundData, weightings: readonly Weights[], model: PredictionModel | null, include: PoolChoice = "matched", options: { maxCardinality?: boolean } = {}): ReplayReport[] {
  const matrices: (ScoreMatrix | null)[] = scorePools(data.pool, weightings, [], { scanWidth: SOLVE_SCAN_WIDTH });
  return weightings.map((weights, k) => {
    const m = matrices[k]!;
    matrices[k] = null; // the report keeps nothing of it: it can go before the next solve
    return replayScored(data, weights, m, model, include, options.maxCardinality !== false);
  });
}

/** The replay of a loaded round whose pool `m` scores under `weights` (see {@link replayLoadedRound}). */
function replayScored(data: RoundData, weights: Weights, m: ScoreMatrix, model: PredictionModel | null, include: PoolChoice, maxCardinality: boolean): ReplayReport {
  const people = data.pool.people;
  const predict = model ? (x: PairFeatures) => predictCompletion(model.fit, x) : undefined;
  const hist: [number, number][] = data.historical.pairs.map(([x, y]) => {
    const i = m.index.get(x) as number;
    const j = m.index.get(y) as number;
    return [Math.min(i, j), Math.max(i, j)];
  });
  const s = solve(m, new Set(), { maxCardinality });
  const h = matchingQuality(m, people, hist, predict);
  const r = matchingQuality(m, people, s.pairs, predict);
  const key = ([i, j]: [number, number]) => i * m.n + j;
  const histKeys = new Map(hist.map((p, k) => [key(p), data.historical.statuses[k]]));
  const same = s.pairs.filter((p) => histKeys.has(key(p)));
  const sameEnded = same.map((p) => histKeys.get(key(p))).filter((st) => st !== "active");
  const ended = data.historical.statuses.filter((st) => st !== "active");
  const completed = ended.filter((st) => st === "completed").length;
  const notes = [...data.notes];
  const inHistory = new Set(hist.flat());
  const extraPairs = s.pairs.filter(([i, j]) => !inHistory.has(i) || !inHistory.has(j));
  const extraScore = extraPairs.reduce((acc, [i, j]) => acc + m.triangle[pairSlot(m.n, i, j)], 0) / SCORE_UNITS;
  const extraPeople = new Set(s.pairs.flat().filter((v) => !inHistory.has(v))).size;
  const gain = model
    ? predictedGain(model.fit, h.pairs.map((p) => p.features), r.pairs.map((p) => p.features))
    : null;
  if (!model) notes.push("no completion model could be fitted on the other rounds: no predictions");
  if (include === "matched" && people.length === 0) notes.push("the round has no historical first matching, so the like-for-like pool is empty: replay with the pool of every registration (--pool registered)");
  if (data.pool.people.length > h.summary.matched) {
    notes.push(`${data.pool.people.length - h.summary.matched} people of the pool were not in the historical first matching (unconfirmed, waiting list, or matched only in a rematch); the replay placed ${extraPeople} of them in ${extraPairs.length} pair(s) worth ${r3(extraScore)} points, reported apart (extra_placements)`);
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
    extra_placements: { people: extraPeople, pairs: extraPairs.length, score: r3(extraScore), score_gain_without: r3(r.summary.total - extraScore - h.summary.total) },
    max_cardinality: maxCardinality,
    predicted_gain: gain
      ? {
          historical: r3(gain.a), replayed: r3(gain.b), gain: r3(gain.gain), ci: [r3(gain.ci[0]), r3(gain.ci[1])],
          label: "PREDICTED completed partnerships (sum of the model's probabilities over pairs) and the gain of the replayed matching, with a 95% interval from the model's coefficient uncertainty (delta method); not observations",
        }
      : null,
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
