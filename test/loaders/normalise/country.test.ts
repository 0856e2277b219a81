import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import en from "i18n-iso-countries/langs/en.json";
import {
  allCountryCodes,
  countryName,
  countryNumeric,
  normaliseCountry,
} from "../../../loaders/normalise/country";
import { AMBIGUOUS_CODES, COUNTRY_ALIASES } from "../../../loaders/normalise/country-aliases";
import { describeShared, fixture } from "../../helpers/shared";

/** Code of a value that must resolve; fails the test with the suggestions otherwise. */
function codeOf(raw: string): string | { suggestions: string[] } {
  const r = normaliseCountry(raw);
  return r.ok ? r.code : { suggestions: r.suggestions };
}

// Written by hand from the ISO 3166-1 list (iso.org OBP) and the spellings people use.
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["U.S.A.", "US"], ["united states ", "US"], ["USA", "US"], ["usa", "US"], ["U.S.", "US"],
  ["United States of America", "US"], ["America", "US"], ["  United   States  ", "US"],
  ["Côte d'Ivoire", "CI"], ["Cote d'Ivoire", "CI"], ["Cote d Ivoire", "CI"], ["COTE D’IVOIRE", "CI"], ["Ivory Coast", "CI"],
  ["UK", "GB"], ["U.K.", "GB"], ["United Kingdom", "GB"], ["England", "GB"], ["Scotland", "GB"], ["Wales", "GB"],
  ["Northern Ireland", "GB"], ["Great Britain", "GB"], ["GBR", "GB"], ["gb", "GB"],
  ["Holland", "NL"], ["The Netherlands", "NL"], ["the netherlands", "NL"], ["Netherlands", "NL"], ["Nederland", "NL"],
  ["Burma", "MM"], ["Myanmar", "MM"], ["Swaziland", "SZ"], ["Eswatini", "SZ"],
  ["Deutschland", "DE"], ["Germany", "DE"], ["DEU", "DE"], ["España", "ES"], ["Espana", "ES"], ["ESPAÑA", "ES"],
  ["Korea, Republic of", "KR"], ["Republic of Korea", "KR"], ["South Korea", "KR"], ["Korea", "KR"],
  ["North Korea", "KP"], ["Korea, Democratic People's Republic of", "KP"],
  ["Türkiye", "TR"], ["Turkiye", "TR"], ["Turkey", "TR"], ["TUR", "TR"],
  ["Russia", "RU"], ["Russian Federation", "RU"], ["Viet Nam", "VN"], ["Vietnam", "VN"],
  ["Czechia", "CZ"], ["Czech Republic", "CZ"], ["Hong Kong", "HK"], ["Hong Kong SAR", "HK"],
  ["Taiwan", "TW"], ["Taiwan, Province of China", "TW"], ["Palestine", "PS"], ["State of Palestine", "PS"],
  ["UAE", "AE"], ["United Arab Emirates", "AE"], ["Iran", "IR"], ["Iran, Islamic Republic of", "IR"],
  ["Tanzania", "TZ"], ["Bolivia, Plurinational State of", "BO"], ["Venezuela", "VE"], ["Laos", "LA"], ["Syria", "SY"],
  ["Congo, Democratic Republic of the", "CD"], ["DRC", "CD"], ["Republic of the Congo", "CG"],
  ["Macedonia", "MK"], ["North Macedonia", "MK"], ["Moldova", "MD"], ["Cape Verde", "CV"], ["Cabo Verde", "CV"],
  ["East Timor", "TL"], ["Timor-Leste", "TL"], ["Vatican City", "VA"], ["Holy See", "VA"],
  ["St. Lucia", "LC"], ["Saint Lucia", "LC"], ["St Kitts and Nevis", "KN"], ["Trinidad & Tobago", "TT"],
  ["Bosnia & Herzegovina", "BA"], ["Bosnia-Herzegovina", "BA"], ["The Gambia", "GM"], ["The Bahamas", "BS"],
  ["Ireland", "IE"], ["Republic of Ireland", "IE"], ["Éire", "IE"], ["Brasil", "BR"], ["México", "MX"],
  ["Österreich", "AT"], ["Schweiz", "CH"], ["Polska", "PL"], ["Aotearoa", "NZ"], ["Kosovo", "XK"],
  ["Curaçao", "CW"], ["Åland Islands", "AX"], ["Georgia", "GE"], ["Ukraine ", "UA"], ["AUS", "AU"], ["fr", "FR"],
  ["Puerto Rico", "PR"], ["PR", "PR"], ["ST", "ST"], ["Sao Tome and Principe", "ST"], ["Guam", "GU"],
  // "<place>, <country>" and "<subdivision> <country>"
  ["Virginia, USA", "US"], ["London, UK", "GB"], ["Sydney, Australia", "AU"], ["Toronto, Canada", "CA"],
  ["Ontario Canada", "CA"], ["NSW Australia", "AU"], ["Georgia, USA", "US"], ["Sydney, NSW Australia", "AU"],
  ["Washington, DC, USA", "US"], ["Paris, France", "FR"],
];

