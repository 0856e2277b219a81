import { describe, expect, it } from "vitest";
import { basis, count, list, pct, points, range, shareWithBasis } from "../../src/findings/format";

// Expected strings written by hand from the module's rules.
describe("saying numbers aloud", () => {
  it("percentages, intervals and counts", () => {
    expect(pct(0.8553)).toBe("86%");
    expect(pct(0.8553, 1)).toBe("85.5%");
    expect(pct(null)).toBe("–");
    expect(pct(Number.NaN)).toBe("–");
    expect(range([0.8287, 0.8783])).toBe("83–88%");
    // Both ends would round to 86%: a decimal is added.
    expect(range([0.858, 0.8621])).toBe("85.8–86.2%");
    expect(range(null)).toBe("");
    expect(count(1458)).toBe("1,458");
    expect(count(null)).toBe("a hidden number of"); // small, or hidden beside a small one: "fewer than 5" was not always true
    expect(count(null, 10)).toBe("a hidden number of");
    expect(count(Number.POSITIVE_INFINITY)).toBe("–");
  });

  it("the basis parenthesis and a share with it", () => {
    expect(basis(774, [0.8287, 0.8783])).toBe("(n = 774, 95% CI 83–88%)");
    expect(basis(774)).toBe("(n = 774)");
    expect(basis(null, null)).toBe("");
    expect(shareWithBasis(0.8553, 774, [0.8287, 0.8783])).toBe("86% (n = 774, 95% CI 83–88%)");
    expect(shareWithBasis(null, 774)).toBe("–");
  });

  it("signed points and lists", () => {
    expect(points(0.03)).toBe("+3.0 points");
    expect(points(-0.015)).toBe("−1.5 points");
    expect(points(0)).toBe("0.0 points");
    expect(list(["a"])).toBe("a");
    expect(list(["a", "b", "c"])).toBe("a, b and c");
  });
});
