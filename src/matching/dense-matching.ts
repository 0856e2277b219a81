/**
 * Exact maximum-weight matching of a (nearly) complete graph, the shape of an ILN round: every
 * allowed pair of participants is an edge. Solving the blossom algorithm on all ~n^2/2 edges is
 * slow, so this solves it on a sparse candidate graph and proves the result optimal for the
 * full graph by pricing (column generation):
 *
 * 1. Candidates: each person's `candidatesPerVertex` best partners, their
 *    `relativeCandidatesPerVertex` best by weight relative to the partner's own K-th best, plus the
 *    edges of a greedy matching (top-K alone is unsafe: everyone's favourites are the same popular
 *    people).
 * 2. Solve the candidate graph exactly ({@link solveMatching}), keeping the final duals. The
 *    solver sees doubled weights W = 2w, so with integer weights every number below is exact.
 * 3. Price every other allowed pair against those duals: reduced cost
 *    `rc(i, j) = u_i + u_j - 2W_ij + 2 * sum(z_B : blossom B contains i and j)`.
 *    Pairs with rc < 0 ("violators"; each person contributes its `violatorsPerVertex` worst)
 *    join the candidates, and step 2 runs again, warm-started from the previous solution
 *    (blossom duals folded into vertex duals, pairs no longer tight split, each new pair made
 *    feasible by raising one endpoint's dual; see {@link warmStart}), until no pair is violated.
 *
 * Certificate (no maxCardinality). When no pair is violated, u >= 0 and z >= 0 are feasible for
 * Edmonds' odd-set LP of the FULL graph (every edge satisfies rc >= 0), and the complementary
 * slackness the solver guarantees on the candidate graph (matched pairs tight, exposed people at
 * u = 0, z_B > 0 only on blossoms holding (|B|-1)/2 matched pairs) involves only the matching,
 * the duals and the blossoms, never the added pairs. So the matching's weight equals the value of
 * a feasible dual of the full graph, which bounds every matching of the full graph: it is
 * optimal. With integer weights every test is exact; with float weights a pair counts as
 * violated only below `-2e-9 * max|w|` (so rounding cannot loop), and the certificate holds up
 * to that tolerance.
 *
 * With maxCardinality (solves are then cold: the reference algorithm does not take a warm
 * start), vertex duals may be negative but every exposed vertex sits at the minimum dual d; the
 * same argument then bounds only matchings with as many pairs as ours. So a second test searches
 * the full graph for an augmenting path (Edmonds' cardinality search from each exposed vertex);
 * found paths join the candidates and the loop goes on. When neither test adds a pair, our
 * matching has maximum cardinality in the full graph and maximum weight among those.
 *
 * Pure TypeScript, no Node imports.
 */
import { solveMatching, type MatchingState, type WarmStart } from "./blossom";

/**
 * Weight of the pair {i, j}, i < j: a callback returning a finite number, or null/undefined/NaN
 * when the pair is forbidden; or an n*n matrix read at `[i * n + j]` (upper triangle only) where
 * NaN and the `forbidden` sentinel mark forbidden pairs.
 */
export type WeightSource = ((i: number, j: number) => number | null | undefined) | Float64Array | Int32Array;

/** Options of {@link maxWeightMatchingDense}. */
export interface DenseMatchingOptions {
  /** Maximum weight among maximum-cardinality matchings (networkx `maxcardinality`). */
  maxCardinality?: boolean;
  /** Matrix entries equal to this value are forbidden pairs (e.g. -1 in an Int32Array). */
  forbidden?: number;
  /** Best partners kept per person in the first candidate graph; default 10. */
  candidatesPerVertex?: number;
  /**
   * Partners kept per person by RELATIVE weight, `w(i, j)` minus the K-th best weight of j: the
   * partners for whom i is a good choice by their own standard; default 8 (0: none). Top-K alone
   * lists the same popular people for everyone, and the pairs the optimum needs among the others
   * then arrive only through several rounds of pricing; on real 5,000-person pools these
   * candidates cut the solve by about a third, on 1,458 people by half.
   */
  relativeCandidatesPerVertex?: number;
  /** Most violated pairs each person contributes per pricing round; default 2. */
  violatorsPerVertex?: number;
}

