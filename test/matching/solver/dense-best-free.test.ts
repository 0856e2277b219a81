/**
 * `denseBestFree`: each free vertex's heaviest pair to another free vertex, against a hand-worked
 * 5-vertex case (vertex 2 is matched; weights below, NaN a missing pair).
 */
import { describe, expect, it } from "vitest";
import { denseBestFree } from "../../../src/matching/solver/dense-best-free";

describe("denseBestFree", () => {
  // pairs (i < j): 0-1: 4, 0-3: 7, 0-4: NaN, 1-3: 2, 1-4: 9, 3-4: 1, and every pair with 2: 100
  const w = new Map<string, number>([["0,1", 4], ["0,3", 7], ["0,4", NaN], ["1,3", 2], ["1,4", 9], ["3,4", 1]]);
  const weight = (i: number, j: number) => (i === 2 || j === 2 ? 100 : (w.get(`${i},${j}`) as number));
  const mate = Int32Array.from([-1, -1, 3, 2, -1]); // 2 and 3 are matched to each other
  it("picks each free vertex's heaviest free partner above the floor, as the pair id i * n + j", () => {
    const best = new Int32Array(5).fill(-1);
    denseBestFree(5, mate, 0, best, weight);
    // 0: 0-1 (4); 0-4 missing, 0-3 taken. 1: 1-4 (9). 4: 1-4 (9). 2, 3: matched, untouched.
    expect(Array.from(best)).toEqual([0 * 5 + 1, 1 * 5 + 4, -1, -1, 1 * 5 + 4]);
  });

  it("leaves a vertex whose free pairs are all at or below the floor with -1", () => {
    const best = new Int32Array(5).fill(-1);
    denseBestFree(5, mate, 4, best, weight);
    expect(Array.from(best)).toEqual([-1, 1 * 5 + 4, -1, -1, 1 * 5 + 4]);
  });
});
