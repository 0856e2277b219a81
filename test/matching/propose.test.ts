import { describe, expect, it } from "vitest";
import { careerStage } from "../../src/domain/vocabulary";
import { LockError, proposeMatching } from "../../src/matching/propose";
import type { Pool } from "../../src/matching/score";
import { defaultWeights } from "../../src/matching/weights";

const base = { sector: "academic", years: 4, stage: careerStage(4), interests: [], languages: ["english"], prefSector: "any" as const, prefCareer: "any" as const, prefCountries: [] as string[], returning: false };
const pool: Pool = {
  round: "X",
  people: [
    { ...base, id: "a", country: "AU" },
    { ...base, id: "b", country: "AU" },
    { ...base, id: "c", country: "US" },
    { ...base, id: "d", country: "GB" },
    { ...base, id: "e", country: "AU" },
  ],
  earlierPartners: [["a", "c"]],
};

describe("proposeMatching", () => {
  it("odd pools and isolated people are reported unmatched; hard rules hold", () => {
    const p = proposeMatching(pool, defaultWeights());
    // three Australians can only pair with c or d, and a may not meet c again: 2 pairs, 1 unmatched
    expect(p.pairs.length).toBe(2);
    expect(p.unmatched.length).toBe(1);
    expect(p.quality.violations.total).toBe(0);
    expect(p.pairIds.some(([x, y]) => [x, y].sort().join() === "a,c")).toBe(false);
    expect(p.quality.principles.another_country).toBe(1);
  });

  it("honours locks and forbids, and rejects locks that break a hard rule", () => {
    const p = proposeMatching(pool, defaultWeights(), { locks: [["e", "d"]], forbids: [["b", "c"]] });
    expect(p.pairIds[0]).toEqual(["d", "e"].sort((x, y) => pool.people.findIndex((q) => q.id === x) - pool.people.findIndex((q) => q.id === y)));
    expect(p.locked).toBe(1);
    expect(p.pairIds.length).toBe(1); // c may meet neither a (earlier) nor b (forbidden); a, b are both AU
    expect(p.unmatched.sort()).toEqual(["a", "b", "c"]);
    expect(() => proposeMatching(pool, defaultWeights(), { locks: [["a", "b"]] })).toThrow(LockError);
    expect(() => proposeMatching(pool, defaultWeights(), { locks: [["a", "zz"]] })).toThrow(/not registered/);
  });
});
