import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { UnknownRoundError } from "../../src/domain/errors";
import { sql } from "../../src/db";
import { cohortRetention, responseRateByCountry, retentionByRound } from "../../src/metrics/retention";
import { addAnswer, addPartnership, addRegistration, addRound, historyDb, prop, rounded } from "./fixture";
import { freshDb } from "../helpers/rounds";

// Expected values are worked out by hand from the three-round fixture (test/metrics/fixture.ts);
// Wilson intervals come from its W table (Python, by formula).
let db: Db;
beforeAll(async () => {
  db = await historyDb();
});
afterAll(() => db.close());

describe("retentionByRound", () => {
  it("computes registered, participants, returning, completion, dissolution, continuation, response", async () => {
    const rows = rounded(await retentionByRound(db));
    expect(rows).toEqual(rounded([
      {
        // Z0: p1-p5 registered, p5 unmatched; Z0-1 completed continued=yes, Z0-2 dissolved; no
        // survey ingested, so no response rate (null, not 0 of 4).
        round: "Z0", registered: 5, participants: 4, partnerships: 2, rematches: 0,
        returning_share: prop(0, 4), completion_rate: prop(1, 2), dissolution_rate: prop(1, 2),
        continued_share: prop(1, 1), response_rate: null, response_rate_impossible: null,
      },
      {
        // A1: p1 and p2 were matched in Z0 (p5 only registered there): returning 2/6. All three completed;
        // continued: A1-1 (p1 answered Yes), A1-3 (marked yes), not A1-2 (no, No/Undecided): 2/3.
        // Respondents p1 p6 p5 p7 p2 of six (p8 silent): 5/6.
        round: "A1", registered: 6, participants: 6, partnerships: 3, rematches: 0,
        returning_share: prop(2, 6), completion_rate: prop(3, 3), dissolution_rate: prop(0, 3),
        continued_share: prop(2, 3), response_rate: prop(5, 6), response_rate_impossible: null,
      },
      {
        // B2: p1 and p6 returning of p1 p6 p9 p10; both partnerships active: no outcome recorded
        // yet, so the outcome rates are null (not 0 of 2); no survey either.
        round: "B2", registered: 4, participants: 4, partnerships: 2, rematches: 0,
        returning_share: prop(2, 4), completion_rate: null, dissolution_rate: null,
        continued_share: null, response_rate: null, response_rate_impossible: null,
      },
    ]));
  });

  it("restricts to one round but still sees earlier rounds", async () => {
    const [b2] = await retentionByRound(db, { round: "B2" });
    expect(b2.returning_share!.count).toBe(2);
    await expect(retentionByRound(db, { round: "C9" })).rejects.toThrow(UnknownRoundError);
  });
});

describe("response rate with more respondents than participants", () => {
  it("gives no rate above 100% (nor clamps it to 100%): it says how many respondents and participants there are", async () => {
    const d = await freshDb();
    try {
      await addRound(d, "R1", "2014-01-01", "2014-04-30");
      for (const pid of ["a", "b"]) await addRegistration(d, "R1", [pid, pid === "a" ? "AU" : "FR", "public", 4, "any", "any"]);
      await addPartnership(d, "R1", "R1-1", "a", "b", "completed");
      // By hand: two matched participants; an anonymous survey with two responses is 2 of 2.
      await addAnswer(d, "R1", null, { prog: 5 });
      await addAnswer(d, "R1", null, { prog: 4 });
      let [r1] = await retentionByRound(d, { round: "R1" });
      expect([r1.response_rate, r1.response_rate_impossible]).toEqual([prop(2, 2), null]);
      // A third anonymous response: 3 respondents of 2 participants is no proportion.
      await addAnswer(d, "R1", null, { prog: 3 });
      [r1] = await retentionByRound(d, { round: "R1" });
      expect([r1.response_rate, r1.response_rate_impossible]).toEqual([null, { respondents: 3, participants: 2 }]);
    } finally {
      d.close();
    }
  });
});

