// The largest country's share of each round's applicants against the program's 20% cap.
import * as Plot from "npm:@observablehq/plot";
import {OKABE_ITO} from "./format.js";

/**
 * @param {{round: string, country_name: string, share: number, over_cap: boolean}[]} rows one per round.
 * @param {{width: number, cap: number}} options
 */
export function CapChart(rows, {width, cap = 0.2} = {}) {
  return Plot.plot({
    width,
    height: 340,
    style: {fontSize: "14px"},
    marginLeft: 60,
    x: {type: "point", domain: rows.map((d) => d.round), label: "Round", labelAnchor: "center", labelOffset: 40, padding: 0.3},
    y: {label: "Largest country's share of applicants", labelAnchor: "top", tickFormat: "%", domain: [0, Math.max(cap * 1.5, ...rows.map((d) => d.share))], grid: true},
    marks: [
      Plot.ruleY([cap], {stroke: OKABE_ITO.vermillion, strokeWidth: 2, strokeDasharray: "8,4"}),
      Plot.text(rows.slice(0, 1), {x: "round", y: () => cap, text: () => `${Math.round(cap * 100)}% cap`, dy: -12, dx: -20, textAnchor: "start", fill: OKABE_ITO.vermillion, fontWeight: 600}),
      Plot.line(rows, {x: "round", y: "share", stroke: OKABE_ITO.blue, strokeWidth: 2}),
      Plot.dot(rows, {x: "round", y: "share", fill: (d) => (d.over_cap ? OKABE_ITO.vermillion : OKABE_ITO.blue), r: 6, tip: true,
        title: (d) => `${d.round}: ${d.country_name}, ${(d.share * 100).toFixed(1)}% of applicants`}),
      // Name the largest country where it changes (and at the start), not at every round.
      Plot.text(rows.filter((d, i) => i === 0 || d.country_name !== rows[i - 1].country_name), {x: "round", y: "share", text: "country_name", dy: 18, fill: "#333"})
    ]
  });
}
