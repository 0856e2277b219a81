/**
 * Exact linear algebra of the disclosure audit (src/privacy/linear.ts). Expected sets come from
 * a brute force in Python (sympy's exact rank over the rationals, every 0/1 vector tried), run
 * here through /usr/bin/python3, not from the code under test.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BIGINT_FIELD, COMPACT_FIELD, Echelon, FieldOverflow, kernel, NUMBER_FIELD, smallZeroOneVectors, vecOf, type Compact, type Vec } from "../../src/privacy/linear";

const F = NUMBER_FIELD;
const dense = (v: Vec<readonly [number, number]>, n: number) => Array.from({ length: n }, (_, i) => (v.has(i) ? F.toNumber(v.get(i)!) : 0));

/** Python: every 0/1 vector in the row space of `rows` (n columns) with weight 1..max, by exact Gaussian elimination (fractions). */
function pythonSmallVectors(cases: { rows: number[][]; n: number; weights: number[] }[], max: number): string[][] {
  const code = `
import itertools, json, sys
from fractions import Fraction
def rank(m):
    m = [[Fraction(x) for x in r] for r in m]
    rk, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        p = next((i for i in range(rk, len(m)) if m[i][c] != 0), None)
        if p is None: continue
        m[rk], m[p] = m[p], m[rk]
        for i in range(len(m)):
            if i != rk and m[i][c] != 0:
                f = m[i][c] / m[rk][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[rk])]
        rk += 1
    return rk
cases, mx = json.loads(sys.argv[1])
res = []
for case in cases:
    rows, n, w = case["rows"], case["n"], case["weights"]
    r = rank(rows)
    out = []
    for x in itertools.product([0, 1], repeat=n):
        s = sum(a * b for a, b in zip(x, w))
        if 1 <= s <= mx and rank(rows + [list(x)]) == r:
            out.append("".join(map(str, x)))
    res.append(sorted(out))
print(json.dumps(res))`;
  const r = spawnSync("/usr/bin/python3", ["-c", code, JSON.stringify([cases, max])], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe("Echelon", () => {
  it("reduces a vector of the span to nothing and says how it is made of the inputs", () => {
    const e = new Echelon(F);
    const a = vecOf(F, [[0, 1], [1, 1], [2, 1]]);
    const b = vecOf(F, [[0, 1], [1, 1]]);
    expect(e.add(a, 0)).toBe(true);
    expect(e.add(b, 1)).toBe(true);
    expect(e.add(vecOf(F, [[2, 2]]), 2)).toBe(false);
    const { left, how } = e.reduce(vecOf(F, [[2, 1]]));
    expect(left.size).toBe(0);
    expect(dense(how, 2)).toEqual([1, -1]); // e2 = a - b
  });

  it("copies: adding to a copy leaves the original as it was, and the copy equals a basis built from scratch", () => {
    const a = vecOf(F, [[0, 1], [1, 1]]);
    const b = vecOf(F, [[1, 1], [2, 1]]);
    const c = vecOf(F, [[0, 1], [2, 1]]);
    const e = new Echelon(F);
    e.add(a, 0);
    const copy = e.clone();
    expect(copy.add(b, 1)).toBe(true);
    expect(copy.add(c, 2)).toBe(true); // a, b, c are independent over the rationals (det 2)
    expect(e.rank).toBe(1);
    expect(e.contains(b)).toBe(false);
    const fresh = new Echelon(F);
    [a, b, c].forEach((v, i) => fresh.add(v, i));
    expect(copy.rows()).toEqual(fresh.rows());
  });

  it("falls back to BigInt where safe integers overflow", () => {
    const big = 2 ** 40;
    expect(() => F.mul(F.of(big), F.of(big))).toThrow(FieldOverflow);
    const B = BIGINT_FIELD;
    expect(B.toNumber(B.div(B.mul(B.of(big), B.of(big)), B.of(big)))).toBe(big);
  });
});

describe("kernel", () => {
  it("finds the combinations of columns that vanish", () => {
    const cols = [vecOf(F, [[0, 1]]), vecOf(F, [[1, 1]]), vecOf(F, [[0, 1], [1, 1]])];
    const k = kernel(F, cols);
    expect(k.map((v) => dense(v, 3))).toEqual([[-1, -1, 1]]);
  });
});

describe("smallZeroOneVectors", () => {
  it("agrees with Python's brute force: each vector it returns is one, and every one is a union of returned ones", () => {
    const cases = fc.sample(
      fc.integer({ min: 1, max: 7 }).chain((n) =>
        fc.record({
          n: fc.constant(n),
          rows: fc.array(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: n, maxLength: n }), { minLength: 0, maxLength: 5 }),
          weights: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: n, maxLength: n }),
        }),
      ),
      { numRuns: 300, seed: 12 },
    );
    const expected = pythonSmallVectors(cases, 4);
    let nonEmpty = 0;
    cases.forEach(({ n, rows, weights }, k) => {
      const basis = rows.map((r) => vecOf(F, r.map((x, i) => [i, x] as [number, number])));
      const got = smallZeroOneVectors(F, basis, (i) => weights[i], 4, 1000).map((v) => dense(v, n).join(""));
      const want = new Set(expected[k]);
      for (const g of got) expect(want.has(g), `case ${k}: ${g}`).toBe(true);
      expect(got.length > 0, `case ${k}`).toBe(want.size > 0);
      // Every small vector contains a returned one.
      for (const w of want) expect(got.some((g) => [...g].every((c, i) => c === "0" || w[i] === "1")), `case ${k}: ${w}`).toBe(true);
      if (want.size) nonEmpty++;
    });
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it("refuses coordinates of weight 0 (empty cells are dropped before the search)", () => {
    expect(() => smallZeroOneVectors(F, [vecOf(F, [[0, 1]])], () => 0, 4)).toThrow(RangeError);
  });
});

