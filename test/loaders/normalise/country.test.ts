import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "csv-parse/sync";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import en from "i18n-iso-countries/langs/en.json";
import { iso31662 } from "iso-3166";
import {
  allCountryCodes,
  countryName,
  countryNumeric,
  formatSuggestions,
  isCountryCode,
  normaliseCountry,
  type CountryResult,
} from "../../../loaders/normalise/country";
import { AMBIGUOUS_CODES, COUNTRY_ALIASES, MISREAD_CODES, SUBDIVISIONS } from "../../../loaders/normalise/country-aliases";
import { describeShared, fixture } from "../../helpers/shared";

const require = createRequire(import.meta.url);

/** Code of a value that must resolve; fails the test with the suggestions otherwise. */
function codeOf(raw: string): string | { suggestions: string[] } {
  const r = normaliseCountry(raw);
  return r.ok ? r.code : { suggestions: r.suggestions.map((s) => s.code) };
}

/** Suggested codes of a value that must not resolve (undefined when it resolved). */
function suggested(raw: string): string[] | undefined {
  const r = normaliseCountry(raw);
  return r.ok ? undefined : r.suggestions.map((s) => s.code);
}

/**
 * A hand label: a code ("US": it names that country), "~US" (a place in it, such as a state or a
 * city: the right outcome is no mapping with US suggested first), or "none" (not a country).
 * `right` = mapped to the code, or refused with the code as first suggestion (for "none": refused);
 * `wrong` = mapped automatically to anything else (or, for "~" and "none", mapped at all).
 */
function judge(label: string, r: CountryResult): "right" | "wrong" | "miss" {
  const first = r.ok ? undefined : r.suggestions[0]?.code;
  if (label === "none") return r.ok ? "wrong" : "right";
  if (label.startsWith("~")) return r.ok ? "wrong" : first === label.slice(1) ? "right" : "miss";
  if (r.ok) return r.code === label ? "right" : "wrong";
  return first === label ? "right" : "miss";
}

// Written by hand from the ISO 3166-1 list (iso.org OBP) and the spellings people use.
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["U.S.A.", "US"], ["united states ", "US"], ["USA", "US"], ["usa", "US"], ["U.S.", "US"],
  ["United States of America", "US"], ["America", "US"], ["  United   States  ", "US"],
  ["Côte d'Ivoire", "CI"], ["Cote d'Ivoire", "CI"], ["Cote d Ivoire", "CI"], ["COTE D’IVOIRE", "CI"], ["Ivory Coast", "CI"],
  ["UK", "GB"], ["U.K.", "GB"], ["United Kingdom", "GB"], ["England", "GB"], ["Scotland", "GB"], ["Wales", "GB"],
  ["Northern Ireland", "GB"], ["Great Britain", "GB"], ["GBR", "GB"], ["gb", "GB"],
  ["Holland", "NL"], ["The Netherlands", "NL"], ["the netherlands", "NL"], ["Netherlands", "NL"], ["Nederland", "NL"],
  ["Burma", "MM"], ["Myanmar", "MM"], ["Swaziland", "SZ"], ["Eswatini", "SZ"], ["Zaire", "CD"],
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

// [raw, first suggestion or undefined for none]. Ambiguous codes: the more populous reading first,
// by the gazetteer's sums (python3 over city-timezones' cityMap.json): Virginia 3,111,548 > Vatican
// City 832; California 24,716,915 > Canada 19,827,150; India, Germany, Netherlands and Saudi Arabia
// above Indiana, Delaware, Newfoundland and South Australia; DR Congo 16,481,944 > Congo 2,245,896.
const REJECTED: ReadonlyArray<readonly [string, string | undefined]> = [
  ["VA", "US"], ["CA", "US"], ["IN", "IN"], ["DE", "DE"], ["NL", "NL"], ["SA", "SA"],
  ["Virginia", "US"], ["New Mexico", "US"], ["New Jersey", "US"],
  ["New South Wales", "AU"], ["New England", "US"], ["Ontario", "CA"], ["NY", "US"],
  ["Congo", "CD"], ["Atlanta, Georgia", "US"], ["Atlantis", undefined], ["", undefined],
  ["   ", undefined], ["ZZ", undefined], ["Spain / USA", "ES"], ["Spain, Germany", "ES"],
  ["Puerto Rico, USA", "PR"], ["France, DE", "FR"],
];