describe("cohortRetention", () => {
  it("gives, per cohort, the share matched again in each later round", async () => {
    // Z0 cohort {p1 p2 p3 p4}: A1 has p1 p2 (2/4), B2 has p1 (1/4).
    // A1 cohort {p5 p6 p7 p8} (p5 first matched in A1): B2 has p6 (1/4). B2 cohort has no later round.
    expect(rounded(await cohortRetention(db))).toEqual(rounded([
      { cohort: "Z0", round: "A1", cohort_size: 4, retained: 2, share: 0.5, ci: prop(2, 4).ci },
      { cohort: "Z0", round: "B2", cohort_size: 4, retained: 1, share: 0.25, ci: prop(1, 4).ci },
      { cohort: "A1", round: "B2", cohort_size: 4, retained: 1, share: 0.25, ci: prop(1, 4).ci },
    ]));
  });

  it("leaves out a later round without partnerships (no data, not 0) and gives it nulls", async () => {
    const d = await freshDb();
    try {
      await addRound(d, "R1", "2014-01-01", "2014-04-30");
      await addRound(d, "R2", "2014-07-01", "2014-10-31");
      for (const pid of ["a", "b"]) await addRegistration(d, "R1", [pid, pid === "a" ? "AU" : "FR", "public", 4, "any", "any"]);
      await addRegistration(d, "R2", ["a", "AU", "public", 4, "any", "any"]);
      await addPartnership(d, "R1", "R1-1", "a", "b", "completed");
      // By hand: cohort R1 = {a, b}; R2 has registrations only: not matched yet, so it is no
      // later round of R1's cohort (a cell would say "retained 0", which nobody knows yet).
      expect(await cohortRetention(d)).toEqual([]);
      const r2 = (await retentionByRound(d, { round: "R2" }))[0];
      expect(r2).toEqual({
        round: "R2", registered: 1, participants: null, partnerships: null, rematches: null, returning_share: null,
        completion_rate: null, dissolution_rate: null, continued_share: null, response_rate: null, response_rate_impossible: null,
      });
      // R1 is matched with an outcome but has no survey: a response rate would be 0 of 2, so null.
      // Its completed partnership's `continued` is unknown and nobody answered: continuing is
      // unknown too (null, not 0 of 1), until it is marked (then "no" is a real 0).
      let r1 = (await retentionByRound(d, { round: "R1" }))[0];
      expect([r1.participants, r1.completion_rate?.share, r1.response_rate, r1.continued_share]).toEqual([2, 1, null, null]);
      await d.run(sql`UPDATE partnerships SET continued = 'no' WHERE partnership_id = 'R1-1'`);
      r1 = (await retentionByRound(d, { round: "R1" }))[0];
      expect(r1.continued_share).toMatchObject({ count: 0, n: 1, share: 0 });
      // A third round matched later is a later round again: R1's cell for it is back.
      await addRound(d, "R3", "2015-01-01", "2015-04-30");
      for (const [pid, c] of [["a", "AU"], ["c", "FR"]]) await addRegistration(d, "R3", [pid, c, "public", 4, "any", "any"]);
      await addPartnership(d, "R3", "R3-1", "a", "c", "active");
      expect(rounded(await cohortRetention(d))).toEqual(rounded([
        { cohort: "R1", round: "R3", cohort_size: 2, retained: 1, share: 0.5, ci: prop(1, 2).ci },
      ]));
      // R3's partnership is still active: no outcome recorded yet.
      const r3 = (await retentionByRound(d, { round: "R3" }))[0];
      expect([r3.participants, r3.partnerships, r3.completion_rate, r3.dissolution_rate, r3.continued_share]).toEqual([2, 1, null, null, null]);
    } finally {
      d.close();
    }
  });
});

describe("responseRateByCountry", () => {
  it("gives respondents of matched participants per country, with Wilson intervals", async () => {
    const rows = rounded(await responseRateByCountry(db, { round: "A1" }));
    const r = (country: string, region: string, k: number, n: number) => {
      const p = prop(k, n);
      return { round: "A1", country, participants: n, respondents: k, region, share: p.share, ci: p.ci };
    };
    // A1: p1 AU, p8 CA (silent), p7 FR, p6 JP, p5 NZ, p2 US answered.
    expect(rows).toEqual(rounded([r("AU", "Oceania", 1, 1), r("CA", "Americas", 0, 1), r("FR", "Europe", 1, 1), r("JP", "Asia", 1, 1), r("NZ", "Oceania", 1, 1), r("US", "Americas", 1, 1)]));
    // Z0 is matched but has no survey ingested: no rate at all (0 of 2 in the US would say
    // "nobody answered" of a survey nobody has seen).
    expect(await responseRateByCountry(db, { round: "Z0" })).toEqual([]);
    expect(new Set((await responseRateByCountry(db)).map((x) => x.round))).toEqual(new Set(["A1"]));
  });
});
