/**
 * The matching page's publishing rules (reports/data/lib/matching.ts). Expected values are worked
 * out by hand from the rules stated in the module and in src/privacy/suppress.ts (min cell 5).
 */
import { describe, expect, it } from "vitest";
import { livePolicy, livePoolRounds, livePoolsAllowed, publishedShare, publishGroups, publishPool, publishReplay } from "../../../../reports/data/lib/matching";
import type { GroupQuality, MatchingQuality } from "../../../../src/matching/quality";
import type { ReplayReport } from "../../../../src/matching/replay";
import type { RoundData } from "../../../../src/matching/round-data";

describe("livePoolsAllowed", () => {
  it("allows per-person pools only for all-synthetic databases or ILN_INTERNAL_BUILD=1", () => {
    expect(livePoolsAllowed([], {})).toBe(false);
    expect(livePoolsAllowed([{ synthetic: true }, { synthetic: true }], {})).toBe(true);
    expect(livePoolsAllowed([{ synthetic: true }, { synthetic: false }], {})).toBe(false);
    expect(livePoolsAllowed([{ synthetic: false }], { ILN_INTERNAL_BUILD: "1" })).toBe(true);
    expect(livePoolsAllowed([{ synthetic: false }], { ILN_INTERNAL_BUILD: "true" })).toBe(false);
  });
});

describe("livePolicy", () => {
  it("says why a build carries per-person pools or not", () => {
    expect(livePolicy([{ synthetic: false }], {})).toEqual({ live: false, reason: expect.stringMatching(/^real data: .*re-identify.*aggregates only$/) });
    expect(livePolicy([{ synthetic: true }], {})).toEqual({ live: true, reason: expect.stringMatching(/^every round is synthetic/) });
    expect(livePolicy([{ synthetic: false }], { ILN_INTERNAL_BUILD: "1" })).toEqual({ live: true, reason: expect.stringMatching(/do not publish this build$/) });
  });
});

describe("livePoolRounds", () => {
  it("picks the latest round and the ones closest to 800 and to 400 registrations", () => {
    const rounds = [
      { round: "A", registered: 300 },
      { round: "B", registered: 760 },
      { round: "C", registered: 900 },
      { round: "D", registered: 1500 },
    ];
    // |760 - 800| = 40 < |900 - 800| = 100; |300 - 400| = 100 < |760 - 400| = 360
    expect([...livePoolRounds(rounds)].sort()).toEqual(["A", "B", "D"]);
    expect([...livePoolRounds([{ round: "A", registered: 790 }])]).toEqual(["A"]);
    expect([...livePoolRounds([{ round: "A", registered: 0 }, { round: "B", registered: 0 }])]).toEqual(["B"]);
    expect(livePoolRounds([]).size).toBe(0);
  });
});

describe("publishedShare (min 5)", () => {
  it("publishes a share only when its base, count and complement are not small cells", () => {
    expect(publishedShare(0.5, 20, 5)).toBe(0.5); // 10 of 20, complement 10
    expect(publishedShare(1, 20, 5)).toBe(1); // 20 of 20, complement 0 (not a small cell)
    expect(publishedShare(0.9, 20, 5)).toBeNull(); // complement 2
    expect(publishedShare(0.1, 20, 5)).toBeNull(); // count 2
    expect(publishedShare(0.5, 4, 5)).toBeNull(); // base 4
    expect(publishedShare(null, 20, 5)).toBeNull();
  });
});

const group = (name: string, people: number, over: Partial<GroupQuality> = {}): GroupQuality => ({
  group: name,
  people,
  matched: people,
  unmatched: 0,
  mean_score: 12,
  min_score: 9,
  principles: { another_country: 1, similar_sector: 0.5, different_stage: 0.8 },
  preferences: { sector_pref: { share: 0.75, stated: 4 }, career_pref: { share: 0.5, stated: 10 }, country_pref: { share: null, stated: 0 } },
  predicted_completion: 0.9,
  ...over,
});

describe("publishGroups (min 5)", () => {
  it("hides small groups and the next smallest with them, and suppresses revealing shares", () => {
    // People 10, 3, 8: 3 is small; merged alone it stays below 5, so the next smallest (8) joins it:
    // both are hidden, only the group of 10 is shown.
    const out = publishGroups([group("A", 10), group("B", 3), group("C", 8)], 5);
    expect(out.map((g) => g.people)).toEqual([10, null, null]);
    const a = out[0];
    expect(a.matched).toBe(10);
    expect(a.mean_score).toBe(12);
    expect(a.principles).toEqual({ another_country: 1, similar_sector: 0.5, different_stage: null }); // 8 of 10: complement 2
    expect(a.preferences).toEqual({ sector_pref: null, career_pref: 0.5, country_pref: null }); // 4 stated < 5; 5 of 10
    expect(a.predicted_completion).toBe(0.9);
    expect(a).not.toHaveProperty("min_score");
    for (const g of out.slice(1)) {
      expect(g.mean_score).toBeNull();
      expect(g.matched).toBeNull();
      expect(Object.values(g.principles).every((v) => v === null)).toBe(true);
    }
  });

  it("suppresses a small unmatched count and means of fewer than 5 matched people", () => {
    const [g] = publishGroups([group("A", 7, { matched: 4, unmatched: 3 })], 5);
    expect(g.people).toBe(7);
    expect(g.matched).toBeNull();
    expect(g.unmatched).toBeNull();
    expect(g.mean_score).toBeNull();
  });
});

