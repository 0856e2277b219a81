import { describe, expect, it } from "vitest";
import { livePool, liveRematch, personId, type LiveResult } from "../../src/matching/live-rematch";
import { MATCH_COLUMNS } from "../../src/matching/proposal-csv";
import { defaultWeights } from "../../src/matching/weights";

// A pool of four (two from AU, two from US; #1 and #3 were partners in an earlier round) and
// expectations worked out by hand: only cross-country pairs are allowed, so the matchings are
// {#1-#3, #2-#4} and {#1-#4, #2-#3}; the earlier partners rule leaves the second.
const person = (country: string, sector: string, returning = false) => ({
  country, sector, years: 5, stage: "mid" as const, interests: ["outreach"], languages: ["English"], prefSector: "any" as const, prefCareer: "any" as const, prefCountries: [], returning,
});
const published = {
  round: "T",
  people: [person("AU", "academic"), person("AU", "public"), person("US", "academic"), person("US", "public")],
  earlierPartners: [[0, 2]] as [number, number][],
  historical: [[0, 3], [1, 2]] as [number, number][],
  model: null,
};
const w = defaultWeights();
const values = { base: w.base, ...w.weights };

describe("livePool", () => {
  it("numbers people #1.. and keeps a sample's pairs inside it", () => {
    const all = livePool(published, "T", "T: all");
    expect(all.pool.people.map((p) => p.id)).toEqual(["#1", "#2", "#3", "#4"]);
    expect(all.pool.earlierPartners).toEqual([["#1", "#3"]]);
    expect(all.historicalPartial).toBe(false);
    const sample = livePool(published, "T3", "T: first 3", 3);
    expect(sample.pool.people.length).toBe(3);
    expect(sample.historical).toEqual([[1, 2]]);
    expect(sample.historicalPartial).toBe(true);
    expect(personId(17)).toBe("#18");
  });
});

describe("liveRematch", () => {
  const entry = livePool(published, "T", "T: all");

  it("re-matches across countries, never earlier partners, and compares with the historical matching", () => {
    const r = liveRematch(entry, values) as LiveResult;
    expect(r.pairs.map((p) => [p.a, p.b].sort())).toEqual([[0, 3], [1, 2]]);
    expect(r.same).toBe(2);
    expect(r.unmatched).toEqual([]);
    expect(r.q.violations.total).toBe(0);
    expect(r.predicted).toEqual({ rematched: null, historical: null });
    expect("country" in r.q.breakdowns).toBe(false);
  });

  it("keeps a lock and completes the rest; a forbid moves both people", () => {
    const locked = liveRematch(entry, values, { locks: [[1, 2]], forbids: [] }) as LiveResult;
    expect(locked.pairs[0]).toMatchObject({ pair: 1, a: 1, b: 2, locked: true, historical: true });
    expect(locked.pairs.slice(1).map((p) => [p.a, p.b].sort())).toEqual([[0, 3]]);
    // #1-#4 forbidden, #1-#3 were partners: #1 has nobody left, and #2 pairs with #3 or #4, which
    // score the same under the default weights (12.1 each: any sector is wished, and both pairs
    // share interests and a language), so either is optimal; the other one waits with #1.
    const forbidden = liveRematch(entry, values, { locks: [], forbids: [[0, 3]] }) as LiveResult;
    expect(forbidden.pairs).toHaveLength(1);
    const [a, b] = [forbidden.pairs[0].a, forbidden.pairs[0].b].sort();
    expect(a).toBe(1);
    expect([2, 3]).toContain(b);
    expect(forbidden.pairs[0].score).toBeCloseTo(12.1, 6);
    expect(forbidden.unmatched).toEqual([0, 5 - b]);
  });

  it("refuses locks it cannot keep, naming people by number", () => {
    expect(liveRematch(entry, values, { locks: [[0, 1]], forbids: [] })).toEqual({ key: "T", problems: ["lock #1 + #2: breaks a hard rule (same country)"] });
  });

  it("offers the proposal for review, people named by their pool number", () => {
    const r = liveRematch(entry, values, { locks: [[1, 2]], forbids: [] }) as LiveResult;
    const lines = r.csv.trim().split("\r\n");
    expect(lines[0]).toBe(MATCH_COLUMNS.join(","));
    expect(lines[1]).toMatch(/^1,pool #2,,AU,public,mid,pool #3,,US,academic,mid,\d+\.\d{3},another country,[^,]*,yes$/);
    expect(lines[2]).toMatch(/^2,pool #1,,AU,academic,mid,pool #4,,US,public,mid,.*,no$/);
    expect(lines.length).toBe(3);
  });
});

describe("meanPrediction", () => {
  it("is expectedCompletions over the number of pairs, with the delta-method interval", async () => {
    const { meanPrediction } = await import("../../src/matching/live-rematch");
    // An intercept-only model at 0 with variance 1: every pair p = 0.5; over 4 pairs E = 2, the
    // gradient is 4 × 0.25 = 1, so SE(E) = 1 and the mean's interval is (2 ± 1.96) / 4 (by hand).
    const fit = { coefficients: [{ name: "intercept", estimate: 0 }], cov: [[1]] } as never;
    const xs = Array.from({ length: 4 }, () => ({}) as never);
    const r = meanPrediction(fit, xs)!;
    expect(r.mean).toBe(0.5);
    expect(r.ci![0]).toBeCloseTo((2 - 1.959963984540054) / 4, 12);
    expect(r.ci![1]).toBeCloseTo((2 + 1.959963984540054) / 4, 12);
    expect(meanPrediction(fit, [])).toBeNull();
  });
});
