/**
 * Exact maximum-weight matching in general (non-bipartite) graphs: Edmonds' blossom algorithm
 * with dual variables, O(n^3), ported from Joris van Rantwijk's reference implementation (the
 * algorithm networkx's `max_weight_matching` uses), rewritten over typed arrays with iterative
 * `augmentBlossom`, `expandBlossom` and leaf walks so deep blossom nesting cannot overflow the stack.
 *
 * Dual scaling (as in the reference): an edge (i, j, w) is feasible when
 * `u_i + u_j - 2w + 2 * sum(z_B for blossoms B holding i and j) >= 0`.
 *
 * Two departures from the reference, both standard primal-dual moves, used only without
 * maxCardinality: (1) a jump start, `u_v` = heaviest weight at v and a greedy matching of the
 * edges tight at both ends, instead of every `u_v` = global maximum and an empty matching;
 * (2) so that exposed vertices may carry different duals (needed by the jump start and by warm
 * starts), a stage's roots are the exposed vertices of positive dual, and when an S-vertex's dual
 * reaches 0 the even alternating path from it to its root is flipped. Termination leaves every
 * exposed vertex at dual 0, so the usual optimality certificate holds. With maxCardinality the
 * reference algorithm runs unchanged.
 *
 * Exactness: {@link maxWeightMatching} hands the core doubled weights, so with integer weights
 * every dual is an integer and every exposed root starts with an even dual; the half-slack step
 * then always divides an even number and all arithmetic is exact (up to |w| < 2^51). Float
 * weights use float arithmetic like networkx; zero tests are exact comparisons, and a rounding
 * residue only costs an extra tiny dual step, never a wrong branch that loops.
 *
 * Pure TypeScript, no Node imports: the dashboards run the same code in the browser.
 */

/** Options of {@link maxWeightMatching}. */
export interface MatchingOptions {
  /** When true, only maximum-cardinality matchings are considered (networkx `maxcardinality`). */
  maxCardinality?: boolean;
}

/**
 * Final state of the primal-dual algorithm, enough to certify optimality: vertex duals
 * `dual[0..n)`, blossom duals `dual[n..2n)` (scaled as described in the module comment, in the
 * units of the weights given to {@link solveMatching}), `blossomParent` (-1 at a top level) and
 * `mate` as vertex partners (-1 when unmatched).
 */
export interface MatchingState {
  n: number;
  mate: Int32Array;
  dual: Float64Array;
  blossomParent: Int32Array;
  /** `blossomBase[b] >= 0` when blossom `b` (n <= b < 2n) is in use. */
  blossomBase: Int32Array;
}

/**
 * Starting point for {@link solveMatching} (without maxCardinality): `mate[v]` partner or -1,
 * each matched pair an edge that is tight under `dual`; `dual[v] >= 0` feasible for every edge
 * (`dual_i + dual_j >= 2w`). With integer weights, the exposed vertices of positive dual must
 * share one parity (e.g. all duals even after doubling the weights) to keep the arithmetic exact.
 */
export interface WarmStart {
  mate: Int32Array;
  dual: Float64Array;
}

/**
 * Maximum-weight matching of a general graph, with networkx's semantics
 * (`networkx.max_weight_matching`).
 *
 * Vertices are 0..n-1 with n = 1 + the largest vertex id in `edges`; each edge is
 * `[u, v, weight]`. Self-loops are ignored (networkx ignores them too); parallel edges are allowed.
 * The result `mate[v]` is v's partner or -1. The matching's total weight is maximal; with
 * `maxCardinality` it is maximal among the matchings of maximum cardinality.
 *
 * Complexity O(n^3) time, O(n + m) memory.
 *
 * @throws RangeError when a vertex id is not a non-negative integer or a weight is not finite.
 * @example maxWeightMatching([[0, 1, 5], [1, 2, 11], [2, 3, 5]]) // [-1, 2, 1, -1]
 */
