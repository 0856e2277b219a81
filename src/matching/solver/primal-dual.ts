/**
 * Exact maximum-weight matching of a general graph: Edmonds' primal-dual blossom algorithm with
 * all alternating trees grown at once and an event queue for the dual adjustments (Galil,
 * Micali and Gabow's O(nm log n) scheme, as in LEMON's `MaxWeightedMatching`).
 *
 * Duals, in the scaling of van Rantwijk's reference implementation (the one networkx uses): an
 * edge (i, j) of weight w is feasible when
 *   `u_i + u_j - 2w + 2 * sum(z_B : blossom B holds both i and j) >= 0`,
 * with u >= 0 and z >= 0. A matching is optimal when feasible duals make its pairs tight
 * (slack 0), leave every exposed vertex at u = 0, and give z_B > 0 only to full blossoms.
 *
 * How it differs from the O(n^3) reference:
 * - Every exposed vertex of positive dual roots a tree (S label at the root, T and S alternating
 *   below). After an augmentation only the two trees it joined are dissolved into unlabelled
 *   ("free") vertices; all other trees stay as they are. The reference relabels every tree
 *   after every augmentation.
 * - One dual adjustment moves every S-vertex dual down and every T-vertex dual up by the same
 *   amount, so it is one global number D (the sum of all adjustments so far). A vertex stores
 *   `y` with its dual `y - D` (S), `y + D` (T) or `y` (free); a top-level blossom stores its dual
 *   as `z + D` (S), `z - D` (T) or `z`. An adjustment is then O(1), and every event has a fixed
 *   firing value of D, kept in one min-heap (no O(n) scan per adjustment):
 *   an S-vertex's dual reaches 0 (D = y); an S-to-free edge becomes tight (D = y_i + y_j - 2w);
 *   an edge between two S-blossoms becomes tight (D = (y_i + y_j - 2w) / 2); a T-blossom's dual
 *   reaches 0 (D = z). Entries are never updated in place: a label change pushes fresh entries,
 *   and a popped entry whose recomputed key or labels no longer match is skipped.
 * - Exposed vertices may carry different duals (warm starts, the greedy jump start): when an
 *   S-vertex's dual reaches 0, the even alternating path from it to its root is flipped, so the
 *   root becomes matched and that vertex exposed at dual 0, and its tree dissolves. Exposed
 *   vertices at dual 0 are never roots; a free one reached by a tight edge ends an augmenting path.
 * - Growth events are queued per free vertex only when they improve its best one (`fbest`); when
 *   that best entry goes stale (its S end left), the free vertex rescans its edges. This keeps the
 *   queue to a few entries per vertex instead of one per S-to-free edge.
 * - The top-level blossom of a vertex is `tokTop[tok[v]]`: a new blossom inherits its largest
 *   child's token and gives it back on expansion, so relabelling costs the smaller children only
 *   (finely graded weights nest blossoms thousands deep; relabelling every vertex was quadratic).
 * The solve ends when the last tree dissolves (every entry still queued is then stale: each
 * needs an S- or T-labelled end), so every exposed vertex has dual 0: the usual certificate.
 * Complexity O(n * m * log m) in the worst case (each augmentation may relabel every vertex and
 * rescan its edges); in practice near-linear per augmentation. Memory O(n + m + heap), the heap
 * holding at most a few entries per edge between compactions. Iterative throughout: no recursion.
 *
 * Arithmetic: with integer weights (callers double them, see `maxWeightMatching`) every dual and
 * every event value is a multiple of 1/2 and exact in float64 up to |w| < 2^50. Float weights use
 * float arithmetic; a tight test that rounding misses by an ulp only costs an extra tiny event.
 *
 * Pure TypeScript, no Node imports: the dashboards run the same code in the browser.
 */
import { EventHeap } from "./event-heap";

