// A world choropleth of participants per country, from world-atlas's TopoJSON (no tile server).
import * as Plot from "npm:@observablehq/plot";
import * as topojson from "npm:topojson-client";
import {SUPPRESSED_FILL} from "./format.js";

/** Fill of land with no participants (listed in the legend as such). */
export const NO_PARTICIPANTS = "#f4f4f4";

// ColorBrewer Blues: ordered by lightness, so readable in greyscale and with colour-vision deficiencies.
const COLORS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"];

/**
 * Participant bands for a minimum cell size: the first band is how a suppressed count is shown
 * ("fewer than min", or hidden so that a small count cannot be worked out).
 */
export function bandsFor(min = 5) {
  const cuts = [min, Math.max(min + 1, 10), 25, 50, 100].filter((c, i, a) => i === 0 || c > a[i - 1]);
  // The suppressed band takes a sand colour off the blue scale, so it never reads as "a few".
  const bands = [{key: `hidden (mostly <${min})`, lo: -Infinity, color: SUPPRESSED_FILL}];
  cuts.forEach((c, i) => bands.push({key: i === cuts.length - 1 ? `${c}+` : `${c}–${cuts[i + 1] - 1}`, lo: c, color: COLORS[Math.min(i, COLORS.length - 1)]}));
  return bands;
}

/** The band key of a published count (null = suppressed). */
export function band(participants, min = 5) {
  const bands = bandsFor(min);
  if (participants == null) return bands[0].key;
  return bands.filter((b) => participants >= b.lo).at(-1).key;
}

/**
 * @param {object} world world-atlas countries TopoJSON (objects.countries, ids = ISO numeric).
 * @param {{numeric: string, name: string, participants: number|null}[]} rows countries with participants.
 * @param {{width: number}} options
 */
export function WorldChoropleth(world, rows, {width, min = 5} = {}) {
  const bands = bandsFor(min);
  const countries = topojson.feature(world, world.objects.countries);
  const byId = new Map(rows.map((d) => [d.numeric, d]));
  const land = countries.features.filter((f) => f.properties.name !== "Antarctica");
  return Plot.plot({
    width,
    height: Math.round(width * 0.5),
    style: {fontSize: "14px"},
    projection: {type: "equal-earth", domain: {type: "FeatureCollection", features: land}},
    color: {type: "ordinal", domain: bands.map((b) => b.key), range: bands.map((b) => b.color), label: "Participants"},
    marks: [
      Plot.sphere({stroke: "#ccc"}),
      Plot.geo(land, {fill: NO_PARTICIPANTS, stroke: "#d0d0d0", strokeWidth: 0.5}),
      Plot.geo(land.filter((f) => byId.has(f.id)), {
        fill: (f) => band(byId.get(f.id).participants, min),
        stroke: "white",
        strokeWidth: 0.5,
        tip: true,
        title: (f) => {
          const d = byId.get(f.id);
          return `${d.name}: ${d.participants == null ? `hidden (mostly fewer than ${min})` : d.participants.toLocaleString("en-GB")} participants`;
        }
      })
    ]
  });
}