export function maxWeightMatching(
  edges: readonly (readonly [number, number, number])[],
  options: MatchingOptions = {},
): number[] {
  let n = 0;
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const i = e[0];
    const j = e[1];
    const w = e[2];
    if (!Number.isInteger(i) || i < 0 || !Number.isInteger(j) || j < 0) {
      throw new RangeError(`edge ${k}: vertex ids must be non-negative integers, got [${i}, ${j}]`);
    }
    if (!Number.isFinite(w)) throw new RangeError(`edge ${k}: weight must be a finite number, got ${w}`);
    if (i >= n) n = i + 1;
    if (j >= n) n = j + 1;
  }
  let m = 0;
  for (const e of edges) if (e[0] !== e[1]) m++;
  const eu = new Int32Array(m);
  const ev = new Int32Array(m);
  const ew = new Float64Array(m);
  m = 0;
  for (const e of edges) {
    if (e[0] === e[1]) continue;
    eu[m] = e[0];
    ev[m] = e[1];
    ew[m] = 2 * e[2]; // doubled: all duals stay even-parity integers (exact) for integer weights
    m++;
  }
  const state = solveMatching(n, eu, ev, ew, options.maxCardinality === true);
  return Array.from(state.mate);
}

/**
 * Core solver over edge arrays: edge k joins `eu[k]` and `ev[k]` (distinct, in 0..n-1) with
 * weight `ew[k]` (callers wanting exact integer arithmetic pass doubled weights, see the module
 * comment). Returns the matching with the final duals and blossom forest, which
 * {@link reducedCost} uses to certify the matching against edges outside this graph.
 * `init` (only without maxCardinality) starts from a given matching and feasible vertex duals.
 *
 * @throws RangeError when `init` is combined with maxCardinality or pairs two vertices with no
 *   edge between them; other inputs are not validated here (use {@link maxWeightMatching}).
 */
