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

  it("breaks ties for the partner of smaller index, and reads each free pair once, row by row", () => {
    // 0..5 free but 2 (matched: mate[2] is not -1); every free pair weighs 3, except 1-5: 8
    const reads: string[] = [];
    const flat = (i: number, j: number) => {
      reads.push(`${i},${j}`);
      return i === 1 && j === 5 ? 8 : 3;
    };
    const best = new Int32Array(6).fill(-1);
    denseBestFree(6, Int32Array.from([-1, -1, 2, -1, -1, -1]), 0, best, flat);
    // 0: ties among 1, 3, 4, 5 -> 0-1; 3: ties among 0, 1, 4, 5 -> 0-3; 4: -> 0-4; 1 and 5: 1-5
    expect(Array.from(best)).toEqual([0 * 6 + 1, 1 * 6 + 5, -1, 0 * 6 + 3, 0 * 6 + 4, 1 * 6 + 5]);
    expect(reads).toEqual(["0,1", "0,3", "0,4", "0,5", "1,3", "1,4", "1,5", "3,4", "3,5", "4,5"]);
  });
});
