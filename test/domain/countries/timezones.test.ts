import countries from "i18n-iso-countries";
import { describe, expect, it } from "vitest";
import { UTC_OFFSET_HOURS, utcOffset } from "../../../src/domain/countries/timezones";

describe("timezones", () => {
  it("has an offset for every code i18n-iso-countries knows", () => {
    const codes = Object.keys(countries.getAlpha2Codes());
    expect(codes.length).toBeGreaterThan(240);
    for (const c of codes) {
      expect(UTC_OFFSET_HOURS[c], c).toBeTypeOf("number");
      expect(UTC_OFFSET_HOURS[c]).toBeGreaterThanOrEqual(-12);
      expect(UTC_OFFSET_HOURS[c]).toBeLessThanOrEqual(14);
    }
  });
  it("matches standard times known by hand", () => {
    // AEST +10, EST -5, IST +5:30, Nepal +5:45, GMT 0, JST +9, Brasília -3, CET +1, NZST +12.
    const expected: Record<string, number> = { AU: 10, US: -5, IN: 5.5, NP: 5.75, GB: 0, IE: 0, JP: 9, BR: -3, DE: 1, NZ: 12 };
    for (const [c, h] of Object.entries(expected)) expect(utcOffset(c), c).toBe(h);
    expect(() => utcOffset("XX")).toThrow(/XX/);
  });
});
