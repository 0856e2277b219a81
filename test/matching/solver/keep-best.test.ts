import { describe, expect, it } from "vitest";
import { heapify, offer, sortSlots, thresholds } from "../../../src/matching/solver/keep-best";
import { mulberry32 } from "../../../src/demo/random";

describe("keep-best slots", () => {
  it("offer keeps each vertex's len largest values; sortSlots orders them best first", () => {
    const rand = mulberry32(9);
    const n = 7;
    const len = 5;
    const ids = new Int32Array(n * len).fill(-1);
    const keys = new Float64Array(n * len).fill(-Infinity);
    const thr = thresholds(keys, n, len);
    const seen: number[][] = Array.from({ length: n }, () => []);
    for (let id = 0; id < 400; id++) {
      const v = Math.floor(rand() * n);
      const x = Math.floor(rand() * 1000);
      seen[v].push(x);
      offer(ids, keys, thr, v, len, id, x);
      // the threshold is the slot's minimum
      expect(thr[v]).toBe(Math.min(...keys.subarray(v * len, v * len + len)));
    }
    sortSlots(ids, keys, n, len);
    for (let v = 0; v < n; v++) {
      const want = [...seen[v]].sort((a, b) => b - a).slice(0, len);
      expect(Array.from(keys.subarray(v * len, v * len + want.length))).toEqual(want);
    }
  });

  it("short lists keep their -Infinity padding last, and heapify restores the heap order", () => {
    const ids = Int32Array.of(4, -1, 2, 3, 9, -1);
    const keys = Float64Array.of(1, -Infinity, 5, 2, 8, -Infinity);
    const thr = heapify(ids, keys, 2, 3);
    expect(Array.from(thr)).toEqual([-Infinity, -Infinity]);
    offer(ids, keys, thr, 0, 3, 7, 3);
    sortSlots(ids, keys, 2, 3);
    expect(Array.from(keys)).toEqual([5, 3, 1, 8, 2, -Infinity]);
    expect(Array.from(ids)).toEqual([2, 7, 4, 9, 3, -1]);
  });

  it("sortSlots orders any slot (heap or not), equal values by increasing id", () => {
    const ids = Int32Array.of(9, 4, 1, 2, -1, 5, 6, 7);
    const keys = Float64Array.of(3, 5, 3, 5, -Infinity, 0, 0, 1);
    sortSlots(ids, keys, 2, 4);
    expect(Array.from(keys)).toEqual([5, 5, 3, 3, 1, 0, 0, -Infinity]);
    expect(Array.from(ids)).toEqual([2, 4, 1, 9, 7, 5, 6, -1]);
  });
});
