import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { UnknownRoundError } from "../../src/domain/errors";
import { compareRounds, itemSummaries, likertDistributions, npsByRound, participateAgainByRound, satisfactionBySegment } from "../../src/metrics/satisfaction";
import { Z_TEST } from "../../src/metrics/stats";
import { addAnswer, addRound, historyDb, prop, rounded, W } from "./fixture";
import { freshDb } from "../helpers/rounds";

// Expected values are worked out by hand from the fixture's survey table (test/metrics/fixture.ts);
// Wilson intervals come from the W table (Python, by formula).
let db: Db;
beforeAll(async () => {
  db = await historyDb();
});
afterAll(() => db.close());

const summary = (n: number, mean: number | null, top: number) => ({
  n, mean, top2: n ? top / n : null, top2_ci: n ? [...W[`${top}/${n}` as keyof typeof W]] : null,
});

describe("likertDistributions", () => {
  it("counts each answer 1-5 of every item, zeros included, blanks excluded", async () => {
    const rows = await likertDistributions(db);
    // Only A1 has a survey: 6 items x 5 answers.
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.round === "A1")).toBe(true);
    // program_satisfaction answers 5, 4, 2, (blank), 3.
    expect(rows.filter((r) => r.item === "program_satisfaction").map((r) => [r.answer, r.count])).toEqual([[1, 0], [2, 1], [3, 1], [4, 1], [5, 1]]);
    // partner_satisfaction answers 4, (blank), 2, 3, 5.
    expect(rows.filter((r) => r.item === "partner_satisfaction").map((r) => r.count)).toEqual([0, 1, 1, 1, 1]);
    expect(rows.filter((r) => r.item === "outcome_ideas").map((r) => r.count)).toEqual([0, 0, 0, 0, 0]);
    expect(await likertDistributions(db, { round: "Z0" })).toEqual([]);
  });

  it("rejects an unknown round", async () => {
    await expect(likertDistributions(db, { round: "nope" })).rejects.toThrow(UnknownRoundError);
  });
});

describe("itemSummaries, NPS, participate again", () => {
  it("gives n, mean, top-2 share and Wilson interval; nulls for rounds without answers", async () => {
    const rows = await itemSummaries(db);
    const get = (round: string, item: string) => {
      const { round: _r, item: _i, ...s } = rows.find((r) => r.round === round && r.item === item)!;
      return s;
    };
    // Rounds in start order, not id order.
    expect([...new Set(rows.map((r) => r.round))]).toEqual(["Z0", "A1", "B2"]);
    // program: 5, 4, 2, 3 -> mean 14/4 = 3.5, top2 2/4.
    expect(rounded(get("A1", "program_satisfaction"))).toEqual(rounded(summary(4, 3.5, 2)));
    // partner: 4, 2, 3, 5 -> mean 3.5, top2 2/4.
    expect(rounded(get("A1", "partner_satisfaction"))).toEqual(rounded(summary(4, 3.5, 2)));
    expect(get("Z0", "program_satisfaction")).toEqual({ n: 0, mean: null, top2: null, top2_ci: null });
    expect(get("A1", "outcome_motivation")).toEqual({ n: 0, mean: null, top2: null, top2_ci: null });
  });

  it("NPS only where recommend was answered", async () => {
    // recommend 10, 8, 5, 9 (one blank): promoters 2/4, detractors 1/4, score 100 * (2 - 1) / 4 = 25.
    // Intervals: delta method for the score (test/metrics/expected/stats_expected.py, nps_2_1_4), Wilson for the shares.
    const [a1] = await npsByRound(db);
    expect(rounded(a1)).toEqual(rounded({ round: "A1", n: 4, promoters: 0.5, detractors: 0.25, score: 25, ci: [-56.25581424161613, 100], promoters_ci: prop(2, 4).ci, detractors_ci: prop(1, 4).ci }));
  });

  it("participate again: Yes among non-blank answers", async () => {
    const rows = await participateAgainByRound(db);
    // Yes, Yes, No, Maybe, Yes -> 3/5.
    expect(rounded(rows.find((r) => r.round === "A1"))).toEqual(rounded({ round: "A1", n: 5, count: 3, share: 0.6, ci: [...W["3/5"]] }));
    expect(rows.find((r) => r.round === "B2")).toEqual({ round: "B2", n: 0, count: 0, share: null, ci: null });
  });
});