export function solveMatching(
  n: number,
  eu: Int32Array,
  ev: Int32Array,
  ew: Float64Array,
  maxCardinality = false,
  init?: WarmStart,
): MatchingState {
  if (init && maxCardinality) throw new RangeError("a warm start is only supported without maxCardinality");
  const nedge = eu.length;
  const n2 = 2 * n;

  let maxweight = 0;
  for (let k = 0; k < nedge; k++) if (ew[k] > maxweight) maxweight = ew[k];

  // endpoint p of edge k = p >> 1: even p -> eu, odd p -> ev.
  const endpoint = new Int32Array(2 * nedge);
  for (let k = 0; k < nedge; k++) {
    endpoint[2 * k] = eu[k];
    endpoint[2 * k + 1] = ev[k];
  }
  // CSR adjacency of remote endpoints.
  const nbStart = new Int32Array(n + 1);
  for (let k = 0; k < nedge; k++) {
    nbStart[eu[k] + 1]++;
    nbStart[ev[k] + 1]++;
  }
  for (let v = 0; v < n; v++) nbStart[v + 1] += nbStart[v];
  const nbList = new Int32Array(2 * nedge);
  {
    const fill = nbStart.slice(0, n);
    for (let k = 0; k < nedge; k++) {
      nbList[fill[eu[k]]++] = 2 * k + 1;
      nbList[fill[ev[k]]++] = 2 * k;
    }
  }

  const mate = new Int32Array(n).fill(-1); // remote endpoint index, or -1
  const label = new Int8Array(n2); // 0 free, 1 S, 2 T, |4 breadcrumb; -1 unused blossom
  const labelend = new Int32Array(n2).fill(-1);
  const inblossom = new Int32Array(n);
  for (let v = 0; v < n; v++) inblossom[v] = v;
  const blossomparent = new Int32Array(n2).fill(-1);
  const blossomchilds: (number[] | null)[] = new Array(n2).fill(null);
  const blossombase = new Int32Array(n2).fill(-1);
  for (let v = 0; v < n; v++) blossombase[v] = v;
  const blossomendps: (number[] | null)[] = new Array(n2).fill(null);
  const bestedge = new Int32Array(n2).fill(-1);
  const blossombestedges: (number[] | null)[] = new Array(n2).fill(null);
  const unused = new Int32Array(n);
  let nunused = 0;
  for (let b = n2 - 1; b >= n; b--) unused[nunused++] = b;
  const dualvar = new Float64Array(n2);
  if (maxCardinality) {
    for (let v = 0; v < n; v++) dualvar[v] = maxweight;
  } else if (init) {
    for (let v = 0; v < n; v++) dualvar[v] = init.dual[v];
  } else {
    // Jump start: u_v = max(0, heaviest incident weight) is feasible; edges tight at both ends
    // are matched greedily below.
    for (let k = 0; k < nedge; k++) {
      const x = ew[k];
      if (x > dualvar[eu[k]]) dualvar[eu[k]] = x;
      if (x > dualvar[ev[k]]) dualvar[ev[k]] = x;
    }
  }
  const allowedge = new Uint8Array(nedge);
  const queue = new Int32Array(n2 + 2);
  let qlen = 0;

  // Scratch buffers (no per-step allocation).
  const walk = new Int32Array(n2 + 1); // DFS stack for leaf walks
  const leafBuf = new Int32Array(n);
  const pathBuf = new Int32Array(n2);
  const bestedgeto = new Int32Array(n2).fill(-1);
  const touched = new Int32Array(n2);
  const augStackB = new Int32Array(n2 + 1);
  const augStackV = new Int32Array(n2 + 1);
  const expStack = new Int32Array(n2 + 1);

  if (init) {
    for (let v = 0; v < n; v++) {
      const u = init.mate[v];
      if (u < 0 || u < v) continue;
      let found = -1;
      for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
        if (endpoint[nbList[q]] === u) {
          found = nbList[q];
          break;
        }
      }
      if (found < 0) throw new RangeError(`warm start pairs ${v} and ${u}, which share no edge`);
      mate[v] = found;
      mate[u] = found ^ 1;
    }
  } else if (!maxCardinality) {
    for (let k = 0; k < nedge; k++) {
      const a = eu[k];
      const b = ev[k];
      if (mate[a] === -1 && mate[b] === -1 && dualvar[a] + dualvar[b] - 2 * ew[k] === 0) {
        mate[a] = 2 * k + 1;
        mate[b] = 2 * k;
      }
    }
  }

  const slack = (k: number): number => dualvar[eu[k]] + dualvar[ev[k]] - 2 * ew[k];

  /** Writes the leaf vertices of blossom b into out[start..), returns the new end. */
  function leaves(b: number, out: Int32Array, start: number): number {
    if (b < n) {
      out[start] = b;
      return start + 1;
    }
    let top = 0;
    let end = start;
    walk[top++] = b;
    while (top > 0) {
      const t = walk[--top];
      if (t < n) {
        out[end++] = t;
      } else {
        const ch = blossomchilds[t]!;
        for (let c = ch.length - 1; c >= 0; c--) walk[top++] = ch[c];
      }
    }
    return end;
  }

  function assignLabel(w: number, t: number, p: number): void {
    for (;;) {
      const b = inblossom[w];
      label[w] = label[b] = t;
      labelend[w] = labelend[b] = p;
      bestedge[w] = bestedge[b] = -1;
      if (t === 1) {
        qlen = leaves(b, queue, qlen);
        return;
      }
      const base = blossombase[b];
      w = endpoint[mate[base]];
      t = 1;
      p = mate[base] ^ 1;
    }
  }

  function scanBlossom(v: number, w: number): number {
    let plen = 0;
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = inblossom[v];
      if (label[b] & 4) {
        base = blossombase[b];
        break;
      }
      pathBuf[plen++] = b;
      label[b] = 5;
      if (labelend[b] === -1) {
        v = -1;
      } else {
        v = endpoint[labelend[b]];
        b = inblossom[v];
        v = endpoint[labelend[b]];
      }
      if (w !== -1) {
        const tmp = v;
        v = w;
        w = tmp;
      }
    }
    for (let i = 0; i < plen; i++) label[pathBuf[i]] = 1;
    return base;
  }

  function addBlossom(base: number, k: number): void {
    let v = eu[k];
    let w = ev[k];
    const bb = inblossom[base];
    let bv = inblossom[v];
    let bw = inblossom[w];
    const b = unused[--nunused];
    blossombase[b] = base;
    blossomparent[b] = -1;
    blossomparent[bb] = b;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      blossomparent[bv] = b;
      path.push(bv);
      endps.push(labelend[bv]);
      v = endpoint[labelend[bv]];
      bv = inblossom[v];
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      blossomparent[bw] = b;
      path.push(bw);
      endps.push(labelend[bw] ^ 1);
      w = endpoint[labelend[bw]];
      bw = inblossom[w];
    }
    blossomchilds[b] = path;
    blossomendps[b] = endps;
    label[b] = 1;
    labelend[b] = labelend[bb];
    dualvar[b] = 0;
    const nl = leaves(b, leafBuf, 0);
    for (let i = 0; i < nl; i++) {
      const x = leafBuf[i];
      if (label[inblossom[x]] === 2) queue[qlen++] = x;
      inblossom[x] = b;
    }
    let ntouched = 0;
    const consider = (kk: number): void => {
      let j = ev[kk];
      if (inblossom[j] === b) j = eu[kk];
      const bj = inblossom[j];
      if (bj !== b && label[bj] === 1) {
        const cur = bestedgeto[bj];
        if (cur === -1) {
          bestedgeto[bj] = kk;
          touched[ntouched++] = bj;
        } else if (slack(kk) < slack(cur)) {
          bestedgeto[bj] = kk;
        }
      }
    };
    for (let c = 0; c < path.length; c++) {
      const sub = path[c];
      const lst = blossombestedges[sub];
      if (lst === null) {
        const nl2 = leaves(sub, leafBuf, 0);
        for (let i = 0; i < nl2; i++) {
          const x = leafBuf[i];
          for (let q = nbStart[x], qe = nbStart[x + 1]; q < qe; q++) consider(nbList[q] >> 1);
        }
      } else {
        for (let i = 0; i < lst.length; i++) consider(lst[i]);
      }
      blossombestedges[sub] = null;
      bestedge[sub] = -1;
    }
    const best: number[] = [];
    let be = -1;
    let bs = 0;
    for (let i = 0; i < ntouched; i++) {
      const kk = bestedgeto[touched[i]];
      bestedgeto[touched[i]] = -1;
      best.push(kk);
      const s = slack(kk);
      if (be === -1 || s < bs) {
        be = kk;
        bs = s;
      }
    }
    blossombestedges[b] = best;
    bestedge[b] = be;
  }

  function expandBlossom(b0: number, endstage: boolean): void {
    let top = 0;
    expStack[top++] = b0;
    while (top > 0) {
      const b = expStack[--top];
      const childs = blossomchilds[b]!;
      for (let c = 0; c < childs.length; c++) {
        const s = childs[c];
        blossomparent[s] = -1;
        if (s < n) {
          inblossom[s] = s;
        } else if (endstage && dualvar[s] === 0) {
          expStack[top++] = s;
        } else {
          const nl = leaves(s, leafBuf, 0);
          for (let i = 0; i < nl; i++) inblossom[leafBuf[i]] = s;
        }
      }
      if (!endstage && label[b] === 2) relabelExpandedT(b, childs);
      label[b] = -1;
      labelend[b] = -1;
      blossomchilds[b] = null;
      blossomendps[b] = null;
      blossombase[b] = -1;
      blossombestedges[b] = null;
      bestedge[b] = -1;
      unused[nunused++] = b;
    }
  }

  /** Relabels the children of an expanded T-blossom b (mid-stage expansion). */
  function relabelExpandedT(b: number, childs: number[]): void {
    const endps = blossomendps[b]!;
    const len = childs.length;
    const entrychild = inblossom[endpoint[labelend[b] ^ 1]];
    let j = childs.indexOf(entrychild);
    let jstep: number;
    let endptrick: number;
    if (j & 1) {
      j -= len;
      jstep = 1;
      endptrick = 0;
    } else {
      jstep = -1;
      endptrick = 1;
    }
    const at = <T>(arr: T[], idx: number): T => arr[idx < 0 ? idx + len : idx];
    let p = labelend[b];
    while (j !== 0) {
      label[endpoint[p ^ 1]] = 0;
      label[endpoint[at(endps, j - endptrick) ^ endptrick ^ 1]] = 0;
      assignLabel(endpoint[p ^ 1], 2, p);
      allowedge[at(endps, j - endptrick) >> 1] = 1;
      j += jstep;
      p = at(endps, j - endptrick) ^ endptrick;
      allowedge[p >> 1] = 1;
      j += jstep;
    }
    let bv = at(childs, j);
    label[endpoint[p ^ 1]] = label[bv] = 2;
    labelend[endpoint[p ^ 1]] = labelend[bv] = p;
    bestedge[bv] = -1;
    j += jstep;
    while (at(childs, j) !== entrychild) {
      bv = at(childs, j);
      if (label[bv] === 1) {
        j += jstep;
        continue;
      }
      const nl = leaves(bv, leafBuf, 0);
      let v = -1;
      for (let i = 0; i < nl; i++) {
        if (label[leafBuf[i]] !== 0) {
          v = leafBuf[i];
          break;
        }
      }
      if (v !== -1) {
        label[v] = 0;
        label[endpoint[mate[blossombase[bv]]]] = 0;
        assignLabel(v, 2, labelend[v]);
      }
      j += jstep;
    }
  }

  function augmentBlossom(b0: number, v0: number): void {
    let top = 0;
    augStackB[top] = b0;
    augStackV[top++] = v0;
    while (top > 0) {
      --top;
      const b = augStackB[top];
      const v = augStackV[top];
      let t = v;
      while (blossomparent[t] !== b) t = blossomparent[t];
      if (t >= n) {
        augStackB[top] = t;
        augStackV[top++] = v;
      }
      const childs = blossomchilds[b]!;
      const endps = blossomendps[b]!;
      const len = childs.length;
      const i = childs.indexOf(t);
      let j = i;
      let jstep: number;
      let endptrick: number;
      if (i & 1) {
        j -= len;
        jstep = 1;
        endptrick = 0;
      } else {
        jstep = -1;
        endptrick = 1;
      }
      while (j !== 0) {
        j += jstep;
        t = childs[j < 0 ? j + len : j];
        const q = j - endptrick;
        const p = endps[q < 0 ? q + len : q] ^ endptrick;
        if (t >= n) {
          augStackB[top] = t;
          augStackV[top++] = endpoint[p];
        }
        j += jstep;
        t = childs[j < 0 ? j + len : j];
        if (t >= n) {
          augStackB[top] = t;
          augStackV[top++] = endpoint[p ^ 1];
        }
        mate[endpoint[p]] = p ^ 1;
        mate[endpoint[p ^ 1]] = p;
      }
      if (i > 0) {
        blossomchilds[b] = childs.slice(i).concat(childs.slice(0, i));
        blossomendps[b] = endps.slice(i).concat(endps.slice(0, i));
      }
      blossombase[b] = v;
    }
  }

  function augmentMatching(k: number): void {
    walkSide(eu[k], 2 * k + 1);
    walkSide(ev[k], 2 * k);
  }

  /**
   * Rematches S-vertex s to endpoint p (-1: leaves s exposed) and flips the alternating path
   * from s up to the root of its tree, so the root ends matched.
   */
  function walkSide(s: number, p: number): void {
    for (;;) {
      const bs = inblossom[s];
      if (bs >= n) augmentBlossom(bs, s);
      mate[s] = p;
      if (labelend[bs] === -1) break;
      const t = endpoint[labelend[bs]];
      const bt = inblossom[t];
      s = endpoint[labelend[bt]];
      const j = endpoint[labelend[bt] ^ 1];
      if (bt >= n) augmentBlossom(bt, j);
      mate[j] = labelend[bt];
      p = labelend[bt] ^ 1;
    }
  }

  // Stages. Without maxCardinality this is the generalised primal-dual scheme: the roots are the
  // exposed vertices whose dual is still positive (exposed vertices at dual 0 already satisfy
  // complementary slackness), delta1 is the smallest S-vertex dual, and when an S-vertex reaches
  // 0 the even path from it to its root is flipped (it becomes exposed, the root matched). With
  // equal starting duals this is exactly the reference algorithm; it also admits a jump start
  // and warm starts whose exposed vertices carry different duals.
  for (;;) {
    label.fill(0);
    bestedge.fill(-1);
    for (let b = n; b < n2; b++) blossombestedges[b] = null;
    allowedge.fill(0);
    qlen = 0;
    let roots = 0;
    for (let v = 0; v < n; v++) {
      if (mate[v] === -1 && label[inblossom[v]] === 0 && (maxCardinality || dualvar[v] > 0)) {
        assignLabel(v, 1, -1);
        roots++;
      }
    }
    if (roots === 0) break;
    let augmented = false;
    let finished = false;
    for (;;) {
      while (qlen > 0 && !augmented) {
        const v = queue[--qlen];
        for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
          const p = nbList[q];
          const k = p >> 1;
          const w = endpoint[p];
          const bw = inblossom[w];
          if (inblossom[v] === bw) continue;
          let kslack = 0;
          if (!allowedge[k]) {
            kslack = dualvar[v] + dualvar[w] - 2 * ew[k];
            if (kslack <= 0) allowedge[k] = 1;
          }
          const lbw = label[bw];
          if (allowedge[k]) {
            if (lbw === 0) {
              if (mate[blossombase[bw]] === -1) {
                // Free exposed vertex (dual 0): augmenting path from v's root to w.
                walkSide(v, p);
                if (bw >= n) augmentBlossom(bw, w);
                mate[w] = p ^ 1;
                augmented = true;
                break;
              }
              assignLabel(w, 2, p ^ 1);
            } else if (lbw === 1) {
              const base = scanBlossom(v, w);
              if (base >= 0) {
                addBlossom(base, k);
              } else {
                augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === 0) {
              label[w] = 2;
              labelend[w] = p ^ 1;
            }
          } else if (lbw === 1) {
            const b = inblossom[v];
            if (bestedge[b] === -1 || kslack < slack(bestedge[b])) bestedge[b] = k;
          } else if (label[w] === 0) {
            if (bestedge[w] === -1 || kslack < slack(bestedge[w])) bestedge[w] = k;
          }
        }
      }
      if (augmented) break;

      let deltatype = -1;
      let delta = 0;
      let deltaedge = -1;
      let deltablossom = -1;
      if (!maxCardinality) {
        deltatype = 1;
        delta = Infinity;
        for (let v = 0; v < n; v++) {
          if (dualvar[v] < delta && label[inblossom[v]] === 1) {
            delta = dualvar[v];
            deltablossom = v;
          }
        }
      }
      for (let v = 0; v < n; v++) {
        const be = bestedge[v];
        if (be !== -1 && label[inblossom[v]] === 0) {
          const d = slack(be);
          if (deltatype === -1 || d < delta) {
            delta = d;
            deltatype = 2;
            deltaedge = be;
          }
        }
      }
      for (let b = 0; b < n2; b++) {
        const be = bestedge[b];
        if (be !== -1 && blossomparent[b] === -1 && label[b] === 1) {
          const d = slack(be) / 2;
          if (deltatype === -1 || d < delta) {
            delta = d;
            deltatype = 3;
            deltaedge = be;
          }
        }
      }
      for (let b = n; b < n2; b++) {
        if (label[b] === 2 && blossomparent[b] === -1 && blossombase[b] >= 0 && (deltatype === -1 || dualvar[b] < delta)) {
          delta = dualvar[b];
          deltatype = 4;
          deltablossom = b;
        }
      }
      if (deltatype === -1) {
        // maxCardinality: no further improvement; final update so the optimum is verifiable.
        deltatype = 0;
        let mn = Infinity;
        for (let v = 0; v < n; v++) if (dualvar[v] < mn) mn = dualvar[v];
        delta = Math.max(0, mn);
      }
      for (let v = 0; v < n; v++) {
        const l = label[inblossom[v]];
        if (l === 1) dualvar[v] -= delta;
        else if (l === 2) dualvar[v] += delta;
      }
      for (let b = n; b < n2; b++) {
        if (blossomparent[b] === -1 && blossombase[b] >= 0) {
          if (label[b] === 1) dualvar[b] += delta;
          else if (label[b] === 2) dualvar[b] -= delta;
        }
      }
      if (deltatype === 0) {
        finished = true;
        break;
      }
      if (deltatype === 1) {
        // S-vertex deltablossom reached dual 0: expose it, match its root.
        dualvar[deltablossom] = 0;
        walkSide(deltablossom, -1);
        augmented = true;
        break;
      }
      if (deltatype === 2) {
        allowedge[deltaedge] = 1;
        let i = eu[deltaedge];
        if (label[inblossom[i]] === 0) i = ev[deltaedge];
        queue[qlen++] = i;
      } else if (deltatype === 3) {
        allowedge[deltaedge] = 1;
        queue[qlen++] = eu[deltaedge];
      } else {
        expandBlossom(deltablossom, false);
      }
    }
    if (finished) break;
    for (let b = n; b < n2; b++) {
      if (blossomparent[b] === -1 && blossombase[b] >= 0 && label[b] === 1 && dualvar[b] === 0) expandBlossom(b, true);
    }
  }

  const partner = new Int32Array(n);
  for (let v = 0; v < n; v++) partner[v] = mate[v] >= 0 ? endpoint[mate[v]] : -1;
  return { n, mate: partner, dual: dualvar, blossomParent: blossomparent, blossomBase: blossombase };
}

