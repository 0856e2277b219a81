import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REGIONS, regionOf } from "../../../src/domain/countries/regions";
import { allCountryCodes } from "../../../loaders/normalise/country";

// Checked by hand against the UN M49 "Standard country or area codes for statistical use"
// overview table (unstats.un.org/unsd/methodology/m49/overview): Region Name, Sub-region Name.
const M49: ReadonlyArray<readonly [string, string, string]> = [
  ["AU", "Oceania", "Australia and New Zealand"],
  ["NZ", "Oceania", "Australia and New Zealand"],
  ["FJ", "Oceania", "Melanesia"],
  ["GB", "Europe", "Northern Europe"],
  ["DE", "Europe", "Western Europe"],
  ["RU", "Europe", "Eastern Europe"],
  ["IT", "Europe", "Southern Europe"],
  ["US", "Americas", "Northern America"],
  ["CA", "Americas", "Northern America"],
  ["MX", "Americas", "Latin America and the Caribbean"],
  ["BR", "Americas", "Latin America and the Caribbean"],
  ["JM", "Americas", "Latin America and the Caribbean"],
  ["NG", "Africa", "Sub-Saharan Africa"],
  ["ZA", "Africa", "Sub-Saharan Africa"],
  ["EG", "Africa", "Northern Africa"],
  ["IN", "Asia", "Southern Asia"],
  ["JP", "Asia", "Eastern Asia"],
  ["PH", "Asia", "South-eastern Asia"],
  ["KZ", "Asia", "Central Asia"],
  ["TR", "Asia", "Western Asia"],
  ["CY", "Asia", "Western Asia"],
  ["HK", "Asia", "Eastern Asia"],
];

describe("regionOf", () => {
  it.each(M49)("%s -> %s / %s", (code, region, subregion) =>
    expect(regionOf(code)).toEqual({ region, subregion }));

  it("places the codes M49 omits as documented", () => {
    expect(regionOf("TW")).toEqual({ region: "Asia", subregion: "Eastern Asia" });
    expect(regionOf("XK")).toEqual({ region: "Europe", subregion: "Southern Europe" });
    expect(regionOf("AQ")).toEqual({ region: "Antarctica", subregion: "Antarctica" });
  });

  it("gives every country code a region in REGIONS (Antarctica apart)", () => {
    const codes = allCountryCodes();
    expect(codes.length).toBe(250);
    for (const code of codes) {
      const r = regionOf(code);
      if (code === "AQ") continue;
      expect(REGIONS, code).toContain(r.region);
      expect(r.subregion.length, code).toBeGreaterThan(0);
    }
  });

  it("uses the 5 regions and 17 sub-regions of M49", () => {
    const subs = new Set(allCountryCodes().filter((c) => c !== "AQ").map((c) => regionOf(c).subregion));
    // M49 sub-regions: Northern Africa, Sub-Saharan Africa, Latin America and the Caribbean, Northern America,
    // Central, Eastern, South-eastern, Southern and Western Asia, Eastern, Northern, Southern and Western Europe,
    // Australia and New Zealand, Melanesia, Micronesia, Polynesia.
    expect(subs.size).toBe(17);
    expect([...REGIONS]).toEqual(["Africa", "Americas", "Asia", "Europe", "Oceania"]);
  });

  it("accepts lower case and throws on unknown codes", () => {
    expect(regionOf("au")).toEqual({ region: "Oceania", subregion: "Australia and New Zealand" });
    expect(() => regionOf("ZZ")).toThrow(RangeError);
    expect(() => regionOf("AUS")).toThrow(RangeError);
    expect(() => regionOf("")).toThrow(RangeError);
  });

  it("imports nothing from loaders/ or node:* (it runs in the browser)", () => {
    const source = readFileSync(new URL("../../../src/domain/countries/regions.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.filter((s) => s.startsWith("node:") || s.includes("loaders/"))).toEqual([]);
  });
});