/** Result of {@link maxWeightMatchingDense}. */
export interface DenseMatchingResult {
  /** `mate[v]` is v's partner, -1 when unmatched. */
  mate: Int32Array;
  /** Total weight of the matching. */
  total: number;
  /** Number of exact solves of the candidate graph (1 when the first one was already optimal). */
  iterations: number;
  /** Number of candidate edges in the last solve. */
  candidateEdges: number;
}

/**
 * Exact maximum-weight matching of the graph on vertices 0..n-1 whose edges are all allowed
 * pairs of `weight` (see {@link WeightSource}); optimal for the full graph, certified by the
 * dual pricing described in this module's comment. Same semantics as
 * {@link maxWeightMatching} on the full edge list (total weight maximal, among maximum-cardinality
 * matchings when `maxCardinality`), though ties may be broken differently.
 *
 * Cost: O(n^2) weight evaluations per pricing round plus the sparse solves; memory O(n^2 / 8)
 * bytes for the candidate bitset plus O(n + candidates).
 *
 * @throws RangeError when n is not a non-negative integer, a matrix is not n*n, a weight is
 *   infinite, or an option is out of range.
 */
export function maxWeightMatchingDense(n: number, weight: WeightSource, options: DenseMatchingOptions = {}): DenseMatchingResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const K = options.candidatesPerVertex ?? 10;
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`candidatesPerVertex must be a positive integer, got ${K}`);
  const R = options.relativeCandidatesPerVertex ?? 8;
  if (!Number.isInteger(R) || R < 0) throw new RangeError(`relativeCandidatesPerVertex must be a non-negative integer, got ${R}`);
  const perVertex = options.violatorsPerVertex ?? 2;
  if (!Number.isInteger(perVertex) || perVertex < 1) throw new RangeError(`violatorsPerVertex must be a positive integer, got ${perVertex}`);
  const maxCard = options.maxCardinality === true;
  const get = accessor(n, weight, options.forbidden);

  // Pass over all pairs: top-K per vertex, weight scale and integrality.
  const topJ = new Int32Array(n * K).fill(-1);
  const topW = new Float64Array(n * K).fill(-Infinity);
  let maxAbs = 0;
  let allInt = true;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = get(i, j);
      if (x !== x) continue;
      if (x === Infinity || x === -Infinity) throw new RangeError(`weight of pair (${i}, ${j}) is not finite`);
      const ax = x < 0 ? -x : x;
      if (ax > maxAbs) maxAbs = ax;
      if (allInt && !Number.isInteger(x)) allInt = false;
      keepBest(topJ, topW, i * K, K, j, x);
      keepBest(topJ, topW, j * K, K, i, x);
    }
  }
  const tol = allInt ? 0 : 1e-9 * Math.max(1, maxAbs);

  const cand = new CandidateSet(n);
  for (let i = 0; i < n; i++) {
    for (let s = i * K; s < i * K + K; s++) {
      const j = topJ[s];
      if (j >= 0) cand.add(i, j, topW[s]);
    }
  }
  if (R > 0) addRelativeCandidates(n, get, cand, topW, K, R);
  addGreedyMatching(n, get, cand, maxCard);

  let iterations = 0;
  let state: MatchingState | null = null;
  let fresh: number[] = [];
  for (;;) {
    iterations++;
    // The solver sees doubled weights, so integer duals stay exact (see blossom.ts).
    const w2 = cand.ew().map((x) => 2 * x);
    const init = state !== null && !maxCard ? warmStart(n, state, cand, fresh, tol, allInt) : undefined;
    state = solveMatching(n, cand.eu(), cand.ev(), w2, maxCard, init);
    const before = cand.size;
    let added = priceViolators(n, get, state, cand, 2 * tol, perVertex);
    if (added === 0 && maxCard) added = addAugmentingPaths(n, get, state.mate, cand);
    if (added === 0) break;
    fresh = [];
    for (let k = before; k < cand.size; k++) fresh.push(k);
  }
  let total = 0;
  const mate = state!.mate;
  for (let v = 0; v < n; v++) {
    const u = mate[v];
    if (u > v) total += get(v, u);
  }
  return { mate, total, iterations, candidateEdges: cand.size };
}

