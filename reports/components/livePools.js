// Live re-matching on the matching page: the pools a visitor can pick (from matching.json's
// published pools) and one re-match of a pool under the weights of the sliders, with the exact
// matcher bundled from src/matching (reports/_generated/matcher.js, passed in as `matcher`).

/** Largest pool the page opens on (people): real ILN rounds are up to about 1,500. */
export const LIVE_DEFAULT_MAX = 1500;

/** Size of the sample of the latest round offered beside the whole rounds (its first registrations). */
export const SAMPLE_SIZE = 800;

/**
 * A pool option: a published pool, or its first `take` people (a sample: historical pairs with a
 * partner outside it are dropped), with ids as the matcher wants them.
 */
function poolEntry(p, take) {
  const n = take ? Math.min(take, p.people.length) : p.people.length;
  const inside = ([i, j]) => i < n && j < n;
  return {
    key: take ? `${p.round}-first${n}` : p.round,
    label: (take ? `${p.round}: first ${n.toLocaleString("en-GB")} registrations (sample)` : `${p.round}: all ${n.toLocaleString("en-GB")} registrations`) + (n > LIVE_DEFAULT_MAX ? " (large: each change takes seconds)" : ""),
    round: p.round,
    pool: {
      round: p.round,
      people: p.people.slice(0, n).map((q, i) => ({...q, id: String(i)})),
      earlierPartners: p.earlierPartners.filter(inside).map(([i, j]) => [String(i), String(j)])
    },
    historical: p.historical.filter(inside),
    historicalPartial: take != null,
    model: p.model
  };
}

/**
 * The pools offered for live re-matching: the latest published round, the other published ones,
 * and an 800-person sample of the latest when it is larger. Empty when the build carries no
 * pools (`data.live` false).
 */
export function poolOptions(data) {
  const latest = data.pools.at(-1);
  if (!data.live || !latest) return [];
  return [poolEntry(latest), ...data.pools.slice(0, -1).map((p) => poolEntry(p)), ...(latest.people.length > SAMPLE_SIZE ? [poolEntry(latest, SAMPLE_SIZE)] : [])];
}

/**
 * The option the page opens on: the first one small enough to re-match at every slider move
 * (the exact solve grows about with the square of the pool), else the first.
 */
export function openingPool(options) {
  return options.find((o) => o.pool.people.length <= LIVE_DEFAULT_MAX) ?? options[0];
}

/**
 * Re-matches a pool option under slider values `{base, ...weights}` with the exact matcher, and
 * describes both the new matching and the historical one under the same weights.
 * @returns {{entry, weights, proposal, q, historical, ms, same}} `q` and `historical` are
 *   MatchingQuality summaries; `ms` the time of the re-match in this browser; `same` the number
 *   of re-matched pairs that are historical pairs.
 */
export function rematch(entry, values, matcher) {
  const {base, ...rest} = values;
  const weights = matcher.parseWeights({base, weights: rest}, "sliders");
  const predict = entry.model ? (x) => matcher.predictCompletion(entry.model, x) : undefined;
  const t0 = performance.now();
  const proposal = matcher.proposeMatching(entry.pool, weights, {predict});
  const ms = performance.now() - t0;
  const historical = matcher.matchingQuality(proposal.matrix, entry.pool.people, entry.historical, predict).summary;
  const key = ([i, j]) => i * proposal.matrix.n + j;
  const hist = new Set(entry.historical.map(key));
  const same = proposal.pairs.filter((p) => hist.has(key([Math.min(...p), Math.max(...p)]))).length;
  return {entry, weights, proposal, q: proposal.quality, historical, ms, same};
}
