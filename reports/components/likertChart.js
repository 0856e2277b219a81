// Likert distributions as 100% stacked horizontal bars (answer 1 on the left, 5 on the right).
import * as Plot from "npm:@observablehq/plot";
import {LIKERT} from "./format.js";

// Merged small cells are drawn first (leftmost): they are nearly always the rare low answers.
const ORDER = ["merged", 1, 2, 3, 4, 5];

/**
 * @param {{group: string, answer: number|"merged", count: number|null, share: number|null}[]} rows
 *   one row per group (a round or an item) and answer; suppressed cells are already merged.
 * @param {{width: number, groupLabel: string, groups?: string[]}} options
 */
export function LikertBars(rows, {width, groupLabel, groups, marginLeft = 90} = {}) {
  const domain = groups ?? [...new Set(rows.map((d) => d.group))];
  const data = rows.filter((d) => d.share != null && d.share > 0);
  return Plot.plot({
    width,
    height: 60 + 44 * domain.length,
    style: {fontSize: "14px"},
    marginLeft,
    marginBottom: 50,
    x: {label: "Share of respondents", labelAnchor: "center", labelOffset: 42, tickFormat: "%", domain: [0, 1], grid: true},
    y: {label: groupLabel, domain, labelAnchor: "top"},
    color: {domain: LIKERT.map((d) => d.answer), range: LIKERT.map((d) => d.color)},
    marks: [
      Plot.barX(data, Plot.stackX({x: "share", y: "group", fill: "answer", order: ORDER, inset: 0.5, tip: true,
        title: (d) => `${d.group}, answer ${d.answer}: ${(d.share * 100).toFixed(1)}%`})),
      Plot.text(data, Plot.stackX({x: "share", y: "group", z: "answer", order: ORDER, text: (d) => (d.share >= 0.06 ? `${Math.round(d.share * 100)}%` : ""),
        fill: (d) => (d.answer === 5 || d.answer === 1 ? "white" : "black")})),
      Plot.ruleX([0])
    ]
  });
}
