import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { COUNTRY_CAP, countryCoverage, coverageByRound, newCountries, pairMix, regionCoverage, toDate } from "../../src/metrics/coverage";
import { addRegistration, addRound, historyDb, prop, rounded } from "./fixture";
import { freshDb } from "../helpers/rounds";

// Expected values are worked out by hand from the three-round fixture (test/metrics/fixture.ts);
// Wilson intervals come from its W table (Python, by formula).
let db: Db;
beforeAll(async () => {
  db = await historyDb();
});
afterAll(() => db.close());

describe("countries and regions", () => {
  it("counts matched participants per country, with the UN M49 region", async () => {
    // Z0 matched: p1 AU, p2 US, p3 US, p4 GB (p5 NZ registered but unmatched: not counted).
    expect(await countryCoverage(db, { round: "Z0" })).toEqual([
      { round: "Z0", country: "US", region: "Americas", participants: 2 },
      { round: "Z0", country: "AU", region: "Oceania", participants: 1 },
      { round: "Z0", country: "GB", region: "Europe", participants: 1 },
    ]);
    // A1: AU p1, NZ p5 -> Oceania 2; US p2, CA p8 -> Americas 2; JP Asia 1; FR Europe 1.
    expect(await regionCoverage(db, { round: "A1" })).toEqual([
      { round: "A1", region: "Americas", participants: 2 },
      { round: "A1", region: "Oceania", participants: 2 },
      { round: "A1", region: "Asia", participants: 1 },
      { round: "A1", region: "Europe", participants: 1 },
    ]);
  });

  it("lists new countries: matched this round and in no earlier round (by start date)", async () => {
    // NZ first registered in Z0 but first matched in A1, so it is new in A1.
    expect(await newCountries(db)).toEqual([
      { round: "Z0", country: "AU" }, { round: "Z0", country: "GB" }, { round: "Z0", country: "US" },
      { round: "A1", country: "CA" }, { round: "A1", country: "FR" }, { round: "A1", country: "JP" }, { round: "A1", country: "NZ" },
      { round: "B2", country: "BR" },
    ]);
  });

  it("counts unique participants and countries to date", async () => {
    // Z0: p1-p4, AU GB US; A1 adds p5-p8 and CA FR JP NZ; B2 adds p9 p10 and BR.
    expect(await toDate(db)).toEqual([
      { round: "Z0", participants: 4, countries: 3 },
      { round: "A1", participants: 8, countries: 7 },
      { round: "B2", participants: 10, countries: 8 },
    ]);
    expect(await toDate(db, { round: "A1" })).toEqual([{ round: "A1", participants: 8, countries: 7 }]);
  });
});

describe("coverageByRound", () => {
  it("gives countries, new countries, the sector mix and the largest country against the 20% cap", async () => {
    expect(await coverageByRound(db)).toEqual([
      // Z0 applicants p1-p5: US has p2 and p3, 2/5 = 0.4 > 0.2. Matched sectors: academic p1 p3 p4, public p2.
      // Applicants: AU US US GB NZ (4 countries); academic p1 p3 p4 p5, public p2.
      { round: "Z0", countries: 3, new_countries: 3, sectors: { academic: 3, public: 1 }, applicant_countries: 4, applicant_sectors: { academic: 4, public: 1 }, largest_country: { country: "US", applicants: 2, registered: 5, share: 0.4, cap: COUNTRY_CAP, over_cap: true } },
      // A1: six applicants from six countries: a tie at 1/6, broken by code (AU). Sectors: public p2 p6 p8, academic p1 p5, school p7.
      // Applicants are the matched six.
      { round: "A1", countries: 6, new_countries: 4, sectors: { public: 3, academic: 2, school: 1 }, applicant_countries: 6, applicant_sectors: { public: 3, academic: 2, school: 1 }, largest_country: { country: "AU", applicants: 1, registered: 6, share: 1 / 6, cap: COUNTRY_CAP, over_cap: false } },
      // B2: BR has p9 and p10 of four: 0.5. Applicants are the matched four: AU JP BR BR.
      { round: "B2", countries: 3, new_countries: 1, sectors: { academic: 2, public: 1, special: 1 }, applicant_countries: 3, applicant_sectors: { academic: 2, public: 1, special: 1 }, largest_country: { country: "BR", applicants: 2, registered: 4, share: 0.5, cap: COUNTRY_CAP, over_cap: true } },
    ]);
  });

  it("a country at exactly 20% is at the cap, not over it", async () => {
    const d = await freshDb();
    try {
      await addRound(d, "C", "2016-01-01", "2016-04-30");
      // Ten applicants: AU twice (2/10 = 0.2 exactly), eight other countries once each.
      const countries = ["AU", "AU", "BR", "CA", "DE", "FR", "GB", "JP", "NZ", "US"];
      for (const [i, c] of countries.entries()) await addRegistration(d, "C", [`q${i}`, c, "public", 4, "any", "any"]);
      const [c] = await coverageByRound(d);
      expect(c.largest_country).toEqual({ country: "AU", applicants: 2, registered: 10, share: 0.2, cap: 0.2, over_cap: false });
      // Registrations only: the matched figures are unknown (null, not 0); the applicants' are known.
      expect([c.countries, c.new_countries, c.sectors]).toEqual([null, null, null]);
      expect([c.applicant_countries, c.applicant_sectors]).toEqual([9, { public: 10 }]);
    } finally {
      d.close();
    }
  });
});

describe("pairMix", () => {
  it("compares cross-sector and cross-career pairs with what participants asked for", async () => {
    const rows = rounded(await pairMix(db));
    // Z0-1: p1 academic senior (same, different) with p2 public mid (any, any): cross-sector, cross-career.
    // Z0-2: p3 academic early (same, similar) with p4 academic early (any, different): neither.
    // Sides: any sector p2 p4 (2/4); different career p1 p4 (2/4); same sector wanted by p1 (not met), p3 (met): 1/2;
    // career wanted by p1 different (met), p3 similar (met), p4 different (not met): 2/3.
    expect(rows[0]).toEqual(rounded({
      round: "Z0", partnerships: 2, cross_sector: prop(1, 2), cross_career: prop(1, 2), asked_any_sector: prop(2, 4),
      asked_different_career: prop(2, 4), sector_pref_met: prop(1, 2), career_pref_met: prop(2, 3),
    }));
    // A1-1 p1 academic senior / p6 public early; A1-2 p5 academic early / p7 school mid; A1-3 p2 public mid / p8 public early.
    // Cross-sector 2/3, cross-career 3/3; any sector: all but p1 (5/6); different career: p1 (1/6);
    // p1 wants the same sector, gets public (0/1); p1 wants a different stage, gets one (1/1).
    expect(rows[1]).toEqual(rounded({
      round: "A1", partnerships: 3, cross_sector: prop(2, 3), cross_career: prop(3, 3), asked_any_sector: prop(5, 6),
      asked_different_career: prop(1, 6), sector_pref_met: prop(0, 1), career_pref_met: prop(1, 1),
    }));
  });
});
