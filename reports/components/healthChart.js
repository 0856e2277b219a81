// Partnership health per round: shares of thriving, ok, at-risk and failed partnerships.
import * as Plot from "npm:@observablehq/plot";
import {HEALTH_CLASSES} from "./format.js";

/**
 * @param {{round: string, health: string, count: number|null, share: number|null}[]} rows
 * @param {{width: number, rounds: string[]}} options
 */
export function HealthBars(rows, {width, rounds} = {}) {
  const data = rows.filter((d) => d.share != null && d.share > 0);
  const order = HEALTH_CLASSES.map((c) => c.key);
  const name = Object.fromEntries(HEALTH_CLASSES.map((c) => [c.key, c.label]));
  return Plot.plot({
    width,
    height: 70 + 40 * rounds.length,
    style: {fontSize: "14px"},
    marginLeft: 70,
    marginBottom: 50,
    x: {label: "Share of the round's partnerships", labelAnchor: "center", labelOffset: 42, tickFormat: "%", domain: [0, 1], grid: true},
    y: {label: "Round", domain: rounds, labelAnchor: "top"},
    color: {domain: order, range: HEALTH_CLASSES.map((c) => c.color)},
    marks: [
      Plot.barX(data, Plot.stackX({x: "share", y: "round", fill: "health", order, inset: 0.5, tip: true,
        title: (d) => `${d.round}, ${name[d.health]}: ${(d.share * 100).toFixed(1)}% (${d.count} partnerships)`})),
      Plot.text(data, Plot.stackX({x: "share", y: "round", z: "health", order, text: (d) => (d.share >= 0.05 ? `${Math.round(d.share * 100)}%` : ""), fill: "black"})),
      Plot.ruleX([0])
    ]
  });
}