/**
 * Warm start for the next solve after candidate edges `fresh` were added: blossom duals are
 * folded into vertex duals (u'_v = u_v + sum of z_B over blossoms containing v; every edge stays
 * feasible), matched pairs no longer tight are split, and each new edge still violated has one
 * endpoint's dual raised to make it feasible (that endpoint and its partner become exposed).
 * With integer weights, exposed vertices of positive dual are made even (raising an exposed
 * vertex's dual keeps feasibility), so the next solve stays in exact integer arithmetic.
 */
function warmStart(n: number, state: MatchingState, cand: CandidateSet, fresh: number[], tol: number, allInt: boolean): WarmStart {
  const { dual, blossomParent } = state;
  const u = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let x = dual[v];
    for (let b = blossomParent[v]; b !== -1; b = blossomParent[b]) x += dual[b];
    u[v] = x;
  }
  const mate = Int32Array.from(state.mate);
  const eu = cand.eu();
  const ev = cand.ev();
  const ew = cand.ew();
  // Weight of each matched pair, via the candidate list (matched pairs are candidates).
  const matchedW = new Float64Array(n).fill(NaN);
  for (let k = 0; k < eu.length; k++) {
    if (mate[eu[k]] === ev[k]) {
      matchedW[eu[k]] = ew[k];
      matchedW[ev[k]] = ew[k];
    }
  }
  for (let v = 0; v < n; v++) {
    const p = mate[v];
    if (p > v && u[v] + u[p] - 4 * matchedW[v] > 2 * tol) {
      mate[v] = -1;
      mate[p] = -1;
    }
  }
  for (const k of fresh) {
    let i = eu[k];
    let j = ev[k];
    const d = 4 * ew[k] - u[i] - u[j];
    if (d <= 0) continue;
    if (mate[i] !== -1 && mate[j] === -1) {
      const t = i;
      i = j;
      j = t;
    }
    u[i] += d;
    const p = mate[i];
    if (p !== -1) {
      mate[p] = -1;
      mate[i] = -1;
    }
  }
  if (allInt) {
    for (let v = 0; v < n; v++) if (mate[v] === -1 && u[v] % 2 !== 0) u[v] += 1;
  }
  return { mate, dual: u };
}

/** Returns get(i, j) for i < j: the weight, or NaN for a forbidden pair. */
function accessor(n: number, weight: WeightSource, forbidden: number | undefined): (i: number, j: number) => number {
  if (typeof weight === "function") {
    return (i, j) => {
      const x = weight(i, j);
      return x === null || x === undefined ? NaN : x;
    };
  }
  if (weight.length !== n * n) throw new RangeError(`weight matrix has ${weight.length} entries, expected n*n = ${n * n}`);
  if (forbidden === undefined) return (i, j) => weight[i * n + j];
  return (i, j) => {
    const x = weight[i * n + j];
    return x === forbidden ? NaN : x;
  };
}

/**
 * Keeps the `len` largest offers of slot `base..base+len` in `topW` (descending) with their ids in
 * `topJ`: offers `b` with value `x` when it beats the smallest kept value.
 */
function keepBest(topJ: Int32Array, topW: Float64Array, base: number, len: number, b: number, x: number): void {
  if (x <= topW[base + len - 1]) return;
  let s = base + len - 1;
  while (s > base && topW[s - 1] < x) {
    topW[s] = topW[s - 1];
    topJ[s] = topJ[s - 1];
    s--;
  }
  topW[s] = x;
  topJ[s] = b;
}

/**
 * Adds each person's `R` best partners by relative weight `w(i, j) - h_j`, where h_j is j's K-th
 * best weight (`topW` of the first pass; 0 when j has fewer than K allowed pairs).
 */
