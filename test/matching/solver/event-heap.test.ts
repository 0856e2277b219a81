import { describe, expect, it } from "vitest";
import { EventHeap } from "../../../src/matching/solver/event-heap";
import { mulberry32 } from "../../../src/demo/random";

describe("EventHeap", () => {
  it("pops keys in ascending order with their items, across growth and interleaved pushes", () => {
    const rand = mulberry32(3);
    const heap = new EventHeap(4);
    const model: [number, number][] = [];
    for (let step = 0; step < 5000; step++) {
      if (model.length === 0 || rand() < 0.6) {
        const key = Math.floor(rand() * 100) / 4;
        heap.push(key, step);
        model.push([key, step]);
      } else {
        model.sort((a, b) => a[0] - b[0]);
        const key = heap.topKey();
        expect(key).toBe(model[0][0]);
        // Among equal keys any item may come first: it must be one of them.
        const item = heap.topItem();
        const at = model.findIndex(([k, it]) => k === key && it === item);
        expect(at).toBeGreaterThanOrEqual(0);
        model.splice(at, 1);
        heap.pop();
      }
      expect(heap.size).toBe(model.length);
    }
  });

  it("filter keeps what the predicate accepts, in heap order", () => {
    const heap = new EventHeap();
    for (let k = 0; k < 100; k++) heap.push((k * 37) % 100, k);
    heap.filter((key) => key % 3 === 0);
    const out: number[] = [];
    while (heap.size > 0) {
      out.push(heap.topKey());
      heap.pop();
    }
    const want = Array.from({ length: 100 }, (_, k) => k).filter((k) => k % 3 === 0);
    expect(out).toEqual(want);
  });
});