/** A matching of `people` in one region: `pairs` pairs, 10 points each, no principle or wish data. */
function quality(people: number, pairs: number): MatchingQuality {
  const matched = 2 * pairs;
  const g = group("Europe", people, { matched, unmatched: people - matched });
  return {
    people,
    pairs,
    matched,
    unmatched: people - matched,
    total: 10 * pairs,
    mean: 10,
    min: 10,
    principles: { another_country: 1, similar_sector: null, different_stage: null },
    preferences: { sector_pref: null, career_pref: null, country_pref: null },
    violations: { same_country: 0, earlier_partners: 0, total: 0 } as MatchingQuality["violations"],
    predicted_completion: null,
    breakdowns: { country: [], region: [g], sector: [], stage: [] },
  };
}

/** A replay of a like-for-like pool of `people`: the historical matching places everyone. */
function replay(people: number, replayedPairs: number, samePairs: number, extra = { people: 0, pairs: 0 }): ReplayReport {
  return {
    round: "R1",
    name: "Round 1",
    synthetic: true,
    pool: { include: "matched", people, earlier_partner_pairs: 0 },
    weights: { base: 0, weights: {} } as unknown as ReplayReport["weights"],
    historical: { ...quality(people, people / 2), observed: { completed: 0, ended: 0, completion_rate: null, label: "observed" } },
    replayed: quality(people, replayedPairs),
    overlap: { same_pairs: samePairs, share_of_replayed: samePairs / replayedPairs, share_of_historical: samePairs / (people / 2), observed_completion_rate_of_same_pairs: null },
    pairs_changed: replayedPairs - samePairs,
    extra_placements: { ...extra, score: 10 * extra.pairs, score_gain_without: 0 },
    max_cardinality: true,
    predicted_gain: null,
    prediction: null,
    solver: { iterations: 1, candidate_edges: 1 },
    notes: [],
  };
}

describe("publishReplay (min 5): no hidden count comes back by subtraction", () => {
  it("publishes pairs, kept and changed pairs when none of them is small", () => {
    const r = publishReplay(replay(40, 20, 8), "default", 5);
    expect(r.replayed).toMatchObject({ people: 40, pairs: 20, unmatched: 0, total: 200, mean: 10 });
    expect([r.same_pairs, r.pairs_changed, r.share_same]).toEqual([8, 12, 0.4]);
  });

  it("hides kept and changed pairs together: 15 published pairs minus 14 changed ones gave back 1 kept", () => {
    const r = publishReplay(replay(30, 15, 1), "default", 5);
    expect(r.replayed.pairs).toBe(15);
    expect([r.same_pairs, r.pairs_changed, r.share_same]).toEqual([null, null, null]);
    const c = publishReplay(replay(30, 15, 12), "default", 5); // 3 changed
    expect([c.same_pairs, c.pairs_changed, c.share_same]).toEqual([null, null, null]);
  });

  it("hides the replayed pairs and total when the pool minus twice the pairs would give back a small unmatched count", () => {
    // 40 people, 18 pairs: 4 unmatched, hidden; 40 - 2 x 18 (or 40 - 2 x total / mean) would say 4.
    const r = publishReplay(replay(40, 18, 10), "default", 5);
    expect(r.replayed).toMatchObject({ people: 40, unmatched: null, pairs: null, total: null, mean: 10 });
    // Nor may kept + changed add up to the hidden pairs.
    expect([r.same_pairs, r.pairs_changed]).toEqual([null, null]);
    // The historical matching placed everyone: its figures stand.
    expect(r.historical).toMatchObject({ people: 40, pairs: 20, unmatched: 0 });
  });

  it("shows extra placements' people and pairs together or not at all (people are twice the pairs)", () => {
    expect(publishReplay(replay(40, 20, 8, { people: 6, pairs: 3 }), "default", 5).extra_placements).toEqual({ people: null, pairs: null, score: null });
    expect(publishReplay(replay(40, 20, 8, { people: 10, pairs: 5 }), "default", 5).extra_placements).toEqual({ people: 10, pairs: 5, score: 50 });
    expect(publishReplay(replay(40, 20, 8), "default", 5).extra_placements).toEqual({ people: 0, pairs: 0, score: 0 });
  });
});

describe("publishPool", () => {
  it("replaces ids by array indices and keeps only the matcher's profile fields", () => {
    const person = (id: string, country: string) => ({
      id, country, sector: "academic", years: 5, stage: "mid" as const, interests: ["x"], languages: ["English"],
      prefSector: "any" as const, prefCareer: "any" as const, prefCountries: [], returning: false,
    });
    const rp: RoundData = {
      pool: { round: "R1", people: [person("pidAAAA", "AU"), person("pidBBBB", "US"), person("pidCCCC", "NZ")], earlierPartners: [["pidCCCC", "pidAAAA"]] },
      name: "Round 1",
      start: "2020-01-01",
      synthetic: true,
      historical: { pairs: [["pidBBBB", "pidAAAA"]], partnershipIds: ["partXXXX"], statuses: ["completed"] },
      partnerships: 1,
      notes: [],
    };
    const out = publishPool(rp, null);
    expect(out.earlierPartners).toEqual([[0, 2]]);
    expect(out.historical).toEqual([[0, 1]]);
    expect(out.people.map((p) => p.country)).toEqual(["AU", "US", "NZ"]);
    expect(Object.keys(out.people[0]).sort()).toEqual(["country", "interests", "languages", "prefCareer", "prefCountries", "prefSector", "returning", "sector", "stage", "years"]);
    const text = JSON.stringify(out);
    for (const secret of ["pidAAAA", "pidBBBB", "pidCCCC", "partXXXX"]) expect(text).not.toContain(secret);
  });
});
