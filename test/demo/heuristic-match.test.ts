import { describe, expect, it } from "vitest";
import { greedyMatching, heuristicScore, HEURISTIC_WEIGHTS } from "../../src/demo/heuristic-match";
import { Rng } from "../../src/demo/random";

const table = (n: number, entries: [number, number, number][], base = 1) => {
  const m = Array.from({ length: n }, () => new Array(n).fill(base));
  for (const [i, j, w] of entries) { m[i][j] = w; m[j][i] = w; }
  return (i: number, j: number) => m[i][j];
};

describe("greedyMatching", () => {
  it("is greedy, not optimal: 0 takes its favourite 1 and the pool loses 7 points", () => {
    // Scores by hand: 0-1 = 10, 0-2 = 9, 1-3 = 9, 2-3 = 1 (others 0). Greedy from 0: {0-1, 2-3} = 11;
    // the maximum-weight matching is {0-2, 1-3} = 18.
    const score = table(4, [[0, 1, 10], [0, 2, 9], [1, 3, 9], [2, 3, 1]], 0);
    const r = greedyMatching({ n: 4, allowed: () => true, score, order: [0, 1, 2, 3] }, new Rng(1));
    const total = r.pairs.reduce((s, [i, j]) => s + score(i, j), 0);
    expect(total).toBe(11);
    expect(r.unmatched).toEqual([]);
  });

  it("repairs a dead end by swapping into an existing pair", () => {
    // Countries A, B, C, C: 0 grabs 1 first (score 10), leaving 2 and 3 (both C) unable to pair;
    // the repair re-pairs them as 3-0 and 2-1, so everyone is matched across countries.
    const country = ["A", "B", "C", "C"];
    const allowed = (i: number, j: number) => country[i] !== country[j];
    const r = greedyMatching({ n: 4, allowed, score: table(4, [[0, 1, 10]]), order: [0, 1, 2, 3] }, new Rng(1));
    expect(r.unmatched).toEqual([]);
    expect(r.pairs).toHaveLength(2);
    for (const [i, j] of r.pairs) expect(allowed(i, j)).toBe(true);
  });

  it("leaves one person of an odd pool and never pairs disallowed people", () => {
    const n = 101;
    const country = Array.from({ length: n }, (_, i) => i % 7);
    const allowed = (i: number, j: number) => country[i] !== country[j];
    const rng = new Rng(42);
    const r = greedyMatching({ n, allowed, score: (i, j) => (i * 31 + j * 17) % 13 }, rng);
    expect(r.unmatched).toHaveLength(1);
    expect(r.pairs).toHaveLength(50);
    const seen = new Set<number>();
    for (const [i, j] of r.pairs) {
      expect(allowed(i, j)).toBe(true);
      expect(seen.has(i) || seen.has(j)).toBe(false);
      seen.add(i); seen.add(j);
    }
  });

  it("scores with the documented coordinator weights", () => {
    const x = { same_sector: 1, career_gap: 3, sector_pref_met: 1, career_pref_met: 0.5, country_pref_met: 1, shared_interests: 0.5, shared_language: 1, timezone_gap: 10, both_new: 1 };
    // 2·1 + 1.5·0.5 + 1·1 + 1·0.5 + 1.5·1 − 0.05·10 = 5.25
    expect(heuristicScore(x)).toBeCloseTo(5.25, 12);
    expect(HEURISTIC_WEIGHTS.same_sector).toBe(0);
  });
});

describe("Rng", () => {
  it("is deterministic for a seed and forks independently", () => {
    const a = new Rng(2013);
    const b = new Rng(2013);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Rng(2014).next()).not.toBe(xs[0]);
    expect(new Rng(2013).fork("x").next()).toBe(new Rng(2013).fork("x").next());
    expect(new Rng(2013).fork("x").next()).not.toBe(new Rng(2013).fork("y").next());
  });

  it("draws uniformly enough (mean of 20,000 draws within 0.5 ± 0.01)", () => {
    const r = new Rng(9);
    let s = 0;
    for (let i = 0; i < 20_000; i++) s += r.next();
    // the standard error of the mean of U(0,1) over 20,000 draws is 0.289/sqrt(20000) ≈ 0.002
    expect(Math.abs(s / 20_000 - 0.5)).toBeLessThan(0.01);
    expect(() => r.int(0)).toThrow();
  });
});
