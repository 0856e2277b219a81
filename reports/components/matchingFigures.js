// The figures the matching page breaks down by group (world region, sector, career stage), read
// alike from a live GroupQuality (src/matching/quality.ts) and from a published group
// (reports/data/lib/matching.ts), and the rows and sentences the breakdown charts show.
import {label, num, pct} from "./format.js";

/** Names of the principles (src/matching/quality.ts `PRINCIPLES`), as the page words them. */
export const PRINCIPLE_LABELS = {another_country: "Another country", similar_sector: "Same sector", different_stage: "Different career stage"};

/**
 * Name of a stated preference (src/matching/quality.ts `PREFERENCES`, e.g. `sector_pref`): the
 * label of its feature (`sector_pref_met`) in matching.json `features`.
 */
export function preferenceLabel(k, features) {
  return features.find((f) => f.name === `${k}_met`)?.label ?? k;
}

/** Breakdowns of a matching, in the page's order. */
export const BREAKDOWNS = [{key: "region", label: "World region"}, {key: "sector", label: "Sector"}, {key: "stage", label: "Career stage"}];

/** Share of a group whose stated preference `k` is met: live groups carry {share, stated}, published ones the share alone. */
function prefShare(g, k) {
  const v = g.preferences[k];
  return v != null && typeof v === "object" ? v.share : v;
}

/** The breakdown figures: key, label, the noun a sentence uses, whether a share, and how to read it from a group. */
export const FIGURES = [
  {key: "mean_score", label: "Mean pair score (points)", noun: "the mean pair score", get: (g) => g.mean_score},
  {key: "sector_pref", label: "Sector wish met (of those who stated one)", noun: "the share whose sector wish is met", percent: true, get: (g) => prefShare(g, "sector_pref")},
  {key: "career_pref", label: "Career-stage wish met (of those who stated one)", noun: "the share whose career-stage wish is met", percent: true, get: (g) => prefShare(g, "career_pref")},
  {key: "country_pref", label: "Country wish met (of those who stated one)", noun: "the share whose country wish is met", percent: true, get: (g) => prefShare(g, "country_pref")},
  {key: "similar_sector", label: "Partner in the same sector", noun: "the share with a partner in the same sector", percent: true, get: (g) => g.principles.similar_sector},
  {key: "different_stage", label: "Partner at a different career stage", noun: "the share with a partner at another career stage", percent: true, get: (g) => g.principles.different_stage},
  {key: "unmatched", label: "Share left unmatched", noun: "the share left unmatched", percent: true, get: (g) => (g.people && g.unmatched != null ? g.unmatched / g.people : null)},
  {key: "predicted_completion", label: "Predicted completion (PREDICTION)", noun: "the predicted completion (a prediction)", percent: true, get: (g) => g.predicted_completion}
];

/** The figure with `key`. */
export const figure = (key) => FIGURES.find((f) => f.key === key);

/** Options of a figure picker: keys, with their labels. */
export const figureOptions = {format: (k) => figure(k).label, value: "mean_score"};

/** A formatter of the figure's values. */
export const formatOf = (f) => (f.percent ? (v) => pct(v, 1) : (v) => num(v, 2));

/**
 * Groups of a breakdown in display order: career stages early to senior, other breakdowns as
 * given (largest first).
 * @param {{stage: Record<string, string>}} labels the vocabulary's labels (matching.json `labels`).
 */
export function ordered(by, groups, labels) {
  const stages = Object.keys(labels.stage);
  return by === "stage" ? [...groups].sort((a, b) => stages.indexOf(a.group) - stages.indexOf(b.group)) : groups;
}

/** A group's name as shown: stages and sectors by their vocabulary labels, regions as they are. */
export function groupName(by, group, labels) {
  return by === "stage" ? labels.stage[group] ?? label(group) : by === "sector" ? labels.sector[group] ?? label(group) : group;
}

/**
 * Rows for GroupCompare (matchingCharts.js) from two lists of a breakdown's groups, historical
 * and re-matched; groups of fewer than `min` people (or hidden) are left out.
 */
export function compareRows(by, histGroups, newGroups, f, {min, labels}) {
  const rows = [];
  for (const g of ordered(by, newGroups, labels)) {
    if (g.people == null || g.people < min) continue;
    const hg = histGroups.find((x) => x.group === g.group);
    rows.push({group: groupName(by, g.group, labels), series: "historical", value: hg ? f.get(hg) : null});
    rows.push({group: groupName(by, g.group, labels), series: "rematched", value: f.get(g)});
  }
  return rows;
}

/** One sentence on the spread of a figure across the groups of a breakdown after re-matching, against the historical matching. */
export function gapSentence(rows, byLabel, f) {
  const re = rows.filter((d) => d.series === "rematched" && d.value != null);
  const groups = `${byLabel.toLowerCase()}s`;
  if (re.length < 2) return `Too few groups with a publishable figure to compare ${groups}.`;
  const fmt = formatOf(f);
  const lo = re.reduce((a, b) => (b.value < a.value ? b : a));
  const hi = re.reduce((a, b) => (b.value > a.value ? b : a));
  const h = rows.filter((d) => d.series === "historical" && d.value != null);
  const spread = (xs) => Math.round((Math.max(...xs.map((d) => d.value)) - Math.min(...xs.map((d) => d.value))) * 1000);
  const hist = h.length >= 2 ? ` (historical matching: ${fmt(Math.min(...h.map((d) => d.value)))} to ${fmt(Math.max(...h.map((d) => d.value)))})` : "";
  if (fmt(lo.value) === fmt(hi.value)) return `After re-matching, ${f.noun} is ${fmt(lo.value)} in every one of the ${re.length} ${groups} shown${hist}.`;
  const trend = h.length >= 2 ? `, a gap ${spread(re) < spread(h) ? "narrower than" : spread(re) > spread(h) ? "wider than" : "the same as"} in the historical matching` : "";
  return `After re-matching, ${f.noun} ranges from ${fmt(lo.value)} (${lo.group}) to ${fmt(hi.value)} (${hi.group}) across ${groups}${trend}.`;
}
