/**
 * One live re-match of a published pool (docs/matching.md, "The matching page"): the matching
 * page's Web Worker (bundled by scripts/bundle-matcher.ts) runs it on every weight change or
 * edit of the locks and forbids, off the page's main thread. Pure: pool, weights and edits in,
 * everything the page shows out (structured-cloneable: no functions, no score matrix).
 *
 * People are positions in the published pool, named "#1", "#2", ... ({@link personId}); the page
 * has no names or emails, so the proposal CSV it offers names each person by position ("pool #18").
 */
import type { FeatureName, PairFeatures } from "./features";
import { expectedCompletions, predictCompletion, type RegressionFit } from "./fit";
import { proposalCsv } from "./proposal-csv";
import { LockError, proposeMatching } from "./propose";
import { matchingQuality, type MatchingQuality } from "./quality";
import type { Pool } from "./score";
import { parseWeights } from "./weights";

/** The id of the person at position `i` (0-based) of a published pool: "#1" for the first. */
export function personId(i: number): string {
  return `#${i + 1}`;
}

/** A round's pool as the matching page publishes it (reports/data/lib/matching.ts `PublishedPool`). */
export interface PublishedPoolLike {
  round: string;
  people: Omit<Pool["people"][number], "id">[];
  earlierPartners: [number, number][];
  historical: [number, number][];
  model: LivePool["model"];
}

/**
 * The live pool of a published pool: everyone, or its first `take` people (a sample: historical
 * and earlier partners outside it are dropped), with ids from {@link personId}.
 */
export function livePool(p: PublishedPoolLike, key: string, label: string, take?: number): LivePool {
  const n = take ? Math.min(take, p.people.length) : p.people.length;
  const inside = ([i, j]: [number, number]) => i < n && j < n;
  return {
    key,
    label,
    pool: {
      round: p.round,
      people: p.people.slice(0, n).map((q, i) => ({ ...q, id: personId(i) })),
      earlierPartners: p.earlierPartners.filter(inside).map(([i, j]) => [personId(i), personId(j)]),
    },
    historical: p.historical.filter(inside),
    historicalPartial: take != null && take < p.people.length,
    model: p.model,
  };
}

/** A pool as the worker holds it ({@link livePool}). */
export interface LivePool {
  key: string;
  label: string;
  pool: Pool;
  /** The historical first matching, as index pairs (i < j). */
  historical: [number, number][];
  /** True when the pool is a sample: historical partners outside it count as unmatched. */
  historicalPartial: boolean;
  /** The completion model fitted on the other rounds, or null. */
  model: { coefficients: { name: "intercept" | FeatureName; estimate: number }[]; covariance: number[][] | null; rounds: string[] } | null;
}

/** Coordinator edits: pairs of pool positions to keep (locks) and to rule out (forbids). */
export interface LiveEdits {
  locks: [number, number][];
  forbids: [number, number][];
}

/** A proposed pair as the page lists it. */
export interface LivePair {
  /** 1-based pair number of the proposal (locked pairs first). */
  pair: number;
  a: number;
  b: number;
  score: number | null;
  locked: boolean;
  /** True when the pair is in the historical first matching. */
  historical: boolean;
}

/** The page's view of a re-match. */
export interface LiveResult {
  key: string;
  people: number;
  /** Milliseconds the worker spent (score all pairs, exact solve, summaries). */
  ms: number;
  /** Quality of the re-match and of the historical matching under the same weights (no country breakdown: small cells). */
  q: Omit<MatchingQuality, "breakdowns"> & { breakdowns: Omit<MatchingQuality["breakdowns"], "country"> };
  historical: Omit<MatchingQuality, "breakdowns"> & { breakdowns: Omit<MatchingQuality["breakdowns"], "country"> };
  /** Mean predicted completion with the model's 95% interval (PREDICTIONS), re-match and historical; null without a model. */
  predicted: { rematched: { mean: number; ci: [number, number] | null } | null; historical: { mean: number; ci: [number, number] | null } | null };
  /** Re-matched pairs that are historical pairs. */
  same: number;
  pairs: LivePair[];
  /** Pool positions left unmatched. */
  unmatched: number[];
  /** The proposal in the format `iln match` writes. */
  csv: string;
}