/**
 * Reduced cost of a pair (i, j) of weight w (in the units given to {@link solveMatching})
 * against a final {@link MatchingState}: `u_i + u_j - 2w + 2 * sum(z_B : B a blossom containing both i and j)`.
 * The matching stays optimal after adding the edge when this is >= 0 (dual feasibility; the
 * other optimality conditions do not involve the new edge).
 *
 * Cost: O(1) when i or j lies in no blossom, else O(blossom depth).
 *
 * @throws never (indices are not checked).
 */
export function reducedCost(state: MatchingState, i: number, j: number, w: number): number {
  const { dual, blossomParent } = state;
  let s = dual[i] + dual[j] - 2 * w;
  if (blossomParent[i] === -1 || blossomParent[j] === -1) return s;
  // Mark i's ancestors, then find j's lowest marked ancestor: common blossoms are it and above.
  let a = blossomParent[i];
  let depthI = 0;
  while (a !== -1) {
    depthI++;
    a = blossomParent[a];
  }
  let b = blossomParent[j];
  let depthJ = 0;
  while (b !== -1) {
    depthJ++;
    b = blossomParent[b];
  }
  a = blossomParent[i];
  b = blossomParent[j];
  while (depthI > depthJ) {
    a = blossomParent[a];
    depthI--;
  }
  while (depthJ > depthI) {
    b = blossomParent[b];
    depthJ--;
  }
  while (a !== b) {
    a = blossomParent[a];
    b = blossomParent[b];
  }
  while (a !== -1) {
    s += 2 * dual[a];
    a = blossomParent[a];
  }
  return s;
}
