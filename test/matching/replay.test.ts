import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { careerStage } from "../../src/domain/vocabulary";
import type { RoundData } from "../../src/matching/round-data";
import { replayLoadedRound } from "../../src/matching/replay";
import { FEATURE_NAMES } from "../../src/matching/features";
import { parseWeights } from "../../src/matching/weights";

const COUNTRIES = ["AU", "US", "GB", "IN", "NG", "JP"];
const person = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  sector: fc.constantFrom("academic", "public", "school"),
  years: fc.constantFrom(1, 4, 8, 15.5, 25),
  interests: fc.subarray(["a", "b", "c", "d"]),
  languages: fc.subarray(["english", "french"]),
  prefSector: fc.constantFrom("same" as const, "any" as const),
  prefCareer: fc.constantFrom("different" as const, "similar" as const, "any" as const),
  prefCountries: fc.subarray(COUNTRIES, { maxLength: 2 }),
  returning: fc.boolean(),
});
const weights = fc.record({
  base: fc.integer({ min: -3, max: 6 }),
  weights: fc.record(Object.fromEntries(FEATURE_NAMES.map((f) => [f, fc.double({ min: -3, max: 3, noNaN: true })])) as Record<(typeof FEATURE_NAMES)[number], fc.Arbitrary<number>>),
});

describe("replay", () => {
  it("replayed.total >= historical.total for any pool, weights and historical matching", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 2, maxLength: 30 }), weights, fc.array(fc.nat(), { maxLength: 40 }), (ps, w, order) => {
        const people = ps.map((p, i) => ({ ...p, stage: careerStage(p.years), id: `p${i}` }));
        // a historical matching: pair people greedily in a random order (any pairs, even rule-breaking ones)
        const ids = people.map((p) => p.id);
        for (let k = 0; k < order.length; k++) {
          const a = k % ids.length;
          const b = order[k] % ids.length;
          [ids[a], ids[b]] = [ids[b], ids[a]];
        }
        const pairs: [string, string][] = [];
        for (let k = 0; k + 1 < ids.length; k += 2) pairs.push([ids[k], ids[k + 1]]);
        const rp: RoundData = {
          pool: { round: "X", people, earlierPartners: [[people[0].id, people[1].id]] },
          name: "X", start: "2020-01-01", synthetic: false, partnerships: pairs.length, notes: [],
          historical: { pairs, partnershipIds: pairs.map((_, k) => `X-${k}`), statuses: pairs.map(() => "completed") },
        };
        // Maximum weight alone: never below the historical total.
        const mw = replayLoadedRound(rp, parseWeights(w), null, "registered", { maxCardinality: false });
        expect(mw.replayed.total).toBeGreaterThanOrEqual(mw.historical.total);
        // The default, maximum cardinality first: never fewer pairs than the historical matching's
        // rule-abiding pairs, and never a lower total than it when it had as many.
        const rep = replayLoadedRound(rp, parseWeights(w), null, "registered");
        const valid = rep.historical.pairs - rep.historical.violations.total;
        expect(rep.replayed.pairs).toBeGreaterThanOrEqual(valid);
        expect(rep.replayed.pairs).toBeGreaterThanOrEqual(mw.replayed.pairs);
        if (rep.replayed.pairs === valid) expect(rep.replayed.total).toBeGreaterThanOrEqual(rep.historical.total);
        expect(rep.max_cardinality).toBe(true);
        expect(rep.replayed.violations.total).toBe(0);
        expect(rep.overlap.same_pairs + rep.pairs_changed).toBe(rep.replayed.pairs);
      }),
      { numRuns: 200 },
    );
  });
});