describe("normaliseCountry: aliases", () => {
  it("has a table of at least 60 aliases", () => expect(ALIASES.length).toBeGreaterThanOrEqual(60));
  it.each(ALIASES)("%j -> %s", (raw, code) => expect(codeOf(raw)).toBe(code));
  it.each(REJECTED)("%j is not a country (first suggestion %s)", (raw, first) => {
    const r = normaliseCountry(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions[0]?.code).toBe(first);
  });
});

describe("normaliseCountry: ambiguous codes and suggestions", () => {
  it("offers both readings of an ambiguous code, the more populous first, as {code, name}", () => {
    // Populations: see REJECTED above (Virginia > Vatican City, California > Canada, Netherlands > Newfoundland).
    expect(normaliseCountry("VA")).toEqual({ ok: false, suggestions: [{ code: "US", name: "United States" }, { code: "VA", name: "Vatican City" }] });
    expect(suggested("ca")).toEqual(["US", "CA"]);
    expect(suggested("NL")).toEqual(["NL", "CA"]);
  });
  it("suggests Australia for Austrlia, at most 3 countries", () => {
    const r = suggested("Austrlia")!;
    expect(r).toContain("AU");
    expect(r.length).toBeLessThanOrEqual(3);
  });
  it("suggests only United States for a US state", () => expect(suggested("Virginia")).toEqual(["US"]));
  it("accepts every assigned code alone except the ambiguous, the misread and the doubled ones", () => {
    for (const code of allCountryCodes())
      expect(normaliseCountry(code).ok, code).toBe(!(code in AMBIGUOUS_CODES) && !(code in MISREAD_CODES) && code[0] !== code[1]);
  });
  it("every ambiguous or misread code is an assigned code", () => {
    for (const code of [...Object.keys(AMBIGUOUS_CODES), ...Object.keys(MISREAD_CODES)]) expect(allCountryCodes()).toContain(code);
  });
  it("the ambiguous codes are exactly the US, Canadian and Australian ISO 3166-2 codes that are also ISO alpha-2 codes of other places", () => {
    // From iso-3166 (wooorm): US-PR, US-GU, US-VI, US-AS, US-MP and US-UM are the territories themselves.
    const same = new Set(["PR", "GU", "VI", "AS", "MP", "UM"]);
    const fromIso = iso31662
      .filter((s) => ["US", "CA", "AU"].includes(s.parent))
      .map((s) => s.code.slice(3))
      .filter((c) => isCountryCode(c) && !same.has(c));
    expect(new Set(fromIso)).toEqual(new Set(Object.keys(AMBIGUOUS_CODES)));
    for (const [code, other] of Object.entries(AMBIGUOUS_CODES)) expect(iso31662.some((s) => s.code === `${other}-${code}`), code).toBe(true);
  });
  it("SUBDIVISIONS holds every US, Canadian and Australian ISO 3166-2 name and code", () => {
    const known = new Set(Object.values(SUBDIVISIONS).flat().map((p) => p.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()));
    for (const s of iso31662.filter((x) => ["US", "CA", "AU"].includes(x.parent) && !isCountryCode(x.code.slice(3)) || ["US", "CA", "AU"].includes(x.parent) && x.code.slice(3) in AMBIGUOUS_CODES)) {
      expect(known.has(s.name.toLowerCase()), s.name).toBe(true);
      expect(known.has(s.code.slice(3).toLowerCase()), s.code).toBe(true);
    }
  });
  it("formats suggestions with their codes", () => {
    const r = normaliseCountry("Boston, MA");
    expect(r.ok ? "" : formatSuggestions(r.suggestions)).toBe("United States [US], Morocco [MA]");
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

describe("normaliseCountry: names in other scripts", () => {
  it("reads a country as registrants write it in their own script, whole or among other parts", () => {
    const cases: [string, string][] = [
      ["Россия", "RU"], ["Росія", "RU"], ["Україна", "UA"], ["日本", "JP"], ["中国", "CN"], ["台湾", "TW"], ["대한민국", "KR"],
      ["Ελλάδα", "GR"], ["भारत", "IN"], ["مصر", "EG"], ["ישראל", "IL"], ["ایران", "IR"], ["ไทย", "TH"],
      ["Москва, Россия", "RU"], ["東京・日本", "JP"], ["中国（北京）", "CN"], [" Россия. ", "RU"],
    ];
    for (const [raw, code] of cases) expect(codeOf(raw), raw).toBe(code);
  });
  it("refuses a name the locales give to two countries, suggesting both, and a name no locale has", () => {
    expect(suggested("Конго")).toEqual(["CD", "CG"]);
    expect(suggested("Москва")).toEqual([]);
    // a list of two countries; "<place>, <country>" reads as the country, as in Latin script
    expect(suggested("Россия, 日本")).toEqual(["RU", "JP"]);
    expect(codeOf("Москва, 日本")).toBe("JP");
  });
  it("resolves every name of every non-Latin locale that names one country only", () => {
    // the locales' own data, read here as the index reads them: each name that no other locale gives another code
    const seen = new Map<string, Set<string>>();
    for (const lang of ["ru", "ja", "zh", "ko", "el", "hi", "ar", "he", "uk", "th"]) {
      const names = (require(`i18n-iso-countries/langs/${lang}.json`) as { countries: Record<string, string | string[]> }).countries;
      for (const [code, list] of Object.entries(names)) for (const n of [list].flat()) seen.set(n, new Set([...(seen.get(n) ?? []), code]));
    }
    let checked = 0;
    for (const [name, codes] of seen) {
      if (codes.size !== 1 || /[A-Za-z]/.test(name) || !isCountryCode([...codes][0])) continue;
      const r = normaliseCountry(name);
      if (r.ok) expect(r.code, name).toBe([...codes][0]);
      else expect(r.suggestions.map((x) => x.code), name).toContain([...codes][0]);
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
  });
});

describe("normaliseCountry: values of several parts", () => {
  it.each([
    ["Spain / España", "ES"], ["Deutschland (Germany)", "DE"], ["Belgique - België", "BE"], ["Belgique – België", "BE"],
    ["England, UK", "GB"], ["England, Gb", "GB"], ["UK (England)", "GB"], ["Wales (United Kingdom)", "GB"], ["England/UK", "GB"],
    ["Scotland | United Kingdom", "GB"], ["Canada, Ottawa, ontario", "CA"], ["Georgia (USA)", "US"], ["USA (Virginia)", "US"],
    ["Nederland (Amsterdam)", "NL"], ["Schweiz / Suisse / Svizzera", "CH"], ["Bosnia and Herzegovina", "BA"], ["Trinidad & Tobago", "TT"],
  ])("%j -> %s (every part agrees)", (raw, code) => expect(codeOf(raw)).toBe(code));
  it.each([
    ["Spain / USA", ["ES", "US"]], ["Canada and USA", ["CA", "US"]], ["Nigeria + UK", ["NG", "GB"]], ["Italy (South)", ["IT"]],
    ["Luxembourg (Belgium)", ["LU", "BE"]], ["Remote (philippines)", ["PH"]], ["Mexico / New Mexico", ["MX", "US"]],
    ["United States- Puerto Rico", ["US", "PR"]],
  ])("%j is refused, suggesting %j", (raw, codes) => expect(suggested(raw)).toEqual(codes));
});

describe("normaliseCountry: cities and states", () => {
  it.each([
    ["Boston, MA", ["US", "MA"]], ["Needham, MA", ["US", "MA"]], ["Atlanta, GA", ["US", "GA"]], ["Toronto, ON", ["CA"]],
    ["London, ON", ["CA"]], ["Seattle, WA", ["US", "AU"]], ["Perth, WA", ["AU", "US"]], ["Atlanta, Georgia", ["US", "GE"]],
    ["Fairfax VA", ["US"]], ["Munich, Bayern", ["DE"]], ["Washington, DC", ["US"]], ["Maitland, NSW", ["AU"]],
  ])("%j suggests %j", (raw, codes) => expect(suggested(raw)).toEqual(codes));
  it("suggests a city's country, never maps it", () => {
    // city-timezones (python3 over cityMap.json): London GB 7,994,104 > London CA (Ontario) 340,900 > London US (Kentucky) 7,844.
    expect(suggested("London")).toEqual(["GB", "CA", "US"]);
    expect(suggested("Amsterdam")).toEqual(["NL"]);
    expect(suggested("Perth")).toEqual(["AU"]);
    expect(suggested("Cambridge")).toEqual(["GB"]);
    for (const city of ["Paris", "Tokyo", "Nairobi", "Lagos", "Toronto", "Melbourne", "Dublin", "Canberra", "Wellington"])
      expect(normaliseCountry(city).ok, city).toBe(false);
  });
  it("keeps 'a list of countries' and 'a city in a state' apart for an ambiguous code", () => {
    expect(suggested("France, DE")).toEqual(["FR", "DE", "US"]);
    expect(suggested("Newark, DE")).toEqual(["US", "DE"]);
  });
});

describe("normaliseCountry: flags, misread codes, typos", () => {
  it("reads a flag emoji as its code, and refuses a flag the text contradicts", () => {
    expect(codeOf("🇺🇸 ")).toBe("US");
    expect(codeOf("🇩🇪 Germany")).toBe("DE");
    expect(suggested("🇨🇦 USA")).toEqual(["CA", "US"]);
    expect(suggested("🇪🇸🇺🇸")).toEqual(["ES", "US"]);
  });
  it("refuses n/a, no, mistyped US and keyboard mashing", () => {
    expect(suggested("n/a")).toEqual(["NA"]);
    expect(suggested("N/A")).toEqual(["NA"]);
    expect(suggested("No")).toEqual(["NO"]);
    // US 162,908,748 > Iceland 176,662 (gazetteer sums): "IS" with a US state was "US" mistyped.
    expect(suggested("IS")).toEqual(["US", "IS"]);
    expect(suggested("I.S.")).toEqual(["US", "IS"]);
    expect(suggested("ss")).toEqual(["SS"]);
    expect(normaliseCountry("ff").ok).toBe(false);
  });
  it("suggests the United States for three-letter typos of USA and for capitals in a sentence", () => {
    for (const raw of ["ISA", "USS", "USD", "Usat", "USaa", "USA tomorrow", "US of A"]) expect(suggested(raw)?.[0], raw).toBe("US");
    expect(suggested("UK for U.S. company")).toEqual(["GB", "US"]);
    // "in" and "on" are words here, not Indiana and Ontario.
    expect(suggested("I am located in Canada but I work for a company in the US")).toEqual(["CA", "US"]);
    expect(suggested("From New Zealand but on projects across APAC")).toEqual(["NZ"]);
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

// A label for every distinct raw value of observed_country_strings.csv, decided by hand (see
// `judge`): the question was "What state or country were you born in?", so a US state, city or
// postal abbreviation alone ("VA", "CA", "Virginia", "D.C", "Fairfax VA") is "~US": its right
// outcome is no mapping with the United States suggested first. "<state>, <country>" and
// "<state> USA" name the country; jokes are "none".
const OBSERVED: Readonly<Record<string, string>> = {
  "Virginia": "~US", "Illinois ": "~US", "US": "US", "VA": "~US", "Virginia ": "~US", "": "none", "Florida": "~US",
  "United States": "US", "Virginia, USA": "US", "maryland": "~US", "America": "US", "CA": "~US", "Colorado": "~US",
  "DC, United States": "US", "Ghana": "GH", "Louisiana": "~US", "Massachusetts ": "~US", "North Carolina": "~US",
  "Ny": "~US", "Ohio, USA": "US", "Russia": "RU", "U.S.": "US", "USA": "US", "Usa": "US", "VA, USA": "US",
  "Vietnam": "VN", "Virginia, United States of America": "US", "california": "~US", "lithuania": "LT",
  "mauritius ": "MU", "nj": "~US", "pennsylvania, usa": "US", "va": "~US", "virginia": "~US", "virginia, u.s": "US",
  "Maryland": "~US", "Massachusetts": "~US", "New York": "~US", "Germany": "DE", "Maryland ": "~US",
  "Pennsylvania": "~US", "United States ": "US", "Alexandria, virginia ": "~US", "Brazil": "BR", "CA, USA": "US",
  "California": "~US", "D.C": "~US", "Fairfax VA": "~US", "India": "IN", "Maryland, US": "US", "Mass ": "~US",
  "New York City": "~US", "Ohio": "~US", "Oklahoma, USA": "US", "Pennsylvania ": "~US", "Philippines": "PH",
  "Spain technically but I am not from there. American": "ES", "Thailand": "TH", "USA ": "US",
  "United kingdom": "GB", "Virginia USA": "US", "Virginia, U.S.": "US", "Virginia, United States": "US",
  "Washington D.C": "~US", "Washington DC": "~US", "Your mom ": "none", "canada": "CA", "illinois": "~US",
  "massachusetts usa": "US", "new ylork": "~US", "philippines": "PH", "UK": "GB", "Canada": "CA",
  "Finland": "FI", "Scotland ": "GB", "Switzerland": "CH", "Uk": "GB", "United Kingdom": "GB",
  "United Kingdom ": "GB", "United States of America": "US", "United states": "US", "united states ": "US",
  "usa": "US", "Argentina": "AR", "Australia": "AU", "Norway": "NO", "Denmark": "DK", "Netherlands": "NL",
  "South Africa": "ZA", "Sweden": "SE", "Bangladesh": "BD", "Mexico": "MX", "New Zealand": "NZ",
  "Nigeria": "NG", "Colombia": "CO", "Estonia": "EE", "Ethiopia": "ET", "Italy": "IT", "Kenya": "KE",
  "Spain": "ES", "England": "GB",
};

describeShared("normaliseCountry on observed_country_strings.csv", () => {
  let rows: Array<{ raw_value: string; count: string }> = [];
  beforeAll(() => {
    rows = parse(readFileSync(fixture("real-exports", "country-messiness", "observed_country_strings.csv")), { columns: true, bom: true });
  });

  it("has a label for every distinct value", () => {
    const distinct = new Set(rows.map((r) => r.raw_value));
    expect(distinct.size).toBe(101);
    for (const v of distinct) expect(Object.hasOwn(OBSERVED, v), JSON.stringify(v)).toBe(true);
  });
  it("maps nothing wrong and is right on all 133 rows (mapped right, or the right first suggestion)", () => {
    const verdicts = rows.map((r) => [r.raw_value, judge(OBSERVED[r.raw_value], normaliseCountry(r.raw_value))] as const);
    expect(verdicts.filter(([, v]) => v === "wrong")).toEqual([]);
    // Measured: 133 of 133 rows (399 of 399 responses); before this normaliser's suggestions
    // ranked states and cities, "VA", "va" and "CA" suggested Vatican City and Canada first (129 of 133).
    expect(verdicts.filter(([, v]) => v !== "right")).toEqual([]);
  });
  it("resolves 88 of 133 rows (288 of 399 responses)", () => {
    // Counted with python3 over the CSV and the labels above: the rows labelled with a bare code,
    // less "Spain technically ..." (a sentence, refused with Spain suggested).
    const resolved = rows.filter((r) => normaliseCountry(r.raw_value).ok);
    expect(resolved.length).toBe(88);
    expect(resolved.reduce((s, r) => s + Number(r.count), 0)).toBe(288);
  });
});

describe("normaliseCountry on real country strings (test/fixtures/countries)", () => {
  let rows: Array<{ value: string; label: string; count: string; source: string }> = [];
  beforeAll(() => {
    const file = path.resolve(__dirname, "../../fixtures/countries/real-country-strings.csv");
    rows = parse(readFileSync(file), { columns: true });
  });
  const verdicts = (source: string) => rows.filter((r) => r.source === source).map((r) => ({ ...r, verdict: judge(r.label, normaliseCountry(r.value)) }));

  it("holds 383 country answers and 354 city answers, every label well-formed", () => {
    expect(rows.filter((r) => r.source === "aam2021-country").length).toBe(383);
    expect(rows.filter((r) => r.source === "aam2021-city").length).toBe(354);
    for (const r of rows) {
      const code = r.label.replace(/^~/, "");
      expect(r.label === "none" || isCountryCode(code), r.label).toBe(true);
    }
  });
  it.each(["aam2021-country", "aam2021-city"])("%s: no wrong automatic mapping", (source) => {
    expect(verdicts(source).filter((r) => r.verdict === "wrong").map((r) => `${r.value} (${r.label})`)).toEqual([]);
  });
  it("Ask a Manager country answers: mapped right or right first suggestion for at least 376 of 383 (98.2%)", () => {
    // Measured 376/383 distinct values (28,192 of 28,199 responses); the previous normaliser: 355/383
    // and 6 wrong mappings ("IS", "I.S.", "UA", "U.A." -> Iceland, Ukraine; "na" -> Namibia; "ss" -> South Sudan).
    expect(verdicts("aam2021-country").filter((r) => r.verdict === "right").length).toBeGreaterThanOrEqual(376);
  });
  it("Ask a Manager city answers: the right first suggestion for at least 352 of 354 (99.4%)", () => {
    // Measured 352/354 ("Cambridge" and "Alexandria" suggest the larger namesakes, GB and Egypt, first); previously 152/354.
    expect(verdicts("aam2021-city").filter((r) => r.verdict === "right").length).toBeGreaterThanOrEqual(352);
  });
});
