// Partnership health per round: shares of thriving, ok, at-risk and failed partnerships.
import * as Plot from "npm:@observablehq/plot";
import {HEALTH_CLASSES, SUPPRESSED_FILL} from "./format.js";

/** The part of a round's bar whose classes are hidden (too few partnerships): drawn, in sand, not left blank. */
export const HIDDEN_CLASS = {key: "hidden", label: "Hidden (classes of fewer than 5)", color: SUPPRESSED_FILL};

/**
 * @param {{round: string, health: string, count: number|null, share: number|null}[]} rows
 * @param {{width: number, rounds: string[]}} options
 */
export function HealthBars(rows, {width, rounds} = {}) {
  const shown = rows.filter((d) => d.share != null && d.share > 0);
  // Hidden classes are drawn as one sand part, so a bar never stops short of 100% unexplained.
  const hidden = rounds
    .map((round) => ({round, health: HIDDEN_CLASS.key, share: 1 - shown.filter((d) => d.round === round).reduce((s, d) => s + d.share, 0), count: null}))
    .filter((d) => d.share > 0.0005 && shown.some((e) => e.round === d.round));
  const data = [...shown, ...hidden];
  const classes = [...HEALTH_CLASSES, HIDDEN_CLASS];
  const order = classes.map((c) => c.key);
  const name = Object.fromEntries(classes.map((c) => [c.key, c.label]));
  return Plot.plot({
    width,
    height: 70 + 40 * rounds.length,
    style: {fontSize: "14px"},
    marginLeft: 70,
    marginBottom: 50,
    x: {label: "Share of the round's partnerships", labelAnchor: "center", labelOffset: 42, tickFormat: "%", domain: [0, 1], grid: true},
    y: {label: "Round", domain: rounds, labelAnchor: "top"},
    color: {domain: order, range: classes.map((c) => c.color)},
    marks: [
      Plot.barX(data, Plot.stackX({x: "share", y: "round", fill: "health", order, inset: 0.5, tip: true,
        title: (d) => (d.health === HIDDEN_CLASS.key ? `${d.round}: ${(d.share * 100).toFixed(1)}% in classes too small to show` : `${d.round}, ${name[d.health]}: ${(d.share * 100).toFixed(1)}% (${d.count} partnerships)`)})),
      Plot.text(data, Plot.stackX({x: "share", y: "round", z: "health", order, text: (d) => (d.share < 0.05 ? "" : d.health === HIDDEN_CLASS.key ? "hidden" : `${Math.round(d.share * 100)}%`), fill: "black"})),
      Plot.ruleX([0])
    ]
  });
}
