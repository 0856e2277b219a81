import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../src/matching/features";
import { defaultWeights, pairScore, parseWeights, parseWeightsText, WeightsError } from "../../src/matching/weights";

describe("weights", () => {
  it("the default file is valid and encodes the principles", () => {
    const w = defaultWeights();
    expect(Object.keys(w.weights).sort()).toEqual([...FEATURE_NAMES].sort());
    expect(w.weights.sector_pref_met).toBeGreaterThan(0);
    expect(w.weights.career_pref_met).toBeGreaterThan(0);
    expect(w.weights.country_pref_met).toBeGreaterThan(0);
    // every pair scores > 0: base 4 - 0.1 * 12 h = 2.8 at worst
    expect(w.base + 12 * w.weights.timezone_gap).toBeGreaterThan(0);
    const text = readFileSync(path.join(__dirname, "../../src/matching/weights.default.json"), "utf8");
    expect(parseWeightsText(text)).toEqual(w);
  });

  it("rejects unknown and missing features, non-numbers and bad JSON, naming each", () => {
    const w = defaultWeights();
    const bad = { ...w, weights: { ...w.weights, shared_intrests: 1, timezone_gap: "x" } as Record<string, unknown> };
    delete bad.weights.shared_interests;
    let err: unknown;
    try {
      parseWeights(bad, "w.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WeightsError);
    const msg = (err as WeightsError).problems.join("\n");
    expect(msg).toContain("shared_intrests");
    expect(msg).toContain("weights.shared_interests");
    expect(msg).toContain("weights.timezone_gap");
    expect(() => parseWeightsText("{", "w.json")).toThrow(/not JSON/);
    // A key given twice is refused, not silently the last one (JSON.parse's way).
    const twice = JSON.stringify(w, null, 2).replace('"weights": {', '"weights": {\n    "same_sector": 9,');
    expect(() => parseWeightsText(twice, "w.json")).toThrow(WeightsError);
    expect(() => parseWeightsText(twice, "w.json")).toThrow(/weights\.same_sector: the key "same_sector" is given twice in one object \(lines 5 and 6\)/);
    expect(() => parseWeights({ ...w, base: Infinity })).toThrow(WeightsError);
  });

  it("pairScore is base + Σ w·x", () => {
    const w = parseWeights({ base: 1, weights: Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, i + 1])) });
    const x = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 1])) as Record<(typeof FEATURE_NAMES)[number], number>;
    expect(pairScore(w, x)).toBe(1 + 45); // 1 + (1 + 2 + ... + 9)
  });
});