describe("COMPACT_FIELD (the audit's first field: integers as plain numbers)", () => {
  const C = COMPACT_FIELD;

  it("computes exact rationals, integers as numbers, and overflows where NUMBER_FIELD does", () => {
    // Python fractions: 1/2 + 1/3 = 5/6; 5/6 * 6/5 = 1; 3 - 7 = -4; 2/4 = 1/2; 0 * -1 = 0.
    expect(C.add(C.div(1, 2), C.div(1, 3))).toEqual([5, 6]);
    expect(C.mul([5, 6], [6, 5])).toBe(1);
    expect(C.sub(3, 7)).toBe(-4);
    expect(C.div(2, 4)).toEqual([1, 2]);
    expect(Object.is(C.mul(0, -1), 0)).toBe(true);
    expect(C.isZero(C.sub(C.div(1, 3), [1, 3]))).toBe(true);
    expect(() => C.mul(C.of(2 ** 40), C.of(2 ** 40))).toThrow(FieldOverflow);
    expect(() => C.add([1, 2 ** 30], [1, 2 ** 30 - 1])).toThrow(FieldOverflow);
    expect(() => C.div(1, 0)).toThrow(RangeError);
  });

  it("finds what Python's brute force finds (the cases above, another sample)", () => {
    const cases = fc.sample(
      fc.integer({ min: 1, max: 7 }).chain((n) =>
        fc.record({
          n: fc.constant(n),
          rows: fc.array(fc.array(fc.integer({ min: -2, max: 3 }), { minLength: n, maxLength: n }), { minLength: 0, maxLength: 5 }),
          weights: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: n, maxLength: n }),
        }),
      ),
      { numRuns: 200, seed: 13 },
    );
    const expected = pythonSmallVectors(cases, 4);
    const denseC = (v: Vec<Compact>, n: number) => Array.from({ length: n }, (_, i) => (v.has(i) ? C.toNumber(v.get(i)!) : 0));
    let nonEmpty = 0;
    cases.forEach(({ n, rows, weights }, k) => {
      const basis = rows.map((r) => vecOf(C, r.map((x, i) => [i, x] as [number, number])));
      const got = smallZeroOneVectors(C, basis, (i) => weights[i], 4, 1000).map((v) => denseC(v, n).join(""));
      const want = new Set(expected[k]);
      for (const g of got) expect(want.has(g), `case ${k}: ${g}`).toBe(true);
      for (const w of want) expect(got.some((g) => [...g].every((c, i) => c === "0" || w[i] === "1")), `case ${k}: ${w}`).toBe(true);
      if (want.size) nonEmpty++;
    });
    expect(nonEmpty).toBeGreaterThan(30);
  });
});
