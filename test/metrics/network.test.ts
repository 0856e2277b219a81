import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { countryNetwork, countryPairs, networkOf } from "../../src/metrics/network";
import { addPartnership, addRegistration, addRound, historyDb } from "./fixture";

// The three-round fixture of test/metrics/fixture.ts: Z0 AU-US, US-GB (p3 US, p4 GB);
// A1 AU-JP, NZ-FR, US-CA; B2 AU-BR, JP-BR.
// Densities and degrees: networkx 3 (Debian's python3-networkx), the same edges added round by
// round: nx.density(G) after Z0 0.6666666666666666, after A1 0.23809523809523808, after B2 0.25;
// sorted(G.degree) AU 3, US 3, BR 2, JP 2, CA 1, FR 1, GB 1, NZ 1.
let db: Db;
beforeAll(async () => {
  db = await historyDb();
});
afterAll(() => db.close());

describe("country pairs", () => {
  it("counts partnerships per round and unordered pair of countries, in start order", async () => {
    const { pairs, excluded } = await countryPairs(db);
    expect(pairs).toEqual([
      { round: "Z0", a: "AU", b: "US", partnerships: 1 },
      { round: "Z0", a: "GB", b: "US", partnerships: 1 },
      { round: "A1", a: "AU", b: "JP", partnerships: 1 },
      { round: "A1", a: "CA", b: "US", partnerships: 1 },
      { round: "A1", a: "FR", b: "NZ", partnerships: 1 },
      { round: "B2", a: "AU", b: "BR", partnerships: 1 },
      { round: "B2", a: "BR", b: "JP", partnerships: 1 },
    ]);
    expect(excluded.every((e) => e.partnerships === 0)).toBe(true);
  });
});

describe("the network", () => {
  it("per round: countries, pairs, new pairs, cross-region share; to date: density as networkx gives it", async () => {
    const net = await networkOf(db);
    expect(net.rounds.map((r) => [r.round, r.countries, r.pairs, r.new_pairs, r.partnerships, r.to_date.countries, r.to_date.pairs])).toEqual([
      ["Z0", 3, 2, 2, 2, 3, 2],
      ["A1", 6, 3, 3, 3, 7, 5],
      ["B2", 3, 2, 2, 2, 8, 7],
    ]);
    expect(net.rounds.map((r) => r.to_date.density)).toEqual([0.6666666666666666, 0.23809523809523808, 0.25].map((d) => expect.closeTo(d, 12)));
    // Regions (UN M49): AU Oceania, US Americas, GB Europe, JP Asia, NZ Oceania, FR Europe, CA Americas, BR Americas.
    // Z0: AU-US crosses, GB-US crosses -> 2/2; A1: AU-JP, NZ-FR cross, US-CA does not -> 2/3; B2: both cross -> 2/2.
    expect(net.rounds.map((r) => [r.cross_region.count, r.cross_region.n])).toEqual([[2, 2], [2, 3], [2, 2]]);
    expect(net.countries.map((c) => [c.country, c.countries_met])).toEqual([
      ["AU", 3], ["US", 3], ["BR", 2], ["JP", 2], ["CA", 1], ["FR", 1], ["GB", 1], ["NZ", 1],
    ]);
    // Distinct matched people to date: AU p1; US p2, p3; BR p9, p10.
    expect(Object.fromEntries(net.countries.map((c) => [c.country, c.participants]))).toMatchObject({ AU: 1, US: 2, BR: 2, JP: 1 });
    expect(net.pairs.find((p) => p.a === "BR" && p.b === "JP")).toEqual({ a: "BR", b: "JP", partnerships: 1, first_round: "B2" });
    expect(net.regions.find((r) => r.a === "Americas" && r.b === "Americas")).toEqual({ a: "Americas", b: "Americas", partnerships: 1 });
  });

  it("weights repeated pairs, counts a pair new only once, and keeps a round without partnerships", () => {
    const net = countryNetwork(
      [
        { round: "R1", a: "AU", b: "US", partnerships: 4 },
        { round: "R3", a: "AU", b: "US", partnerships: 2 },
      ],
      ["R1", "R2", "R3"],
    );
    expect(net.rounds.map((r) => [r.round, r.pairs, r.new_pairs, r.partnerships, r.cross_region.share])).toEqual([
      ["R1", 1, 1, 4, 1],
      ["R2", 0, 0, 0, null],
      ["R3", 1, 0, 2, 1],
    ]);
    expect(net.countries.map((c) => [c.country, c.countries_met, c.partnerships])).toEqual([["AU", 1, 6], ["US", 1, 6]]);
    expect(() => countryNetwork([{ round: "X", a: "AU", b: "US", partnerships: 1 }], ["R1"])).toThrow(/not in the round order/);
  });

  it("leaves out and counts partnerships whose partners share a country or lack a registration", async () => {
    const d = await historyDb();
    try {
      await addRound(d, "C3", "2016-01-01", "2016-04-30");
      await addRegistration(d, "C3", ["p3", "US", "academic", 1, "same", "similar"]);
      await addRegistration(d, "C3", ["p2", "US", "public", 15.5, "any", "any"]);
      await addPartnership(d, "C3", "C3-1", "p3", "p2", "active");
      await addPartnership(d, "C3", "C3-2", "p3", "p9", "active"); // p9 did not register in C3
      const { excluded } = await countryPairs(d);
      expect(excluded.find((e) => e.round === "C3")).toEqual({ round: "C3", partnerships: 2 });
    } finally {
      d.close();
    }
  });
});