function addRelativeCandidates(n: number, get: (i: number, j: number) => number, cand: CandidateSet, topW: Float64Array, K: number, R: number): void {
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = topW[i * K + K - 1] === -Infinity ? 0 : topW[i * K + K - 1];
  const relJ = new Int32Array(n * R).fill(-1);
  const relW = new Float64Array(n * R).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = get(i, j);
      if (x !== x) continue;
      keepBest(relJ, relW, i * R, R, j, x - h[j]);
      keepBest(relJ, relW, j * R, R, i, x - h[i]);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let s = i * R; s < i * R + R; s++) {
      const j = relJ[s];
      if (j >= 0) cand.add(i, j, i < j ? get(i, j) : get(j, i));
    }
  }
}

/** Growable edge list with an n*n membership bitset (pairs stored with i < j). */
class CandidateSet {
  private readonly bits: Uint32Array;
  private u: Int32Array;
  private v: Int32Array;
  private w: Float64Array;
  size = 0;
  constructor(private readonly n: number) {
    this.bits = new Uint32Array(Math.ceil((n * n) / 32) + 1);
    const cap = Math.max(16, 8 * n);
    this.u = new Int32Array(cap);
    this.v = new Int32Array(cap);
    this.w = new Float64Array(cap);
  }
  has(i: number, j: number): boolean {
    const idx = i < j ? i * this.n + j : j * this.n + i;
    return (this.bits[idx >>> 5] & (1 << (idx & 31))) !== 0;
  }
  add(i: number, j: number, x: number): boolean {
    if (i > j) {
      const t = i;
      i = j;
      j = t;
    }
    const idx = i * this.n + j;
    const bit = 1 << (idx & 31);
    if (this.bits[idx >>> 5] & bit) return false;
    this.bits[idx >>> 5] |= bit;
    if (this.size === this.u.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.u = grow(this.u, new Int32Array(this.size * 2));
      this.v = grow(this.v, new Int32Array(this.size * 2));
      this.w = grow(this.w, new Float64Array(this.size * 2));
    }
    this.u[this.size] = i;
    this.v[this.size] = j;
    this.w[this.size] = x;
    this.size++;
    return true;
  }
  eu(): Int32Array {
    return this.u.subarray(0, this.size);
  }
  ev(): Int32Array {
    return this.v.subarray(0, this.size);
  }
  ew(): Float64Array {
    return this.w.subarray(0, this.size);
  }
}

/**
 * Greedy matching: candidate edges by decreasing weight, then each still-unmatched person takes
 * the best unmatched partner over all pairs. Its edges join the candidates.
 */
function addGreedyMatching(n: number, get: (i: number, j: number) => number, cand: CandidateSet, maxCard: boolean): void {
  const m = cand.size;
  const eu = cand.eu();
  const ev = cand.ev();
  const ew = cand.ew();
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  order.sort((a, b) => ew[b] - ew[a]);
  const mate = new Int32Array(n).fill(-1);
  for (let r = 0; r < m; r++) {
    const k = order[r];
    if (!maxCard && ew[k] <= 0) break;
    if (mate[eu[k]] === -1 && mate[ev[k]] === -1) {
      mate[eu[k]] = ev[k];
      mate[ev[k]] = eu[k];
    }
  }
  for (let i = 0; i < n; i++) {
    if (mate[i] !== -1) continue;
    let best = -1;
    let bw = maxCard ? -Infinity : 0;
    for (let j = 0; j < n; j++) {
      if (j === i || mate[j] !== -1) continue;
      const x = i < j ? get(i, j) : get(j, i);
      if (x > bw) {
        bw = x;
        best = j;
      }
    }
    if (best >= 0) {
      mate[i] = best;
      mate[best] = i;
      cand.add(i, best, bw);
    }
  }
}

