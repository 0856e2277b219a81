import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { UnknownRoundError } from "../../src/domain/errors";
import { cohortRetention, responseRateByCountry, retentionByRound } from "../../src/metrics/retention";
import { addPartnership, addRegistration, addRound, historyDb, prop, rounded } from "./fixture";
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
        // Z0: p1-p5 registered, p5 unmatched; Z0-1 completed continued=yes, Z0-2 dissolved; no survey.
        round: "Z0", registered: 5, participants: 4, partnerships: 2, rematches: 0,
        returning_share: prop(0, 4), completion_rate: prop(1, 2), dissolution_rate: prop(1, 2),
        continued_share: prop(1, 1), response_rate: prop(0, 4),
      },
      {
        // A1: p1 and p2 were matched in Z0 (p5 only registered there): returning 2/6. All three completed;
        // continued: A1-1 (p1 answered Yes), A1-3 (marked yes), not A1-2 (no, No/Undecided): 2/3.
        // Respondents p1 p6 p5 p7 p2 of six (p8 silent): 5/6.
        round: "A1", registered: 6, participants: 6, partnerships: 3, rematches: 0,
        returning_share: prop(2, 6), completion_rate: prop(3, 3), dissolution_rate: prop(0, 3),
        continued_share: prop(2, 3), response_rate: prop(5, 6),
      },
      {
        // B2: p1 and p6 returning of p1 p6 p9 p10; both partnerships active: nothing completed yet.
        round: "B2", registered: 4, participants: 4, partnerships: 2, rematches: 0,
        returning_share: prop(2, 4), completion_rate: prop(0, 2), dissolution_rate: prop(0, 2),
        continued_share: prop(0, 0), response_rate: prop(0, 4),
      },
    ]));
  });

  it("restricts to one round but still sees earlier rounds", async () => {
    const [b2] = await retentionByRound(db, { round: "B2" });
    expect(b2.returning_share.count).toBe(2);
    await expect(retentionByRound(db, { round: "C9" })).rejects.toThrow(UnknownRoundError);
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

  it("counts a later round without partnerships as retaining nobody", async () => {
    const d = await freshDb();
    try {
      await addRound(d, "R1", "2014-01-01", "2014-04-30");
      await addRound(d, "R2", "2014-07-01", "2014-10-31");
      for (const pid of ["a", "b"]) await addRegistration(d, "R1", [pid, pid === "a" ? "AU" : "FR", "public", 4, "any", "any"]);
      await addRegistration(d, "R2", ["a", "AU", "public", 4, "any", "any"]);
      await addPartnership(d, "R1", "R1-1", "a", "b", "completed");
      // By hand: cohort R1 = {a, b}; R2 has registrations only, so nobody is matched in it.
      expect(rounded(await cohortRetention(d))).toEqual(rounded([{ cohort: "R1", round: "R2", cohort_size: 2, retained: 0, share: 0, ci: prop(0, 2).ci }]));
      const r2 = (await retentionByRound(d, { round: "R2" }))[0];
      expect([r2.registered, r2.participants, r2.returning_share.share, r2.completion_rate.share]).toEqual([1, 0, null, null]);
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
    // Z0 has no survey: US holds p2 and p3, nobody answered.
    const z0 = (await responseRateByCountry(db, { round: "Z0" })).find((x) => x.country === "US")!;
    expect(rounded(z0)).toEqual(rounded({ round: "Z0", country: "US", participants: 2, respondents: 0, region: "Americas", share: 0, ci: prop(0, 2).ci }));
  });
});
