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