/**
 * Prices every allowed pair outside the candidates against the duals (which are in doubled
 * units: the solver saw weights 2w). Each vertex keeps its `perVertex` most violated pairs
 * (reduced cost below -tol); their union joins the candidates. Returns how many were added.
 */
function priceViolators(
  n: number,
  get: (i: number, j: number) => number,
  state: MatchingState,
  cand: CandidateSet,
  tol: number,
  perVertex: number,
): number {
  const dual = state.dual;
  const { rc: rcOf, top, topZ } = makePricer(state);
  const c = perVertex;
  // Most violated first: kept as -rc, so only pairs with rc < 0 enter.
  const worst = new Float64Array(n * c).fill(0);
  const bestJ = new Int32Array(n * c).fill(-1);
  for (let i = 0; i < n; i++) {
    const di = dual[i];
    for (let j = i + 1; j < n; j++) {
      const x = 2 * get(i, j);
      // Fast reject: blossom duals only raise the reduced cost.
      const s = di + dual[j] - 2 * x;
      if (!(s < -tol)) continue;
      // Second fast reject: two people of one outermost blossom B have Z(lca) >= z_B. With real
      // scores most people sit in a few large blossoms, and this skips most exact queries.
      if (top[i] === top[j] && s + 2 * topZ[i] >= -tol) continue;
      if (cand.has(i, j)) continue;
      const rc = rcOf(i, j, x);
      if (rc < -tol) {
        keepBest(bestJ, worst, i * c, c, j, -rc);
        keepBest(bestJ, worst, j * c, c, i, -rc);
      }
    }
  }
  let added = 0;
  for (let i = 0; i < n; i++) {
    for (let s = i * c; s < i * c + c; s++) {
      const j = bestJ[s];
      if (j >= 0 && cand.add(i, j, i < j ? get(i, j) : get(j, i))) added++;
    }
  }
  return added;
}

/**
 * Returns rc(i, j, W) = `u_i + u_j - 2W + 2 * Z(lca)` for a solver weight W (= 2w), where Z(b) is the
 * sum of blossom duals of b and its ancestors and lca the smallest blossom holding i and j:
 * the same value as {@link reducedCost}, with an O(log depth) lowest-common-ancestor query by
 * binary lifting instead of a walk (ties make deep blossom nests). Also returns each vertex's
 * outermost blossom (`top`, the vertex itself when it is in none) and that blossom's dual `topZ`
 * (0 for none), for a cheap lower bound: rc >= `u_i + u_j - 2W + 2 * topZ[i]` when top[i] = top[j].
 */
function makePricer(state: MatchingState): { rc: (i: number, j: number, W: number) => number; top: Int32Array; topZ: Float64Array } {
  const { n, dual, blossomParent } = state;
  const n2 = 2 * n;
  const depth = new Int32Array(n2).fill(-1);
  const Z = new Float64Array(n2);
  const stack: number[] = [];
  for (let x = 0; x < n2; x++) {
    if (x >= n && state.blossomBase[x] < 0) continue;
    let y = x;
    while (y !== -1 && depth[y] < 0) {
      stack.push(y);
      y = blossomParent[y];
    }
    while (stack.length > 0) {
      const t = stack.pop()!;
      const par = blossomParent[t];
      depth[t] = par === -1 ? 0 : depth[par] + 1;
      Z[t] = (par === -1 ? 0 : Z[par]) + (t >= n ? dual[t] : 0);
    }
  }
  let maxDepth = 0;
  for (let x = 0; x < n2; x++) if (depth[x] > maxDepth) maxDepth = depth[x];
  let LOG = 1;
  while (1 << LOG <= maxDepth) LOG++;
  const up = new Int32Array(LOG * n2).fill(-1);
  for (let x = 0; x < n2; x++) up[x] = blossomParent[x];
  for (let k = 1; k < LOG; k++) {
    for (let x = 0; x < n2; x++) {
      const mid = up[(k - 1) * n2 + x];
      up[k * n2 + x] = mid === -1 ? -1 : up[(k - 1) * n2 + mid];
    }
  }
  const top = new Int32Array(n);
  const topZ = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let b = v;
    while (blossomParent[b] !== -1) b = blossomParent[b];
    top[v] = b;
    topZ[v] = b >= n ? dual[b] : 0;
  }
  const rc = (i: number, j: number, W: number): number => {
    const s = dual[i] + dual[j] - 2 * W;
    let a = blossomParent[i];
    let b = blossomParent[j];
    if (a === -1 || b === -1) return s;
    if (depth[a] < depth[b]) {
      const t = a;
      a = b;
      b = t;
    }
    let diff = depth[a] - depth[b];
    for (let k = 0; diff > 0; k++, diff >>= 1) if (diff & 1) a = up[k * n2 + a];
    if (a === b) return s + 2 * Z[a];
    for (let k = LOG - 1; k >= 0; k--) {
      const ua = up[k * n2 + a];
      const ub = up[k * n2 + b];
      if (ua !== ub) {
        a = ua;
        b = ub;
      }
    }
    const l = blossomParent[a];
    return l === -1 ? s : s + 2 * Z[l];
  };
  return { rc, top, topZ };
}

