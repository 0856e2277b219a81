/**
 * The proposed matching of a pool: pool JSON + weights -> the maximum-weight matching of all
 * allowed pairs (exact: `maxWeightMatchingTriangle`, the dense solver on the scores' upper
 * triangle), by default among the matchings of maximum cardinality (nobody who could be placed is
 * left out, whatever the weights), coordinator locks and forbids honoured, plus its quality
 * summary. Pure (no Node imports, no database): the dashboards bundle
 * {@link proposeMatching} to re-match a pool in the browser after a weight change.
 *
 * Locks: each locked pair is kept as given (it must obey the hard rules), its two people are taken
 * out of the solve, and the solver completes the rest. Forbids: the pair is not allowed.
 */
import { maxWeightMatchingTriangle, type DenseMatchingOptions } from "./dense-matching";
import type { PairFeatures } from "./features";
import { matchingQuality, type MatchingQuality, type PairQuality } from "./quality";
import { FORBIDDEN, pairSlot, scorePools, violationOf, type Pool, type ScoreMatrix } from "./score";
import { listWidth } from "./solver/column-generation";
import type { Weights } from "./weights";

/** Options of {@link proposeMatching}. */
export interface ProposeOptions {
  /** Pairs of ids a coordinator fixed by hand. */
  locks?: readonly [string, string][];
  /** Pairs of ids a coordinator ruled out. */
  forbids?: readonly [string, string][];
  /** Completion probability from pair features (a fitted model), for predictions in the summary. */
  predict?: (x: PairFeatures) => number;
  /**
   * Maximum cardinality first, then maximum weight (default true): the solver's `maxCardinality`.
   * False: maximum weight alone, which may leave out people who could be placed when some pair
   * weighs more than two others (a-b-c-d with a heavy b-c).
   */
  maxCardinality?: boolean;
}

/** A proposed matching. */
export interface Proposal {
  round: string;
  /** Pairs as indices into `pool.people` (locked pairs first). */
  pairs: [number, number][];
  /** Pairs as ids. */
  pairIds: [string, string][];
  /** Ids of people left unmatched (odd pool, isolated people, or a better total without them). */
  unmatched: string[];
  locked: number;
  quality: MatchingQuality;
  pairQuality: PairQuality[];
  /** The scored problem (reusable for lookups). */
  matrix: ScoreMatrix;
  solver: { iterations: number; candidateEdges: number };
}

/** Thrown when locks cannot be honoured: every problem is listed, with the index of the lock it is about (`locks[k]` for `problems[k]`). */
export class LockError extends Error {
  constructor(
    readonly problems: string[],
    readonly locks: number[] = [],
  ) {
    super(`cannot honour the locks:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "LockError";
  }
}

/** The solver's options in {@link solve}, but maximum cardinality. */
const SOLVE_OPTIONS: DenseMatchingOptions = { forbidden: FORBIDDEN, candidatesPerVertex: 6 };

/**
 * The list width of the solver's first scan in {@link solve}: give it as `scanWidth` to
 * `scorePools` and the first solve of each matrix uses the scan made while scoring (`ScoreMatrix.scan`).
 */
export const SOLVE_SCAN_WIDTH = listWidth(SOLVE_OPTIONS);

/**
 * Solves the scored problem exactly, with the people in `exclude` kept out: by default the
 * maximum-weight matching among those of maximum cardinality (`maxCardinality: false`: maximum
 * weight alone). Returns pairs (i < j). Cost: see `maxWeightMatchingTriangle` (a copy of the
 * triangle when `exclude` is not empty; one pass over it fewer when `exclude` is empty and the
 * matrix brings a first scan not used yet, `ScoreMatrix.scan`).
 */
export function solve(m: ScoreMatrix, exclude: ReadonlySet<number> = new Set(), options: { maxCardinality?: boolean } = {}): { pairs: [number, number][]; iterations: number; candidateEdges: number } {
  let units = m.triangle;
  if (exclude.size) {
    units = units.slice();
    for (const v of exclude) {
      for (let i = 0; i < v; i++) units[pairSlot(m.n, i, v)] = FORBIDDEN;
      for (let j = v + 1; j < m.n; j++) units[pairSlot(m.n, v, j)] = FORBIDDEN;
    }
  }
  const r = maxWeightMatchingTriangle(m.n, units, { ...SOLVE_OPTIONS, maxCardinality: options.maxCardinality !== false }, exclude.size ? undefined : m.scan);
  const pairs: [number, number][] = [];
  for (let v = 0; v < m.n; v++) if (r.mate[v] > v) pairs.push([v, r.mate[v]]);
  return { pairs, iterations: r.iterations, candidateEdges: r.candidateEdges };
}

/**
 * Checks locks against the pool and hard rules; returns them as index pairs.
 * @throws LockError when an id is not in the pool, someone is locked twice, or a locked pair breaks a hard rule (same country, earlier partners, forbidden).
 */
export function resolveLocks(pool: Pool, m: ScoreMatrix, locks: readonly [string, string][]): [number, number][] {
  const problems: string[] = [];
  const which: number[] = [];
  const problem = (k: number, message: string) => {
    problems.push(message);
    which.push(k);
  };
  const seen = new Set<number>();
  const out: [number, number][] = [];
  locks.forEach(([x, y], k) => {
    const i = m.index.get(x);
    const j = m.index.get(y);
    if (i === undefined || j === undefined) {
      problem(k, `lock ${x} + ${y}: ${[i === undefined ? x : null, j === undefined ? y : null].filter(Boolean).join(" and ")} not registered in round ${pool.round}`);
      return;
    }
    if (i === j) return problem(k, `lock ${x} + ${y}: a person cannot be their own partner`);
    for (const v of [i, j]) if (seen.has(v)) problem(k, `lock ${x} + ${y}: ${pool.people[v].id} is locked twice`);
    seen.add(i);
    seen.add(j);
    const why = violationOf(m, pool.people, i, j);
    if (why) problem(k, `lock ${x} + ${y}: breaks a hard rule (${why.replace("_", " ")})`);
    out.push([Math.min(i, j), Math.max(i, j)]);
  });
  if (problems.length) throw new LockError(problems, which);
  return out;
}

/**
 * The proposed matching of `pool` under `weights` (see module doc), with its quality summary.
 * @throws LockError when locks cannot be honoured; Error from `scorePool` (duplicate id, unknown country offset).
 */
export function proposeMatching(pool: Pool, weights: Weights, options: ProposeOptions = {}): Proposal {
  // without locks the solve takes the whole triangle, so it can be scanned while it is scored
  const m = scorePools(pool, [weights], options.forbids ?? [], { scanWidth: options.locks?.length ? undefined : SOLVE_SCAN_WIDTH })[0];
  const locked = resolveLocks(pool, m, options.locks ?? []);
  const exclude = new Set(locked.flat());
  const s = solve(m, exclude, { maxCardinality: options.maxCardinality });
  const pairs = [...locked, ...s.pairs];
  const { summary, pairs: pq } = matchingQuality(m, pool.people, pairs, options.predict);
  const inPair = new Set(pairs.flat());
  return {
    round: pool.round,
    pairs,
    pairIds: pairs.map(([i, j]) => [pool.people[i].id, pool.people[j].id]),
    unmatched: pool.people.filter((_, i) => !inPair.has(i)).map((p) => p.id),
    locked: locked.length,
    quality: summary,
    pairQuality: pq,
    matrix: m,
    solver: { iterations: s.iterations, candidateEdges: s.candidateEdges },
  };
}
