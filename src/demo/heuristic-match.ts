/**
 * The historical matching of the demo: what coordinators did by hand, approximated by a greedy
 * heuristic that honours the stated principles (another country always, never an earlier
 * partner; then sector and career preferences, a shared language, stated country preferences,
 * shared interests, near time zones). It is deliberately not optimal: each person, in turn, takes
 * the best of a random handful of still-free candidates, so an exact maximum-weight matching
 * under the same score beats it.
 */
import type { PairFeatures } from "../matching/features";
import type { Rng } from "./random";

/** The coordinators' rule-of-thumb score (not the planted outcome model). */
export const HEURISTIC_WEIGHTS: Readonly<Record<keyof PairFeatures, number>> = Object.freeze({
  same_sector: 0,
  career_gap: 0,
  sector_pref_met: 2,
  career_pref_met: 1.5,
  country_pref_met: 1,
  shared_interests: 1,
  shared_language: 1.5,
  timezone_gap: -0.05,
  both_new: 0,
});

/** Σ HEURISTIC_WEIGHTS[f] · x_f. */
export function heuristicScore(x: PairFeatures): number {
  let s = 0;
  for (const k of Object.keys(HEURISTIC_WEIGHTS) as (keyof PairFeatures)[]) s += HEURISTIC_WEIGHTS[k] * x[k];
  return s;
}

/** The matcher's view of a pool of n people, 0..n-1. */
export interface MatchingProblem {
  n: number;
  /** True when i and j may be partners (different countries, not earlier partners). */
  allowed(i: number, j: number): boolean;
  /** Score of the pair (higher is better). */
  score(i: number, j: number): number;
  /** Order in which people choose (hardest first); defaults to a random order. */
  order?: number[];
}

/** Result: pairs (i < j not required) and the people left unmatched. */
export interface MatchingResult {
  pairs: [number, number][];
  unmatched: number[];
}

/**
 * Greedy matching: each person in `order`, if still free, looks at `candidates` random free
 * people (with replacement), takes the allowed one with the best score, or failing that the first
 * allowed free person in a scan; then a repair pass pairs leftovers directly or by swapping
 * partners with an existing pair ("the next best thing"). O(n · candidates) pair scores.
 * With an even pool where a perfect matching exists this nearly always places everyone; with an
 * odd pool one person is left over.
 */
export function greedyMatching(problem: MatchingProblem, rng: Rng, candidates = 25): MatchingResult {
  const { n, allowed, score } = problem;
  const mate = new Int32Array(n).fill(-1);
  const free: number[] = [];
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) { pos[i] = free.length; free.push(i); }
  const remove = (v: number) => {
    const p = pos[v];
    const last = free[free.length - 1];
    free[p] = last;
    pos[last] = p;
    free.pop();
    pos[v] = -1;
  };
  const order = problem.order ?? rng.shuffle(Array.from({ length: n }, (_, i) => i));
  for (const p of order) {
    if (mate[p] !== -1 || free.length < 2) continue;
    let best = -1;
    let bestScore = -Infinity;
    for (let t = 0; t < candidates; t++) {
      const q = free[rng.int(free.length)];
      if (q === p || !allowed(p, q)) continue;
      const s = score(p, q);
      if (s > bestScore) { bestScore = s; best = q; }
    }
    if (best === -1) {
      for (const q of free) if (q !== p && allowed(p, q)) { best = q; break; }
    }
    if (best === -1) continue;
    mate[p] = best;
    mate[best] = p;
    remove(p);
    remove(best);
  }
  // Repair: leftovers pair up directly, or by swapping into an existing pair.
  const left = free.slice();
  const stillLeft: number[] = [];
  while (left.length > 0) {
    const u = left.pop()!;
    let placed = false;
    for (let k = 0; k < left.length && !placed; k++) {
      const v = left[k];
      if (allowed(u, v)) {
        mate[u] = v; mate[v] = u; left.splice(k, 1); placed = true;
      }
    }
    for (let k = 0; k < left.length && !placed; k++) {
      const v = left[k];
      for (let a = 0; a < n && !placed; a++) {
        const b = mate[a];
        if (b < 0 || a > b) continue;
        if (allowed(u, a) && allowed(v, b)) { mate[u] = a; mate[a] = u; mate[v] = b; mate[b] = v; placed = true; }
        else if (allowed(u, b) && allowed(v, a)) { mate[u] = b; mate[b] = u; mate[v] = a; mate[a] = v; placed = true; }
      }
      if (placed) left.splice(k, 1);
    }
    if (!placed) stillLeft.push(u);
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) if (mate[i] > i) pairs.push([i, mate[i]]);
  return { pairs, unmatched: stillLeft.sort((a, b) => a - b) };
}