/**
 * Final state of the primal-dual algorithm, enough to certify optimality: vertex duals
 * `dual[0..n)`, blossom duals `dual[n..2n)` (scaled as in the module comment, in the units of the
 * weights given to the solver plus `shift`), `blossomParent` (-1 at a top level) and `mate` as
 * vertex partners (-1 when unmatched).
 */
export interface MatchingState {
  n: number;
  mate: Int32Array;
  dual: Float64Array;
  blossomParent: Int32Array;
  /** `blossomBase[b] >= 0` when blossom `b` (n <= b < 2n) is in use. */
  blossomBase: Int32Array;
  /**
   * Constant the solver added to every weight before solving (0 unless maxCardinality made it
   * solve `w + shift`); the duals certify the shifted weights.
   */
  shift: number;
}

/**
 * Starting point for the solver: `mate[v]` partner or -1, each matched pair an edge that is
 * tight under `dual`; `dual[v] >= 0` feasible for every edge (`dual_i + dual_j >= 2w`).
 */
export interface WarmStart {
  mate: Int32Array;
  dual: Float64Array;
}

// Event kinds, in the low two bits of a heap item.
const EV_VERTEX = 0; // S-vertex dual reaches 0; item >> 2 = vertex
const EV_GROW = 1; // S-to-free edge tight; item >> 2 = edge
const EV_SS = 2; // edge between two S-blossoms tight; item >> 2 = edge
const EV_EXPAND = 3; // T-blossom dual reaches 0; item >> 2 = blossom

const FREE = 0;
const S = 1;
const T = 2;

/**
 * Maximum-weight matching of the graph with `n` vertices and edges `k` = (`eu[k]`, `ev[k]`,
 * weight `ew[k]`), endpoints distinct and in 0..n-1 (parallel edges allowed). Returns the matching
 * with its final duals and blossom forest (the optimality certificate). `init` starts from a
 * given matching and feasible vertex duals (see {@link WarmStart}); without it the solver starts
 * from a greedy dual and matching (each vertex's dual lowered in turn to the least feasible value,
 * pairs tight at both ends matched).
 *
 * Complexity: see the module comment.
 *
 * @throws RangeError when `init` pairs two vertices that share no edge, or the graph has 2^29
 *   edges or more; other inputs are not validated here (`maxWeightMatching` validates).
 */
