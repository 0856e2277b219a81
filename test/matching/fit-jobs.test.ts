/**
 * Left-out fits as worker jobs (src/matching/fit-jobs.ts): the packed rows come back as they
 * were, and a fit run as a job (here, and on the replay worker threads) is `fitLeavingOut`'s own
 * result for the same rows, fold scores shared or not.
 */
import { describe, expect, it } from "vitest";
import { simulateHistory } from "../../src/demo/history";
import { defaultPlans } from "../../src/demo/rounds";
import { FEATURE_NAMES, type PairFeatures } from "../../src/matching/features";
import { fitLeavingOut, type OutcomeRow } from "../../src/matching/fit";
import { fitJob, packOutcomes, unpackOutcomes } from "../../src/matching/fit-jobs";
import { fitRank, pickPoolJob, ReplayPool, type PoolJob } from "../../src/matching/replay-jobs";

const features = (v: number): PairFeatures => Object.fromEntries(FEATURE_NAMES.map((f, j) => [f, v + j])) as unknown as PairFeatures;

describe("packOutcomes / unpackOutcomes", () => {
  it("give back the rows: rounds, every feature to the bit (−0, NaN, infinity), open outcomes, answers and their respondents", () => {
    const odd = { ...features(0.1), career_gap: -0, timezone_gap: NaN, shared_interests: Infinity };
    const rows: OutcomeRow[] = [
      { round: "A", features: features(1), completed: 1, partnerSatisfaction: [4, 5], respondents: ["p1", "p2"] },
      { round: "B", features: odd, completed: null, partnerSatisfaction: [] },
      { round: "A", features: features(2.5), completed: 0, partnerSatisfaction: [3], respondents: [] },
      { round: "C", features: features(-3), completed: 1, partnerSatisfaction: [2, 1], respondents: ["p9", "p1"] },
    ];
    const packed = packOutcomes(rows, "k");
    const back = unpackOutcomes(packed);
    expect(back).toEqual([rows[0], rows[1], { ...rows[2], respondents: [undefined] }, rows[3]]);
    expect(Object.is(back[1].features.career_gap, -0)).toBe(true);
    expect(packed.rounds).toEqual(["A", "B", "C"]);
  });
});

// The demo's partnerships with the generator's features, and satisfaction answers made from them
// (some rows without a respondent list), so both models of a left-out fit run.
const history = simulateHistory(defaultPlans(), 2013);
const rows: OutcomeRow[] = history.flatMap((d) =>
  d.partnerships.map((p, i) => {
    const level = 1 + ((i * 7 + Math.round(4 * p.features.shared_interests) + p.features.same_sector) % 5);
    return {
      round: d.plan.id,
      features: p.features,
      completed: p.status === "completed" ? 1 : 0,
      partnerSatisfaction: i % 3 === 0 ? [] : [level],
      ...(i % 4 === 0 ? {} : { respondents: [`r${i % 97}`] }),
    };
  }),
);
const rounds = [...new Set(rows.map((r) => r.round))];

describe("fitJob", () => {
  it("is fitLeavingOut of the packed rows, for every round, the fold scores kept between jobs of the same rows", () => {
    const packed = packOutcomes(rows, "demo");
    const got = rounds.map((round) => fitJob({ leaveOut: round, rows: packed }));
    expect(got.every((f) => f !== null && f.weights.utility!.terms.length === 2)).toBe(true);
    expect(got).toEqual(rounds.map((round) => fitLeavingOut(rows, round)));
    // another set of rows under another key is fitted afresh
    const fewer = rows.filter((r) => r.round !== rounds[0]);
    expect(fitJob({ leaveOut: rounds[1], rows: packOutcomes(fewer, "fewer") })).toEqual(fitLeavingOut(fewer, rounds[1]));
  }, 120_000);

  it("gives the same fits on the replay worker threads, handed out together (taken from both ends of time)", async () => {
    const packed = packOutcomes(rows, "demo");
    const pool = new ReplayPool(true);
    try {
      // in an order that is not time order: results come back per job, whichever worker ran it
      const picked = [rounds[3], rounds[rounds.length - 1], rounds[2], rounds[rounds.length - 2]];
      const got = await Promise.all(pool.fits(picked.map((round) => ({ leaveOut: round, rows: packed }))));
      expect(got).toEqual(picked.map((round) => fitLeavingOut(rows, round)));
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("gives the same fits on the replay worker threads, added one by one", async () => {
    const packed = packOutcomes(rows, "demo");
    const pool = new ReplayPool(true);
    try {
      const picked = rounds.slice(-3);
      const got = await Promise.all(picked.map((round) => pool.fit({ leaveOut: round, rows: packed })));
      expect(got).toEqual(picked.map((round) => fitLeavingOut(rows, round)));
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe("pickPoolJob", () => {
  // rows of rounds named in the time order A, B, C, D (the order the rows first name them)
  const packed = packOutcomes(["A", "B", "C", "D"].map((round) => ({ round, features: features(1), completed: 1, partnerSatisfaction: [] })), "abcd");
  const fit = (leaveOut: string): PoolJob => ({ leaveOut, rows: packed });
  const replay = (round: string) => ({ weightings: [], data: { pool: { round } } }) as unknown as PoolJob;

  it("ranks a fit by its round's place in the rows' time order, a round the rows lack after all", () => {
    expect(["A", "B", "D", "Z"].map((r) => fitRank({ leaveOut: r, rows: packed }))).toEqual([0, 1, 3, 4]);
  });

  it("gives worker 0 the earliest round's fit, the others the latest, fits before replays, replays in the order added", () => {
    const waiting = [replay("R1"), fit("C"), fit("A"), replay("R2"), fit("D"), fit("B")];
    expect(pickPoolJob(waiting, 0)).toBe(2);
    expect(pickPoolJob(waiting, 1)).toBe(4);
    expect(pickPoolJob([fit("Z"), fit("D")], 1)).toBe(0); // a round the rows lack: latest of all
    expect(pickPoolJob([fit("C"), fit("C")], 0)).toBe(0); // ties: the first added
    expect(pickPoolJob([fit("C"), fit("C")], 1)).toBe(0);
    expect(pickPoolJob([replay("R1"), replay("R2")], 0)).toBe(0);
    expect(pickPoolJob([replay("R1"), replay("R2")], 1)).toBe(0);
    expect(pickPoolJob([], 1)).toBe(0);
  });
});