/** A re-match that could not honour the edits: every problem, in words. */
export interface LiveRefusal {
  key: string;
  problems: string[];
}

/**
 * The mean predicted completion over pairs with features `xs`, with the model's 95% interval:
 * `expectedCompletions` (delta method over the coefficients' covariance) divided by the number of
 * pairs; the interval null without a covariance, the whole null without pairs.
 */
export function meanPrediction(fit: RegressionFit, xs: readonly PairFeatures[]): { mean: number; ci: [number, number] | null } | null {
  if (!xs.length) return null;
  if (!fit.cov) return { mean: xs.reduce((s, x) => s + predictCompletion(fit, x), 0) / xs.length, ci: null };
  const { expected, se } = expectedCompletions(fit, xs);
  const m = xs.length;
  const z = 1.959963984540054;
  return { mean: expected / m, ci: [Math.max(0, (expected - z * se) / m), Math.min(1, (expected + z * se) / m)] };
}

const strip = (q: MatchingQuality) => {
  const { country: _country, ...rest } = q.breakdowns;
  return { ...q, breakdowns: rest };
};

/**
 * Re-matches `entry` under slider values `{base, ...weights}` with the coordinator's `edits`.
 * @returns the result, or a refusal listing why the locks cannot be honoured (a person locked
 *   twice, a locked pair from one country or of earlier partners).
 * @throws WeightsError when a value is out of range (the sliders' bounds prevent it).
 */
export function liveRematch(entry: LivePool, values: Readonly<Record<string, number>>, edits: LiveEdits = { locks: [], forbids: [] }): LiveResult | LiveRefusal {
  const t0 = performance.now();
  const { base, ...rest } = values;
  const weights = parseWeights({ base, weights: rest }, "sliders");
  // The published model has what predictions read: coefficient names and estimates, and their covariance.
  const fit = entry.model ? ({ coefficients: entry.model.coefficients, cov: entry.model.covariance } as unknown as RegressionFit) : null;
  const predict = fit ? (x: PairFeatures) => predictCompletion(fit, x) : undefined;
  const id = personId;
  let proposal;
  try {
    proposal = proposeMatching(entry.pool, weights, {
      predict,
      locks: edits.locks.map(([i, j]) => [id(i), id(j)]),
      forbids: edits.forbids.map(([i, j]) => [id(i), id(j)]),
    });
  } catch (err) {
    if (err instanceof LockError) return { key: entry.key, problems: err.problems };
    throw err;
  }
  const hist = matchingQuality(proposal.matrix, entry.pool.people, entry.historical, predict);
  const n = proposal.matrix.n;
  const histKeys = new Set(entry.historical.map(([i, j]) => i * n + j));
  const pairs: LivePair[] = proposal.pairQuality.map((q, k) => {
    const [i, j] = q.a < q.b ? [q.a, q.b] : [q.b, q.a];
    return { pair: k + 1, a: q.a, b: q.b, score: q.score, locked: k < proposal.locked, historical: histKeys.has(i * n + j) };
  });
  const people = entry.pool.people;
  const csv = proposalCsv(proposal, people, (p) => ({ email: `pool ${p.id}`, name: "" }));
  const matched = new Set(proposal.pairs.flat());
  return {
    key: entry.key,
    people: people.length,
    ms: performance.now() - t0,
    q: strip(proposal.quality),
    historical: strip(hist.summary),
    predicted: {
      rematched: fit ? meanPrediction(fit, proposal.pairQuality.map((p) => p.features)) : null,
      historical: fit ? meanPrediction(fit, hist.pairs.map((p) => p.features)) : null,
    },
    same: pairs.filter((p) => p.historical).length,
    pairs,
    unmatched: people.map((_, i) => i).filter((i) => !matched.has(i)),
    csv,
  };
}
