import { describe, expect, it } from "vitest";
import { careerStage, yearsFromExperience } from "../../src/domain/vocabulary";

describe("experience and career stage", () => {
  it("maps the form's ranges to midpoints (20+ -> 25)", () => {
    expect(["0-2", "3-5", "6-10", "11-20", "20+"].map(yearsFromExperience)).toEqual([1, 4, 8, 15.5, 25]);
    expect(yearsFromExperience(" 7 ")).toBe(7);
    expect(yearsFromExperience("6\u201310")).toBe(8);
    expect(yearsFromExperience("30+")).toBe(35);
    expect(() => yearsFromExperience("a lot")).toThrow(/a lot/);
  });
  it("stages: early < 6 <= mid < 16 <= senior", () => {
    expect([0, 5.9, 6, 15.5, 16, 40].map(careerStage)).toEqual(["early", "early", "mid", "mid", "senior", "senior"]);
    expect(() => careerStage(-1)).toThrow();
  });
});
