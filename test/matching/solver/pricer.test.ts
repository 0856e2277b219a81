import { describe, expect, it } from "vitest";
import { solvePrimalDual } from "../../../src/matching/solver/primal-dual";
import { makePricer, pairBlossomTerm, reducedCost, RowWalker } from "../../../src/matching/solver/pricer";
import { mulberry32 } from "../../../src/demo/random";
import { walkBlossomTerm } from "../certificate";

describe("pricer", () => {
  it("pairBlossomTerm and RowWalker (u_j plus it) equal 2 * Z(lca) walked up the blossom forest, on states with nested blossoms", () => {
    const rand = mulberry32(17);
    let nested = 0;
    for (let r = 0; r < 60; r++) {
      const n = 5 + Math.floor(rand() * 60);
      const eu: number[] = [];
      const ev: number[] = [];
      const w: number[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          if (rand() < 0.3) {
            eu.push(i);
            ev.push(j);
            w.push(2 * (100 + Math.floor(rand() * 4))); // near ties: many blossoms
          }
        }
      }
      const state = solvePrimalDual(n, Int32Array.from(eu), Int32Array.from(ev), Float64Array.from(w));
      const walk = walkBlossomTerm(state);
      const pr = makePricer(state);
      const rows = new RowWalker(pr);
      const seen = new Set<number>();
      for (let r = 0; r < n; r++) {
        const i = rows.next();
        seen.add(i);
        expect(pr.zIn[i]).toBe(walk(i, i)); // twice the duals of all blossoms holding i
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const want = walk(i, j);
          if (want > 0) nested++;
          expect(pairBlossomTerm(pr, i, j), `pair (${i}, ${j}) of state ${r}`).toBe(want);
          expect(rows.e[j] - state.dual[j], `row ${i}, column ${j} of state ${r}`).toBe(want);
        }
      }
      expect(seen.size).toBe(n); // every row visited once
    }
    expect(nested).toBeGreaterThan(100); // blossoms with positive duals did occur
  });

  it("reducedCost is u_i + u_j - 2(w + shift) plus the common blossoms' duals, and >= 0 on solved edges", () => {
    const rand = mulberry32(19);
    const n = 30;
    const eu: number[] = [];
    const ev: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rand() < 0.4) (eu.push(i), ev.push(j), w.push(2 * Math.floor(rand() * 5)));
    const state = solvePrimalDual(n, Int32Array.from(eu), Int32Array.from(ev), Float64Array.from(w));
    const walk = walkBlossomTerm(state);
    for (let k = 0; k < eu.length; k++) {
      const rc = reducedCost(state, eu[k], ev[k], w[k]);
      expect(rc).toBe(state.dual[eu[k]] + state.dual[ev[k]] - 2 * w[k] + walk(eu[k], ev[k]));
      expect(rc).toBeGreaterThanOrEqual(0);
    }
  });
});
