/**
 * Registration answers as coordinators' forms word them: each value below was refused in a
 * real-style export (/work/briefs/review-flow.md item 8, `originals/2024A` and
 * `originals/2024B-reg`). Expected options: the sectors' meanings in docs/formats.md ("Canonical
 * fields": academic libraries are universities' and colleges', national takes state libraries);
 * years: the midpoint of the range the answer states (yearsFromExperience, src/domain/vocabulary.ts).
 */
import { describe, expect, it } from "vitest";
import { registrationSchema } from "../../../loaders/kinds/registrations";

const shape = registrationSchema({ dateOrder: {} }).shape;

describe("registrations: free wordings of closed answers", () => {
  it.each([
    ["University library", "academic"],
    ["University / college", "academic"],
    ["Academic / University", "academic"],
    ["National/State Library", "national"],
    ["Special (law/health/corporate)", "special"],
  ])("reads sector %j as %s", (raw, want) => {
    expect(shape.sector.parse(raw)).toBe(want);
  });

  it.each([
    ["I don't mind", "any"],
    ["I don\u2019t mind", "any"],
    ["Yes, same type of library", "same"],
  ])("reads sector preference %j as %s", (raw, want) => {
    expect(shape.pref_sector.parse(raw)).toBe(want);
  });

  it.each([
    // "Less than 2 years" is the range 0-2 (the form's first range): its midpoint, 1.
    ["Less than 2 years", { years: 1, range: "0-2" }],
    // A career stage with its range in parentheses: the range's midpoint (0-5: 2.5; 6-15: 10.5);
    // an open range N+ counts as N + 5 (15+: 20).
    ["Early career (0-5 years)", { years: 2.5, range: "0-5" }],
    ["Mid-career (6-15 years)", { years: 10.5, range: "6-15" }],
    ["Experienced (15+ years)", { years: 20, range: "15+" }],
  ])("reads years of experience %j", (raw, want) => {
    expect(shape.years_experience.parse(raw)).toEqual(want);
  });

  it("still refuses what names no option or range", () => {
    expect(shape.sector.safeParse("Museum").success).toBe(false);
    expect(shape.years_experience.safeParse("Early career").success).toBe(false);
    expect(shape.years_experience.safeParse("Early career (junior)").success).toBe(false);
    expect(shape.pref_sector.safeParse("Yes").success).toBe(false);
  });
});