export function solvePrimalDual(n: number, eu: Int32Array, ev: Int32Array, ew: Float64Array, init?: WarmStart): MatchingState {
  const m = eu.length;
  if (m >= 1 << 29) throw new RangeError(`too many edges for the solver: ${m}`);
  const n2 = 2 * n;

  // Endpoint p of edge k = p >> 1: even p -> eu, odd p -> ev.
  const endpoint = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    endpoint[2 * k] = eu[k];
    endpoint[2 * k + 1] = ev[k];
  }
  // CSR adjacency: nbList holds remote endpoints.
  const nbStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    nbStart[eu[k] + 1]++;
    nbStart[ev[k] + 1]++;
  }
  for (let v = 0; v < n; v++) nbStart[v + 1] += nbStart[v];
  const nbList = new Int32Array(2 * m);
  {
    const fill = nbStart.slice(0, n);
    for (let k = 0; k < m; k++) {
      nbList[fill[eu[k]]++] = 2 * k + 1;
      nbList[fill[ev[k]]++] = 2 * k;
    }
  }

  const mate = new Int32Array(n).fill(-1); // remote endpoint, or -1
  const label = new Int8Array(n2); // of top-level blossoms (vertices included)
  const labelend = new Int32Array(n2).fill(-1);
  // Top-level blossom of vertex v: tokTop[tok[v]]. Every vertex of a top-level blossom B carries
  // its token btok[B]; a new blossom keeps its largest child's token and an expanded one gives it
  // back to that child, so relabelling costs the smaller children only (union by size).
  const tok = new Int32Array(n);
  const tokTop = new Int32Array(n);
  const btok = new Int32Array(n2).fill(-1);
  const bsize = new Int32Array(n2);
  const heavy = new Int32Array(n2).fill(-1);
  const freeTok = new Int32Array(n);
  let nfreeTok = 0;
  for (let v = 0; v < n; v++) {
    tok[v] = v;
    tokTop[v] = v;
    btok[v] = v;
    bsize[v] = 1;
  }
  const blossomparent = new Int32Array(n2).fill(-1);
  const blossomchilds: (number[] | null)[] = new Array(n2).fill(null);
  const blossomendps: (number[] | null)[] = new Array(n2).fill(null);
  const blossombase = new Int32Array(n2).fill(-1);
  for (let v = 0; v < n; v++) blossombase[v] = v;
  const unused = new Int32Array(n);
  let nunused = 0;
  for (let b = n2 - 1; b >= n; b--) unused[nunused++] = b;
  const y = new Float64Array(n); // vertex dual base (see module comment)
  // Free vertex v: key of the tightest growth event queued for it (only improvements are queued).
  const fbest = new Float64Array(n).fill(Infinity);
  const z = new Float64Array(n2); // blossom dual: base at the top level, actual value when nested
  // Trees: tree[v] = root of v's tree or -1; a doubly linked list of each tree's vertices.
  const tree = new Int32Array(n).fill(-1);
  const tnext = new Int32Array(n).fill(-1);
  const tprev = new Int32Array(n).fill(-1);
  const thead = new Int32Array(n).fill(-1);
  let D = 0;
  // Trees not yet dissolved: none left means no queued event can be valid.
  let liveTrees = 0;

  // Scratch buffers (no per-event allocation). Each function owns its buffer.
  const walk = new Int32Array(n2 + 1);
  const bufSet = new Int32Array(n);
  const bufS = new Int32Array(n);
  const bufX = new Int32Array(n);
  const bufD = new Int32Array(n);
  const pathBuf = new Int32Array(n2);
  const bufC = new Int32Array(n);
  const bufR = new Int32Array(2);
  const augStackB = new Int32Array(n2 + 1);
  const augStackV = new Int32Array(n2 + 1);

  const heap = new EventHeap(Math.min(4 * m, 1 << 20) + 16);
  let compactAt = 8 * m + 1024;

  // ---- starting point ----
  if (init) {
    for (let v = 0; v < n; v++) y[v] = init.dual[v];
    for (let v = 0; v < n; v++) {
      const u = init.mate[v];
      if (u < 0 || u < v) continue;
      let found = -1;
      for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
        if (endpoint[nbList[q]] === u) {
          const k = nbList[q] >> 1;
          if (found < 0 || ew[k] > ew[found >> 1]) found = nbList[q];
        }
      }
      if (found < 0) throw new RangeError(`warm start pairs ${v} and ${u}, which share no edge`);
      mate[v] = found;
      mate[u] = found ^ 1;
    }
  } else {
    greedyStart(n, nbStart, nbList, endpoint, ew, y, mate);
  }

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

  /** Direction of a vertex dual under label l: S duals fall with D, T duals rise. */
  const sign = (l: number): number => (l === S ? -1 : l === T ? 1 : 0);

  /** Relabels top-level blossom B, rebasing its vertex duals and its own dual. */
  function setLabel(B: number, l: number): void {
    const old = label[B];
    if (old === l) return;
    const dy = (sign(old) - sign(l)) * D;
    if (B < n) {
      y[B] += dy;
    } else {
      const nl = leaves(B, bufSet, 0);
      for (let i = 0; i < nl; i++) y[bufSet[i]] += dy;
      z[B] -= dy;
    }
    label[B] = l;
  }

  function treeAdd(root: number, v: number): void {
    tree[v] = root;
    tprev[v] = -1;
    const h = thead[root];
    tnext[v] = h;
    if (h >= 0) tprev[h] = v;
    thead[root] = v;
  }

  function treeRemove(v: number): void {
    const r = tree[v];
    if (tprev[v] >= 0) tnext[tprev[v]] = tnext[v];
    else thead[r] = tnext[v];
    if (tnext[v] >= 0) tprev[tnext[v]] = tprev[v];
    tree[v] = -1;
  }

  function treeAddLeaves(root: number, B: number): void {
    const nl = leaves(B, bufX, 0);
    for (let i = 0; i < nl; i++) treeAdd(root, bufX[i]);
  }

  function push(key: number, item: number): void {
    heap.push(key, item);
    if (heap.size > compactAt) compact();
  }

  /** Drops stale heap entries; free vertices that lose their best edge that way are rescanned. */
  function compact(): void {
    let nres = 0;
    heap.filter((key, item) => {
      if (valid(key, item)) return true;
      if ((item & 3) === EV_GROW) nres = staleGrow(key, item >> 2, bufC, nres);
      return false;
    });
    compactAt = 2 * heap.size + 8 * m + 1024;
    for (let i = 0; i < nres; i++) scanFree(bufC[i]);
  }

  /**
   * A stale growth entry (key, edge k) left the heap: its free ends whose best edge it was are
   * listed in out[nres..) (once: their fbest becomes NaN) to be rescanned. Returns the new end.
   */
  function staleGrow(key: number, k: number, out: Int32Array, nres: number): number {
    const a = eu[k];
    const b = ev[k];
    if (fbest[a] === key && label[tokTop[tok[a]]] === FREE) {
      fbest[a] = NaN;
      out[nres++] = a;
    }
    if (fbest[b] === key && label[tokTop[tok[b]]] === FREE) {
      fbest[b] = NaN;
      out[nres++] = b;
    }
    return nres;
  }

  /** v just became an S-vertex: its zero-dual event and the events of its edges. */
  function scanS(v: number): void {
    push(y[v], (v << 2) | EV_VERTEX);
    const bv = tokTop[tok[v]];
    const yv = y[v];
    for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
      const p = nbList[q];
      const x = endpoint[p];
      const bx = tokTop[tok[x]];
      if (bx === bv) continue;
      const lx = label[bx];
      if (lx === T) continue;
      const k = p >> 1;
      // Key from eu/ev order so a recomputation gives the same float.
      const s = p & 1 ? yv + y[x] - 2 * ew[k] : y[x] + yv - 2 * ew[k];
      if (lx === S) {
        push(s / 2, (k << 2) | EV_SS);
      } else if (s < fbest[x]) {
        fbest[x] = s;
        push(s, (k << 2) | EV_GROW);
      }
    }
  }

  /**
   * v is free (it just became so, or the S end of its best edge left): pushes the growth event of
   * its tightest edge to an S-vertex, if any, and records its key in fbest[v].
   */
  function scanFree(v: number): void {
    const bv = tokTop[tok[v]];
    const yv = y[v];
    let best = Infinity;
    let bestK = -1;
    for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
      const p = nbList[q];
      const x = endpoint[p];
      const bx = tokTop[tok[x]];
      if (bx === bv || label[bx] !== S) continue;
      const k = p >> 1;
      const s = p & 1 ? yv + y[x] - 2 * ew[k] : y[x] + yv - 2 * ew[k];
      if (s < best) {
        best = s;
        bestK = k;
      }
    }
    fbest[v] = best;
    if (bestK >= 0) push(best, (bestK << 2) | EV_GROW);
  }

  /** Whether a heap entry still describes the current state. */
  function valid(key: number, item: number): boolean {
    const kind = item & 3;
    const id = item >> 2;
    if (kind === EV_VERTEX) return label[tokTop[tok[id]]] === S && y[id] === key;
    if (kind === EV_EXPAND) return blossombase[id] >= 0 && blossomparent[id] === -1 && label[id] === T && z[id] === key;
    const a = eu[id];
    const b = ev[id];
    const ba = tokTop[tok[a]];
    const bb = tokTop[tok[b]];
    if (ba === bb) return false;
    const la = label[ba];
    const lb = label[bb];
    const s = y[a] + y[b] - 2 * ew[id];
    if (kind === EV_GROW) return ((la === S && lb === FREE) || (la === FREE && lb === S)) && s === key;
    return la === S && lb === S && s / 2 === key;
  }

  /** Labels free top-level blossom B as S (endpoint p toward its tree parent, -1 at a root). */
  function labelS(B: number, p: number): void {
    setLabel(B, S);
    labelend[B] = p;
    const nl = leaves(B, bufS, 0);
    for (let i = 0; i < nl; i++) scanS(bufS[i]);
  }

  /**
   * Labels free top-level blossom B as T through endpoint p (its vertex is the S parent's); with
   * `withMate`, also labels the blossom of its base's partner as S.
   */
  function labelT(B: number, p: number, withMate: boolean): void {
    setLabel(B, T);
    labelend[B] = p;
    if (B >= n) push(z[B], (B << 2) | EV_EXPAND);
    if (withMate) {
      const mb = mate[blossombase[B]];
      labelS(tokTop[tok[endpoint[mb]]], mb ^ 1);
    }
  }

  /**
   * Dissolves the trees rooted at r1 and r2 (-1: none): every vertex becomes free, keeping its
   * current dual, and the edges from S-vertices of other trees to them get their events.
   */
  function dissolve(r1: number, r2: number): void {
    let cnt = 0;
    for (const r of [r1, r2]) {
      if (r < 0) continue;
      liveTrees--;
      for (let v = thead[r]; v >= 0; v = tnext[v]) bufD[cnt++] = v;
      thead[r] = -1;
    }
    for (let i = 0; i < cnt; i++) {
      const v = bufD[i];
      tree[v] = -1;
      const B = tokTop[tok[v]];
      if (label[B] !== FREE) {
        setLabel(B, FREE);
        labelend[B] = -1;
      }
    }
    for (let i = 0; i < cnt; i++) scanFree(bufD[i]);
  }

  /** Base vertex of the blossom an S-S edge (v, w) of one tree closes (reference scanBlossom). */
  function scanBlossom(v: number, w: number): number {
    let plen = 0;
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = tokTop[tok[v]];
      if (label[b] & 4) {
        base = blossombase[b];
        break;
      }
      pathBuf[plen++] = b;
      label[b] = S | 4;
      if (labelend[b] === -1) {
        v = -1;
      } else {
        v = endpoint[labelend[b]];
        b = tokTop[tok[v]];
        v = endpoint[labelend[b]];
      }
      if (w !== -1) {
        const tmp = v;
        v = w;
        w = tmp;
      }
    }
    for (let i = 0; i < plen; i++) label[pathBuf[i]] = S;
    return base;
  }

  /** Shrinks the cycle closed by edge k through base into a new S-blossom. */
  function addBlossom(base: number, k: number): void {
    let v = eu[k];
    let w = ev[k];
    const bb = tokTop[tok[base]];
    let bv = tokTop[tok[v]];
    let bw = tokTop[tok[w]];
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
      bv = tokTop[tok[v]];
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
      bw = tokTop[tok[w]];
    }
    blossomchilds[b] = path;
    blossomendps[b] = endps;
    // T-children turn S: rebase them, remember their vertices for scanning. Nested blossom
    // duals are stored as actual values.
    let nt = 0;
    for (let c = 0; c < path.length; c++) {
      const ch = path[c];
      if (label[ch] === T) {
        setLabel(ch, S);
        nt = leaves(ch, bufX, nt);
      }
      if (ch >= n) z[ch] += D;
    }
    label[b] = S;
    labelend[b] = labelend[bb];
    z[b] = -D;
    let hv = path[0];
    let size = 0;
    for (let c = 0; c < path.length; c++) {
      size += bsize[path[c]];
      if (bsize[path[c]] > bsize[hv]) hv = path[c];
    }
    const t = btok[hv];
    for (let c = 0; c < path.length; c++) {
      const ch = path[c];
      if (ch === hv) continue;
      freeTok[nfreeTok++] = btok[ch];
      const cl = leaves(ch, bufD, 0);
      for (let i = 0; i < cl; i++) tok[bufD[i]] = t;
    }
    tokTop[t] = b;
    btok[b] = t;
    bsize[b] = size;
    heavy[b] = hv;
    for (let i = 0; i < nt; i++) scanS(bufX[i]);
  }

  /** Expands T-blossom b whose dual reached 0, relabelling its children (reference expandBlossom). */
  function expandT(b: number): void {
    const childs = blossomchilds[b]!;
    const endps = blossomendps[b]!;
    const len = childs.length;
    const pEntry = labelend[b];
    const entryVertex = endpoint[pEntry ^ 1];
    let entrychild = entryVertex;
    while (blossomparent[entrychild] !== b) entrychild = blossomparent[entrychild];
    // T bases -> actual duals; children become free top-level blossoms.
    const nl = leaves(b, bufD, 0);
    for (let i = 0; i < nl; i++) y[bufD[i]] += D;
    for (let c = 0; c < len; c++) {
      const s = childs[c];
      blossomparent[s] = -1;
      label[s] = FREE;
      labelend[s] = -1;
      if (s === heavy[b]) {
        btok[s] = btok[b];
        tokTop[btok[s]] = s;
      } else {
        const t = freeTok[--nfreeTok];
        btok[s] = t;
        tokTop[t] = s;
        const cl = leaves(s, bufX, 0);
        for (let i = 0; i < cl; i++) tok[bufX[i]] = t;
      }
    }
    label[b] = FREE;
    labelend[b] = -1;
    blossomchilds[b] = null;
    blossomendps[b] = null;
    blossombase[b] = -1;
    btok[b] = -1;
    heavy[b] = -1;
    z[b] = 0;
    unused[nunused++] = b;
    // Relabel the even-length path from the entry child to the base child: T, S, ..., T.
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
    const at = (idx: number): number => (idx < 0 ? idx + len : idx);
    let p = pEntry;
    while (j !== 0) {
      labelT(tokTop[tok[endpoint[p ^ 1]]], p, true);
      j += jstep;
      p = endps[at(j - endptrick)] ^ endptrick;
      j += jstep;
    }
    labelT(tokTop[tok[endpoint[p ^ 1]]], p, false);
    // The other children leave the tree as free blossoms.
    for (let c = 0; c < len; c++) {
      const s = childs[c];
      if (label[s] !== FREE) continue;
      const cl = leaves(s, bufD, 0);
      for (let i = 0; i < cl; i++) treeRemove(bufD[i]);
      for (let i = 0; i < cl; i++) scanFree(bufD[i]);
    }
  }

  /** Makes v the base of blossom b0 by swapping matched and unmatched edges on its even path. */
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

  /**
   * Rematches S-vertex s to endpoint p (-1: leaves s exposed) and flips the alternating path
   * from s up to the root of its tree, so the root ends matched.
   */
  function walkSide(s: number, p: number): void {
    for (;;) {
      const bs = tokTop[tok[s]];
      if (bs >= n) augmentBlossom(bs, s);
      mate[s] = p;
      if (labelend[bs] === -1) break;
      const t = endpoint[labelend[bs]];
      const bt = tokTop[tok[t]];
      s = endpoint[labelend[bt]];
      const j = endpoint[labelend[bt] ^ 1];
      if (bt >= n) augmentBlossom(bt, j);
      mate[j] = labelend[bt];
      p = labelend[bt] ^ 1;
    }
  }

  // ---- roots: exposed vertices of positive dual ----
  for (let v = 0; v < n; v++) {
    if (mate[v] === -1 && y[v] > 0) {
      label[v] = S;
      labelend[v] = -1;
      treeAdd(v, v);
      liveTrees++;
    }
  }
  for (let v = 0; v < n; v++) if (label[v] === S) scanS(v);

  // ---- events ----
  while (liveTrees > 0 && heap.size > 0) {
    const key = heap.topKey();
    const item = heap.topItem();
    heap.pop();
    if (!valid(key, item)) {
      if ((item & 3) === EV_GROW) {
        // A free end whose best edge this was needs its next best.
        const nres = staleGrow(key, item >> 2, bufR, 0);
        for (let i = 0; i < nres; i++) scanFree(bufR[i]);
      }
      continue;
    }
    if (key > D) D = key;
    const kind = item & 3;
    const id = item >> 2;
    if (kind === EV_VERTEX) {
      // S-vertex at dual 0: expose it, match its root, dissolve the tree.
      const root = tree[id];
      walkSide(id, -1);
      dissolve(root, -1);
    } else if (kind === EV_GROW) {
      let s = eu[id];
      let p = 2 * id + 1; // endpoint of the free end, seen from s
      if (label[tokTop[tok[s]]] !== S) {
        s = ev[id];
        p = 2 * id;
      }
      const f = endpoint[p];
      const bf = tokTop[tok[f]];
      const root = tree[s];
      if (mate[blossombase[bf]] === -1) {
        // A free blossom with an exposed base (dual 0): augmenting path.
        walkSide(s, p);
        if (bf >= n) augmentBlossom(bf, f);
        mate[f] = p ^ 1;
        dissolve(root, -1);
        scanFree(f); // its queued best edge was this one
      } else {
        treeAddLeaves(root, bf);
        const mb = mate[blossombase[bf]];
        treeAddLeaves(root, tokTop[tok[endpoint[mb]]]);
        labelT(bf, p ^ 1, true);
      }
    } else if (kind === EV_SS) {
      const a = eu[id];
      const b = ev[id];
      if (tree[a] === tree[b]) {
        addBlossom(scanBlossom(a, b), id);
      } else {
        const ra = tree[a];
        const rb = tree[b];
        walkSide(a, 2 * id + 1);
        walkSide(b, 2 * id);
        dissolve(ra, rb);
      }
    } else {
      expandT(id);
    }
  }

  const partner = new Int32Array(n);
  for (let v = 0; v < n; v++) partner[v] = mate[v] >= 0 ? endpoint[mate[v]] : -1;
  const dual = new Float64Array(n2);
  dual.set(y);
  for (let b = n; b < n2; b++) if (blossombase[b] >= 0) dual[b] = z[b];
  return { n, mate: partner, dual, blossomParent: blossomparent, blossomBase: blossombase, shift: 0 };
}

