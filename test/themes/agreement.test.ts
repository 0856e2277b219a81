import { describe, expect, it } from "vitest";
import { agreement, cohensKappa } from "../../src/themes/agreement";

// Eight comments, three themes. Expected values calculated in Python 3 (/usr/bin/python3) with
// statsmodels 0.13.5: cohens_kappa([[tp, fn], [fp, tn]]).kappa, precision tp/(tp+fp),
// recall tp/(tp+fn), F1 2tp/(2tp+fp+fn):
//   x: tp 3 fp 0 fn 1 tn 4 -> P 1, R 0.75, F1 0.857142857142857, kappa 0.75
//   y: tp 2 fp 1 fn 1 tn 4 -> P 0.666..., R 0.666..., F1 0.666..., kappa 0.4666666666666667
//   z: tp 0 fp 2 fn 1 tn 5 -> P 0, R 0, F1 0, kappa -0.2
const REF = new Map(Object.entries({ a: ["x", "y"], b: ["x"], c: [], d: ["y"], e: ["x", "z"], f: [], g: ["x"], h: ["y"] }));
const PRED = new Map(Object.entries({ a: ["x"], b: ["x", "y"], c: ["z"], d: ["y"], e: ["x"], f: [], g: [], h: ["y", "z"] }));

describe("agreement", () => {
  it("per theme: the 2x2 table, precision, recall, F1 and Cohen's kappa (statsmodels)", () => {
    const a = agreement(REF, PRED, ["x", "y", "z"], 2);
    expect(a.n).toBe(8);
    const [x, y, z] = a.themes;
    expect(x).toMatchObject({ theme: "x", support: 4, predicted: 3, tp: 3, fp: 0, fn: 1, tn: 4, precision: 1, recall: 0.75 });
    expect(x.f1).toBeCloseTo(0.857142857142857, 12);
    expect(x.kappa).toBeCloseTo(0.75, 12);
    expect(y.precision).toBeCloseTo(2 / 3, 12);
    expect(y.kappa).toBeCloseTo(0.4666666666666667, 12);
    expect(z).toMatchObject({ support: 1, predicted: 2, precision: 0, recall: 0, f1: 0 });
    expect(z.kappa).toBeCloseTo(-0.2, 12);
  });

  it("macro averages cover only themes with enough support", () => {
    const a = agreement(REF, PRED, ["x", "y", "z"], 2);
    expect(a.macroThemes).toEqual(["x", "y"]);
    // (0.857142857142857 + 0.666...) / 2 and so on, from the per-theme values above.
    expect(a.macro.f1).toBeCloseTo(0.7619047619047619, 12);
    expect(a.macro.precision).toBeCloseTo(0.8333333333333334, 12);
    expect(a.macro.recall).toBeCloseTo(0.7083333333333333, 12);
    expect(a.macro.kappa).toBeCloseTo(0.6083333333333333, 12);
    expect(agreement(REF, PRED, ["x", "y", "z"], 10).macro).toEqual({ precision: null, recall: null, f1: null, kappa: null });
  });

  it("a theme neither coding uses has null scores; kappa of identical constant codings is undefined", () => {
    const a = agreement(new Map([["1", []]]), new Map([["1", []]]), ["x"]);
    expect(a.themes[0]).toMatchObject({ precision: null, recall: null, f1: null, kappa: null });
  });

  it("rejects codings of different comments or unknown themes", () => {
    expect(() => agreement(REF, new Map([["a", []]]), ["x", "y", "z"])).toThrow(/only in the reference: b, c, d, e, f and 2 more/);
    expect(() => agreement(new Map([["a", ["w"]]]), new Map([["a", []]]), ["x"])).toThrow(/comment a: unknown theme "w"/);
  });

  it("cohensKappa: statsmodels' value on a 2x2 table; null for an empty one; rejects bad cells", () => {
    // statsmodels: cohens_kappa([[20, 5], [10, 15]]).kappa = 0.3999999999999999
    expect(cohensKappa(20, 10, 5, 15)).toBeCloseTo(0.4, 12);
    expect(cohensKappa(0, 0, 0, 0)).toBeNull();
    expect(() => cohensKappa(1, -1, 0, 0)).toThrow(RangeError);
  });
});
