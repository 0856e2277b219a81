// The cohort retention matrix: rows are cohorts (first round matched), columns later rounds.
import * as Plot from "npm:@observablehq/plot";

/**
 * @param {{cohort: string, round: string, share: number|null, retained: number|null}[]} cells
 *   null share = suppressed (fewer than the minimum cell size).
 * @param {{width: number, rounds: string[], min: number}} options
 */
export function CohortHeatmap(cells, {width, rounds, min = 5} = {}) {
  const cohorts = rounds.filter((r) => cells.some((c) => c.cohort === r));
  const columns = rounds.filter((r) => cells.some((c) => c.round === r));
  return Plot.plot({
    width,
    height: 90 + 48 * cohorts.length,
    style: {fontSize: "14px"},
    marginLeft: 60,
    marginTop: 40,
    marginBottom: 56,
    padding: 0.04,
    x: {domain: columns, label: "Matched again in round", labelAnchor: "center", labelOffset: 46, axis: "bottom"},
    y: {domain: cohorts, label: null},
    color: {type: "linear", scheme: "blues", domain: [0, Math.max(0.05, ...cells.map((c) => c.share ?? 0))], legend: true, label: "Share of cohort matched again", tickFormat: "%"},
    marks: [
      Plot.cell(cells.filter((c) => c.share != null), {x: "round", y: "cohort", fill: "share", tip: true,
        title: (d) => `Cohort ${d.cohort} in ${d.round}: ${(d.share * 100).toFixed(1)}% (${d.retained} of ${d.cohort_size})`}),
      Plot.cell(cells.filter((c) => c.share == null), {x: "round", y: "cohort", fill: "#eee", stroke: "#bbb", title: (d) => `Cohort ${d.cohort} in ${d.round}: hidden (fewer than ${min} people, or hidden so that a small group cannot be worked out)`}),
      Plot.text(cells, {x: "round", y: "cohort", text: (d) => (d.share == null ? "hidden" : `${Math.round(d.share * 100)}%`),
        fill: (d) => (d.share != null && d.share > 0.6 * Math.max(...cells.map((c) => c.share ?? 0)) ? "white" : "black")})
    ]
  });
}
