/**
 * WebAssembly SIMD filters for the dense solver's passes over all pairs (the module is
 * row-filter.wat, compiled into row-filter-wasm.ts by scripts/build-row-filter.mjs).
 *
 * A pass reads each row i of an Int32 weight matrix (the pairs (i, j), j > i) and offers a pair to
 * a bounded list of an end only when the pair's key beats that list's threshold (keep-best.ts);
 * on a 5,000-person pool about one pair in ten to one in a hundred passes, and the comparisons
 * of the others were a third to a half of a pass. A {@link RowFilter} holds, in the module's
 * memory, a copy of the current row, the thresholds (the very array the pass's offers keep
 * current) and a per-column term, and returns the columns whose key beats min(threshold of the
 * column, the row's threshold): a superset of the pairs the plain loop would offer, which the
 * caller tests again exactly. So the offers, their order and the result are the plain loop's.
 *
 * Where WebAssembly or its SIMD instructions are missing (or a page's content security policy
 * forbids compiling it), {@link RowFilter.make} returns null and the passes use their plain loops.
 *
 * Pure TypeScript, no Node imports.
 */
import { ROW_FILTER_WASM } from "./row-filter-wasm";

/** The module's exports (offsets are bytes into its memory). */
interface Exports {
  memory: WebAssembly.Memory;
  filter1(x: number, e: number, thr: number, out: number, j0: number, j1: number, m: number, b: number, ti: number): number;
  filter2(x: number, h: number, thr: number, out: number, j0: number, j1: number, base: number, hi: number, ti: number): number;
  range(x: number, j0: number, j1: number, f: number, hasF: number, res: number): void;
  widen16(raw: number, x: number, j0: number, j1: number): void;
  widen8(raw: number, x: number, j0: number, j1: number): void;
}

/** The compiled module; null when it could not be compiled; undefined before the first try. */
let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

/**
 * Turns the filters on (the default) or off, for comparing both ways in tests and benchmarks:
 * off, {@link RowFilter.make} returns null. @throws never.
 */
export function useRowFilters(on: boolean): void {
  enabled = on;
}

/** The module's bytes from their base64 text (Node's Buffer, or atob in a page). @throws never for valid base64. */
function bytes(): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(ROW_FILTER_WASM, "base64"));
  return Uint8Array.from(atob(ROW_FILTER_WASM), (c) => c.charCodeAt(0));
}

/**
 * Compiles the module once (1,361 bytes; well under a millisecond); null when that fails. It must
 * stay under 4 KB: Chrome refuses to compile a larger module synchronously on a page's main
 * thread, and the passes would then fall back to their plain loops without a word (a test checks
 * the size).
 */
function compileOnce(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = typeof WebAssembly === "undefined" ? null : new WebAssembly.Module(bytes());
  } catch {
    compiled = null; // no SIMD, or compiling forbidden: the plain loops
  }
  return compiled;
}

/** Entries past n that the last group of four may read, or a widening of codes write. */
const PAD = 16;

/** `p` rounded up to a multiple of 64 bytes. */
const align = (p: number): number => Math.ceil(p / 64) * 64;

/**
 * Buffers in one module instance's memory for filtering rows of a matrix of n columns: `x` (the
 * row, int32), `e` (a per-column term, f64), `thr` (the columns' thresholds, f64), `out` (the
 * columns found), each n + 8 long. The caller loads a row ({@link RowFilter.load}), keeps `thr`
 * as its lists' thresholds and `e` as the pass needs, and calls a filter. Views stay valid: the
 * memory is sized once, in the constructor.
 */
export class RowFilter {
  /** The current row: x[j] = weight of (i, j) for the loaded j. */
  readonly x: Int32Array;
  /** Per-column term: the pricing walker's `u_j + 2 Z(lca)`, or the relative pass's h[j]. */
  readonly e: Float64Array;
  /** The thresholds of the columns' lists (what the pass's `offer` calls keep current). */
  readonly thr: Float64Array;
  /** Columns found by the last filter call. */
  readonly out: Int32Array;
  private readonly fx: Exports;
  private readonly at: { x: number; e: number; thr: number; zero: number; out: number; raw: number };
  /** Packed codes of the current row, before widening into x (the same bytes seen both ways). */
  private readonly raw16: Uint16Array;
  private readonly raw8: Uint8Array;

