/**
 * Weight fitting recovers the planted effects of the demo data (src/demo/planted-model.ts) and
 * agrees with Python's statsmodels on the same data.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { simulateHistory } from "../../src/demo/history";
import { PLANTED_COMPLETION } from "../../src/demo/planted-model";
import { defaultPlans } from "../../src/demo/rounds";
import { FEATURE_NAMES } from "../../src/matching/features";
import { auc, fitOutcomes, logisticRegression, logLoss, meanPredictedCompletion, weightsFromFit, type OutcomeRow } from "../../src/matching/fit";
import { parseWeights } from "../../src/matching/weights";
import { tempDir } from "../helpers/rounds";

// The demo's partnerships with the features the generator drew their outcomes from (the ingest
// derives the same features: see data/demo/README.md).
const history = simulateHistory(defaultPlans(), 2013);
const rows: OutcomeRow[] = history.flatMap((d) =>
  d.partnerships.map((p) => ({ round: d.plan.id, features: p.features, completed: p.status === "completed" ? 1 : 0, partnerSatisfaction: [] })),
);
const fit = fitOutcomes(rows);

describe("fitOutcomes on the demo", () => {
  it("recovers the planted completion effects: signs, and the planted values inside the 95% intervals", () => {
    for (const c of fit.completion.coefficients) {
      if (c.name === "intercept") continue;
      const planted = PLANTED_COMPLETION.coefficients[c.name] ?? 0;
      expect(c.ci[0], `${c.name}: [${c.ci[0].toFixed(2)}, ${c.ci[1].toFixed(2)}] vs planted ${planted}`).toBeLessThanOrEqual(planted);
      expect(c.ci[1], c.name).toBeGreaterThanOrEqual(planted);
      // features with a planted effect: the interval excludes 0 on the planted side
      if (planted > 0) expect(c.ci[0], c.name).toBeGreaterThan(0);
      if (planted < 0) expect(c.ci[1], c.name).toBeLessThan(0);
    }
  });

  it("validates by leaving each round out, beating the baseline overall", () => {
    expect(fit.validation.map((v) => v.round)).toEqual([...new Set(rows.map((r) => r.round))]);
    const n = fit.validation.reduce((s, v) => s + v.n, 0);
    const model = fit.validation.reduce((s, v) => s + v.n * v.logLoss, 0) / n;
    const base = fit.validation.reduce((s, v) => s + v.n * v.baselineLogLoss, 0) / n;
    expect(model).toBeLessThan(base);
  });

  it("turns the fit into a valid weights file with zero weight for the null features", () => {
    const w = parseWeights(weightsFromFit(fit));
    expect(w.weights.same_sector).toBe(0);
    expect(w.weights.career_gap).toBe(0);
    expect(w.weights.shared_language).toBeGreaterThan(0);
    expect(w.weights.timezone_gap).toBeLessThan(0);
    // every pair scores at least 1: base + the most negative contribution (time zones 12 h apart)
    expect(w.base + 12 * w.weights.timezone_gap).toBeCloseTo(1, 6);
  });
});

describe("metrics", () => {
  it("auc and logLoss on a hand-worked case", () => {
    // positives score 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) 0.5, (0.4>0.1) 1 -> 3.5/4
    expect(auc([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1])).toBe(0.875);
    // -(ln 0.5 + ln 0.5)/2 = ln 2
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
  });
});

const PY = "/usr/bin/python3";
const hasStatsmodels = existsSync(PY) && spawnSync(PY, ["-c", "import statsmodels"]).status === 0;

describe.skipIf(!hasStatsmodels)("cross-check with statsmodels (Debian python3-statsmodels)", () => {
  it("logistic coefficients and standard errors agree with statsmodels Logit", () => {
    const dir = tempDir();
    const csv = path.join(dir, "x.csv");
    writeFileSync(csv, [["y", ...FEATURE_NAMES].join(","), ...rows.map((r) => [r.completed, ...FEATURE_NAMES.map((f) => r.features[f])].join(","))].join("\n"));
    const py = `
import sys, json, numpy as np, statsmodels.api as sm
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
m = sm.Logit(d[:, 0], sm.add_constant(d[:, 1:])).fit(disp=0, tol=1e-12)
print(json.dumps({"params": list(m.params), "bse": list(m.bse)}))`;
    const r = spawnSync(PY, ["-c", py, csv], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sm = JSON.parse(r.stdout) as { params: number[]; bse: number[] };
    const ours = logisticRegression(rows.map((x) => FEATURE_NAMES.map((f) => x.features[f])), rows.map((x) => x.completed as number), [...FEATURE_NAMES]);
    ours.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(sm.params[j], 6);
      expect(c.se).toBeCloseTo(sm.bse[j], 6);
    });
  });

  it("two-sided p-values agree with statsmodels Logit's pvalues, far tail included", () => {
    // The rows four times over: the same estimates, half the standard errors, so a z beyond 8
    // (where 1 - erf(z/√2) from an erf accurate to 1e-7 is 0) and p-values below 1e-20.
    const many = [...rows, ...rows, ...rows, ...rows];
    const dir = tempDir();
    const csv = path.join(dir, "x.csv");
    writeFileSync(csv, [["y", ...FEATURE_NAMES].join(","), ...many.map((r) => [r.completed, ...FEATURE_NAMES.map((f) => r.features[f])].join(","))].join("\n"));
    // statsmodels computes them as 2 * scipy.stats.norm.sf(|z|).
    const py = `
import sys, json, numpy as np, statsmodels.api as sm
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
m = sm.Logit(d[:, 0], sm.add_constant(d[:, 1:])).fit(disp=0, tol=1e-12)
print(json.dumps({"p": [float(v) for v in m.pvalues]}))`;
    const r = spawnSync(PY, ["-c", py, csv], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sm = JSON.parse(r.stdout) as { p: number[] };
    const ours = logisticRegression(many.map((x) => FEATURE_NAMES.map((f) => x.features[f])), many.map((x) => x.completed as number), [...FEATURE_NAMES]);
    expect(Math.min(...sm.p)).toBeLessThan(1e-20);
    ours.coefficients.forEach((c, j) => {
      expect(c.p).toBeGreaterThan(0);
      // log p to 1e-4 relative: at z near 10 a relative change of 1e-6 in z (the SEs agree to 1e-6) moves log p by about 1e-4.
      expect(Math.abs(Math.log(c.p) - Math.log(sm.p[j]))).toBeLessThanOrEqual(1e-4 * Math.abs(Math.log(sm.p[j])) + 1e-6);
    });
  });
  it("the mean predicted completion and its delta-method interval agree with statsmodels' covariance", () => {
    const dir = tempDir();
    const csv = path.join(dir, "x.csv");
    writeFileSync(csv, [["y", ...FEATURE_NAMES].join(","), ...rows.map((r) => [r.completed, ...FEATURE_NAMES.map((f) => r.features[f])].join(","))].join("\n"));
    // The mean of Logit.predict over the rows, and sqrt(g' cov_params g) with g the mean of p(1-p) x.
    const py = `
import sys, json, numpy as np, statsmodels.api as sm
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
X = sm.add_constant(d[:, 1:])
m = sm.Logit(d[:, 0], X).fit(disp=0, tol=1e-12)
p = m.predict(X)
g = (p * (1 - p))[:, None] * X
g = g.mean(axis=0)
se = float(np.sqrt(g @ m.cov_params() @ g))
print(json.dumps({"mean": float(p.mean()), "se": se}))`;
    const r = spawnSync(PY, ["-c", py, csv], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sm = JSON.parse(r.stdout) as { mean: number; se: number };
    const fit = logisticRegression(rows.map((x) => FEATURE_NAMES.map((f) => x.features[f])), rows.map((x) => x.completed as number), [...FEATURE_NAMES]);
    const ours = meanPredictedCompletion(fit, rows.map((x) => x.features))!;
    expect(ours.mean).toBeCloseTo(sm.mean, 8);
    expect(ours.ci![0]).toBeCloseTo(sm.mean - 1.959963984540054 * sm.se, 6);
    expect(ours.ci![1]).toBeCloseTo(sm.mean + 1.959963984540054 * sm.se, 6);
    expect(meanPredictedCompletion(fit, [])).toBeNull();
    expect(meanPredictedCompletion({ ...fit, covariance: undefined }, rows.map((x) => x.features))!.ci).toBeNull();
  });
});
