import { describe, expect, it } from "vitest";
import { readTuples, SAMPLE, type TrianglePlan } from "../../../src/matching/solver/read-tuples";
import { MISSING_INT, scanTuples, validateTuples } from "../../../src/matching/solver/tuple-source";
import { EdgeListSource } from "../../../src/matching/solver/edge-list-source";
import { mulberry32 } from "../../../src/demo/random";

type Edge = [number, number, number];

/** A plan admitting every triangle. */
const ANY: TrianglePlan = { minEdgesPerVertex: 0, maxEntriesPerEdge: Infinity, maxBytes: Infinity };
const K = 3;

/** The triangle the module documents, built the plain way: pair {i, j} at i n - i(i + 1)/2 + j - i - 1, the heaviest parallel edge, `missing` elsewhere. */
function plainTriangle(edges: Edge[], n: number, missing: number): number[] {
  const t = new Array<number>((n * (n - 1)) / 2).fill(missing);
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    const at = i * n - (i * (i + 1)) / 2 + j - i - 1;
    if (Number.isNaN(t[at]) || t[at] === missing || t[at] < w) t[at] = w;
  }
  return t;
}

/** Edges (not self-loops) by smaller end, the plain way. */
function plainCounts(edges: Edge[], n: number): number[] {
  const c = new Array<number>(n).fill(0);
  for (const [a, b] of edges) if (a !== b) c[Math.min(a, b)]++;
  return c;
}

/** The graph on n vertices with every pair but those with i + j divisible by 7, in row order, integer weights. */
function nearlyComplete(n: number, rand: () => number): Edge[] {
  const out: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if ((i + j) % 7 !== 0) out.push([i, j, Math.floor(rand() * 100)]);
  return out;
}

/**
 * A list of 2 SAMPLE - 1 tuples: {@link nearlyComplete} on 50 vertices (1,050 pairs), then
 * repeats of its first pairs; the sample (SAMPLE tuples evenly spread, the first and last included) reads exactly the
 * even positions, so what sits at odd positions is seen by the pass only.
 */
function sampledList(rand: () => number): Edge[] {
  const base = nearlyComplete(50, rand);
  const out: Edge[] = [...base];
  for (let k = 0; out.length < 2 * SAMPLE - 1; k++) out.push([...base[k % base.length]]);
  return out;
}

