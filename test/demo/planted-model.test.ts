/**
 * The planted model is recoverable: a logistic regression of completion on the pair features of the
 * default demo's ~3,500 partnerships (fitted here by iteratively reweighted least squares, written out
 * below, independent of the generator) finds the planted coefficients within 3 standard errors, and
 * the features planted at 0 have no significant effect. Partner satisfaction rises with the planted
 * linear predictor.
 */
import { describe, expect, it } from "vitest";
import { simulateHistory } from "../../src/demo/history";
import { PLANTED_COMPLETION, PLANTED_SATISFACTION, linearPredictor, satisfactionFromLatent, sigmoid } from "../../src/demo/planted-model";
import { defaultPlans } from "../../src/demo/rounds";
import { FEATURE_NAMES, type PairFeatures } from "../../src/matching/features";

/** Solves A x = b by Gaussian elimination with partial pivoting; returns x and inv(A). */
function solve(A: number[][], b: number[]): { x: number[]; inv: number[][] } {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i], ...A.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k < M[r].length; k++) M[r][k] -= f * M[c][k];
    }
  }
  return { x: M.map((row, i) => row[n] / row[i]), inv: M.map((row, i) => row.slice(n + 1).map((v) => v / row[i])) };
}

function logisticFit(X: number[][], y: number[]): { beta: number[]; se: number[] } {
  const k = X[0].length;
  let beta = new Array(k).fill(0);
  let inv: number[][] = [];
  for (let it = 0; it < 25; it++) {
    const H = Array.from({ length: k }, () => new Array(k).fill(0));
    const g = new Array(k).fill(0);
    for (let i = 0; i < X.length; i++) {
      const eta = X[i].reduce((s, v, j) => s + v * beta[j], 0);
      const p = 1 / (1 + Math.exp(-eta));
      const w = p * (1 - p);
      for (let a = 0; a < k; a++) {
        g[a] += (y[i] - p) * X[i][a];
        for (let b = 0; b < k; b++) H[a][b] += w * X[i][a] * X[i][b];
      }
    }
    const step = solve(H, g);
    inv = step.inv;
    beta = beta.map((v, j) => v + step.x[j]);
    if (Math.max(...step.x.map(Math.abs)) < 1e-9) break;
  }
  return { beta, se: inv.map((row, i) => Math.sqrt(row[i])) };
}

const history = simulateHistory(defaultPlans(), 2013);
const partnerships = history.flatMap((d) => d.partnerships);
const row = (f: PairFeatures) => [1, ...FEATURE_NAMES.map((n) => f[n])];

describe("planted model", () => {
  it("has ~2,500+ partnerships to learn from", () => {
    expect(partnerships.length).toBeGreaterThan(2500);
  });

  it("completion: logistic regression recovers the planted coefficients", () => {
    const X = partnerships.map((p) => row(p.features));
    const y = partnerships.map((p) => (p.status === "completed" ? 1 : 0));
    const { beta, se } = logisticFit(X, y);
    const truth = [PLANTED_COMPLETION.intercept, ...FEATURE_NAMES.map((n) => PLANTED_COMPLETION.coefficients[n] ?? 0)];
    for (let j = 1; j < truth.length; j++) {
      const name = FEATURE_NAMES[j - 1];
      expect(Math.abs(beta[j] - truth[j]) / se[j], `${name}: estimate ${beta[j].toFixed(2)} ± ${se[j].toFixed(2)}, planted ${truth[j]}`).toBeLessThan(3);
    }
    // the strongest planted effects are detected (estimate more than 2 SE from 0, in the planted direction)
    for (const name of ["shared_interests", "timezone_gap", "sector_pref_met"] as const) {
      const j = FEATURE_NAMES.indexOf(name) + 1;
      expect(beta[j] / se[j] * Math.sign(truth[j]), name).toBeGreaterThan(2);
    }
  });

  it("partner satisfaction answers rise with the planted linear predictor", () => {
    const lo: number[] = [];
    const hi: number[] = [];
    for (const d of history) for (const a of d.survey) {
      if (a.partnerSat === null) continue;
      const p = d.partnerships.find((q) => (q.a === a.reg || q.b === a.reg) && (q.a === a.partner || q.b === a.partner))!;
      (linearPredictor(PLANTED_SATISFACTION, p.features) > 2.2 ? hi : lo).push(a.partnerSat);
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(lo.length).toBeGreaterThan(300);
    expect(hi.length).toBeGreaterThan(300);
    expect(mean(hi) - mean(lo)).toBeGreaterThan(0.25);
  });

  it("helpers: sigmoid and cut points", () => {
    expect(sigmoid(0)).toBe(0.5);
    // cuts -0.8, 0.3, 1.2, 2.8: a latent of 0 exceeds one cut -> 2; 3 exceeds all four -> 5; -1 none -> 1
    expect([-1, 0, 1, 2, 3].map(satisfactionFromLatent)).toEqual([1, 2, 3, 4, 5]);
  });
});
