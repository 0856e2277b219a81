/**
 * A gazetteer of the world's capitals and larger cities, for country SUGGESTIONS only: a city
 * never maps to a country by itself ("Perth" is in Australia and in Scotland; "London" in England
 * and Ontario). The data is `city-timezones` (MIT; Natural Earth populated places, 7,300 places
 * with every capital, each with its ISO alpha-2 code, first-level region and population). It is
 * read on first use, about 2 MB of JSON, so a file whose countries all resolve never loads it.
 *
 * Names fold as country names do (`placeKey`): "Montréal" = "Montreal", "St. Louis" = "Saint Louis".
 */
import { createRequire } from "node:module";
import { placeKey } from "./place-key";

/** One populated place: where it is and how many live there. */
export interface Place {
  /** Name as the gazetteer writes it. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 code of its country. */
  readonly code: string;
  /** Its first-level region (state, province, county) as the gazetteer names it. */
  readonly region: string;
  /** Population (the gazetteer's figure, people). */
  readonly population: number;
}

/** Population of a first-level region of a country: the sum over the gazetteer's places in it. */
export interface Region {
  readonly code: string;
  readonly region: string;
  readonly population: number;
}

interface Entry {
  city: string;
  city_ascii: string;
  pop: number;
  iso2: string | number;
  iso3: string;
  province: string;
}

/** Places without an alpha-2 code in the data, by alpha-3: Kosovo (XK, as CLDR) and Somaliland (in Somalia). */
const CODE_BY_ALPHA3: Readonly<Record<string, string>> = { KOS: "XK", SOL: "SO" };

interface Index {
  places: Map<string, Place[]>;
  regions: Map<string, Region[]>;
  countryPopulation: Map<string, number>;
  regionPopulation: Map<string, number>;
}

let index: Index | undefined;

function load(): Index {
  const require = createRequire(import.meta.url);
  const entries = (require("city-timezones") as { cityMapping: Entry[] }).cityMapping;
  const places = new Map<string, Place[]>();
  const regionSum = new Map<string, Region>();
  const countryPopulation = new Map<string, number>();
  for (const e of entries) {
    const iso2 = String(e.iso2);
    const code = /^[A-Z]{2}$/.test(iso2) ? iso2 : CODE_BY_ALPHA3[e.iso3];
    if (!code) continue;
    const population = Number(e.pop) || 0;
    const place: Place = Object.freeze({ name: e.city, code, region: e.province ?? "", population });
    for (const key of new Set([placeKey(e.city), placeKey(e.city_ascii)])) {
      if (key === "") continue;
      const list = places.get(key) ?? [];
      list.push(place);
      places.set(key, list);
    }
    countryPopulation.set(code, (countryPopulation.get(code) ?? 0) + population);
    const rkey = `${code}:${placeKey(place.region)}`;
    const r = regionSum.get(rkey);
    regionSum.set(rkey, { code, region: place.region, population: (r?.population ?? 0) + population });
  }
  for (const list of places.values()) list.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  const regions = new Map<string, Region[]>();
  const regionPopulation = new Map<string, number>();
  for (const [rkey, r] of regionSum) {
    regionPopulation.set(rkey, r.population);
    const key = placeKey(r.region);
    if (key === "") continue;
    const list = regions.get(key) ?? [];
    list.push(Object.freeze(r));
    regions.set(key, list);
  }
  for (const list of regions.values()) list.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  return { places, regions, countryPopulation, regionPopulation };
}

function idx(): Index {
  return (index ??= load());
}

/**
 * The gazetteer's places whose name folds to `key` (a `placeKey`), most populous first; [] when
 * none. "perth" -> Perth AU (Western Australia), Perth GB. Loads the gazetteer on first call.
 */
export function placesNamed(key: string): readonly Place[] {
  return idx().places.get(key) ?? [];
}

/**
 * The first-level regions whose name folds to `key`, most populous first ("bayern" -> DE). Their
 * populations are sums over the gazetteer's places, so they compare regions, not census figures.
 */
export function regionsNamed(key: string): readonly Region[] {
  return idx().regions.get(key) ?? [];
}

/** People in the gazetteer's places of a country (alpha-2); 0 for a code it has no place of. */
export function countryPopulation(code: string): number {
  return idx().countryPopulation.get(code) ?? 0;
}

/** People in the gazetteer's places of one region of a country, the region given by name; 0 when unknown. */
export function regionPopulation(code: string, region: string): number {
  return idx().regionPopulation.get(`${code}:${placeKey(region)}`) ?? 0;
}