describe("readTuples", () => {
  it("copies a list into its triangle: heaviest parallel edge, self-loops dropped, missing pairs marked (worked by hand)", () => {
    const edges: Edge[] = [[2, 0, 5], [0, 2, 9], [1, 1, 100], [3, 1, -2], [0, 1, 4], [1, 3, -7]];
    const r = readTuples(edges, ANY, K);
    expect({ n: r.n, m: r.m, int32: r.int32 }).toEqual({ n: 4, m: 5, int32: true });
    // Pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3).
    expect(r.triangle).toBeInstanceOf(Int32Array);
    expect(Array.from(r.triangle!)).toEqual([4, 9, MISSING_INT, MISSING_INT, -2, MISSING_INT]);
    expect(r.scan).toBeNull();
    expect(r.rowCounts).toBeNull();
    const f = readTuples([[0, 2, 1.5], [1, 0, 3]], ANY, K);
    expect(f.triangle).toBeInstanceOf(Float64Array);
    expect(Array.from(f.triangle!)).toEqual([3, 1.5, NaN]);
  });

  it("grows the triangle when the pass meets a larger id than the sample, and moves it down to the final n", () => {
    const rand = mulberry32(3);
    // Odd positions, after pairs that do not come again: the sample guesses n = 50, the pass
    // lays the triangle out for 57, then 65 vertices, and moves it down to 61 at the end.
    const edges = sampledList(rand);
    edges[1001] = [3, 52, 5];
    edges[1801] = [60, 2, 8];
    const r = readTuples(edges, ANY, K);
    expect(r.n).toBe(61);
    expect(r.triangle!.length).toBe((61 * 60) / 2);
    expect(Array.from(r.triangle!)).toEqual(plainTriangle(edges, 61, MISSING_INT));
    expect({ n: r.n, m: r.m, int32: r.int32 }).toEqual(validateTuples(edges));
  });

  it("turns an integer triangle into a float one at the first weight that is not an int32", () => {
    for (const odd of [0.5, 2 ** 31, MISSING_INT]) {
      const edges = sampledList(mulberry32(5));
      edges[2 * SAMPLE - 3] = [7, 9, odd]; // odd position, late in the list
      const r = readTuples(edges, ANY, K);
      expect(r.int32).toBe(false);
      expect(r.triangle).toBeInstanceOf(Float64Array);
      expect(Array.from(r.triangle!)).toEqual(plainTriangle(edges, 50, NaN));
    }
  });

  it("drops the triangle when the list turns out too large for the plan, and counts rows instead", () => {
    const edges = sampledList(mulberry32(7));
    edges[1001] = [80, 1, 4];
    // Room for 50 vertices (1,225 int32 pairs) but not for 81.
    const r = readTuples(edges, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: 4 * 1225 }, K);
    expect(r.triangle).toBeNull();
    expect(r.n).toBe(81);
    expect(Array.from(r.rowCounts!)).toEqual(plainCounts(edges, 81));
    // Same when the switch to floats no longer fits.
    const g = sampledList(mulberry32(7));
    g[1001] = [4, 1, 0.25];
    const f = readTuples(g, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: 4 * 1225 }, K);
    expect(f.triangle).toBeNull();
    expect(f.int32).toBe(false);
    expect(Array.from(f.rowCounts!)).toEqual(plainCounts(g, 50));
  });

  it("gives the same triangle whatever the order of the list (shuffled lists grow it and move it down)", () => {
    const rand = mulberry32(11);
    for (let r = 0; r < 20; r++) {
      const n = 30 + Math.floor(rand() * 60);
      const edges: Edge[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.8) edges.push(rand() < 0.5 ? [i, j, Math.floor(rand() * 50)] : [j, i, Math.floor(rand() * 50)]);
      edges.push(...edges.slice(0, 30).map(([a, b, w]): Edge => [b, a, w + (r % 2 === 0 ? 1 : 0.5)]), [n - 1, n - 1, 7]);
      for (let k = edges.length - 1; k > 0; k--) {
        const q = Math.floor(rand() * (k + 1));
        [edges[k], edges[q]] = [edges[q], edges[k]];
      }
      const got = readTuples(edges, ANY, K);
      const want = validateTuples(edges);
      expect({ n: got.n, m: got.m, int32: got.int32 }).toEqual(want);
      expect(Array.from(got.triangle!)).toEqual(plainTriangle(edges, n, want.int32 ? MISSING_INT : NaN));
    }
  });

  it("packs an integer list whose Int32Array triangle the plan does not admit into codes of one byte (narrow range) or two", () => {
    for (const wide of [false, true]) {
      const rand = mulberry32(wide ? 23 : 29);
      const edges = sampledList(rand).map(([a, b, w]): Edge => [a, b, wide ? 2800 + w * 100 + Math.floor(rand() * 100) : w - 30]);
      edges[1001] = [3, 52, wide ? 13000 : 90]; // the pass grows the codes too
      const bytes = wide ? 2 : 1;
      const r = readTuples(edges, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: bytes * ((57 * 56) / 2) }, K);
      expect(r.triangle).toBeNull();
      expect(r.packed!.codes).toBeInstanceOf(wide ? Uint16Array : Uint8Array);
      const M = wide ? 0xffff : 0xff;
      expect(Array.from(r.packed!.codes, (c) => (c === M ? NaN : c + r.packed!.base))).toEqual(plainTriangle(edges, 53, NaN));
      expect({ n: r.n, m: r.m, int32: r.int32 }).toEqual(validateTuples(edges));
    }
  });

  it("drops the codes at the first weight they cannot hold (out of range, or not an integer) and counts rows instead", () => {
    for (const odd of [100_000, -100_000, 2.5]) {
      const edges = sampledList(mulberry32(31));
      edges[1001] = [5, 6, odd];
      const r = readTuples(edges, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: 1225 }, K);
      expect(r.packed).toBeNull();
      expect(r.triangle).toBeNull();
      expect(r.int32).toBe(odd === 2.5 ? false : true);
      expect(Array.from(r.rowCounts!)).toEqual(plainCounts(edges, 50));
    }
  });

  it("reads a dense list too large for a triangle with scanTuples (validation and first scan in one pass)", () => {
    const edges = nearlyComplete(40, mulberry32(13));
    const r = readTuples(edges, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: 100 }, K);
    expect(r.triangle).toBeNull();
    expect(r.rowCounts).toBeNull();
    const want = scanTuples(edges, K);
    expect({ n: r.n, m: r.m, int32: r.int32 }).toEqual({ n: want.n, m: want.m, int32: want.int32 });
    expect(Array.from(r.scan!.topId)).toEqual(Array.from(want.scan.topId));
    expect(r.scan!.stats).toEqual(want.scan.stats);
  });

  it("counts the rows of a sparse list (what EdgeListSource.fromTuples takes), which builds the same CSR as without them", () => {
    const rand = mulberry32(17);
    const edges: Edge[] = [];
    for (let k = 0; k < 3000; k++) edges.push([Math.floor(rand() * 1000), Math.floor(rand() * 1000), rand()]);
    const r = readTuples(edges, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: 2 ** 30 }, K);
    expect(r.triangle).toBeNull();
    expect(r.scan).toBeNull();
    expect(Array.from(r.rowCounts!)).toEqual(plainCounts(edges, r.n));
    const a = EdgeListSource.fromTuples(edges, r.n, r.rowCounts!);
    const b = EdgeListSource.fromTuples(edges, r.n);
    expect([Array.from(a.start), Array.from(a.js), Array.from(a.ws)]).toEqual([Array.from(b.start), Array.from(b.js), Array.from(b.ws)]);
  });

  it("names the first bad edge, as validateTuples does, whichever loop meets it", () => {
    const bad: [number, unknown, string][] = [
      [0, [0, -1, 1], "edge 0: vertex ids must be integers from 0 to 16777215 (number the vertices 0..n-1), got [0, -1]"],
      [1, [1.5, 2, 1], "edge 1: vertex ids must be integers from 0 to 16777215 (number the vertices 0..n-1), got [1.5, 2]"],
      [SAMPLE + 1, [0, 1, Number.NaN], `edge ${SAMPLE + 1}: weight must be a finite number, got NaN`],
      [2 * SAMPLE - 5, [0, 2 ** 31, 1], `edge ${2 * SAMPLE - 5}: vertex ids must be integers from 0 to 16777215 (number the vertices 0..n-1), got [0, ${2 ** 31}]`],
      [SAMPLE + 7, [2 ** 24, 1, 1], `edge ${SAMPLE + 7}: vertex ids must be integers from 0 to 16777215 (number the vertices 0..n-1), got [${2 ** 24}, 1]`],
      [2 * SAMPLE - 4, [3, 4, "3"], `edge ${2 * SAMPLE - 4}: weight must be a finite number, got 3`],
      [5, [3, 4, Infinity], "edge 5: weight must be a finite number, got Infinity"],
    ];
    const plans: TrianglePlan[] = [ANY, { minEdgesPerVertex: 16, maxEntriesPerEdge: 8, maxBytes: 100 }, { minEdgesPerVertex: Infinity, maxEntriesPerEdge: 8, maxBytes: 100 }];
    for (const [at, tuple, message] of bad) {
      for (const float of [false, true]) {
        const edges = sampledList(mulberry32(19));
        if (float) edges[3] = [1, 2, 0.5]; // the pass has switched to floats before the bad edge
        edges[at] = tuple as Edge;
        edges[2 * SAMPLE - 3] = [0, 1, Number.NaN]; // a later bad edge is never named
        expect(edges.length).toBe(2 * SAMPLE - 1);
        expect(() => validateTuples(edges)).toThrow(message);
        for (const plan of plans) expect(() => readTuples(edges, plan, K)).toThrow(message);
      }
    }
  });
});