  private constructor(
    fx: Exports,
    /** Columns of the matrix. */
    readonly n: number,
  ) {
    this.fx = fx;
    const len = n + PAD;
    const x = 0;
    const e = align(x + 4 * len);
    const thr = align(e + 8 * len);
    const zero = align(thr + 8 * len);
    const out = align(zero + 8 * len);
    const raw = align(out + 4 * len);
    const need = raw + 2 * len;
    const have = fx.memory.buffer.byteLength;
    if (need > have) fx.memory.grow(Math.ceil((need - have) / 65536));
    this.at = { x, e, thr, zero, out, raw };
    const buf = fx.memory.buffer;
    this.x = new Int32Array(buf, x, len);
    this.e = new Float64Array(buf, e, len);
    this.thr = new Float64Array(buf, thr, len);
    this.out = new Int32Array(buf, out, len);
    this.raw16 = new Uint16Array(buf, raw, len);
    this.raw8 = new Uint8Array(buf, raw, 2 * len);
  }

  /**
   * A filter for rows of n columns in a fresh instance (its own memory, about 32 n bytes), or
   * null when WebAssembly SIMD is not available or the filters are turned off.
   * @throws RangeError when n is not a non-negative integer.
   */
  static make(n: number): RowFilter | null {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (!enabled) return null;
    const m = compileOnce();
    if (m === null) return null;
    return new RowFilter(new WebAssembly.Instance(m, {}).exports as unknown as Exports, n);
  }

  /**
   * Copies `a[off + j]` to `x[j]` for j0 <= j < n (a row of the matrix from column j0; packed
   * codes are widened to int32). @throws never for j0 in 0..n.
   */
  load(a: Int32Array | Uint16Array | Uint8Array, off: number, j0: number): void {
    const row = a.subarray(off + j0, off + this.n);
    if (a instanceof Int32Array) {
      this.x.set(row, j0);
    } else if (a instanceof Uint16Array) {
      // copied as they are (a memory copy), then widened four at a time in the module
      this.raw16.set(row, j0);
      this.fx.widen16(this.at.raw, this.at.x, j0, this.n);
    } else {
      this.raw8.set(row, j0);
      this.fx.widen8(this.at.raw, this.at.x, j0, this.n);
    }
  }

  /**
   * Writes to `out` the columns j in [j0, j1) with `x[j] * m + b - E[j] > min(thr[j], ti)`, E
   * being `e` when `useE`, else 0 (computed as written, in f64), and returns how many.
   * @throws never for 0 <= j0 <= j1 <= n.
   */
  filter(useE: boolean, j0: number, j1: number, m: number, b: number, ti: number): number {
    const at = this.at;
    return this.fx.filter1(at.x, useE ? at.e : at.zero, at.thr, at.out, j0, j1, m, b, ti);
  }

  /**
   * Writes to `out` the columns j in [j0, j1) with `w - e[j] > ti` or `w - hi > thr[j]`, where
   * `w = x[j] + base` (the relative pass, `e` holding h), and returns how many.
   * @throws never for 0 <= j0 <= j1 <= n.
   */
  filterRelative(j0: number, j1: number, base: number, hi: number, ti: number): number {
    const at = this.at;
    return this.fx.filter2(at.x, at.e, at.thr, at.out, j0, j1, base, hi, ti);
  }

  /**
   * [smallest, largest] of `x[j]`, j0 <= j < n, leaving out entries equal to `f` when f is an
   * int32 (NaN leaves out nothing); [2^31 - 1, -2^31] when no entry is left. Overwrites `out[0..1]`.
   * @throws never for j0 in 0..n.
   */
  range(j0: number, f: number): [number, number] {
    const hasF = f === (f | 0) ? 1 : 0;
    this.fx.range(this.at.x, j0, this.n, hasF ? f : 0, hasF, this.at.out);
    return [this.out[0], this.out[1]];
  }
}