describe("satisfactionBySegment", () => {
  const seg = async (segment: Parameters<typeof satisfactionBySegment>[1]["segment"], item: "program_satisfaction" | "partner_satisfaction" = "program_satisfaction") =>
    rounded((await satisfactionBySegment(db, { segment, item, round: "A1" })).map(({ round: _r, ...s }) => s));
  const row = (segment: string, n: number, mean: number | null, top: number) => ({ segment, ...summary(n, mean, top) });

  it("by country, with an empty group (FR: its only respondent left the item blank) as nulls", async () => {
    expect(await seg("country")).toEqual(rounded([row("AU", 1, 5, 1), row("FR", 0, null, 0), row("JP", 1, 4, 1), row("NZ", 1, 2, 0), row("US", 1, 3, 0)]));
  });

  it("by world region (AU and NZ pooled into Oceania)", async () => {
    expect(await seg("region")).toEqual(rounded([row("Americas", 1, 3, 0), row("Asia", 1, 4, 1), row("Europe", 0, null, 0), row("Oceania", 2, 3.5, 1)]));
  });

  it("by career stage (years 1 and 4 early, 8 and 15.5 mid, 25 senior)", async () => {
    expect(await seg("career_stage")).toEqual(rounded([row("early", 2, 3, 1), row("mid", 1, 3, 0), row("senior", 1, 5, 1)]));
  });

  it("first-time vs returning (p5 registered in Z0 but was not matched: first-time)", async () => {
    // returning: p1 5, p2 3; first_time: p6 4, p5 2, p7 blank.
    expect(await seg("returning")).toEqual(rounded([row("first_time", 2, 3, 1), row("returning", 2, 4, 1)]));
  });

  it("by contact frequency, blank frequency as unknown", async () => {
    expect(await seg("contact_frequency")).toEqual(rounded([row("Less than monthly", 1, 2, 0), row("Monthly", 1, 3, 0), row("Weekly", 2, 4.5, 2), row("unknown", 0, null, 0)]));
  });

  it("by sector, partner satisfaction", async () => {
    // academic: p1 4, p5 2; public: p6 blank, p2 5; school: p7 3.
    expect(await seg("sector", "partner_satisfaction")).toEqual(rounded([row("academic", 2, 3, 1), row("public", 1, 5, 1), row("school", 1, 3, 0)]));
  });

  it("rejects unknown items and segments", async () => {
    await expect(satisfactionBySegment(db, { segment: "country", item: "comments" as never })).rejects.toThrow(RangeError);
    await expect(satisfactionBySegment(db, { segment: "shoe_size" as never, item: "program_satisfaction" })).rejects.toThrow(RangeError);
  });
});

describe("compareRounds", () => {
  it("tests the change of the top-2 share between two rounds", async () => {
    const d = await freshDb();
    try {
      await addRound(d, "X", "2015-01-01", "2015-04-30");
      await addRound(d, "Y", "2015-07-01", "2015-10-31");
      // X: 40 of 50 answer 4 or 5 (two blanks more); Y: 30 of 50.
      for (let i = 0; i < 52; i++) await addAnswer(d, "X", `x${i}`, i < 50 ? { prog: i < 40 ? 4 + (i % 2) : 1 + (i % 3) } : {});
      for (let i = 0; i < 50; i++) await addAnswer(d, "Y", `y${i}`, { prog: i < 30 ? 5 : 3 });
      const r = await compareRounds(d, "X", "Y", "program_satisfaction");
      // Python/scipy: pooled z = -2.182178902359924, p = 2 * norm.sf(2.1822) = 0.029096331741252188;
      // Newcombe hybrid score interval (-0.3635923520553358, -0.02013390086920816).
      expect(r.a).toEqual({ round: "X", n: 50, top2: 0.8 });
      expect(r.b).toEqual({ round: "Y", n: 50, top2: 0.6 });
      expect(r.test).toBe(Z_TEST);
      expect(r.diff).toBeCloseTo(-0.2, 12);
      expect(r.p_value).toBeCloseTo(0.029096331741252188, 6);
      expect(r.ci![0]).toBeCloseTo(-0.3635923520553358, 10);
      expect(r.ci![1]).toBeCloseTo(-0.02013390086920816, 10);
      await expect(compareRounds(d, "X", "nope", "program_satisfaction")).rejects.toThrow(UnknownRoundError);
    } finally {
      d.close();
    }
  });

  it("gives nulls when a round has no answers", async () => {
    const r = await compareRounds(db, "Z0", "A1", "program_satisfaction");
    expect(r.a).toEqual({ round: "Z0", n: 0, top2: null });
    expect(r.b.n).toBe(4);
    expect([r.diff, r.ci, r.p_value]).toEqual([null, null, null]);
  });
});
