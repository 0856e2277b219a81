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

/** Likert answers 1..5 with a diverging orange-grey-blue scale, plus the merged small cells. */
export const LIKERT = [
  {answer: "merged", label: "small groups merged", color: "#8c8c8c"},
  {answer: 1, label: "1 (lowest)", color: OKABE_ITO.vermillion},
  {answer: 2, label: "2", color: "#f1a76a"},
  {answer: 3, label: "3", color: "#c8c8c8"},
  {answer: 4, label: "4", color: "#7fb8dc"},
  {answer: 5, label: "5 (highest)", color: OKABE_ITO.blue}
];

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

/** A whole number with thousands separators, or "fewer than N" when suppressed (null). */
export function count(x, min = 5) {
  return x == null ? `<${min}` : Number(x).toLocaleString("en-GB");
}

/** A number with `digits` decimals, or an en dash. */
export function num(x, digits = 1) {
  return x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits);
}
