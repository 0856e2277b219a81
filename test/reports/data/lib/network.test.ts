import { describe, expect, it } from "vitest";
import { countryNetwork } from "../../../../src/metrics/network";
import { publishNetwork, suppressSymmetric } from "../../../../reports/data/lib/network";

// Expected values worked out by hand from the module's rules (minimum cell 5).
describe("suppressSymmetric", () => {
  it("hides small cells and, row by row, the next smallest while a row's hidden cells sum to 1..4", () => {
    // Row A: A-B 3 (small), A-C 20, A-D 7 -> hidden 3 < 5, so A-D (7, smallest shown) goes too.
    // Row B: A-B 3 hidden -> B-C (30) hidden too. Rows C and D then hide 50 and 7 (>= 5): stable.
    const cells = [
      { a: "A", b: "B", count: 3 },
      { a: "A", b: "C", count: 20 },
      { a: "A", b: "D", count: 7 },
      { a: "B", b: "C", count: 30 },
    ];
    expect(suppressSymmetric(cells, 5)).toEqual([null, 20, null, null]);
  });

  it("leaves a table without small cells alone and never hides zeros", () => {
    expect(suppressSymmetric([{ a: "A", b: "B", count: 5 }, { a: "A", b: "A", count: 0 }], 5)).toEqual([5, 0]);
  });

  it("counts a diagonal cell (a region with itself) in one row only", () => {
    // Row X: X-X 2 hidden, X-Y 9 -> hidden sum 2 -> X-Y hidden; row Y: 9 hidden (>= 5): stable.
    expect(suppressSymmetric([{ a: "X", b: "X", count: 2 }, { a: "X", b: "Y", count: 9 }], 5)).toEqual([null, null]);
  });
});

describe("publishNetwork", () => {
  const net = countryNetwork(
    [
      { round: "R1", a: "AU", b: "US", partnerships: 6 },
      { round: "R1", a: "GB", b: "US", partnerships: 2 },
      { round: "R1", a: "AU", b: "GB", partnerships: 5 },
      { round: "R2", a: "BT", b: "US", partnerships: 1 },
    ],
    ["R1", "R2"],
    new Map([["AU", 11], ["US", 9], ["GB", 7], ["BT", 1]]),
  );
  const pub = publishNetwork(net, 5, true);

  it("names only countries with at least min people to date, and counts the others", () => {
    expect(pub.countries.map((c) => [c.country, c.name, c.countries_met])).toEqual([
      ["US", "United States", 3],
      ["AU", "Australia", 2],
      ["GB", "United Kingdom", 2],
    ]);
    expect(pub.small_countries).toBe(1);
    expect(pub.unlisted_pairs).toBe(1);
    expect(pub.pairs.some((p) => p.a === "BT" || p.b === "BT")).toBe(false);
  });

  it("publishes no country's number of people (with coverage.json's rounds it gave back small groups: review F3)", () => {
    // A country in one round only has its to-date count equal to that round's, which coverage.json
    // may hide; a region's round total minus it gave back a small country (Chile R2 = 6 - 5 = 1).
    for (const c of pub.countries) expect(Object.keys(c).sort()).toEqual(["countries_met", "country", "name", "region"]);
  });

  it("suppresses small pairs with their complements, and small per-round partnership counts", () => {
    // GB-US 2 hidden; row US: hidden 2 -> AU-US (6) hidden; row GB: hidden 2 -> AU-GB (5) hidden.
    expect(pub.pairs.map((p) => [p.a, p.b, p.partnerships])).toEqual([
      ["AU", "US", null],
      ["AU", "GB", null],
      ["GB", "US", null],
    ]);
    expect(pub.rounds.map((r) => [r.round, r.partnerships, r.new_pairs])).toEqual([["R1", 13, 3], ["R2", null, 1]]);
    expect(pub.rounds[1].cross_region.share).toBeNull();
  });
});
