// Likert distributions as 100% stacked horizontal bars (answer 1 on the left, 5 on the right).
import * as Plot from "npm:@observablehq/plot";
import {LIKERT} from "./format.js";

// Merged small answer groups are drawn last, after the 5s, so they never sit where low scores go.
const ORDER = [1, 2, 3, 4, 5, "merged"];

/**
 * @param {{group: string, answer: number|"merged", count: number|null, share: number|null}[]} rows
 *   one row per group (a round or an item) and answer; suppressed cells are already merged.
 * @param {{width: number, groupLabel: string, groups?: string[]}} options
 */
export function LikertBars(rows, {width, groupLabel, groups, marginLeft = 90} = {}) {
  const domain = groups ?? [...new Set(rows.map((d) => d.group))];
  // On a phone a wide label margin crushes the bars: a narrower margin, labels wrapped onto lines.
  const narrow = width < 560;
  const left = narrow ? Math.min(marginLeft, 140) : marginLeft;
  // A share is written inside its segment only when the segment is wide enough for "100%".
  const minShare = Math.max(0.06, 36 / Math.max(1, width - left - 30));
  const data = rows.filter((d) => d.share != null && d.share > 0);
  // Where each group's merged part lies: after all its scored answers.
  const merged = data
    .filter((d) => d.answer === "merged")
    .map((d) => {
      const x1 = data.filter((e) => e.group === d.group && e.answer !== "merged").reduce((s, e) => s + e.share, 0);
      return {group: d.group, x1, x2: x1 + d.share};
    });
  return Plot.plot({
    width,
    height: 60 + 44 * domain.length,
    style: {fontSize: "14px"},
    marginLeft: left,
    marginBottom: 50,
    x: {label: "Share of respondents", labelAnchor: "center", labelOffset: 42, tickFormat: "%", domain: [0, 1], grid: true},
    y: {label: groupLabel, domain, labelAnchor: "top"},
    color: {domain: LIKERT.map((d) => d.answer), range: LIKERT.map((d) => d.color)},
    marks: [
      ...(narrow ? [Plot.axisY({label: groupLabel, labelAnchor: "top", lineWidth: 9, tickSize: 0})] : []),
      Plot.barX(data, Plot.stackX({x: "share", y: "group", fill: "answer", order: ORDER, inset: 0.5, tip: true,
        title: (d) => (d.answer === "merged" ? `${d.group}, small answer groups merged: ${(d.share * 100).toFixed(1)}%` : `${d.group}, answer ${d.answer}: ${(d.share * 100).toFixed(1)}%`)})),
      Plot.text(data, Plot.stackX({x: "share", y: "group", z: "answer", order: ORDER, text: (d) => (d.share >= minShare ? `${Math.round(d.share * 100)}%` : ""),
        fill: (d) => (d.answer === 5 || d.answer === 1 ? "white" : "black")})),
      // The merged part is outlined, to read as "not a score" in greyscale too.
      Plot.barX(merged, {x1: "x1", x2: "x2", y: "group", inset: 0.5, fill: "none", stroke: "#8a6d3b", strokeDasharray: "3,2"}),
      Plot.ruleX([0])
    ]
  });
}
