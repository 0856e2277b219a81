// Formatting helpers and the colour-blind-safe palette shared by every chart (Okabe & Ito 2008).

/** Okabe-Ito colours by name. */
export const OKABE_ITO = Object.freeze({
  orange: "#e69f00",
  sky: "#56b4e9",
  green: "#009e73",
  yellow: "#f0e442",
  blue: "#0072b2",
  vermillion: "#d55e00",
  purple: "#cc79a7",
  black: "#000000",
  grey: "#999999",
});

/** Categorical scheme for Plot (`color: {range: CATEGORICAL}`). */
export const CATEGORICAL = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.vermillion, OKABE_ITO.sky, OKABE_ITO.purple, OKABE_ITO.yellow, OKABE_ITO.grey];

/** Health classes, in order, with their colours. */
export const HEALTH_CLASSES = [
  {key: "thriving", label: "Thriving", color: OKABE_ITO.green},
  {key: "ok", label: "OK", color: OKABE_ITO.sky},
  {key: "at_risk", label: "At risk", color: OKABE_ITO.orange},
  {key: "failed", label: "Failed", color: OKABE_ITO.vermillion},
  {key: "no_information", label: "No information", color: OKABE_ITO.grey}
];

/**
 * Likert answers 1..5 with a diverging orange-grey-blue scale, then the merged small answer
 * groups: drawn last (right of the 5s), in a pale sand that belongs to no score, since they
 * mix answers and must not read as low scores.
 */
export const LIKERT = [
  {answer: 1, label: "1 (lowest)", color: OKABE_ITO.vermillion},
  {answer: 2, label: "2", color: "#f1a76a"},
  {answer: 3, label: "3", color: "#c8c8c8"},
  {answer: 4, label: "4", color: "#7fb8dc"},
  {answer: 5, label: "5 (highest)", color: OKABE_ITO.blue},
  {answer: "merged", label: "small answer groups merged (any score)", color: "#efe3c8"}
];

/** Fill of a suppressed cell (a map country, a matrix cell): off every count scale. */
export const SUPPRESSED_FILL = "#ead9b9";

/** Readable names of survey items and segments. */
export const LABELS = {
  program_satisfaction: "Satisfaction with the program",
  partner_satisfaction: "Satisfaction with the partner",
  outcome_perspective: "Gained an international perspective",
  outcome_ideas: "Gained new ideas",
  outcome_confidence: "Gained confidence",
  outcome_motivation: "Gained motivation",
  country: "Country",
  region: "World region",
  sector: "Sector",
  career_stage: "Career stage",
  returning: "First time or returning",
  contact_frequency: "Contact frequency",
  first_time: "First time",
  unknown: "Unknown"
};

/** Label of a key, falling back to the key with its first letter capitalised. */
export function label(key) {
  if (key == null) return "";
  return LABELS[key] ?? String(key).charAt(0).toUpperCase() + String(key).slice(1).replace(/_/g, " ");
}

/** A share 0..1 as a percentage ("84%"), or an en dash when suppressed or missing. */
export function pct(x, digits = 0) {
  return x == null || Number.isNaN(x) ? "–" : `${(x * 100).toFixed(digits)}%`;
}

/** A Wilson interval as "(80–88%)", or "" when absent. */
export function ci(interval) {
  return interval ? `(95% CI ${pct(interval[0])}–${pct(interval[1])})` : "";
}

/**
 * A whole number with thousands separators, or "hidden" when suppressed (null): a null is either
 * a small count or one hidden beside a small one so that it cannot be worked out, so "<5" was not
 * always true. `_min` is kept for callers that pass the minimum cell.
 */
export function count(x, _min = 5) {
  return x == null ? "hidden" : Number(x).toLocaleString("en-GB");
}

/** A number with `digits` decimals, or an en dash. */
export function num(x, digits = 1) {
  return x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits);
}

/**
 * A round's stage (metrics.json `stage`, docs/metrics.md "A round's stage") in words. A round's
 * figure that is null because the round has no data for it yet is not a suppressed one: pages
 * read the stage first and never show such a null as "<5" or 0.
 */
export const STAGES = {
  registered: "registered, matching in progress",
  matched: "matched, survey not yet in",
  surveyed: "matched and surveyed"
};

/** The rounds that have been matched (have partnerships), in order. */
export function matchedRounds(rounds) {
  return rounds.filter((r) => r.stage !== "registered");
}

/** The latest round whose share `key` has a value (neither missing data nor suppressed), or undefined. */
export function latestWith(rounds, key) {
  return rounds.filter((r) => r[key]?.share != null).at(-1);
}

/**
 * Options of a round axis that stays readable on a phone: when the rounds have less than 64 px
 * each, their labels turn 45° (and `extra` px more margin is needed below the axis).
 * @returns {{options: {tickRotate?: number}, extra: number}}
 */
export function roundAxis(width, rounds) {
  return width / Math.max(1, rounds.length) < 64 ? {options: {tickRotate: -45}, extra: 22} : {options: {}, extra: 0};
}

/**
 * The largest named group of `rows` ({value, merged}: sectors and the like), never the row of
 * merged small groups, which the site's data mark with `merged` (how many it holds) and which is
 * no group of its own; undefined when there is none.
 */
export function largestNamed(rows) {
  return rows.filter((d) => d.merged == null).sort((a, b) => b.value - a.value)[0];
}
