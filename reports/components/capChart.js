// The largest country's share of each round's applicants against the program's 20% cap: one bar
// a round, labelled with its share and (where it changes) the country, the cap a dashed line
// above or through them, and bars over the cap in vermillion.
import * as Plot from "npm:@observablehq/plot";
import {OKABE_ITO, roundAxis} from "./format.js";

/**
 * @param {{round: string, country_name: string, share: number, over_cap: boolean}[]} rows one per round.
 * @param {{width: number, cap: number}} options
 */
export function CapChart(rows, {width, cap = 0.2} = {}) {
  const x = roundAxis(width, rows);
  const top = Math.max(cap * 1.3, ...rows.map((d) => d.share + 0.04));
  // Labels inside the bars need about 44 px ("19.1%" in bold); narrower bars (a phone, many
  // rounds) leave them to the tips rather than print them over each other.
  const roomy = ((width - 130) / Math.max(1, rows.length)) * 0.7 >= 44;
  return Plot.plot({
    width,
    height: 360 + x.extra,
    style: {fontSize: "14px"},
    marginLeft: 60,
    marginRight: 70,
    marginBottom: 50 + x.extra,
    x: {...x.options, type: "band", domain: rows.map((d) => d.round), label: "Round", labelAnchor: "center", labelOffset: 40 + x.extra, padding: 0.3},
    y: {label: "Largest country's share of applicants", labelAnchor: "top", tickFormat: "%", domain: [0, top], grid: true},
    marks: [
      Plot.barY(rows, {x: "round", y: "share", fill: (d) => (d.over_cap ? OKABE_ITO.vermillion : OKABE_ITO.blue), tip: true,
        title: (d) => `${d.round}: ${d.country_name}, ${(d.share * 100).toFixed(1)}% of applicants`}),
      // Shares inside the top of each bar, clear of the cap line just above.
      roomy ? Plot.text(rows, {x: "round", y: "share", text: (d) => `${(d.share * 100).toFixed(1)}%`, dy: 14, fill: "white", fontWeight: 700}) : null,
      // Name the largest country inside its bar where it changes (and at the start).
      roomy ? Plot.text(rows.filter((d, i) => i === 0 || d.country_name !== rows[i - 1].country_name), {x: "round", y: 0, text: "country_name", dy: -16, fill: "white", fontSize: 12, lineWidth: 6}) : null,
      Plot.ruleY([cap], {stroke: OKABE_ITO.vermillion, strokeWidth: 2, strokeDasharray: "8,4"}),
      Plot.text([cap], {x: rows.at(-1)?.round, y: (d) => d, text: () => `${Math.round(cap * 100)}% cap`, dx: 36, textAnchor: "start", fill: OKABE_ITO.vermillion, fontWeight: 700, frameAnchor: "right"}),
      Plot.ruleY([0])
    ]
  });
}