/**
 * Looks for augmenting paths of `mate` in the full graph (Edmonds' cardinality search from each
 * exposed vertex, O(n^2) weight look-ups per search) and adds the edges of those found to the
 * candidates. A vertex with no augmenting path is never searched again in this call (Edmonds:
 * augmenting elsewhere cannot create one). Returns the number of edges added.
 */
function addAugmentingPaths(n: number, get: (i: number, j: number) => number, mateIn: Int32Array, cand: CandidateSet): number {
  const match = Int32Array.from(mateIn);
  const p = new Int32Array(n);
  const base = new Int32Array(n);
  const used = new Uint8Array(n);
  const inBlossom = new Uint8Array(n);
  const onPath = new Uint8Array(n);
  const queue = new Int32Array(n);
  const adj = (a: number, b: number): boolean => {
    const x = a < b ? get(a, b) : get(b, a);
    return x === x;
  };
  const lca = (a: number, b: number): number => {
    onPath.fill(0);
    for (;;) {
      a = base[a];
      onPath[a] = 1;
      if (match[a] === -1) break;
      a = p[match[a]];
    }
    for (;;) {
      b = base[b];
      if (onPath[b]) return b;
      b = p[match[b]];
    }
  };
  const markPath = (v: number, b: number, child: number): void => {
    while (base[v] !== b) {
      inBlossom[base[v]] = inBlossom[base[match[v]]] = 1;
      p[v] = child;
      child = match[v];
      v = p[match[v]];
    }
  };
  const search = (root: number): number => {
    used.fill(0);
    p.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    used[root] = 1;
    let qh = 0;
    let qt = 0;
    queue[qt++] = root;
    while (qh < qt) {
      const v = queue[qh++];
      for (let to = 0; to < n; to++) {
        if (to === v || base[v] === base[to] || match[v] === to || !adj(v, to)) continue;
        if (to === root || (match[to] !== -1 && p[match[to]] !== -1)) {
          const cb = lca(v, to);
          inBlossom.fill(0);
          markPath(v, cb, to);
          markPath(to, cb, v);
          for (let i = 0; i < n; i++) {
            if (inBlossom[base[i]]) {
              base[i] = cb;
              if (!used[i]) {
                used[i] = 1;
                queue[qt++] = i;
              }
            }
          }
        } else if (p[to] === -1) {
          p[to] = v;
          if (match[to] === -1) return to;
          used[match[to]] = 1;
          queue[qt++] = match[to];
        }
      }
    }
    return -1;
  };
  let added = 0;
  for (let r = 0; r < n; r++) {
    if (match[r] !== -1) continue;
    const end = search(r);
    if (end === -1) continue;
    let v = end;
    while (v !== -1) {
      const pv = p[v];
      const next = match[pv];
      if (cand.add(v, pv, pv < v ? get(pv, v) : get(v, pv))) added++;
      match[v] = pv;
      match[pv] = v;
      v = next;
    }
  }
  return added;
}
