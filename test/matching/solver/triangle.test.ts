import { describe, expect, it } from "vitest";
import { triangleRowBase, triangleRowStart } from "../../../src/matching/solver/triangle";

describe("the upper-triangle layout", () => {
  it("numbers the pairs {i, j}, i < j, row by row without gaps (worked by hand for 4 vertices)", () => {
    const at = (n: number, i: number, j: number) => triangleRowBase(n, i) + j;
    expect([at(4, 0, 1), at(4, 0, 2), at(4, 0, 3), at(4, 1, 2), at(4, 1, 3), at(4, 2, 3)]).toEqual([0, 1, 2, 3, 4, 5]);
    for (const n of [2, 5, 37]) {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) seen.push(at(n, i, j));
      expect(seen).toEqual(Array.from({ length: (n * (n - 1)) / 2 }, (_, k) => k));
      for (let i = 0; i < n; i++) expect(triangleRowStart(n, i) + (i + 1) - i - 1).toBe(triangleRowBase(n, i) + i + 1);
    }
  });
});
