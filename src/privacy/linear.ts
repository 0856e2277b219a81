/**
 * Exact linear algebra over the rationals for the disclosure audit (src/privacy/disclosure.ts):
 * sparse vectors, a fully reduced echelon basis that remembers how each of its rows was made from
 * the vectors put in (so a derivation can be shown), kernels, and the search for 0/1 vectors of
 * a subspace. No floating point decides anything: rationals are pairs of safe integers, and a
 * computation that would leave the safe-integer range is redone with BigInt.
 */

/** A rational number field: the audit runs on {@link NUMBER_FIELD} and falls back to {@link BIGINT_FIELD}. */
export interface Field<T> {
  readonly zero: T;
  readonly one: T;
  of(k: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  isZero(a: T): boolean;
  /** The value as a JavaScript number (for display and for the 0/1 search's pruning only). */
  toNumber(a: T): number;
}

/** Thrown by {@link NUMBER_FIELD} when a numerator or denominator leaves the safe-integer range. */
export class FieldOverflow extends Error {
  constructor() {
    super("rational arithmetic left the safe-integer range");
    this.name = "FieldOverflow";
  }
}

type NumFrac = readonly [number, number];

function gcdNum(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function numFrac(n: number, d: number): NumFrac {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new FieldOverflow();
  if (d < 0) [n, d] = [-n, -d];
  const g = gcdNum(n, d) || 1;
  return [n / g, d / g];
}

/** Rationals as pairs of safe integers; throws {@link FieldOverflow} rather than lose exactness. */
export const NUMBER_FIELD: Field<NumFrac> = {
  zero: [0, 1],
  one: [1, 1],
  of: (k) => numFrac(k, 1),
  // Integers (denominator 1) skip the gcd: most entries of the audit's vectors are small integers.
  add: (a, b) => (a[1] === 1 && b[1] === 1 ? intFrac(a[0] + b[0]) : numFrac(a[0] * b[1] + b[0] * a[1], a[1] * b[1])),
  sub: (a, b) => (a[1] === 1 && b[1] === 1 ? intFrac(a[0] - b[0]) : numFrac(a[0] * b[1] - b[0] * a[1], a[1] * b[1])),
  mul: (a, b) => (a[1] === 1 && b[1] === 1 ? intFrac(a[0] * b[0]) : numFrac(a[0] * b[0], a[1] * b[1])),
  div: (a, b) => {
    if (b[0] === 0) throw new RangeError("division by zero");
    return numFrac(a[0] * b[1], a[1] * b[0]);
  },
  isZero: (a) => a[0] === 0,
  toNumber: (a) => a[0] / a[1],
};

/** `n`, checked to be a safe integer (-0 made 0). @throws FieldOverflow */
function safeInt(n: number): number {
  if (!Number.isSafeInteger(n)) throw new FieldOverflow();
  return n === 0 ? 0 : n;
}

/** An integer as a rational (`numFrac(n, 1)` without the gcd). */
function intFrac(n: number): NumFrac {
  if (!Number.isSafeInteger(n)) throw new FieldOverflow();
  return [n === 0 ? 0 : n, 1];
}

/** A rational of {@link COMPACT_FIELD}: an integer as a plain number, any other as [numerator, denominator > 1] in lowest terms. */
export type Compact = number | NumFrac;

const pair = (a: Compact): NumFrac => (typeof a === "number" ? [a, 1] : a);
const compact = (f: NumFrac): Compact => (f[1] === 1 ? f[0] : f);

/**
 * {@link NUMBER_FIELD} with integers kept as plain numbers: the same exact values and the same
 * safe-integer checks (every operation computes what NUMBER_FIELD computes, so it throws
 * {@link FieldOverflow} exactly where NUMBER_FIELD does), without a pair per integer. The audit's
 * vectors are mostly small integers; this is the field it runs on first.
 */
export const COMPACT_FIELD: Field<Compact> = {
  zero: 0,
  one: 1,
  of: safeInt,
  add: (a, b) => (typeof a === "number" && typeof b === "number" ? safeInt(a + b) : compact(NUMBER_FIELD.add(pair(a), pair(b)))),
  sub: (a, b) => (typeof a === "number" && typeof b === "number" ? safeInt(a - b) : compact(NUMBER_FIELD.sub(pair(a), pair(b)))),
  mul: (a, b) => (typeof a === "number" && typeof b === "number" ? safeInt(a * b) : compact(NUMBER_FIELD.mul(pair(a), pair(b)))),
  div: (a, b) => compact(NUMBER_FIELD.div(pair(a), pair(b))),
  isZero: (a) => a === 0,
  toNumber: (a) => (typeof a === "number" ? a : a[0] / a[1]),
};

type BigFrac = readonly [bigint, bigint];

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function bigFrac(n: bigint, d: bigint): BigFrac {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcdBig(n, d) || 1n;
  return [n / g, d / g];
}

/** Rationals as pairs of BigInts: slower, never overflows. */
export const BIGINT_FIELD: Field<BigFrac> = {
  zero: [0n, 1n],
  one: [1n, 1n],
  of: (k) => {
    if (!Number.isInteger(k)) throw new RangeError(`not an integer: ${k}`);
    return [BigInt(k), 1n];
  },
  add: (a, b) => bigFrac(a[0] * b[1] + b[0] * a[1], a[1] * b[1]),
  sub: (a, b) => bigFrac(a[0] * b[1] - b[0] * a[1], a[1] * b[1]),
  mul: (a, b) => bigFrac(a[0] * b[0], a[1] * b[1]),
  div: (a, b) => {
    if (b[0] === 0n) throw new RangeError("division by zero");
    return bigFrac(a[0] * b[1], a[1] * b[0]);
  },
  isZero: (a) => a[0] === 0n,
  toNumber: (a) => Number(a[0]) / Number(a[1]),
};

/** A sparse vector: coordinate -> non-zero value. */
export type Vec<T> = Map<number, T>;

/** A vector of small integers or of exact rationals given as integers (coefficients of figures). */
export function vecOf<T>(F: Field<T>, entries: Iterable<[number, number]>): Vec<T> {
  const v: Vec<T> = new Map();
  for (const [i, x] of entries) {
    const cur = v.get(i);
    const next = cur === undefined ? F.of(x) : F.add(cur, F.of(x));
    if (F.isZero(next)) v.delete(i);
    else v.set(i, next);
  }
  return v;
}

/** `a + k * b` (a new vector). */
export function axpy<T>(F: Field<T>, a: Vec<T>, k: T, b: Vec<T>): Vec<T> {
  const out = new Map(a);
  for (const [i, x] of b) {
    const cur = out.get(i);
    const next = cur === undefined ? F.mul(k, x) : F.add(cur, F.mul(k, x));
    if (F.isZero(next)) out.delete(i);
    else out.set(i, next);
  }
  return out;
}

/** `a += k * b`, in place (keys keep their order; new ones are appended, zeros removed): what {@link axpy} returns, without the copy. */
function axpyInPlace<T>(F: Field<T>, a: Vec<T>, k: T, b: Vec<T>): void {
  if ((F as unknown) === COMPACT_FIELD && typeof k === "number") return compactAxpyInPlace(a as unknown as Vec<Compact>, k, b as unknown as Vec<Compact>);
  for (const [i, x] of b) {
    const cur = a.get(i);
    const next = cur === undefined ? F.mul(k, x) : F.add(cur, F.mul(k, x));
    if (F.isZero(next)) a.delete(i);
    else a.set(i, next);
  }
}

/**
 * {@link axpyInPlace} on {@link COMPACT_FIELD} with an integer `k`: the same operations on the
 * same values (integer products and sums checked to be safe integers, anything else through the
 * field), so the same result and the same {@link FieldOverflow}, without a call per entry.
 */
function compactAxpyInPlace(a: Vec<Compact>, k: number, b: Vec<Compact>): void {
  const F = COMPACT_FIELD;
  for (const [i, x] of b) {
    const cur = a.get(i);
    let next: Compact;
    if (typeof x === "number") {
      const p = k * x;
      if (!Number.isSafeInteger(p)) throw new FieldOverflow();
      if (cur === undefined) next = p === 0 ? 0 : p;
      else if (typeof cur === "number") {
        next = cur + p;
        if (!Number.isSafeInteger(next)) throw new FieldOverflow();
      } else next = F.add(cur, p === 0 ? 0 : p);
    } else {
      const p = F.mul(k, x);
      next = cur === undefined ? p : F.add(cur, p);
    }
    if (next === 0) a.delete(i);
    else a.set(i, next);
  }
}

/** One row of an {@link Echelon} basis: its vector and how it is made of the vectors put in (input index -> coefficient). */
export interface EchelonRow<T> {
  pivot: number;
  vec: Vec<T>;
  how: Vec<T>;
}

/**
 * A fully reduced echelon basis of the span of the vectors added: every row has value 1 at its
 * pivot and 0 at every other row's pivot, so reducing a vector is one pass over its pivots.
 */
export class Echelon<T> {
  private readonly byPivot = new Map<number, EchelonRow<T> & { seq: number }>();
  private seq = 0;
  constructor(readonly F: Field<T>) {}

  /** The rows, by ascending pivot. */
  rows(): EchelonRow<T>[] {
    return [...this.byPivot.values()].sort((a, b) => a.pivot - b.pivot);
  }

  get rank(): number {
    return this.byPivot.size;
  }

  /**
   * The rows whose pivot `v` holds, in the order the rows were made. Every row is 0 at every
   * other row's pivot, so reducing `v` subtracts exactly these rows, each times `v`'s own value
   * at its pivot; taking them in the order of the basis gives the same vectors, entry for entry
   * and key for key, as a pass over every row.
   */
  private hits(v: Vec<T>): (EchelonRow<T> & { seq: number })[] {
    const out: (EchelonRow<T> & { seq: number })[] = [];
    if (v.size < this.byPivot.size) {
      for (const p of v.keys()) {
        const row = this.byPivot.get(p);
        if (row) out.push(row);
      }
      out.sort((a, b) => a.seq - b.seq);
    } else {
      for (const row of this.byPivot.values()) if (v.has(row.pivot)) out.push(row);
    }
    return out;
  }

  /**
   * `v` reduced by the basis: what is left once every pivot coordinate is removed, and the
   * combination of input vectors subtracted (`v = left + Σ how_i * input_i`).
   */
  reduce(v: Vec<T>, how: Vec<T> = new Map()): { left: Vec<T>; how: Vec<T> } {
    const F = this.F;
    const hits = this.hits(v);
    if (!hits.length) return { left: v, how };
    const left = new Map(v);
    const used = new Map(how);
    for (const row of hits) {
      const k = v.get(row.pivot)!;
      axpyInPlace(F, left, F.sub(F.zero, k), row.vec);
      axpyInPlace(F, used, k, row.how);
    }
    return { left, how: used };
  }

  /**
   * Adds a vector (input number `index`, or the combination `how` of inputs).
   * @returns true when it was independent of the basis (the rank grew).
   */
  add(v: Vec<T>, index: number | Vec<T>): boolean {
    const F = this.F;
    const start = typeof index === "number" ? new Map([[index, F.one]]) : index;
    // left = v - Σ k_row * row.vec; its making is start - Σ k_row * row.how.
    const left = new Map(v);
    const how = new Map(start);
    for (const row of this.hits(v)) {
      const minus = F.sub(F.zero, v.get(row.pivot)!);
      axpyInPlace(F, left, minus, row.vec);
      axpyInPlace(F, how, minus, row.how);
    }
    if (left.size === 0) return false;
    let pivot = Infinity;
    for (const c of left.keys()) if (c < pivot) pivot = c;
    const inv = F.div(F.one, left.get(pivot)!);
    // Times 1 changes no value (`left` and `how` are this call's own copies): kept as they are.
    const unit = F.isZero(F.sub(inv, F.one));
    const scale = (x: Vec<T>) => (unit ? x : new Map([...x].map(([i, y]) => [i, F.mul(inv, y)] as [number, T])));
    const row = { pivot, vec: scale(left), how: scale(how), seq: this.seq++ };
    for (const other of this.byPivot.values()) {
      const k = other.vec.get(pivot);
      if (k === undefined) continue;
      const minus = F.sub(F.zero, k);
      axpyInPlace(F, other.vec, minus, row.vec);
      axpyInPlace(F, other.how, minus, row.how);
    }
    this.byPivot.set(pivot, row);
    return true;
  }

  /** An independent copy (adding to either leaves the other as it was). */
  clone(): Echelon<T> {
    const e = new Echelon(this.F);
    for (const [p, row] of this.byPivot) e.byPivot.set(p, { pivot: row.pivot, vec: new Map(row.vec), how: new Map(row.how), seq: row.seq });
    e.seq = this.seq;
    return e;
  }

  /** True when `v` is in the span. */
  contains(v: Vec<T>): boolean {
    return this.reduce(v).left.size === 0;
  }
}

/**
 * A basis of the vectors `x` (over coordinates 0..n-1) with `Σ x_i * columns[i] = 0`: the kernel
 * of the matrix whose columns are `columns`.
 */
export function kernel<T>(F: Field<T>, columns: readonly Vec<T>[]): Vec<T>[] {
  const e = new Echelon(F);
  const out: Vec<T>[] = [];
  columns.forEach((c, i) => {
    if (!e.add(c, i)) {
      // c = Σ how_j * columns_j (the reduction), so e_i - how is in the kernel.
      const { how } = e.reduce(c);
      out.push(axpy(F, new Map([[i, F.one]]), F.sub(F.zero, F.one), how));
    }
  });
  return out;
}

/** Thrown when the 0/1 search would exceed its budget: the audit then fails closed. */
export class SearchLimit extends Error {
  constructor(readonly rows: number) {
    super(`a group of ${rows} interlocking published figures is too large to check exhaustively`);
    this.name = "SearchLimit";
  }
}

/** Nodes the 0/1 search may visit per component before it gives up ({@link SearchLimit}). */
export const SEARCH_BUDGET = 2_000_000;

/**
 * 0/1 vectors of the span of `basis` whose weight `Σ weight_i x_i` is between 1 and `max`, where
 * every coordinate that occurs has weight >= 1 (a caller drops empty cells first): every such
 * vector that lies within one component (below) is returned, up to `limit`. So when the span
 * holds any such vector, at least one is returned, and every one it holds is a union of returned
 * ones.
 *
 * How: a coordinate of weight above `max` (heavy) is 0 in any such vector, so the search runs in
 * the subspace of the span where every heavy coordinate vanishes (a kernel computation on an
 * echelon form with heavy coordinates first). That subspace is brought to fully reduced echelon
 * form, where a vector is fixed by its values at the pivots, which must be 0 or 1; rows that
 * share no non-pivot coordinate form separate components (a 0/1 vector is the disjoint union of
 * 0/1 vectors of the components, and one of weight 1..max has a part of weight 1..max); each
 * component is searched depth first, choosing at most `max` pivots (each weighs at least 1),
 * pruned on non-pivot coordinates that can no longer end at 0 or 1.
 * @throws RangeError when a coordinate of weight < 1 occurs; SearchLimit when a component needs
 *   more than {@link SEARCH_BUDGET} nodes.
 */
export function smallZeroOneVectors<T>(F: Field<T>, basis: readonly Vec<T>[], weight: (i: number) => number, max: number, limit = 50): Vec<T>[] {
  const lo = 1;
  const hi = max;
  const coords = [...new Set(basis.flatMap((b) => [...b.keys()]))];
  for (const c of coords) if (!(weight(c) >= 1)) throw new RangeError(`coordinate ${c} has weight ${weight(c)}: drop empty cells before the search`);
  // Heavy coordinates first (renumbered 0..), then light ones, so pivots fall on heavy ones where they can.
  const heavy = coords.filter((c) => weight(c) > hi).sort((a, b) => a - b);
  const light = coords.filter((c) => weight(c) <= hi).sort((a, b) => a - b);
  // Every such vector lives on light coordinates: without any, there is none.
  if (!light.length) return [];
  const toLocal = new Map([...heavy, ...light].map((c, i) => [c, i]));
  const toGlobal = [...heavy, ...light];
  const H = heavy.length;
  const full = new Echelon(F);
  basis.forEach((b, i) => full.add(new Map([...b].map(([c, x]) => [toLocal.get(c)!, x] as [number, T])), i));
  // Rows with a light pivot, and the combinations of them that vanish on every heavy coordinate.
  const lightRows = full.rows().filter((r) => r.pivot >= H);
  const heavyParts = lightRows.map((r) => new Map([...r.vec].filter(([c]) => c < H)));
  const sub: Vec<T>[] = [];
  const free: Vec<T>[] = [];
  lightRows.forEach((r, i) => (heavyParts[i].size ? free : sub).push(r.vec));
  if (free.length) {
    const mixed = lightRows.filter((_, i) => heavyParts[i].size);
    for (const k of kernel(F, mixed.map((r) => new Map([...r.vec].filter(([c]) => c < H))))) {
      let v: Vec<T> = new Map();
      for (const [i, c] of k) v = axpy(F, v, c, mixed[i].vec);
      sub.push(v);
    }
  }
  // A row's pivot is its first coordinate, so a light-pivot row is 0 on every heavy one: `free`
  // is empty, and the light rows are already a fully reduced echelon basis of the subspace (the
  // same rows, entry for entry, as adding them to a new basis would give).
  let rows: { pivot: number; vec: Vec<T> }[] = lightRows;
  if (free.length) {
    const e = new Echelon(F);
    sub.forEach((b, i) => e.add(b, i));
    rows = e.rows();
  }
  const back = (v: Vec<T>): Vec<T> => new Map([...v].map(([c, x]) => [toGlobal[c], x] as [number, T]));
  weight = ((w) => (c: number) => w(toGlobal[c]))(weight);
  // Components: rows linked by a shared non-pivot coordinate.
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<number, number>();
  rows.forEach((r, i) => {
    for (const c of r.vec.keys()) {
      if (c === r.pivot) continue;
      const o = owner.get(c);
      if (o === undefined) owner.set(c, i);
      else parent[find(i)] = find(o);
    }
  });
  const groups = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const g = find(i);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  const found: Vec<T>[] = [];
  for (const members of groups.values()) {
    if (found.length >= limit) break;
    const rs = members.map((i) => rows[i]);
    const cols = [...new Set(rs.flatMap((r) => [...r.vec.keys()].filter((c) => c !== r.pivot)))];
    const colIndex = new Map(cols.map((c, k) => [c, k]));
    const entries = rs.map((r) => [...r.vec].filter(([c]) => c !== r.pivot).map(([c, x]) => [colIndex.get(c)!, F.toNumber(x)] as [number, number]));
    // Remaining reach of each column from rows not yet decided: [min, max] of what they can add.
    const reach = cols.map(() => [0, 0]);
    const reachAfter: number[][][] = [];
    for (let t = rs.length - 1; t >= 0; t--) {
      reachAfter[t] = reach.map((x) => [...x]);
      for (const [k, x] of entries[t]) {
        if (x < 0) reach[k][0] += x;
        else reach[k][1] += x;
      }
    }
    const sums = cols.map(() => 0);
    const chosen: boolean[] = [];
    // Weights are non-negative: the pivots chosen so far bound the weight from below.
    let pivotWeight = 0;
    let nodes = 0;
    const EPS = 1e-9;
    const visit = (t: number): void => {
      if (found.length >= limit) return;
      if (++nodes > SEARCH_BUDGET) throw new SearchLimit(rs.length);
      if (t === rs.length) {
        if (!chosen.some(Boolean)) return;
        let w = 0;
        rs.forEach((r, i) => (w += chosen[i] ? weight(r.pivot) : 0));
        for (let k = 0; k < cols.length; k++) {
          const s = sums[k];
          if (Math.abs(s) < EPS) continue;
          if (Math.abs(s - 1) < EPS) w += weight(cols[k]);
          else return;
        }
        if (w < lo || w > hi) return;
        // Exact check of the candidate.
        let v: Vec<T> = new Map();
        rs.forEach((r, i) => {
          if (chosen[i]) v = axpy(F, v, F.one, r.vec);
        });
        if ([...v.values()].every((x) => F.isZero(F.sub(x, F.one)))) found.push(back(v));
        return;
      }
      for (const pick of [false, true]) {
        chosen[t] = pick;
        if (pick) {
          for (const [k, x] of entries[t]) sums[k] += x;
          pivotWeight += weight(rs[t].pivot);
        }
        const after = reachAfter[t];
        let ok = pivotWeight <= hi;
        for (const [k] of ok ? entries[t] : []) {
          const lo0 = sums[k] + after[k][0];
          const hi0 = sums[k] + after[k][1];
          // The column must end at 0 or 1.
          if (hi0 < -EPS || lo0 > 1 + EPS || (lo0 > EPS && hi0 < 1 - EPS)) {
            ok = false;
            break;
          }
        }
        if (ok) visit(t + 1);
        if (pick) {
          for (const [k, x] of entries[t]) sums[k] -= x;
          pivotWeight -= weight(rs[t].pivot);
        }
      }
      chosen.length = t;
    };
    visit(0);
  }
  return found;
}
