import { describe, expect, it } from "vitest";
import { CAREER_STAGE_LABELS, CAREER_STAGES, careerStage, EXPERIENCE_RANGES, SECTOR_LABELS, SECTORS, yearsFromExperience } from "../../src/domain/vocabulary";

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

describe("lists and labels", () => {
  it("labels every sector and career stage, and nothing else", () => {
    expect(Object.keys(SECTOR_LABELS)).toEqual([...SECTORS]);
    expect(Object.keys(CAREER_STAGE_LABELS)).toEqual([...CAREER_STAGES]);
  });
  it("orders the experience ranges and gives each the stage of its years", () => {
    // By hand: 0-2 -> 1 and 3-5 -> 4 are early, 6-10 -> 8 and 11-20 -> 15.5 mid, 20+ -> 25 senior.
    expect(EXPERIENCE_RANGES.map((r) => careerStage(yearsFromExperience(r.label)))).toEqual(["early", "early", "mid", "mid", "senior"]);
    expect(EXPERIENCE_RANGES.map((r) => r.max)).toEqual([2, 5, 10, 20, null]);
  });
});
