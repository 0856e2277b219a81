/**
 * The proportional-odds model and the ridge logistic regression against Python's statsmodels
 * (`OrderedModel(distr="logit")` with cov_type="cluster", `Logit`) and scipy (the penalised
 * likelihood minimised by BFGS), run on the same data in the test (skipped, saying so, without
 * Debian's python3-statsmodels); and both with frequency weights, against the same fits of the
 * rows repeated and against statsmodels (`GLM(..., freq_weights=)`, `OrderedModel` on the rows
 * repeated by numpy); and with repeated rows merged by their features, against the fit of the
 * distinct rows with counts and statsmodels' cluster-robust covariance.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { orderedLogit, probabilityAtLeast } from "../../src/metrics/ordinal";
import { FitError, logisticRegression, screenColumns } from "../../src/metrics/regression";
import { tempDir } from "../helpers/rounds";

const PY = "/usr/bin/python3";
const hasStatsmodels = existsSync(PY) && spawnSync(PY, ["-c", "import statsmodels.miscmodels.ordinal_model"]).status === 0;
if (!hasStatsmodels) console.warn("ordinal.test.ts: /usr/bin/python3 with statsmodels not found; the cross-checks are skipped");

/** A deterministic data set: 600 answers 1-5 from a planted ordered logit, three answers per person. */
function data() {
  let s = 7;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const X: number[][] = [];
  const y: number[] = [];
  const g: string[] = [];
  const yb: number[] = [];
  for (let i = 0; i < 600; i++) {
    const x = [r(), r() < 0.5 ? 1 : 0, 12 * r()];
    const eta = 1.2 * x[0] + 0.8 * x[1] - 0.1 * x[2];
    const u = r();
    const lat = eta + Math.log(u / (1 - u));
    let k = 1;
    for (const c of [-1.5, -0.3, 0.8, 2.2]) if (lat > c) k++;
    X.push(x);
    y.push(k);
    g.push(String(Math.floor(i / 3)));
    yb.push(k >= 4 ? 1 : 0);
  }
  return { X, y, g, yb };
}

