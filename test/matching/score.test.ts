import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { careerStage } from "../../src/domain/vocabulary";
import { pairFeatures } from "../../src/matching/features";
import { FORBIDDEN, MAX_COMBINATIONS, pairSlot, SCORE_UNITS, scorePool, scorePools, toUnits, type Pool, type PoolPerson } from "../../src/matching/score";
import { defaultWeights, pairScore, type Weights } from "../../src/matching/weights";
import { solve, SOLVE_SCAN_WIDTH } from "../../src/matching/propose";

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
/** Utility weights as `iln weights fit` writes them: every linear weight 0, two probability terms. */
const w = {
  ...defaultWeights(),
  base: 0,
  weights: Object.fromEntries(Object.keys(defaultWeights().weights).map((f) => [f, 0])) as ReturnType<typeof defaultWeights>["weights"],
  utility: { scale: 100, terms: [{ outcome: "completed", weight: 1, intercept: 0.37, coefficients: coefficients(1) }, { outcome: "partner_satisfaction_4_or_5", weight: 0.5, intercept: -0.21, coefficients: coefficients(2) }] },
};
const [first, second] = w.utility.terms;
/** Weightings of every shape: utility with one, two and three terms, utility beside linear weights, linear weights alone (default and changed). */
const weightings: Weights[] = [
  w,
  { ...w, weights: { ...defaultWeights().weights }, base: 1.5 },
  { ...w, utility: { ...w.utility, terms: [second] } },
  { ...w, utility: { ...w.utility, terms: [first, second, { ...first, weight: 0.25, intercept: 1.1, coefficients: coefficients(3) }] } },
  defaultWeights(),
  { ...defaultWeights(), weights: { ...defaultWeights().weights, career_gap: -0.037, both_new: 0.5, same_sector: 0.25 } },
];

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
            expect(m.triangle[pairSlot(people.length, i, j)]).toBe(expected);
          }
      }),
    );
  });

  it("scores utility weights and pools with over 32 interests or languages exactly as pairScore(pairFeatures) does", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(wide, wide, person), { minLength: 4, maxLength: 14 }), (ps) => {
        const people: PoolPerson[] = ps.map((p, i) => ({ ...p, id: `p${i}` }));
        for (const weights of weightings.slice(0, 4)) {
          const m = scorePool({ round: "X", people, earlierPartners: [] }, weights);
          for (let i = 0; i < people.length; i++)
            for (let j = i + 1; j < people.length; j++) {
              const expected = people[i].country === people[j].country ? FORBIDDEN : toUnits(pairScore(weights, pairFeatures(people[i], people[j])));
              expect(m.triangle[pairSlot(people.length, i, j)]).toBe(expected);
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
    const at = (i: number, j: number) => m.triangle[pairSlot(4, i, j)];
    expect(at(0, 1)).toBe(FORBIDDEN); // same country
    expect(at(0, 2)).toBe(FORBIDDEN); // earlier partners
    expect(at(1, 3)).toBe(FORBIDDEN); // forbidden by a coordinator
    // a-d allowed: base 4 + sector pref 3 + career pref 2 + country pref 1 + language 2 + 0 interests - 0.1 * gap(AU +10, GB 0 = 10 h) = 11
    expect(at(0, 3)).toBe(11 * SCORE_UNITS);
  });
});

