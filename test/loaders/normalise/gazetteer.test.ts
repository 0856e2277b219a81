import { describe, expect, it } from "vitest";
import { countryPopulation, placesNamed, regionPopulation, regionsNamed } from "../../../loaders/normalise/gazetteer";
import { isCountryCode } from "../../../loaders/normalise/country";
import { placeKey } from "../../../loaders/normalise/place-key";

// Expected figures: python3 over node_modules/city-timezones/data/cityMap.json (sums of `pop`).
describe("gazetteer", () => {
  it("finds places by folded name, most populous first", () => {
    expect(placesNamed("perth").map((p) => [p.code, p.region, p.population])).toEqual([
      ["AU", "Western Australia", 1206108],
      ["GB", "Perthshire and Kinross", 39654],
    ]);
    expect(placesNamed(placeKey("Montréal"))[0].code).toBe("CA");
    expect(placesNamed(placeKey("St. Louis")).some((p) => p.code === "US")).toBe(true);
    expect(placesNamed("atlantis")).toEqual([]);
  });
  it("gives every place an accepted alpha-2 code (Kosovo as XK)", () => {
    expect(placesNamed("pristina").map((p) => p.code)).toEqual(["XK"]);
    for (const key of ["london", "paris", "lagos", "hargeysa", "canberra"]) for (const p of placesNamed(key)) expect(isCountryCode(p.code), key).toBe(true);
  });
  it("sums populations by country and by region", () => {
    expect(countryPopulation("VA")).toBe(832);
    expect(regionPopulation("US", "Virginia")).toBe(3111547.5);
    expect(regionPopulation("CA", "Newfoundland and Labrador")).toBe(174756);
    expect(countryPopulation("ZZ")).toBe(0);
    expect(regionsNamed("bayern").map((r) => r.code)).toEqual(["DE"]);
  });
});