// [raw, first suggestion or undefined for none]
const REJECTED: ReadonlyArray<readonly [string, string | undefined]> = [
  ["VA", "Vatican City"], ["CA", "Canada"], ["IN", "India"], ["DE", "Germany"], ["NL", "Netherlands"], ["SA", "Saudi Arabia"],
  ["Virginia", "United States"], ["New Mexico", "United States"], ["New Jersey", "United States"],
  ["New South Wales", "Australia"], ["New England", "United States"], ["Ontario", "Canada"], ["NY", "United States"],
  ["Congo", "Republic of the Congo"], ["Atlanta, Georgia", "Georgia"], ["Atlantis", undefined], ["", undefined],
  ["   ", undefined], ["ZZ", undefined], ["Spain / USA", "Spain"], ["Spain, Germany", "Spain"],
  ["Puerto Rico, USA", "Puerto Rico"], ["France, DE", "France"],
];

describe("normaliseCountry: aliases", () => {
  it("has a table of at least 60 aliases", () => expect(ALIASES.length).toBeGreaterThanOrEqual(60));
  it.each(ALIASES)("%j -> %s", (raw, code) => expect(codeOf(raw)).toBe(code));
  it.each(REJECTED)("%j is not a country (first suggestion %s)", (raw, first) => {
    const r = normaliseCountry(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions[0]).toBe(first);
  });
});

