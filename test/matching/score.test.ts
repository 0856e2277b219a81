import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { careerStage } from "../../src/domain/vocabulary";
import { pairFeatures } from "../../src/matching/features";
import { FORBIDDEN, SCORE_UNITS, scorePool, toUnits, type Pool, type PoolPerson } from "../../src/matching/score";
import { defaultWeights, pairScore } from "../../src/matching/weights";

const COUNTRIES = ["AU", "US", "GB", "IN", "NG", "JP", "BR", "NZ"];
const person = fc
  .record({
    country: fc.constantFrom(...COUNTRIES),
    sector: fc.constantFrom("academic", "public", "school"),
    years: fc.constantFrom(1, 4, 8, 15.5, 25),
    interests: fc.subarray(["a", "b", "c", "d", "e"]),
    languages: fc.subarray(["english", "french", "japanese"]),
    prefSector: fc.constantFrom("same" as const, "any" as const),
    prefCareer: fc.constantFrom("different" as const, "similar" as const, "any" as const),
    prefCountries: fc.subarray(COUNTRIES, { maxLength: 3 }),
    returning: fc.boolean(),
  })
  .map((p) => ({ ...p, stage: careerStage(p.years) }));

describe("scorePool", () => {
  it("scores every allowed pair exactly as pairScore(pairFeatures) does, in thousandths", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 2, maxLength: 12 }), (ps) => {
        const people: PoolPerson[] = ps.map((p, i) => ({ ...p, id: `p${i}` }));
        const w = { ...defaultWeights(), weights: { ...defaultWeights().weights, career_gap: -0.037, both_new: 0.5, same_sector: 0.25 } };
        const m = scorePool({ round: "X", people, earlierPartners: [] }, w);
        for (let i = 0; i < people.length; i++)
          for (let j = i + 1; j < people.length; j++) {
            const expected = people[i].country === people[j].country ? FORBIDDEN : toUnits(pairScore(w, pairFeatures(people[i], people[j])));
            expect(m.units[i * people.length + j]).toBe(expected);
          }
      }),
    );
  });

  it("scores utility weights and pools with over 32 interests or languages exactly as pairScore(pairFeatures) does", () => {
    // 40 interest labels and 35 languages: the bit sets take two words a person.
    const many = (prefix: string, k: number) => Array.from({ length: k }, (_, i) => `${prefix}${i}`);
    const wide = fc
      .record({
        country: fc.constantFrom(...COUNTRIES),
        sector: fc.constantFrom("academic", "public"),
        years: fc.constantFrom(1, 8, 25),
        interests: fc.subarray(many("i", 40), { minLength: 8, maxLength: 20 }),
        languages: fc.subarray(many("l", 35), { minLength: 1, maxLength: 12 }),
        prefSector: fc.constantFrom("same" as const, "any" as const),
        prefCareer: fc.constantFrom("different" as const, "similar" as const, "any" as const),
        prefCountries: fc.subarray(COUNTRIES, { maxLength: 2 }),
        returning: fc.boolean(),
      })
      .map((p) => ({ ...p, stage: careerStage(p.years) }));
    const coefficients = (k: number) => ({ same_sector: 0.3 * k, career_gap: -0.011, sector_pref_met: 0.2, career_pref_met: -0.07, country_pref_met: 0.13, shared_interests: 0.9, shared_language: 0.41, timezone_gap: -0.033 * k, both_new: 0.17 });
    const w = {
      ...defaultWeights(),
      base: 0,
      weights: Object.fromEntries(Object.keys(defaultWeights().weights).map((f) => [f, 0])) as ReturnType<typeof defaultWeights>["weights"],
      utility: { scale: 100, terms: [{ outcome: "completed", weight: 1, intercept: 0.37, coefficients: coefficients(1) }, { outcome: "partner_satisfaction_4_or_5", weight: 0.5, intercept: -0.21, coefficients: coefficients(2) }] },
    };
    fc.assert(
      fc.property(fc.array(fc.oneof(wide, wide, person), { minLength: 4, maxLength: 14 }), (ps) => {
        const people: PoolPerson[] = ps.map((p, i) => ({ ...p, id: `p${i}` }));
        const [first, second] = w.utility.terms;
        const one = { ...w, utility: { ...w.utility, terms: [second] } };
        const three = { ...w, utility: { ...w.utility, terms: [first, second, { ...first, weight: 0.25, intercept: 1.1, coefficients: coefficients(3) }] } };
        for (const weights of [w, { ...w, weights: { ...defaultWeights().weights }, base: 1.5 }, one, three]) {
          const m = scorePool({ round: "X", people, earlierPartners: [] }, weights);
          for (let i = 0; i < people.length; i++)
            for (let j = i + 1; j < people.length; j++) {
              const expected = people[i].country === people[j].country ? FORBIDDEN : toUnits(pairScore(weights, pairFeatures(people[i], people[j])));
              expect(m.units[i * people.length + j]).toBe(expected);
            }
        }
      }),
    );
  });

  it("forbids same-country pairs, earlier partners and coordinator forbids", () => {
    const base = { sector: "academic", years: 4, stage: careerStage(4), interests: [], languages: ["english"], prefSector: "any" as const, prefCareer: "any" as const, prefCountries: [], returning: false };
    const pool: Pool = {
      round: "X",
      people: [
        { ...base, id: "a", country: "AU" },
        { ...base, id: "b", country: "AU" },
        { ...base, id: "c", country: "US" },
        { ...base, id: "d", country: "GB" },
      ],
      earlierPartners: [["c", "a"]],
    };
    const m = scorePool(pool, defaultWeights(), [["d", "b"]]);
    const at = (i: number, j: number) => m.units[i * 4 + j];
    expect(at(0, 1)).toBe(FORBIDDEN); // same country
    expect(at(0, 2)).toBe(FORBIDDEN); // earlier partners
    expect(at(1, 3)).toBe(FORBIDDEN); // forbidden by a coordinator
    // a-d allowed: base 4 + sector pref 3 + career pref 2 + country pref 1 + language 2 + 0 interests - 0.1 * gap(AU +10, GB 0 = 10 h) = 11
    expect(at(0, 3)).toBe(11 * SCORE_UNITS);
  });
});
