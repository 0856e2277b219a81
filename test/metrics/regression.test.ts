/**
 * The column-major building blocks of the fits (src/metrics/regression.ts): the linear
 * predictors, X'WX and the weighted products of columns, and the prepared columns with their
 * scales, against numpy (Debian python3-numpy) on the same matrix; and `columnMajor`'s scales
 * equal `columnScales` to the bit (the same sums, term for term).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { columnMajor, columnScales, denseColumns, linearPredictors, productSums, rowWeights, Scratch, weightedCrossProducts } from "../../src/metrics/regression";

const PY = "/usr/bin/python3";
const hasNumpy = existsSync(PY) && spawnSync(PY, ["-c", "import numpy"]).status === 0;

// 9 rows of 3 columns (a dummy with zeros, a count, a real value), weights, coefficients
const X = [
  [1, 3, 0.25],
  [0, 5, -1.5],
  [1, 0, 2.0],
  [0, 2, 0.75],
  [1, 7, -0.125],
  [0, 1, 3.5],
  [1, 4, -2.25],
  [0, 6, 1.0],
  [1, 2, 0.5],
];
const w = Float64Array.from([0.1, 0.25, 0.2, 0.05, 0.15, 0.3, 0.22, 0.12, 0.08]);
const b = [0.5, -0.2, 0.1, 0.7];

describe.skipIf(!hasNumpy)("column-major fit blocks against numpy (Debian python3-numpy)", () => {
  const py = `
import json, sys, numpy as np
X = np.array(json.loads(sys.argv[1])); w = np.array(json.loads(sys.argv[2])); b = np.array(json.loads(sys.argv[3]))
D = np.column_stack([np.ones(len(X)), X])
print(json.dumps({"colmajor": X.T.ravel().tolist(), "eta": (D @ b).tolist(), "xwx": (D.T @ (w[:, None] * D)).tolist(), "xwx_noint": (X.T @ (w[:, None] * X)).tolist(), "sd": X.std(axis=0).tolist()}))
`;
  const want = () => {
    const r = spawnSync(PY, ["-c", py, JSON.stringify(X), JSON.stringify([...w]), JSON.stringify(b)], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { colmajor: number[]; eta: number[]; xwx: number[][]; xwx_noint: number[][]; sd: number[] };
  };

  it("columnMajor lays out the kept columns after a column of ones, with numpy's population standard deviations", () => {
    const ref = want();
    const { C, scale } = columnMajor(X, [0, 1, 2], true);
    expect(Array.from(C.subarray(0, 9))).toEqual(new Array(9).fill(1));
    expect(Array.from(C.subarray(18, 27))).toEqual(X.map((r) => r[1]));
    expect(scale[0]).toBe(0);
    for (let j = 0; j < 3; j++) expect(scale[j + 1]).toBeCloseTo(ref.sd[j], 12);
    // the same sums as columnScales, to the bit
    expect(Array.from(scale.subarray(1))).toEqual(columnScales(X, 3));
    // memoised: the same object for the same rows and columns, another for another choice
    expect(columnMajor(X, [0, 1, 2], true)).toBe(columnMajor(X, [0, 1, 2], true));
    expect(columnMajor(X, [0, 2], true).C.length).toBe(27);
  });

  it("denseColumns lays out X column by column (numpy's X.T.ravel()), read once for fewer columns too", () => {
    const ref = want();
    const rows = X.map((r) => [...r]);
    const C = denseColumns(rows, 3);
    expect(Array.from(C)).toEqual(ref.colmajor);
    // memoised by the rows: fewer columns are served by the same array (its first columns), more are read again
    expect(denseColumns(rows, 2)).toBe(C);
    rows[0][0] = 99; // (never done to a fit's rows: only to show which calls read them)
    expect(denseColumns(rows, 3)[0]).toBe(1);
    const wider = denseColumns(rows, 4); // a fourth column the rows lack: read again (NaN)
    expect(Array.from(wider.subarray(0, 27))).toEqual([99, ...ref.colmajor.slice(1)]);
    expect(Array.from(wider.subarray(27)).every(Number.isNaN)).toBe(true);
  });

  it("linearPredictors, weightedCrossProducts and productSums equal numpy's D·b, D'WD and X'WX", () => {
    const ref = want();
    const { C } = columnMajor(X, [0, 1, 2], true);
    const eta = new Float64Array(9);
    linearPredictors(C, 9, 4, b, eta);
    eta.forEach((v, i) => expect(v).toBeCloseTo(ref.eta[i], 12));
    const h = new Float64Array(16);
    weightedCrossProducts(C, 9, 4, w, new Float64Array(9), h);
    for (let a = 0; a < 4; a++) for (let c = 0; c <= a; c++) expect(h[a * 4 + c]).toBeCloseTo(ref.xwx[a][c], 12);
    const plain = columnMajor(X, [0, 1, 2], false);
    const hp = new Float64Array(9);
    productSums(plain.C, 9, 3, w, hp);
    for (let a = 0; a < 3; a++) for (let c = 0; c <= a; c++) expect(hp[a * 3 + c]).toBeCloseTo(ref.xwx_noint[a][c], 12);
  });
});

describe("fit helpers", () => {
  it("rowWeights checks and copies an array of weights once, and refuses bad ones", () => {
    const weights = [1, 2, 3.5];
    const first = rowWeights(weights, 3);
    expect(Array.from(first.w)).toEqual(weights);
    expect(first.total).toBe(6.5);
    expect(rowWeights(weights, 3)).toBe(first);
    expect(rowWeights(Float64Array.from(weights), 3)).toEqual(first);
    expect(rowWeights(undefined, 2)).toEqual({ w: Float64Array.from([1, 1]), total: 2 });
    expect(() => rowWeights(weights, 4)).toThrow(/need one weight per row: 3 weights for 4 rows/);
    expect(() => rowWeights([1, 0, 2], 3)).toThrow(/row 1: a weight must be a finite number > 0/);
    expect(() => rowWeights([1, 2, NaN], 3)).toThrow(/row 2: a weight must be a finite number > 0/);
  });

  it("Scratch hands out arrays of the lengths asked for from one buffer, kept for the next take", () => {
    const s = new Scratch();
    const [a, b, c] = s.take([3, 0, 2]);
    expect([a.length, b.length, c.length]).toEqual([3, 0, 2]);
    a.fill(1);
    c.fill(2);
    expect(Array.from(a)).toEqual([1, 1, 1]); // the views do not overlap
    const [d] = s.take([4]);
    expect(d.buffer).toBe(a.buffer); // fits in the kept buffer: no new one
    expect(Array.from(d)).toEqual([1, 1, 1, 2]); // holding what was left (a fit writes before it reads)
    const [e] = s.take([10]);
    expect(e.length).toBe(10);
    expect(e.buffer).not.toBe(a.buffer); // grown
  });
});
