/**
 * The response model and weights (src/metrics/nonresponse.ts): the logistic model agrees with
 * statsmodels Logit on the same dummies (run in the test; skipped, saying so, without Debian's
 * python3-statsmodels), levels nobody or everybody answered in are merged, weights are trimmed.
 * The weighting is checked against the demo's planted truth in test/metrics/document.test.ts.
 * `nonResponse` reads the frame and the answers through one compact query (coded lists joined in
 * DuckDB); it is checked here against the readable path: `responseFrame`, `responseWeights` and a
 * plain scan of `survey_responses`, with the weighted shares summed in the test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "../../src/db";
import { nonResponse, responseFrame, responseWeights, TRIM_FACTOR, type FrameRow } from "../../src/metrics/nonresponse";
import { LIKERT_ITEMS } from "../../src/metrics/satisfaction";
import { tempDir } from "../helpers/rounds";
import { addAnswer, historyDb } from "./fixture";

const PY = "/usr/bin/python3";
const hasStatsmodels = existsSync(PY) && spawnSync(PY, ["-c", "import statsmodels"]).status === 0;
if (!hasStatsmodels) console.warn("nonresponse.test.ts: /usr/bin/python3 with statsmodels not found; the cross-check is skipped");

/** 900 participants in three rounds; response depends on status and region (deterministic draws). */
function frame(): FrameRow[] {
  let s = 11;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: FrameRow[] = [];
  const regions = ["Americas", "Asia", "Europe", "Oceania"];
  for (let i = 0; i < 900; i++) {
    const status = r() < 0.15 ? "failed" : "completed";
    const region = regions[Math.floor(r() * 4)];
    const returning = r() < 0.2;
    const p = 0.6 * (status === "failed" ? 0.55 : 1) * (region === "Asia" ? 0.6 : 1) * (returning ? 1.1 : 1);
    out.push({ round: ["R1", "R2", "R3"][i % 3], pid: `p${i}`, status, region, returning, responded: r() < p });
  }
  return out;
}

describe("responseWeights", () => {
  it("merges a level in which nobody answered into its reference, saying so", () => {
    const f = frame();
    for (const x of f) if (x.region === "Oceania") x.responded = false;
    const w = responseWeights(f);
    expect(w.notes.some((n) => /region Oceania: nobody of \d+ answered/.test(n))).toBe(true);
    expect(w.model!.coefficients.map((c) => c.name)).not.toContain("region=Oceania");
  });

  it("trims weights at TRIM_FACTOR times the round's median", () => {
    const w = responseWeights(frame());
    const byRound = new Map<string, number[]>();
    for (const [k, v] of w.weights) byRound.set(k.split("\u0000")[0], [...(byRound.get(k.split("\u0000")[0]) ?? []), v]);
    for (const ws of byRound.values()) {
      const sorted = [...ws].sort((a, b) => a - b);
      const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      expect(Math.max(...ws)).toBeLessThanOrEqual(TRIM_FACTOR * mid + 1e-12);
      expect(Math.min(...ws)).toBeGreaterThanOrEqual(1);
    }
  });

  it.skipIf(!hasStatsmodels)("fits the same logistic response model as statsmodels Logit", () => {
    const f = frame();
    const w = responseWeights(f);
    const names = w.model!.coefficients.slice(1).map((c) => c.name);
    const rows = f.map((x) => [x.responded ? 1 : 0, ...names.map((n) => {
      const [v, level] = n.split("=");
      const value = v === "round" ? x.round : v === "status" ? x.status : v === "region" ? x.region : x.returning ? "yes" : "no";
      return value === level ? 1 : 0;
    })]);
    const csv = path.join(tempDir(), "f.csv");
    writeFileSync(csv, rows.map((r) => r.join(",")).join("\n"));
    const py = `
import sys, json, numpy as np, statsmodels.api as sm
d = np.loadtxt(sys.argv[1], delimiter=",")
m = sm.Logit(d[:, 0], sm.add_constant(d[:, 1:])).fit(disp=0, tol=1e-12)
print(json.dumps({"params": list(m.params), "bse": list(m.bse)}))`;
    const r = spawnSync(PY, ["-c", py, csv], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sm = JSON.parse(r.stdout) as { params: number[]; bse: number[] };
    w.model!.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(sm.params[j], 6);
      expect(c.se).toBeCloseTo(sm.bse[j], 6);
    });
    // a respondent's weight is 1 / the model's response probability (none trimmed here)
    const eta = (x: FrameRow) => sm.params[0] + names.reduce((acc, n, j) => acc + sm.params[j + 1] * rows[f.indexOf(x)][j + 1], 0);
    const x = f.find((y) => y.responded)!;
    expect(w.weights.get(`${x.round}\u0000${x.pid}`)).toBeCloseTo(1 + Math.exp(-eta(x)), 6);
  });
});