function python(script: string, rows: (number | string)[][]): Record<string, number[] | number> {
  const csv = path.join(tempDir(), "d.csv");
  writeFileSync(csv, rows.map((r) => r.join(",")).join("\n"));
  const r = spawnSync(PY, ["-c", script, csv], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("screenColumns", () => {
  it("drops constant and collinear columns with a reason, keeping the first of two identical ones", () => {
    const X = [[1, 0, 2, 3, 1], [1, 1, 4, 5, 1], [1, 0, 6, 7, 1], [1, 1, 8, 9, 1]];
    const { keep, dropped } = screenColumns(X, ["const", "b", "c", "c_plus_1", "const2"]);
    expect(keep).toEqual([1, 2]);
    expect(dropped.map((d) => d.name)).toEqual(["const", "c_plus_1", "const2"]);
    expect(dropped[0].reason).toMatch(/constant/);
    expect(dropped[1].reason).toMatch(/collinear with the intercept and b, c/);
  });

  it("keeps a nearly collinear column (1 − R² 2e-6, below the 1e-3 where every column is clearly kept) and drops one within 1e-9 of collinear", () => {
    // c = a + b + ε·u with u a ±1 pattern uncorrelated with a and b: 1 − R² of c on (1, a, b) is
    // ε² var(u) / var(c) by construction (var(u) = 1, var(c) = 0.5 + ε²): 2e-6 for ε = 1e-3, 2e-12 for ε = 1e-6
    const rows = (eps: number) => Array.from({ length: 400 }, (_, i) => {
      const a = i % 2;
      const b = Math.floor(i / 2) % 2;
      const u = Math.floor(i / 4) % 2 ? 1 : -1;
      return [a, b, a + b + eps * u];
    });
    expect(screenColumns(rows(1e-3), ["a", "b", "c"])).toEqual({ keep: [0, 1, 2], dropped: [] });
    const near = screenColumns(rows(1e-6), ["a", "b", "c"]);
    expect(near.keep).toEqual([0, 1]);
    expect(near.dropped[0].reason).toMatch(/collinear with the intercept and a, b/);
    expect(screenColumns(rows(0.5), ["a", "b", "c"])).toEqual({ keep: [0, 1, 2], dropped: [] });
  });

  it("lets a fit go on without the dropped feature instead of failing on a singular matrix", () => {
    const { X, yb } = data();
    const withConstant = X.map((x) => [...x, 0]); // e.g. "country wish met" when nobody stated a country
    const fit = logisticRegression(withConstant, yb, ["a", "b", "c", "country_pref_met"]);
    expect(fit.dropped).toEqual([{ name: "country_pref_met", reason: "constant in the data (every value 0)" }]);
    expect(fit.coefficients.map((c) => c.name)).toEqual(["intercept", "a", "b", "c"]);
    const o = orderedLogit(withConstant, data().y, ["a", "b", "c", "country_pref_met"]);
    expect(o.dropped.map((d) => d.name)).toEqual(["country_pref_met"]);
    expect(() => logisticRegression([[1], [2]], [0, 0], ["a"])).toThrow(FitError);
  });
});

describe("a fit without inference", () => {
  // The expected estimates are the same fit's with inference (checked against statsmodels and scipy below).
  it("gives the same estimates, and NaN for the covariance and everything made from it", () => {
    const { X, y, g, yb } = data();
    const names = ["a", "b", "c"];
    const full = logisticRegression(X, yb, names, { penalty: 3 });
    const bare = logisticRegression(X, yb, names, { penalty: 3, inference: false });
    expect(bare.coefficients.map((c) => c.estimate)).toEqual(full.coefficients.map((c) => c.estimate));
    expect(bare.coefficients.every((c) => Number.isNaN(c.se) && Number.isNaN(c.p) && c.ci.every(Number.isNaN))).toBe(true);
    expect(bare.cov.flat().every(Number.isNaN)).toBe(true);
    const ord = orderedLogit(X, y, names, { penalty: 3, clusters: g });
    const ordBare = orderedLogit(X, y, names, { penalty: 3, clusters: g, inference: false });
    expect([...ordBare.coefficients, ...ordBare.thresholds].map((c) => c.estimate)).toEqual([...ord.coefficients, ...ord.thresholds].map((c) => c.estimate));
    expect([...ordBare.coefficients, ...ordBare.thresholds].every((c) => Number.isNaN(c.se))).toBe(true);
    expect(ordBare.clusters).toBeNull();
    expect(ordBare.covariance).toMatch(/not computed/);
  });
});

describe("a fit started from a neighbouring penalty's estimate", () => {
  // The expected values are the same model's fit from its default start (itself checked against
  // statsmodels and scipy below): a start moves only the path to the optimum.
  it("logisticRegression reaches the cold start's optimum in fewer iterations; a start of another length is ignored", () => {
    const { X, yb } = data();
    const names = ["a", "b", "c"];
    const cold = logisticRegression(X, yb, names, { penalty: 10 });
    const start = logisticRegression(X, yb, names, { penalty: 3 }).coefficients.map((c) => c.estimate);
    const warm = logisticRegression(X, yb, names, { penalty: 10, start });
    warm.coefficients.forEach((c, j) => expect(Math.abs(c.estimate - cold.coefficients[j].estimate)).toBeLessThan(1e-9));
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(logisticRegression(X, yb, names, { penalty: 10, start: start.slice(1) })).toEqual(cold);
  });

  it("orderedLogit reaches the cold start's optimum in fewer iterations; unordered thresholds are ignored", () => {
    const { X, y } = data();
    const names = ["a", "b", "c"];
    const cold = orderedLogit(X, y, names, { penalty: 10 });
    const at3 = orderedLogit(X, y, names, { penalty: 3 });
    const start = [...at3.coefficients, ...at3.thresholds].map((c) => c.estimate);
    const warm = orderedLogit(X, y, names, { penalty: 10, start });
    [...warm.coefficients, ...warm.thresholds].forEach((c, j) => expect(Math.abs(c.estimate - [...cold.coefficients, ...cold.thresholds][j].estimate)).toBeLessThan(1e-9));
    expect(warm.iterations).toBeLessThan(cold.iterations);
    const unordered = [...start.slice(0, 3), ...start.slice(3).reverse()];
    expect(orderedLogit(X, y, names, { penalty: 10, start: unordered })).toEqual(cold);
  });
});

/**
 * Data with repeated rows, as counts: 900 answers of 1-5 (and a 0/1 outcome) from a planted model
 * on discrete features, given once per distinct (features, answer) with the number of rows like it.
 */
function repeated() {
  let s = 11;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: { x: number[]; y: number; yb: number }[] = [];
  for (let i = 0; i < 900; i++) {
    const x = [r() < 0.4 ? 1 : 0, Math.floor(4 * r()) / 2, Math.floor(3 * r())];
    const eta = 0.9 * x[0] + 0.7 * x[1] - 0.4 * x[2];
    const u = r();
    const lat = eta + Math.log(u / (1 - u));
    let k = 1;
    for (const c of [-1.2, -0.2, 0.9, 2.0]) if (lat > c) k++;
    rows.push({ x, y: k, yb: k >= 4 ? 1 : 0 });
  }
  const group = (answer: (r: (typeof rows)[number]) => number) => {
    const byKey = new Map<string, { x: number[]; y: number; w: number }>();
    for (const row of rows) {
      const key = `${row.x.join(",")}|${answer(row)}`;
      const g = byKey.get(key);
      if (g) g.w++;
      else byKey.set(key, { x: row.x, y: answer(row), w: 1 });
    }
    const gs = [...byKey.values()];
    return { X: gs.map((g) => g.x), y: gs.map((g) => g.y), w: gs.map((g) => g.w) };
  };
  return { X: rows.map((r) => r.x), y: rows.map((r) => r.y), yb: rows.map((r) => r.yb), ordinal: group((r) => r.y), binary: group((r) => r.yb) };
}

describe("fits made one after another", () => {
  // The expected values are the same fits made before the others (each checked against
  // statsmodels in this file): the arrays a fit works in are kept from one fit to the next, and
  // what a fit of other data left in them must change nothing.
  it("give every fit the result it has when made first, whatever was fitted before it", () => {
    const { X, y, yb, ordinal, binary } = repeated();
    const d = data();
    const names = ["a", "b", "c"];
    const copy = (rows: number[][]) => rows.map((x) => [...x]); // new arrays: nothing memoised by them
    const firstO = orderedLogit(copy(ordinal.X), ordinal.y, names, { weights: ordinal.w, penalty: 1 });
    const firstL = logisticRegression(copy(binary.X), binary.y, names, { weights: binary.w, penalty: 1 });
    // larger data, smaller data, other levels and outcomes
    orderedLogit(copy(X), y, names, { penalty: 3 });
    orderedLogit(copy(d.X), d.y, names);
    orderedLogit(copy(d.X.slice(0, 60)), d.y.slice(0, 60).map((v) => (v > 2 ? 2 : 1)), names);
    logisticRegression(copy(X), yb, names, { penalty: 3 });
    logisticRegression(copy(d.X), d.yb, names);
    expect(orderedLogit(copy(ordinal.X), ordinal.y, names, { weights: ordinal.w, penalty: 1 })).toEqual(firstO);
    expect(logisticRegression(copy(binary.X), binary.y, names, { weights: binary.w, penalty: 1 })).toEqual(firstL);
  });
});

describe("frequency weights", () => {
  // The expected values are the fits of the same data with every row repeated (those fits are
  // checked against statsmodels and scipy below, and the weighted ones against statsmodels there).
  it("give the fit of the repeated rows: estimates, covariance, n, log-likelihood and scales", () => {
    const { X, y, yb, ordinal, binary } = repeated();
    const names = ["a", "b", "c"];
    expect(binary.X.length).toBeLessThan(60); // the 900 rows are a few dozen distinct ones
    const close = (a: number[], b: number[], tol: number) => a.forEach((v, j) => expect(Math.abs(v - b[j])).toBeLessThan(tol));
    for (const penalty of [0, 3]) {
      const full = logisticRegression(X, yb, names, { penalty });
      const weighted = logisticRegression(binary.X, binary.y, names, { penalty, weights: binary.w });
      close(weighted.coefficients.map((c) => c.estimate), full.coefficients.map((c) => c.estimate), 1e-9);
      close(weighted.cov.flat(), full.cov.flat(), 1e-10);
      expect(weighted.n).toBe(900);
      expect(weighted.logLik).toBeCloseTo(full.logLik as number, 9);
      const ofull = orderedLogit(X, y, names, { penalty });
      const oweighted = orderedLogit(ordinal.X, ordinal.y, names, { penalty, weights: ordinal.w });
      const est = (f: typeof ofull) => [...f.coefficients, ...f.thresholds].map((c) => c.estimate);
      close(est(oweighted), est(ofull), 1e-9);
      close(oweighted.cov.flat(), ofull.cov.flat(), 1e-10);
      expect(oweighted.n).toBe(900);
      expect(oweighted.logLik).toBeCloseTo(ofull.logLik, 9);
    }
    // the penalty's scales are those of the repeated rows: weights that differ change the fit
    const other = binary.w.map((v, i) => (i % 2 ? v + 5 : v));
    expect(logisticRegression(binary.X, binary.y, names, { penalty: 3, weights: other }).coefficients[1].estimate).not.toBeCloseTo(
      logisticRegression(binary.X, binary.y, names, { penalty: 3, weights: binary.w }).coefficients[1].estimate, 4);
  });

  it("screen columns on the repeated rows, and refuse weights that are not one positive number per row, or come with clusters", () => {
    const X = [[0, 1, 2], [1, 1, 3], [2, 1, 4], [3, 2, 5]];
    expect(screenColumns(X, ["a", "b", "a_plus_2"], [5, 1, 1, 2]).dropped.map((d) => d.name)).toEqual(["a_plus_2"]);
    const { X: Xo, y, w } = repeated().ordinal;
    const names = ["a", "b", "c"];
    expect(() => orderedLogit(Xo, y, names, { weights: w.slice(1) })).toThrow(/one weight per row/);
    for (const bad of [0, -1, NaN, Infinity]) expect(() => orderedLogit(Xo, y, names, { weights: w.map((v, i) => (i === 2 ? bad : v)) })).toThrow(/row 2: a weight must be a finite number > 0/);
    expect(() => orderedLogit(Xo, y, names, { weights: w, clusters: y.map(String) })).toThrow(/cannot be combined/);
    expect(() => logisticRegression(Xo, y.map((v) => (v > 3 ? 1 : 0)), names, { weights: w.map(() => -2) })).toThrow(RangeError);
  });
});

/** `repeated()`'s rows with equal features given as ONE shared array (as fit.ts's outcome groups give them). */
function sharedRows(X: number[][]): number[][] {
  const one = new Map<string, number[]>();
  return X.map((x) => {
    const key = x.join(",");
    let s = one.get(key);
    if (!s) one.set(key, (s = [...x]));
    return s;
  });
}

describe("orderedLogit fits on distinct feature rows", () => {
  // The expected values are the fit of the distinct (features, answer) rows with their counts as
  // frequency weights (checked against statsmodels' OrderedModel on the rows repeated, in the
  // cross-check below): equal rows merged, whether given as the same array or as equal values,
  // are the same sums in another order.
  it("gives the same fit for repeated rows as separate arrays, as shared arrays, and as distinct rows with weights", () => {
    const { X, y, ordinal } = repeated();
    const names = ["a", "b", "c"];
    const shared = sharedRows(X);
    expect(new Set(shared).size).toBeLessThan(30); // 900 answers, a few dozen distinct feature rows
    expect(new Set(X).size).toBe(900);
    const all = (f: ReturnType<typeof orderedLogit>) => [...f.coefficients, ...f.thresholds].map((c) => c.estimate);
    const close = (a: number[], b: number[], rel: number) => a.forEach((v, j) => expect(Math.abs(v - b[j])).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b[j]))));
    for (const penalty of [0, 3]) {
      const want = orderedLogit(ordinal.X, ordinal.y, names, { penalty, weights: ordinal.w });
      for (const rows of [X, shared]) {
        const got = orderedLogit(rows, y, names, { penalty });
        close(all(got), all(want), 1e-9);
        close(got.cov.flat(), want.cov.flat(), 1e-9);
        expect(got.n).toBe(900);
        expect(got.levels).toEqual(want.levels);
        expect(got.logLik).toBeCloseTo(want.logLik, 9);
        expect(got.dropped).toEqual(want.dropped);
      }
    }
    // rows equal in every column but one are not merged: changing one row's value changes the fit
    const moved = X.map((x, i) => (i === 0 ? [x[0], x[1] + 0.25, x[2]] : x));
    expect(all(orderedLogit(moved, y, names))[1]).not.toBeCloseTo(all(orderedLogit(X, y, names))[1], 6);
  });

  // Row ids (`rowIds`): the expected values are the same fits merged by value (the fits above,
  // checked against statsmodels): ids that are equal exactly for equal rows make the same
  // distinct rows in the same order, so every sum is the same, to the last bit.
  const idsOf = (rows: readonly (readonly number[])[]) => {
    const known = new Map<string, number>();
    return Int32Array.from(rows, (x) => {
      const key = x.join(",");
      let id = known.get(key);
      if (id === undefined) known.set(key, (id = known.size));
      return id;
    });
  };

  it("merges by the caller's row ids into the same fit, bit for bit, as by value: shared or separate arrays, weighted, clustered, at several penalties", () => {
    const { X, y, ordinal } = repeated();
    const names = ["a", "b", "c"];
    const shared = sharedRows(X);
    const clusters = y.map((_, i) => String(Math.floor(i / 3)));
    for (const penalty of [0, 3]) {
      for (const rows of [shared, X]) {
        const ids = idsOf(rows);
        expect(orderedLogit(rows, y, names, { penalty, rowIds: ids })).toEqual(orderedLogit(rows, y, names, { penalty }));
        expect(orderedLogit(rows, y, names, { penalty, rowIds: ids, clusters })).toEqual(orderedLogit(rows, y, names, { penalty, clusters }));
      }
      const ids = idsOf(ordinal.X); // (features, answer) groups: a feature row with several answers
      expect(new Set(ids).size).toBeLessThan(ordinal.X.length);
      const weights = Float64Array.from(ordinal.w);
      expect(orderedLogit(ordinal.X, ordinal.y, names, { penalty, weights, rowIds: ids, inference: false })).toEqual(orderedLogit(ordinal.X, ordinal.y, names, { penalty, weights, inference: false }));
    }
  });

  it("fits rows of equal values under different ids as separate rows (the same fit up to the order of the sums), and refuses bad ids", () => {
    const { X, y } = repeated();
    const names = ["a", "b", "c"];
    const all = (f: ReturnType<typeof orderedLogit>) => [...f.coefficients, ...f.thresholds].map((c) => c.estimate);
    const each = Int32Array.from(X, (_, i) => i); // every row its own id: 900 distinct rows instead of a few dozen
    const want = all(orderedLogit(X, y, names));
    all(orderedLogit(X, y, names, { rowIds: each })).forEach((v, j) => expect(v).toBeCloseTo(want[j], 9));
    expect(() => orderedLogit(X, y, names, { rowIds: each.subarray(1) })).toThrow(/one row id per row: 899 ids for 900 rows/);
    expect(() => orderedLogit(X, y, names, { rowIds: Array.from(each, (v, i) => (i === 5 ? -1 : v)) })).toThrow(/row 5: a row id must be a non-negative integer/);
    expect(() => orderedLogit(X, y, names, { rowIds: Array.from(each, (v, i) => (i === 5 ? 0.5 : v)) })).toThrow(/row 5: a row id must be a non-negative integer/);
    // one id for two rows of different values
    const i = X.findIndex((x) => x.join() !== X[0].join());
    expect(() => orderedLogit(X, y, names, { rowIds: Array.from(each, (v, k) => (k === i ? 0 : v)) })).toThrow(new RegExp(`row ${i} has the row id 0 of an earlier row with different values`));
  });

  it("merges only on the columns named, and refuses X of another length than y", () => {
    // The expected values: the same fit without the extra column (rows that differ only beyond the
    // named columns are the same rows to the model).
    const { X, y } = repeated();
    const names = ["a", "b", "c"];
    const extra = X.map((x, i) => [...x, i]);
    const all = (f: ReturnType<typeof orderedLogit>) => [...f.coefficients, ...f.thresholds].map((c) => c.estimate);
    all(orderedLogit(extra, y, names)).forEach((v, j) => expect(v).toBeCloseTo(all(orderedLogit(X, y, names))[j], 10));
    expect(() => orderedLogit(X.slice(1), y, names)).toThrow(/one row of X per answer/);
  });
});