/**
 * Greedy start (Blossom V's): every dual at the vertex's heaviest incident weight (feasible),
 * then, vertex by vertex, the dual lowered to the least feasible value `max(0, max_j 2w - u_j)`,
 * which makes an edge tight at that vertex; a tight edge to an unmatched neighbour is matched.
 */
function greedyStart(n: number, nbStart: Int32Array, nbList: Int32Array, endpoint: Int32Array, ew: Float64Array, y: Float64Array, mate: Int32Array): void {
  for (let v = 0; v < n; v++) {
    let mx = 0;
    for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
      const x = ew[nbList[q] >> 1];
      if (x > mx) mx = x;
    }
    y[v] = mx;
  }
  for (let v = 0; v < n; v++) {
    if (mate[v] !== -1) continue;
    let need = 0;
    for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
      const p = nbList[q];
      const s = 2 * ew[p >> 1] - y[endpoint[p]];
      if (s > need) need = s;
    }
    y[v] = need;
    if (need === 0) continue;
    for (let q = nbStart[v], qe = nbStart[v + 1]; q < qe; q++) {
      const p = nbList[q];
      const x = endpoint[p];
      if (mate[x] === -1 && x !== v && y[x] + need - 2 * ew[p >> 1] === 0) {
        mate[v] = p;
        mate[x] = p ^ 1;
        break;
      }
    }
  }
}