describe("nonResponse", () => {
  it("weighs each linked answer by responseWeights on responseFrame, in survey order; anonymous rows noted by round", async () => {
    const db = await historyDb();
    try {
      // Z0: linked answers, a duplicate, an answer by p5 (registered, not matched in Z0), two anonymous rows;
      // B2: anonymous rows only, inserted before Z0's (the notes follow the survey's order, not the rounds').
      await db.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, program_satisfaction, methods, participate_again, source_row)
        VALUES ('B2', NULL, '2015-03-01 00:00:00', 4, [], 'Yes', 1), ('B2', NULL, '2015-03-01 00:00:00', 1, [], NULL, 2)`);
      await addAnswer(db, "Z0", "p3", { prog: 2, part: 1, again: "No", outcomes: [2, null, 4, 5] });
      await addAnswer(db, "Z0", "p1", { prog: 5, part: 4, again: "Yes", outcomes: [5, 4, 4, null] });
      await addAnswer(db, "Z0", "p3", { prog: 4, again: "Maybe" });
      await addAnswer(db, "Z0", "p5", { prog: 5, part: 5, again: "Yes" });
      await addAnswer(db, "Z0", "p2", { part: 4, outcomes: [null, 3, null, 4] });
      await db.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, program_satisfaction, methods, participate_again, source_row)
        VALUES ('Z0', NULL, '2014-05-01 00:00:00', 5, [], 'Yes', 9), ('Z0', NULL, '2014-05-01 00:00:00', NULL, [], 'No', 10)`);
      const got = await nonResponse(db);
      const frame = await responseFrame(db);
      const rw = responseWeights(frame);
      const answers = await db.all<Record<string, number | string | null> & { round: string; pid: string | null }>(sql`SELECT round_id AS round, pid, program_satisfaction, partner_satisfaction, outcome_perspective, outcome_ideas,
        outcome_confidence, outcome_motivation, participate_again FROM survey_responses`);
      expect(got.notes).toEqual([
        ...rw.notes,
        "round B2: 2 response(s) of an anonymous survey link to nobody, so they cannot be weighted; the round's weighted figures use its linked respondents only",
        "round Z0: 2 response(s) of an anonymous survey link to nobody, so they cannot be weighted; the round's weighted figures use its linked respondents only",
      ]);
      expect(got.trimmed).toEqual(Object.fromEntries(rw.trimmed));
      const share = (round: string, column: string, hit: (v: number | string) => boolean) => {
        const xs = answers.filter((a) => a.round === round && a.pid !== null && a[column] !== null && rw.weights.has(`${round}\u0000${a.pid}`));
        const w = xs.map((a) => rw.weights.get(`${round}\u0000${a.pid}`)!);
        const sw = w.reduce((s, v) => s + v, 0);
        const sw2 = w.reduce((s, v) => s + v * v, 0);
        return xs.length ? { share: xs.reduce((s, a, i) => s + (hit(a[column]!) ? w[i] : 0), 0) / sw, n: xs.length, n_eff: (sw * sw) / sw2 } : { share: null, n: 0, n_eff: 0 };
      };
      expect(got.weighted.map((r) => r.round)).toEqual(["Z0", "A1", "B2"]);
      for (const r of got.weighted) {
        for (const item of LIKERT_ITEMS) expect({ round: r.round, item, ...r.items[item], ci: undefined }).toEqual({ round: r.round, item, ...share(r.round, item, (v) => (v as number) >= 4), ci: undefined });
        expect({ ...r.participate_again, ci: undefined }).toEqual({ ...share(r.round, "participate_again", (v) => v === "Yes"), ci: undefined });
      }
      // Z0's linked answers: p3 twice, p1, p2 (p5 was not matched in Z0); program satisfaction from three of them.
      expect(got.weighted[0].items.program_satisfaction.n).toBe(3);
      expect(got.weighted[0].participate_again.n).toBe(3);
    } finally {
      db.close();
    }
  });
});