describe.skipIf(!hasStatsmodels)("cross-check with statsmodels and scipy", () => {
  it("orderedLogit: estimates, thresholds, model-based and cluster-robust SEs equal statsmodels OrderedModel", () => {
    const { X, y, g } = data();
    const sm = python(`
import sys, json, numpy as np, warnings
warnings.simplefilter("ignore")
from statsmodels.miscmodels.ordinal_model import OrderedModel
d = np.loadtxt(sys.argv[1], delimiter=",")
y, g, X = d[:, 0], d[:, 1].astype(int), d[:, 2:]
m = OrderedModel(y, X, distr="logit")
r = m.fit(method="bfgs", disp=0, maxiter=10000, gtol=1e-10)
rc = m.fit(method="bfgs", disp=0, maxiter=10000, gtol=1e-10, cov_type="cluster", cov_kwds={"groups": g})
print(json.dumps({"beta": list(r.params[:3]), "se": list(r.bse[:3]), "theta": list(m.transform_threshold_params(r.params)[1:-1]), "se_cluster": list(rc.bse[:3]), "llf": r.llf}))`,
      X.map((x, i) => [y[i], g[i], ...x]));
    const plain = orderedLogit(X, y, ["a", "b", "c"]);
    const clustered = orderedLogit(X, y, ["a", "b", "c"], { clusters: g });
    plain.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo((sm.beta as number[])[j], 5);
      expect(c.se).toBeCloseTo((sm.se as number[])[j], 4);
      expect(clustered.coefficients[j].se).toBeCloseTo((sm.se_cluster as number[])[j], 5);
    });
    plain.thresholds.forEach((t, j) => expect(t.estimate).toBeCloseTo((sm.theta as number[])[j], 5));
    expect(plain.logLik).toBeCloseTo(sm.llf as number, 6);
    expect(clustered.clusters).toBe(200);
    expect(plain.levels).toEqual([1, 2, 3, 4, 5]);
    // P(answer >= 4) at x = 0 is sigma(-theta_{3|4})
    expect(probabilityAtLeast(plain, { a: 0, b: 0, c: 0 }, 4)).toBeCloseTo(1 / (1 + Math.exp(plain.thresholds[2].estimate)), 12);
  });

  it("logisticRegression with a ridge penalty equals scipy's minimum of the penalised log-likelihood", () => {
    const { X, yb } = data();
    const sm = python(`
import sys, json, numpy as np
from scipy.optimize import minimize
d = np.loadtxt(sys.argv[1], delimiter=",")
y, X = d[:, 0], d[:, 1:]
s = X.std(axis=0)          # population SD, as the code standardises
D = np.column_stack([np.ones(len(y)), X])
lam = 3.0
def f(b):
    eta = D @ b
    ll = np.sum(y * eta - np.logaddexp(0, eta))
    return -(ll - 0.5 * lam * np.sum((s * b[1:]) ** 2))
def g(b):
    p = 1 / (1 + np.exp(-(D @ b)))
    gr = D.T @ (y - p)
    gr[1:] -= lam * s ** 2 * b[1:]
    return -gr
r = minimize(f, np.zeros(4), jac=g, method="BFGS", options={"gtol": 1e-11})
print(json.dumps({"b": list(r.x)}))`,
      X.map((x, i) => [yb[i], ...x]));
    const fit = logisticRegression(X, yb, ["a", "b", "c"], { penalty: 3 });
    fit.coefficients.forEach((c, j) => expect(c.estimate).toBeCloseTo((sm.b as number[])[j], 6));
    // shrinkage: every feature's coefficient is smaller in size than without the penalty
    const free = logisticRegression(X, yb, ["a", "b", "c"]);
    for (let j = 1; j < 4; j++) expect(Math.abs(fit.coefficients[j].estimate)).toBeLessThan(Math.abs(free.coefficients[j].estimate));
  });

  it("weighted fits equal statsmodels: GLM Binomial with freq_weights, and OrderedModel on the rows repeated by their weights", () => {
    const { ordinal, binary } = repeated();
    const names = ["a", "b", "c"];
    const glm = python(`
import sys, json, numpy as np, statsmodels.api as sm
d = np.loadtxt(sys.argv[1], delimiter=",")
y, w, X = d[:, 0], d[:, 1], d[:, 2:]
r = sm.GLM(y, sm.add_constant(X), family=sm.families.Binomial(), freq_weights=w).fit(tol=1e-12)
print(json.dumps({"b": list(r.params), "se": list(r.bse), "llf": r.llf}))`,
      binary.X.map((x, i) => [binary.y[i], binary.w[i], ...x]));
    const fit = logisticRegression(binary.X, binary.y, names, { weights: binary.w });
    fit.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo((glm.b as number[])[j], 7);
      expect(c.se).toBeCloseTo((glm.se as number[])[j], 7);
    });
    expect(fit.logLik).toBeCloseTo(glm.llf as number, 6);
    const om = python(`
import sys, json, numpy as np, warnings
warnings.simplefilter("ignore")
from statsmodels.miscmodels.ordinal_model import OrderedModel
d = np.loadtxt(sys.argv[1], delimiter=",")
rep = d[:, 1].astype(int)
y, X = np.repeat(d[:, 0], rep), np.repeat(d[:, 2:], rep, axis=0)
m = OrderedModel(y, X, distr="logit")
r = m.fit(method="bfgs", disp=0, maxiter=10000, gtol=1e-10)
print(json.dumps({"beta": list(r.params[:3]), "se": list(r.bse[:3]), "theta": list(m.transform_threshold_params(r.params)[1:-1]), "llf": r.llf}))`,
      ordinal.X.map((x, i) => [ordinal.y[i], ordinal.w[i], ...x]));
    const o = orderedLogit(ordinal.X, ordinal.y, names, { weights: ordinal.w });
    o.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo((om.beta as number[])[j], 5);
      expect(c.se).toBeCloseTo((om.se as number[])[j], 4);
    });
    o.thresholds.forEach((t, j) => expect(t.estimate).toBeCloseTo((om.theta as number[])[j], 5));
    expect(o.logLik).toBeCloseTo(om.llf as number, 6);
  });
  it("orderedLogit with clusters on repeated rows (merged by features): cluster-robust SEs equal statsmodels OrderedModel", () => {
    // statsmodels OrderedModel(distr="logit").fit(cov_type="cluster") on the 900 rows as given,
    // clusters of 6 answers (row i in cluster i mod 150), so a cluster's answers have different
    // features and most distinct feature rows hold several clusters' answers.
    const { X, y } = repeated();
    const names = ["a", "b", "c"];
    const g = y.map((_, i) => String(i % 150));
    const sm = python(`
import sys, json, numpy as np, warnings
warnings.simplefilter("ignore")
from statsmodels.miscmodels.ordinal_model import OrderedModel
d = np.loadtxt(sys.argv[1], delimiter=",")
y, g, X = d[:, 0], d[:, 1].astype(int), d[:, 2:]
m = OrderedModel(y, X, distr="logit")
rc = m.fit(method="bfgs", disp=0, maxiter=10000, gtol=1e-10, cov_type="cluster", cov_kwds={"groups": g})
print(json.dumps({"beta": list(rc.params[:3]), "se_cluster": list(rc.bse[:3]), "llf": rc.llf}))`,
      X.map((x, i) => [y[i], i % 150, ...x]));
    for (const rows of [X, sharedRows(X)]) {
      const fit = orderedLogit(rows, y, names, { clusters: g });
      expect(fit.clusters).toBe(150);
      fit.coefficients.forEach((c, j) => {
        expect(c.estimate).toBeCloseTo((sm.beta as number[])[j], 5);
        expect(c.se).toBeCloseTo((sm.se_cluster as number[])[j], 5);
      });
      expect(fit.logLik).toBeCloseTo(sm.llf as number, 6);
    }
  });
});
