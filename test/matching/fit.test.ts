/**
 * Weight fitting recovers the planted effects of the demo data (src/demo/planted-model.ts) and
 * agrees with Python's statsmodels on the same data.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { simulateHistory } from "../../src/demo/history";
import { PLANTED_COMPLETION, PLANTED_SATISFACTION } from "../../src/demo/planted-model";
import { defaultPlans } from "../../src/demo/rounds";
import { orderedLogit, probabilityAtLeast } from "../../src/metrics/ordinal";
import { FEATURE_NAMES, pairFeatures } from "../../src/matching/features";
import { auc, fitLeavingOut, fitOutcomes, logisticRegression, logLoss, PENALTY_GRID, predictCompletion, predictedGain, UTILITY_SCALE, weightsFromFit, type FoldScores, type OutcomeRow } from "../../src/matching/fit";
import { proposeMatching } from "../../src/matching/propose";
import { pairScore, parseWeights } from "../../src/matching/weights";
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

  it("validates in time order too: each held-out round trained on earlier rounds only, calibrated, beating the baseline", () => {
    const order = [...new Set(rows.map((r) => r.round))];
    expect(fit.timeOrdered.folds.map((f) => f.round)).toEqual(order.slice(2));
    for (const f of fit.timeOrdered.folds) expect(f.trained_on).toEqual(order.slice(0, order.indexOf(f.round)));
    expect(fit.timeOrdered.improvement!).toBeGreaterThan(0.02);
    const cal = fit.timeOrdered.calibration!;
    expect(Math.abs(cal.mean_predicted - cal.observed)).toBeLessThan(0.02);
    expect(cal.slope!).toBeGreaterThan(0.7);
    expect(cal.slope!).toBeLessThan(1.3);
    expect(PENALTY_GRID).toContain(fit.penalty.completion);
  });

  it("fits each validation fold on its distinct rows with their counts: held-out log-losses equal fits of the fold's rows as they are", () => {
    // The expected values: logisticRegression and orderedLogit (each checked against statsmodels)
    // on the training rounds' rows one by one, scored on the held-out round.
    const answered = rows.map((r, i) => ({ ...r, partnerSatisfaction: [1 + ((i * 7919) % 5), 1 + ((i * 104729) % 4)] }));
    const f = fitOutcomes(answered);
    const names = [...FEATURE_NAMES];
    const order = [...new Set(rows.map((r) => r.round))];
    for (const fold of f.timeOrdered.folds.slice(-2)) {
      const train = answered.filter((r) => order.indexOf(r.round) < order.indexOf(fold.round));
      const test = answered.filter((r) => r.round === fold.round);
      const x = (r: OutcomeRow) => names.map((n) => r.features[n]);
      const c = logisticRegression(train.map(x), train.map((r) => r.completed as number), names, { penalty: f.penalty.completion });
      expect(fold.logLoss).toBeCloseTo(logLoss(test.map((r) => r.completed as number), test.map((r) => predictCompletion(c, r.features))), 9);
      const answers = (rs: OutcomeRow[]) => rs.flatMap((r) => r.partnerSatisfaction.map((a) => ({ x: x(r), a, features: r.features as unknown as Record<string, number> })));
      const tr = answers(train);
      const o = orderedLogit(tr.map((t) => t.x), tr.map((t) => t.a), names, { penalty: f.penalty.satisfaction! });
      const te = answers(test);
      const want = -te.reduce((s, t) => {
        const j = o.levels.indexOf(t.a);
        const up = j < o.levels.length - 1 ? 1 - probabilityAtLeast(o, t.features, o.levels[j + 1]) : 1;
        const down = j > 0 ? 1 - probabilityAtLeast(o, t.features, t.a) : 0;
        return s + Math.log(up - down);
      }, 0) / te.length;
      expect(fold.satisfactionLogLoss!).toBeCloseTo(want, 9);
    }
  });

  it("says in plain words what matters and how much better than the baseline, without a caution on the planted data", () => {
    expect(fit.summary.caution).toBe(false);
    expect(fit.summary.lines.join(" ")).toMatch(/better; AUC/);
    // the strongest planted effects lead the list of what matters (shared interests: 1.6 log-odds per unit)
    expect(fit.effects.slice(0, 3).map((e) => e.feature)).toContain("shared_interests");
  });

  it("cautions when the model barely beats the baseline (outcomes unrelated to the features)", () => {
    let s = 5;
    const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const noise = rows.map((x) => ({ ...x, completed: (r() < 0.85 ? 1 : 0) as 0 | 1 }));
    const f = fitOutcomes(noise);
    expect(f.summary.caution).toBe(true);
    // It says by how much, on how many held-out partnerships: the figures of the validation itself.
    const v = f.timeOrdered;
    const imp = v.improvement!;
    const how = imp < 0 ? `does worse than the baseline (log-loss ${(-100 * imp).toFixed(2)}% higher)` : `barely beats the baseline (log-loss only ${(100 * imp).toFixed(2)}% lower, under 2.0%)`;
    expect(f.summary.lines.at(-1)).toContain(`CAUTION: on ${v.n} partnerships of ${v.folds.length} held-out round(s), the model ${how}`);
    expect(f.summary.lines.join(" ")).not.toMatch(/not validated|could not be checked/);
    // Partner satisfaction answered at random: the ordinal model trails its baseline, and says "worse", never "-x% better".
    const answered = noise.map((x) => ({ ...x, partnerSatisfaction: [1 + Math.floor(r() * 5)] }));
    const g = fitOutcomes(answered);
    const sat = g.summary.lines.find((l) => l.startsWith("Partner satisfaction (ordinal model)"))!;
    const satImp = 1 - g.timeOrdered.satisfactionLogLoss! / g.timeOrdered.satisfactionBaselineLogLoss!;
    expect(satImp).toBeLessThan(0);
    expect(sat).toMatch(new RegExp(`: ${(-100 * satImp).toFixed(1)}% worse\\.$`));
  });

  it("with no round to hold out, says the model was not validated and claims no comparison with the baseline", () => {
    const one = rows.filter((x) => x.round === rows[rows.length - 1].round);
    const f = fitOutcomes(one);
    expect(f.timeOrdered.folds).toEqual([]);
    expect(f.leaveOneOut.folds).toEqual([]);
    expect(f.summary.caution).toBe(true);
    const text = f.summary.lines.join("\n");
    expect(f.summary.lines[0]).toMatch(/^Completion: not validated: no round could be held out and predicted from the others \(1 round\(s\) with outcomes;/);
    expect(f.summary.lines.at(-1)).toBe(
      "CAUTION: the model could not be checked on held-out rounds, so nothing shows that the fitted weights predict outcomes better than the baseline; the default weights (the program's stated principles) are the safer choice until more rounds have outcomes.",
    );
    // No figure or wording of a comparison that was not made.
    expect(text).not.toMatch(/barely|beats|better;|worse;|held-out log-loss/);
  });

  it("drops a constant feature with a message instead of failing (nobody stated a country preference)", () => {
    const none = rows.map((x) => ({ ...x, features: { ...x.features, country_pref_met: 1 } }));
    const f = fitOutcomes(none, undefined, { validate: false });
    expect(f.dropped).toEqual([{ model: "completion", feature: "country_pref_met", reason: "constant in the data (every value 1)" }]);
    expect(f.summary.lines.join(" ")).toMatch(/Left out: country_pref_met/);
    // No validation ran: it says so, not that there were too few rounds, and claims no comparison.
    expect(f.summary.lines[0]).toBe("Completion: not validated (this fit ran no validation), so the model was not compared with the baseline.");
    expect(f.summary.lines.join(" ")).not.toMatch(/barely|beats|better;|no round could be held out/);
    expect(parseWeights(weightsFromFit(f)).utility!.terms[0].coefficients.country_pref_met).toBe(0);
  });

  it("writes expected-utility weights: the score is 100 x P(completed), nothing zeroed, every linear weight 0", () => {
    const w = parseWeights(weightsFromFit(fit));
    expect(w.base).toBe(0);
    expect(Object.values(w.weights).every((v) => v === 0)).toBe(true);
    expect(w.utility!.scale).toBe(UTILITY_SCALE);
    // no satisfaction answers in these rows: completion only
    expect(w.utility!.terms.map((t) => t.outcome)).toEqual(["completed"]);
    const x = rows[0].features;
    expect(pairScore(w, x)).toBeCloseTo(100 * predictCompletion(fit.completion, x), 3);
    // shrinkage, not zeroing: a feature whose interval covers 0 keeps its (small) estimate
    const c = fit.completion.coefficients.find((k) => k.name === "same_sector")!;
    expect(w.utility!.terms[0].coefficients.same_sector).toBeCloseTo(c.estimate, 5);
  });

  it("the matching under fitted weights maximises the expected number of completed partnerships (brute force on 8 people)", () => {
    const w = parseWeights(weightsFromFit(fit));
    const people = history[7].registrations.slice(0, 8).map((r, i) => ({ ...r.profile, id: `p${i}` }));
    const pool = { round: "X", people, earlierPartners: [] as [string, string][] };
    const p = proposeMatching(pool, w);
    const prob = (i: number, j: number) => (people[i].country === people[j].country ? null : predictCompletion(fit.completion, pairFeatures(people[i], people[j])));
    // every perfect or maximum matching of 8 people, by recursion
    let best = -Infinity;
    let bestPairs = 0;
    const go = (left: number[], acc: number, pairs: number) => {
      if (left.length < 2) {
        if (pairs > bestPairs || (pairs === bestPairs && acc > best)) { best = acc; bestPairs = pairs; }
        return;
      }
      const [a, ...rest] = left;
      go(rest, acc, pairs); // a unmatched
      rest.forEach((b, k) => {
        const q = prob(a, b);
        if (q !== null) go(rest.filter((_, m) => m !== k), acc + q, pairs + 1);
      });
    };
    go(people.map((_, i) => i), 0, 0);
    const expected = p.pairs.reduce((acc, [i, j]) => acc + prob(i, j)!, 0);
    expect(p.pairs.length).toBe(bestPairs);
    expect(expected).toBeCloseTo(best, 4);
  });
});

// Each respondent's answer about their last partnership of the round, with the partnership's features.
const satRows: OutcomeRow[] = history.flatMap((d) =>
  d.partnerships.map((p) => {
    const answers = d.survey.filter((a) => a.partnerSat !== null && (a.reg === p.a || a.reg === p.b) && (a.partner === p.a || a.partner === p.b));
    return { round: d.plan.id, features: p.features, completed: p.status === "completed" ? 1 : 0, partnerSatisfaction: answers.map((a) => a.partnerSat!), respondents: answers.map((a) => String(a.reg.person.id)) } as OutcomeRow;
  }),
);

describe("partner satisfaction: proportional-odds model on the demo's answers", () => {
  const f = fitOutcomes(satRows, undefined, { validate: false, penalty: 0 });

  it("recovers the planted ordered-logit coefficients (within 3 clustered standard errors)", () => {
    expect(f.satisfaction).not.toBeNull();
    expect(f.satisfaction!.covariance).toMatch(/cluster-robust/);
    for (const c of f.satisfaction!.coefficients) {
      const planted = PLANTED_SATISFACTION.coefficients[c.name] ?? 0;
      expect(Math.abs(c.estimate - planted) / c.se, `${c.name}: ${c.estimate.toFixed(2)} ± ${c.se.toFixed(2)} vs ${planted}`).toBeLessThan(3);
    }
  });

  it("adds lambda x P(satisfaction >= 4) to the utility", () => {
    const w = parseWeights(weightsFromFit(f, { satisfactionWeight: 0.5 }));
    expect(w.utility!.terms.map((t) => [t.outcome, t.weight])).toEqual([["completed", 1], ["partner_satisfaction_4_or_5", 0.5]]);
    const x = satRows[0].features;
    const want = 100 * (predictCompletion(f.completion, x) + 0.5 * probabilityAtLeast(f.satisfaction!, x as unknown as Record<string, number>, 4));
    expect(pairScore(w, x)).toBeCloseTo(want, 3);
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

  it("the satisfaction model clustered by respondent (fitted on distinct feature rows) agrees with statsmodels OrderedModel cov_type='cluster'", () => {
    // statsmodels OrderedModel(distr="logit").fit(cov_type="cluster", groups=respondent) on the
    // demo's 3,664 answers one row each (about 2,300 distinct feature rows: fitOutcomes merges
    // the rest, and sums each answer's score into its respondent's from its merged row).
    const f = fitOutcomes(satRows, undefined, { validate: false, penalty: 0 }).satisfaction!;
    const used = f.coefficients.map((c) => c.name);
    const answers = satRows.flatMap((r) => r.partnerSatisfaction.map((a, i) => [a, Number(r.respondents![i]), ...used.map((n) => r.features[n])]));
    expect(answers.length).toBe(f.n);
    const csv = path.join(tempDir(), "s.csv");
    writeFileSync(csv, answers.map((r) => r.join(",")).join("\n"));
    const py = `
import sys, json, numpy as np, warnings
warnings.simplefilter("ignore")
from statsmodels.miscmodels.ordinal_model import OrderedModel
d = np.loadtxt(sys.argv[1], delimiter=",")
m = OrderedModel(d[:, 0], d[:, 2:], distr="logit")
r = m.fit(method="bfgs", disp=0, maxiter=20000, gtol=1e-9, cov_type="cluster", cov_kwds={"groups": d[:, 1].astype(int)})
k = d.shape[1] - 2
print(json.dumps({"beta": list(r.params[:k]), "se": list(r.bse[:k]), "theta": list(m.transform_threshold_params(r.params)[1:-1]), "llf": r.llf}))`;
    const r = spawnSync(PY, ["-c", py, csv], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sm = JSON.parse(r.stdout) as { beta: number[]; se: number[]; theta: number[]; llf: number };
    f.coefficients.forEach((c, j) => {
      expect(c.estimate, c.name).toBeCloseTo(sm.beta[j], 4);
      expect(c.se, c.name).toBeCloseTo(sm.se[j], 4);
    });
    f.thresholds.forEach((t, j) => expect(t.estimate).toBeCloseTo(sm.theta[j], 4));
    expect(f.logLik).toBeCloseTo(sm.llf, 4);
  });

  it("predictedGain: the delta-method interval equals numpy's from the same coefficients, covariance and pairs", () => {
    const a = rows.slice(0, 40).map((r) => r.features);
    const b = rows.slice(40, 80).map((r) => r.features);
    const g = predictedGain(fit.completion, a, b);
    const names = fit.completion.coefficients.map((c) => c.name);
    const dir = tempDir();
    const file = path.join(dir, "g.json");
    const design = (fs: typeof a) => fs.map((x) => names.map((n) => (n === "intercept" ? 1 : x[n as (typeof FEATURE_NAMES)[number]])));
    writeFileSync(file, JSON.stringify({ beta: fit.completion.coefficients.map((c) => c.estimate), cov: fit.completion.cov, A: design(a), B: design(b) }));
    const py = `
import sys, json, numpy as np
d = json.load(open(sys.argv[1]))
b, V, A, B = np.array(d["beta"]), np.array(d["cov"]), np.array(d["A"]), np.array(d["B"])
pa, pb = 1 / (1 + np.exp(-A @ b)), 1 / (1 + np.exp(-B @ b))
grad = (pb * (1 - pb)) @ B - (pa * (1 - pa)) @ A
gain, se = pb.sum() - pa.sum(), np.sqrt(grad @ V @ grad)
print(json.dumps({"gain": gain, "lo": gain - 1.959963984540054 * se, "hi": gain + 1.959963984540054 * se}))`;
    const r = spawnSync(PY, ["-c", py, file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const want = JSON.parse(r.stdout) as { gain: number; lo: number; hi: number };
    expect(g.gain).toBeCloseTo(want.gain, 9);
    expect(g.ci[0]).toBeCloseTo(want.lo, 9);
    expect(g.ci[1]).toBeCloseTo(want.hi, 9);
  });
});

describe("fitLeavingOut", () => {
  it("gives the same models and weights with the fold scores shared across rounds as without, fitting each fold of the one main chain once", () => {
    const rounds = [...new Set(rows.map((r) => r.round))];
    const folds: FoldScores = new Map();
    const shared = rounds.map((r) => fitLeavingOut(rows, r, { folds }));
    const sizeAfterAll = folds.size;
    expect(shared).toEqual(rounds.map((r) => fitLeavingOut(rows, r)));
    // every fold is of the main chain (trained on the rounds before its held-out round, which
    // precedes the round left out), so the last round's penalty search holds them all: the
    // completion model at each penalty of the grid, the satisfaction model (no answers in these
    // rows: nothing to search) at the first
    expect(rounds.length).toBeGreaterThan(3);
    expect(sizeAfterAll).toBe((rounds.length - 3) * (PENALTY_GRID.length + 1));
    expect(shared.every((x) => x !== null)).toBe(true);
  });

  it("chooses each model's penalty as fitOutcomes does on the rounds before the round left out, and fits it on every other round", () => {
    // Partner-satisfaction answers unrelated to the features (a fixed scramble of 1-5), so the
    // satisfaction model's validation wants a different penalty than the completion model's.
    const answered = rows.map((r, i) => ({ ...r, partnerSatisfaction: [1 + ((i * 7919) % 5), 1 + ((i * 104729) % 5)] }));
    const rounds = [...new Set(answered.map((r) => r.round))];
    const penaltyOf = (left: NonNullable<ReturnType<typeof fitLeavingOut>>) => (left.weights.fitted as { penalty: { completion: number; satisfaction: number | null } }).penalty;
    // the last round: the rounds before it are all the others, so it is fitOutcomes on them, to the bit
    const last = rounds[rounds.length - 1];
    const others = answered.filter((r) => r.round !== last);
    const full = fitOutcomes(others);
    expect(full.penalty.satisfaction).not.toBe(full.penalty.completion);
    const left = fitLeavingOut(answered, last)!;
    expect(penaltyOf(left).completion).toBe(full.penalty.completion);
    expect(penaltyOf(left).satisfaction).toBe(full.penalty.satisfaction);
    expect(left.model.fit.coefficients).toEqual(full.completion.coefficients);
    expect(left.weights.utility).toEqual(weightsFromFit(full).utility);
    // a round with three rounds before it: the penalties fitOutcomes chooses on those three, the
    // models fitted on every other round (later ones too) with them
    const middle = rounds[3];
    const before = answered.filter((r) => rounds.indexOf(r.round) < 3);
    const chosen = fitOutcomes(before).penalty;
    const mid = fitLeavingOut(answered, middle)!;
    expect(penaltyOf(mid).completion).toBe(chosen.completion);
    expect(penaltyOf(mid).satisfaction).toBe(chosen.satisfaction);
    expect(mid.model.rounds).toEqual(rounds.filter((r) => r !== middle));
    const refit = fitOutcomes(
      answered.filter((r) => r.round !== middle),
      undefined,
      { validate: false, penalty: chosen.completion, satisfactionPenalty: chosen.satisfaction ?? undefined },
    );
    // the same optimum, reached from another start: equal to the last digits the Newton steps leave
    mid.model.fit.coefficients.forEach((c, j) => expect(c.estimate).toBeCloseTo(refit.completion.coefficients[j].estimate, 8));
    // the first round: no round before it validates, so the grid's smallest penalty above 0
    const first = fitLeavingOut(answered, rounds[0])!;
    const smallest = PENALTY_GRID.find((g) => g > 0);
    expect(penaltyOf(first)).toMatchObject({ completion: smallest, satisfaction: smallest });
    expect(first.model.rounds).toEqual(rounds.slice(1));
  });
});
