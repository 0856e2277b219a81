import { describe, expect, it } from "vitest";
import { offsetGap } from "../../src/domain/countries/timezones";
import { careerStage, yearsFromExperience } from "../../src/domain/vocabulary";
import { FEATURE_INFO, FEATURE_NAMES, jaccard, pairFeatures, type Profile } from "../../src/matching/features";
import { defaultWeights } from "../../src/matching/weights";

const profile = (p: Partial<Profile> & Pick<Profile, "country" | "years">): Profile =>
  Object.freeze({
    sector: "Academic", stage: careerStage(p.years), interests: [], languages: ["English"], prefSector: "any",
    prefCareer: "any", prefCountries: [], returning: false, ...p,
  });

describe("pairFeatures on hand-worked pairs", () => {
  it("AU early academic vs US mid academic", () => {
    const a = profile({
      country: "AU", years: yearsFromExperience("0-2"), sector: "Academic",
      interests: ["Open access", "Copyright", "Information literacy"], languages: ["English"],
      prefSector: "same", prefCareer: "different",
    });
    const b = profile({
      country: "US", years: yearsFromExperience("11-20"), sector: "Academic",
      interests: ["Open access", "Copyright", "Library technology", "Reference services"], languages: ["English", "Spanish"],
      prefSector: "any", prefCareer: "similar", prefCountries: ["GB"], returning: true,
    });
    // By hand: same sector; |1 - 15.5| = 14.5 years; a wants same sector (met), b any (met) -> 1;
    // a wants a different stage (early vs mid: met), b a similar one (not met) -> 0.5;
    // a states no country (met), b wants GB but a is AU -> 0.5; interests 2 shared of 5 distinct -> 0.4;
    // English shared; AU +10 vs US -5 is 15 h one way, 9 h the other -> 9; b returning -> both_new 0.
    const expected = {
      same_sector: 1, career_gap: 14.5, sector_pref_met: 1, career_pref_met: 0.5, country_pref_met: 0.5,
      shared_interests: 0.4, shared_language: 1, timezone_gap: 9, both_new: 0,
    };
    expect(pairFeatures(a, b)).toEqual(expected);
    expect(pairFeatures(b, a)).toEqual(expected);
  });

  it("IN senior public vs NP early school, no shared language or interests", () => {
    const c = profile({ country: "IN", years: yearsFromExperience("20+"), sector: "Public", languages: ["Hindi"], prefSector: "same" });
    const d = profile({
      country: "NP", years: yearsFromExperience("3-5"), sector: "School", languages: ["Nepali", "English"],
      prefSector: "same", prefCareer: "different", prefCountries: ["IN"],
    });
    // By hand: sectors differ; |25 - 4| = 21; both want the same sector -> 0; c any (met), d different
    // (senior vs early: met) -> 1; c none (met), d wants IN and c is IN -> 1; both interest lists empty -> 0;
    // Hindi vs Nepali/English -> 0; IN +5.5 vs NP +5.75 -> 0.25 h; both new -> 1.
    expect(pairFeatures(c, d)).toEqual({
      same_sector: 0, career_gap: 21, sector_pref_met: 0, career_pref_met: 1, country_pref_met: 1,
      shared_interests: 0, shared_language: 0, timezone_gap: 0.25, both_new: 1,
    });
  });

  it("time-zone gap is circular", () => {
    // Samoa +13 and American Samoa -11 share a clock time (24 h apart): 0; NZ +12 vs US -5: 17 h or 7 h -> 7.
    expect(pairFeatures(profile({ country: "WS", years: 1 }), profile({ country: "AS", years: 1 })).timezone_gap).toBe(0);
    expect(pairFeatures(profile({ country: "NZ", years: 1 }), profile({ country: "US", years: 1 })).timezone_gap).toBe(7);
    expect(offsetGap(-11, 13)).toBe(0);
    expect(offsetGap(0, 12)).toBe(12);
  });

  it("similar-stage preference and a returning pair", () => {
    const e = profile({ country: "GB", years: 8, prefCareer: "similar", returning: true });
    const f = profile({ country: "FR", years: 12, prefCareer: "similar", returning: true });
    // 8 and 12 years are both mid-career: both similar preferences met -> 1; both returning -> 0.
    const x = pairFeatures(e, f);
    expect(x.career_pref_met).toBe(1);
    expect(x.career_gap).toBe(4);
    expect(x.both_new).toBe(0);
  });

  it("lists every feature in FEATURE_NAMES", () => {
    expect(Object.keys(pairFeatures(profile({ country: "GB", years: 1 }), profile({ country: "FR", years: 2 }))).sort())
      .toEqual([...FEATURE_NAMES].sort());
  });

  it("throws on a country without an offset", () => {
    expect(() => pairFeatures(profile({ country: "ZZ", years: 1 }), profile({ country: "FR", years: 2 }))).toThrow(/ZZ/);
  });
});

describe("jaccard", () => {
  it("handles duplicates and empties", () => {
    expect(jaccard([], [])).toBe(0);
    expect(jaccard(["a"], [])).toBe(0);
    expect(jaccard(["a", "a", "b"], ["b", "c"])).toBeCloseTo(1 / 3, 12); // {b} of {a,b,c}
  });
});

describe("FEATURE_INFO", () => {
  it("describes every feature once, with a slider range that holds the default weight", () => {
    expect(Object.keys(FEATURE_INFO).sort()).toEqual([...FEATURE_NAMES].sort());
    const w = defaultWeights().weights;
    const labels = new Set<string>();
    for (const f of FEATURE_NAMES) {
      const { label, unit, explanation, slider } = FEATURE_INFO[f];
      expect(label.length, f).toBeGreaterThan(3);
      expect(unit.length, f).toBeGreaterThan(3);
      expect(explanation, f).toMatch(/^[A-Z0-9].*\.$/);
      expect(slider.min, f).toBeLessThan(slider.max);
      expect(slider.step, f).toBeGreaterThan(0);
      expect(w[f], f).toBeGreaterThanOrEqual(slider.min);
      expect(w[f], f).toBeLessThanOrEqual(slider.max);
      labels.add(label);
    }
    expect(labels.size).toBe(FEATURE_NAMES.length);
  });
});