describe("scorePools", () => {
  it("scores a pool under several weightings in one pass exactly as pairScore(pairFeatures) does, and as scorePool does under each", () => {
    const pool = fc.array(fc.oneof(wide, person), { minLength: 0, maxLength: 14 }).map((ps) => ps.map((p, i): PoolPerson => ({ ...p, id: `p${i}` })));
    // Any selection of the weightings, in any order, repeats allowed.
    const picks = fc.array(fc.nat(weightings.length - 1), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(pool, picks, fc.nat(), (people, picked, salt) => {
        const n = people.length;
        // Earlier partners and coordinator forbids, some pairs of them same-country ones.
        const pair = (k: number): [string, string] => [`p${(salt + 3 * k) % n}`, `p${(salt + 5 * k + 1) % n}`];
        const earlier = n >= 2 ? [pair(0), pair(1)] : [];
        const forbids = n >= 2 ? [pair(2)] : [];
        const p: Pool = { round: "X", people, earlierPartners: earlier };
        const ws = picked.map((k) => weightings[k]);
        const ms = scorePools(p, ws, forbids);
        expect(ms).toHaveLength(ws.length);
        ms.forEach((m, k) => {
          const one = scorePool(p, ws[k], forbids);
          expect(m.n).toBe(n);
          expect(m.triangle).toEqual(one.triangle);
          expect(m.index).toEqual(one.index);
          expect(m.excluded).toEqual(one.excluded);
          expect(m.triangle).toHaveLength((n * (n - 1)) / 2);
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++) {
              const expected = people[i].country === people[j].country || one.excluded.has(i * n + j) ? FORBIDDEN : toUnits(pairScore(ws[k], pairFeatures(people[i], people[j])));
              expect(m.triangle[pairSlot(n, i, j)]).toBe(expected);
            }
        });
      }),
      { numRuns: 60 },
    );
  });

  /** Checks every pair of `ms` (scorePools of `people` under `ws`) against pairScore(pairFeatures). */
  const expectPairScores = (people: PoolPerson[], ws: readonly Weights[], ms: ReturnType<typeof scorePools>) => {
    const n = people.length;
    ms.forEach((m, k) => {
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const expected = people[i].country === people[j].country ? FORBIDDEN : toUnits(pairScore(ws[k], pairFeatures(people[i], people[j])));
          if (m.triangle[pairSlot(n, i, j)] !== expected) expect([i, j, m.triangle[pairSlot(n, i, j)]]).toEqual([i, j, expected]);
        }
    });
  };

  it("reads repeated feature combinations from its table with the scores computed pair by pair, to the last bit", () => {
    // Pools of 150-250 people with few distinct years, sizes of interest sets and time zones: most
    // pairs share their features with an earlier pair, so most scores come from the table. Some
    // draw from 40 interests and 35 languages (bit sets of two words), a few of each.
    const few = wide.map((p) => ({ ...p, interests: p.interests.slice(0, 1 + (p.interests.length % 3)), languages: p.languages.slice(0, 2) }));
    const big = fc.array(fc.oneof(person, person, few), { minLength: 150, maxLength: 250 }).map((ps) => ps.map((p, i): PoolPerson => ({ ...p, id: `p${i}` })));
    fc.assert(
      fc.property(big, (people) => {
        const p: Pool = { round: "X", people, earlierPartners: [] };
        // the combinations that could occur fit the table (an upper bound: every distinct value of each feature)
        const distinct = (f: (a: PoolPerson, b: PoolPerson) => number) => new Set(people.flatMap((a) => people.map((b) => f(a, b)))).size;
        const bound = 2 * 27 * 2 * 2 * distinct((a, b) => pairFeatures(a, b).career_gap) * distinct((a, b) => pairFeatures(a, b).timezone_gap) * 40;
        expect(bound).toBeLessThanOrEqual(MAX_COMBINATIONS);
        const fromTable = scorePools(p, weightings);
        const direct = scorePools(p, weightings, [], { tables: false });
        fromTable.forEach((m, k) => expect(m.triangle).toEqual(direct[k].triangle));
        expectPairScores(people, weightings, fromTable);
      }),
      { numRuns: 8 },
    );
  });

  it("scores pools with more feature combinations than its table holds pair by pair, exactly", () => {
    // 300 people with years all different: about 45,000 distinct career gaps, so at least
    // 2 · 45,000 · 27 · 2 · 2 > MAX_COMBINATIONS combinations could occur.
    const people: PoolPerson[] = Array.from({ length: 300 }, (_, i) => ({
      id: `p${i}`, country: COUNTRIES[i % COUNTRIES.length], sector: i % 3 ? "academic" : "public", years: 0.1 + i * 0.173 + (i * i) / 997,
      stage: careerStage(0.1 + i * 0.173 + (i * i) / 997), interests: ["a", "b", "c"].slice(0, i % 4), languages: ["english"], prefSector: "any", prefCareer: i % 2 ? "similar" : "any", prefCountries: [], returning: i % 5 === 0,
    }));
    const gaps = new Set(people.flatMap((a) => people.map((b) => Math.abs(a.years - b.years))));
    expect(2 * gaps.size * 27 * 2 * 2).toBeGreaterThan(MAX_COMBINATIONS);
    const ws = [weightings[0], defaultWeights()];
    expectPairScores(people, ws, scorePools({ round: "X", people, earlierPartners: [] }, ws));
  });

  it("scans each row while scoring (scanWidth) so the solve is the one it would be without, earlier partners and forbids included", () => {
    const people = Array.from({ length: 160 }, (_, i): PoolPerson => ({ ...fc.sample(person, { numRuns: 1, seed: 40 + i })[0], id: `p${i}` }));
    const pair = (k: number): [string, string] => [`p${(7 * k) % 160}`, `p${(11 * k + 3) % 160}`];
    const p: Pool = { round: "X", people, earlierPartners: Array.from({ length: 30 }, (_, k) => pair(k)) };
    const forbids = Array.from({ length: 20 }, (_, k) => pair(k + 40));
    const plain = scorePools(p, [weightings[0], weightings[4]], forbids);
    const scanned = scorePools(p, [weightings[0], weightings[4]], forbids, { scanWidth: SOLVE_SCAN_WIDTH });
    scanned.forEach((m, k) => {
      expect(m.triangle).toEqual(plain[k].triangle);
      expect(plain[k].scan).toBeUndefined();
      const a = solve(plain[k]);
      const b = solve(m);
      expect(b).toEqual(a);
      expect(m.scan?.take(m.n, SOLVE_SCAN_WIDTH, FORBIDDEN)).toBeUndefined(); // taken by the solve
    });
  });

  it("gives nothing for no weightings, and throws what scorePool throws", () => {
    const base = { sector: "academic", years: 4, stage: careerStage(4), interests: [], languages: ["english"], prefSector: "any" as const, prefCareer: "any" as const, prefCountries: [], returning: false };
    const pool: Pool = { round: "X", people: [{ ...base, id: "a", country: "AU" }, { ...base, id: "b", country: "US" }], earlierPartners: [] };
    expect(scorePools(pool, [])).toEqual([]);
    const dup: Pool = { ...pool, people: [pool.people[0], { ...pool.people[1], id: "a" }] };
    expect(() => scorePools(dup, [defaultWeights(), w])).toThrow("person a occurs twice in the pool");
    const huge = { ...defaultWeights(), base: 1000, weights: { ...defaultWeights().weights, career_gap: 1000 } };
    const far: Pool = { ...pool, people: [{ ...pool.people[0], years: 0 }, { ...pool.people[1], years: 3e6 }] };
    expect(() => scorePools(far, [defaultWeights(), huge])).toThrow(/pair score .* is out of range/);
  });
});