describe("normaliseCountry: ambiguous codes and suggestions", () => {
  it("offers both readings of an ambiguous code", () => {
    expect(normaliseCountry("VA")).toEqual({ ok: false, suggestions: ["Vatican City", "United States"] });
    expect(normaliseCountry("ca")).toEqual({ ok: false, suggestions: ["Canada", "United States"] });
    expect(normaliseCountry("NL")).toEqual({ ok: false, suggestions: ["Netherlands", "Canada"] });
  });
  it("suggests Australia for Austrlia, at most 3 names", () => {
    const r = normaliseCountry("Austrlia");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestions).toContain("Australia");
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
    }
  });
  it("suggests only United States for a US state", () =>
    expect(normaliseCountry("Virginia")).toEqual({ ok: false, suggestions: ["United States"] }));
  it("rejects every ambiguous code and accepts every other assigned code", () => {
    for (const code of allCountryCodes()) expect(normaliseCountry(code).ok, code).toBe(!(code in AMBIGUOUS_CODES));
  });
  it("every ambiguous code is an assigned code", () => {
    for (const code of Object.keys(AMBIGUOUS_CODES)) expect(allCountryCodes()).toContain(code);
  });
  it("memoises: the same raw string gives the same frozen object", () => {
    const a = normaliseCountry("Holland ");
    expect(normaliseCountry("Holland ")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe("normaliseCountry: completeness against its own sources", () => {
  it("resolves every English name of i18n-iso-countries to its code (except the shared 'Congo')", () => {
    for (const [code, names] of Object.entries(en.countries as Record<string, string | string[]>))
      for (const name of Array.isArray(names) ? names : [names])
        if (name !== "Congo") expect(codeOf(name), name).toBe(code);
  });
  it("resolves every alias of our table to its code", () => {
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) expect(codeOf(alias), alias).toBe(code);
  });
  it("resolves every display name back to its code", () => {
    for (const code of allCountryCodes()) expect(codeOf(countryName(code)), code).toBe(code);
  });
});

describe("countryName, allCountryCodes, countryNumeric", () => {
  it("lists the 249 ISO codes plus XK", () => {
    const codes = allCountryCodes();
    expect(codes.length).toBe(250);
    expect(new Set(codes).size).toBe(250);
    expect(codes).toContain("XK");
    for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
  });
  it("names codes in English", () => {
    expect(countryName("GB")).toBe("United Kingdom");
    expect(countryName("US")).toBe("United States");
    expect(countryName("CI")).toBe("Cote d'Ivoire");
    expect(countryName("AU")).toBe("Australia");
    expect(() => countryName("ZZ")).toThrow(RangeError);
    expect(() => countryName("gb")).toThrow(RangeError);
  });
  it("gives ISO numeric codes as 3-digit strings", () => {
    // ISO 3166-1 numeric, from the ISO list: Australia 036, United Kingdom 826, United States 840, Brazil 076.
    expect(countryNumeric("AU")).toBe("036");
    expect(countryNumeric("GB")).toBe("826");
    expect(countryNumeric("US")).toBe("840");
    expect(countryNumeric("BR")).toBe("076");
    for (const c of allCountryCodes()) expect(countryNumeric(c)).toMatch(/^\d{3}$/);
    expect(() => countryNumeric("ZZ")).toThrow(RangeError);
  });
});

// Expected result of every distinct raw value of observed_country_strings.csv, decided by hand:
// a code, or null = not a country. Decisions: a US state, city or postal abbreviation alone is
// not a country ("VA", "CA", "Virginia", "D.C", "Fairfax VA"); "<state>, <country>" and
// "<state> USA" resolve to the country; jokes and sentences are rejected.
const OBSERVED: Readonly<Record<string, string | null>> = {
  "Virginia": null, "Illinois ": null, "US": "US", "VA": null, "Virginia ": null, "": null, "Florida": null,
  "United States": "US", "Virginia, USA": "US", "maryland": null, "America": "US", "CA": null, "Colorado": null,
  "DC, United States": "US", "Ghana": "GH", "Louisiana": null, "Massachusetts ": null, "North Carolina": null,
  "Ny": null, "Ohio, USA": "US", "Russia": "RU", "U.S.": "US", "USA": "US", "Usa": "US", "VA, USA": "US",
  "Vietnam": "VN", "Virginia, United States of America": "US", "california": null, "lithuania": "LT",
  "mauritius ": "MU", "nj": null, "pennsylvania, usa": "US", "va": null, "virginia": null, "virginia, u.s": "US",
  "Maryland": null, "Massachusetts": null, "New York": null, "Germany": "DE", "Maryland ": null,
  "Pennsylvania": null, "United States ": "US", "Alexandria, virginia ": null, "Brazil": "BR", "CA, USA": "US",
  "California": null, "D.C": null, "Fairfax VA": null, "India": "IN", "Maryland, US": "US", "Mass ": null,
  "New York City": null, "Ohio": null, "Oklahoma, USA": "US", "Pennsylvania ": null, "Philippines": "PH",
  "Spain technically but I am not from there. American": null, "Thailand": "TH", "USA ": "US",
  "United kingdom": "GB", "Virginia USA": "US", "Virginia, U.S.": "US", "Virginia, United States": "US",
  "Washington D.C": null, "Washington DC": null, "Your mom ": null, "canada": "CA", "illinois": null,
  "massachusetts usa": "US", "new ylork": null, "philippines": "PH", "UK": "GB", "Canada": "CA",
  "Finland": "FI", "Scotland ": "GB", "Switzerland": "CH", "Uk": "GB", "United Kingdom": "GB",
  "United Kingdom ": "GB", "United States of America": "US", "United states": "US", "united states ": "US",
  "usa": "US", "Argentina": "AR", "Australia": "AU", "Norway": "NO", "Denmark": "DK", "Netherlands": "NL",
  "South Africa": "ZA", "Sweden": "SE", "Bangladesh": "BD", "Mexico": "MX", "New Zealand": "NZ",
  "Nigeria": "NG", "Colombia": "CO", "Estonia": "EE", "Ethiopia": "ET", "Italy": "IT", "Kenya": "KE",
  "Spain": "ES", "England": "GB",
};

// First suggestion expected for some rejected observed values (by hand).
const OBSERVED_SUGGESTION: Readonly<Record<string, string | undefined>> = {
  "Virginia": "United States", "VA": "Vatican City", "CA": "Canada", "Ny": "United States", "D.C": "United States",
  "Fairfax VA": "United States", "Alexandria, virginia ": "United States", "Mass ": "United States",
  "New York City": "United States", "Washington DC": "United States", "new ylork": "United States",
  "Spain technically but I am not from there. American": "Spain", "Your mom ": undefined, "": undefined,
};

describeShared("normaliseCountry on observed_country_strings.csv", () => {
  const rows = parse(readFileSync(fixture("real-exports", "country-messiness", "observed_country_strings.csv")), {
    columns: true,
    bom: true,
  }) as Array<{ raw_value: string; count: string }>;

  it("has an expectation for every distinct value", () => {
    const distinct = new Set(rows.map((r) => r.raw_value));
    expect(distinct.size).toBe(101);
    for (const v of distinct) expect(Object.hasOwn(OBSERVED, v), JSON.stringify(v)).toBe(true);
  });
  it.each(rows.map((r) => [r.raw_value, OBSERVED[r.raw_value]] as const))("%j -> %s", (raw, expected) => {
    const r = normaliseCountry(raw);
    expect(r.ok ? r.code : null).toBe(expected);
  });
  it.each(Object.entries(OBSERVED_SUGGESTION))("%j suggests %s first", (raw, first) => {
    const r = normaliseCountry(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions[0]).toBe(first);
  });
  it("resolves 88 of 133 rows (288 of 399 responses)", () => {
    // Counted with python3 over the CSV and the OBSERVED table above.
    const resolved = rows.filter((r) => normaliseCountry(r.raw_value).ok);
    expect(resolved.length).toBe(88);
    expect(resolved.reduce((s, r) => s + Number(r.count), 0)).toBe(288);
  });
});
