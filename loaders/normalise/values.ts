/**
 * Value normalisers shared by the export kinds: Likert labels, years of experience, multi-selects,
 * yes/no answers and closed vocabularies. Each returns `null` (or an empty list) for a blank
 * cell and `undefined` for a value it does not recognise, so the caller can report it.
 */
import { yearsFromExperience } from "../../src/domain/vocabulary";
import { foldLabel } from "./text";

/**
 * The 5-point labels survey tools ship by default, folded, to 1-5: ours and SurveyMonkey's (Very
 * dissatisfied ... Very satisfied, Neither satisfied nor dissatisfied), Microsoft Forms' Likert
 * (Strongly disagree, Disagree, Neutral, Agree, Strongly agree), and Qualtrics' stock 5-point
 * scales (Extremely / Somewhat satisfied; Strongly / Somewhat agree). Each label is its position on
 * its own 5-point scale: `Somewhat agree` is 4, as `Agree` is.
 */
const SATISFACTION: Record<string, number> = {
  "very dissatisfied": 1, "very unsatisfied": 1, "extremely dissatisfied": 1,
  "dissatisfied": 2, "unsatisfied": 2, "somewhat dissatisfied": 2,
  "neutral": 3, "neither satisfied nor dissatisfied": 3, "neither satisfied or dissatisfied": 3,
  "satisfied": 4, "somewhat satisfied": 4, "very satisfied": 5, "extremely satisfied": 5,
};
const AGREEMENT: Record<string, number> = {
  "strongly disagree": 1, "disagree": 2, "somewhat disagree": 2,
  "neither agree nor disagree": 3, "neither agree or disagree": 3, "neutral": 3,
  "agree": 4, "somewhat agree": 4, "strongly agree": 5,
};

/**
 * Labels that only 7-point scales use (Qualtrics' and SurveyMonkey's: Slightly / Moderately
 * agree or satisfied). Mapping them to 1-5 would need the whole scale, so they are refused.
 */
const SEVEN_POINT = /^(slightly|moderately) (agree|disagree|satisfied|dissatisfied|unsatisfied)$/;

/**
 * Pairs of labels that sit at different points of one 7-point scale but at the same point of two
 * 5-point scales (`Agree` and `Somewhat agree` are both 4 on a 5-point scale, yet 6 and 5 on a
 * 7-point one): a column holding both is a 7-point scale, or two scales mixed, and cannot be read.
 */
const SEVEN_POINT_PAIRS: Record<LikertScale, readonly (readonly [string, string])[]> = {
  agreement: [["agree", "somewhat agree"], ["disagree", "somewhat disagree"]],
  satisfaction: [["satisfied", "somewhat satisfied"], ["dissatisfied", "somewhat dissatisfied"]],
};

/** Which Likert vocabulary a 1-5 item uses. */
export type LikertScale = "satisfaction" | "agreement";

/** The label of an answer with or without its number (`5 - Very satisfied`, `Agree (4)`), folded. */
function likertLabel(s: string): string {
  const m = /^[1-7]\s*[-:=.)]\s*(.+)$/.exec(s) ?? /^(.+?)\s*[-:(]\s*[1-7]\)?$/.exec(s);
  return m ? m[1] : s;
}

/**
 * A 1-5 Likert answer: a number 1..5 (`4`, `4.0`), a label of a 5-point scale as survey tools
 * ship them ("Very satisfied" = 5, "Somewhat agree" = 4, "Extremely dissatisfied" = 1; case and
 * trailing full stops ignored), or a number with its label ("5 - Very satisfied", "Agree (4)").
 * A 7-point scale's label (`Slightly agree`) is not recognised ({@link isSevenPointLabel}).
 * @returns 1..5, null for blank, undefined when not recognised.
 */
export function parseLikert(raw: string, scale: LikertScale): number | null | undefined {
  const s = foldLabel(raw);
  if (s === "") return null;
  const table = scale === "satisfaction" ? SATISFACTION : AGREEMENT;
  if (s in table) return table[s];
  if (/^[1-5](\.0+)?$/.test(s)) return Number(s);
  const m = /^([1-5])\s*[-:=.)]\s*(.+)$/.exec(s) ?? /^(.+?)\s*[-:(]\s*([1-5])\)?$/.exec(s);
  if (m) {
    const [n, label] = /^[1-5]$/.test(m[1]) ? [Number(m[1]), m[2]] : [Number(m[2]), m[1]];
    if (table[label] === n) return n;
  }
  return undefined;
}

/**
 * Whether an answer is a label only 7-point scales use (`Slightly agree`, `Moderately
 * satisfied`), with or without its number. Never throws.
 */
export function isSevenPointLabel(raw: string): boolean {
  const s = likertLabel(foldLabel(raw));
  return SEVEN_POINT.test(s);
}

/**
 * The two labels of a column's answers that show it is no 5-point scale: a pair of
 * {@link SEVEN_POINT_PAIRS} both present (`Agree` and `Somewhat agree`), as written in the
 * column (the first of each seen); null when there is none. Never throws.
 */
export function sevenPointPair(values: Iterable<string>, scale: LikertScale): [string, string] | null {
  const seen = new Map<string, string>();
  for (const v of values) {
    const k = likertLabel(foldLabel(v));
    if (!seen.has(k)) seen.set(k, v.trim());
  }
  for (const [a, b] of SEVEN_POINT_PAIRS[scale]) if (seen.has(a) && seen.has(b)) return [seen.get(a)!, seen.get(b)!];
  return null;
}

/**
 * An integer in `lo..hi` (`"7"`, `"7.0"`). @returns the number, null for blank, undefined otherwise.
 */
export function parseIntIn(raw: string, lo: number, hi: number): number | null | undefined {
  const s = raw.trim();
  if (s === "") return null;
  if (!/^-?\d+(\.0+)?$/.test(s)) return undefined;
  const n = Number(s);
  return n >= lo && n <= hi ? n : undefined;
}

/** Years of experience as stored: a representative number and the range as written, if any. */
export interface Years {
  years: number;
  range: string | null;
}

/**
 * Years of experience: a number (`7`, `7.5`, `7 years`) or a range (`0-2`, `3–5`, `20+`,
 * `more than 20`, `3 to 5`, `less than 2` / `under 2` as `0-2`), alone or in parentheses after a
 * career stage's name (`Early career (0-5 years)`, `Experienced (15+ years)`: the range is read,
 * the name ignored). The representative number of a range is `yearsFromExperience`'s
 * (src/domain/vocabulary.ts: the midpoint; an open range `a+` counts as `a + 5`, so `20+` is 25),
 * so ingest and matching read a range alike. Values above 70 years are rejected.
 * @returns the years, null for blank, undefined when not recognised.
 */
export function parseYears(raw: string): Years | null | undefined {
  const s = foldLabel(raw).replace(/\s*years?$/, "");
  if (s === "") return null;
  let m = /^(\d+(?:\.\d+)?)$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    return n <= 70 ? { years: n, range: null } : undefined;
  }
  let range: string | null = null;
  m = /^(\d+)\s*[-–—]\s*(\d+)$/.exec(s) ?? /^(\d+)\s*to\s*(\d+)$/.exec(s);
  if (m && Number(m[1]) <= Number(m[2]) && Number(m[2]) <= 70) range = `${Number(m[1])}-${Number(m[2])}`;
  m = /^(?:less than|fewer than|under)\s*(\d+)$/.exec(s);
  if (m && Number(m[1]) <= 70) range = `0-${Number(m[1])}`;
  m = /^(\d+)\s*\+$/.exec(s) ?? /^(?:more than|over)\s*(\d+)$/.exec(s);
  if (m) range = `${Number(m[1])}+`;
  if (range === null) {
    const inner = /^[^()]*[^\s()]\s*\(([^()]+)\)$/.exec(s);
    return inner ? parseYears(inner[1]) ?? undefined : undefined;
  }
  return { years: yearsFromExperience(range), range };
}

/** Opening brackets and quotes, with what closes each. */
const CLOSE: Readonly<Record<string, string>> = { "(": ")", "[": "]", '"': '"', "\u201c": "\u201d" };

/**
 * The parts of `raw` between `sep` characters that stand outside brackets (`()`, `[]`) and quotes
 * (`"..."`, `\u201c...\u201d`); null when those do not balance (an unclosed bracket or quote),
 * so the caller can split plainly.
 */
function splitOutside(raw: string, sep: string): string[] | null {
  const parts: string[] = [];
  const open: string[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const top = open[open.length - 1];
    if (top !== undefined && c === CLOSE[top]) open.pop();
    else if (top !== '"' && Object.hasOwn(CLOSE, c)) open.push(c);
    else if ((c === ")" || c === "]" || c === "\u201d") && top === undefined) return null;
    else if (c === sep && top === undefined) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  if (open.length) return null;
  parts.push(raw.slice(start));
  return parts;
}

/**
 * Splits a multi-select cell on `;` when it has one, else on `,`, never inside brackets or
 * quotes: Qualtrics joins choices with commas, and a choice's label may hold some itself
 * (`Other (please specify),Video call (Zoom, Teams, Skype),Social media` is three choices). A cell
 * whose brackets or quotes do not balance is split on every separator. Trims items and drops
 * blanks and exact duplicates (first occurrence kept). Never throws.
 */
export function splitMulti(raw: string): string[] {
  const outside = (sep: string) => splitOutside(raw, sep) ?? raw.split(sep);
  const semi = outside(";");
  const parts = semi.length > 1 ? semi : outside(",");
  const out: string[] = [];
  for (const part of parts) {
    const t = part.trim();
    if (t !== "" && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * Maps a label to one of a closed vocabulary through `aliases` (folded labels to canonical values).
 * A survey tool's label of an "Other" choice that asks for text ({@link isOtherSpecify}: `Other
 * (please specify)`) is what `other` maps to, when the vocabulary has it. A label unknown as a
 * whole whose words before a closing parenthetical name a value (`Video call (Zoom, Teams,
 * Skype)`, `Special (law/health/corporate)`: a choice with its examples) maps to that value,
 * unless the parenthetical excludes something (`(not ...)`, `(except ...)`, `(excluding ...)`,
 * `(other than ...)`).
 * @returns the canonical value, null for blank, undefined when unknown.
 */
export function parseVocab<T extends string>(raw: string, aliases: Readonly<Record<string, T>>): T | null | undefined {
  const s = foldLabel(raw);
  if (s === "") return null;
  if (Object.hasOwn(aliases, s)) return aliases[s];
  if (isOtherSpecify(raw)) return Object.hasOwn(aliases, "other") ? aliases.other : undefined;
  const m = EXAMPLES.exec(s);
  return m && Object.hasOwn(aliases, m[1]) ? aliases[m[1]] : undefined;
}
/** A label followed by a parenthetical (or bracketed) list of examples; not one that excludes. */
const EXAMPLES = /^(.*?[^\s])\s*[([](?!\s*(?:not|except|excluding|other than|no)\b)[^()[\]]*[)\]]$/;

/**
 * An "Other" option that asks for the respondent's own text, as survey tools label it (and its
 * free-text box): `Other (please specify)`, `Other (specify)`, `Other - please specify`,
 * `Other, please describe`... Case and spacing ignored. Never throws.
 */
export function isOtherSpecify(label: string): boolean {
  return OTHER_SPECIFY.test(label.trim());
}
const OTHER_SPECIFY = /^other\b[\s(:,\-\u2013]*(please\s+)?(specify|describe)\b[^]*$/i;

/** Yes/no answers (`yes`, `y`, `true`, `1`, `no`, `n`, `false`, `0`). */
export const YES_NO: Readonly<Record<string, boolean>> = { yes: true, y: true, true: true, "1": true, no: false, n: false, false: false, "0": false };

/**
 * A yes/no answer. @returns true/false, null for blank, undefined when not recognised.
 */
export function parseYesNo(raw: string): boolean | null | undefined {
  const s = foldLabel(raw);
  if (s === "") return null;
  return Object.prototype.hasOwnProperty.call(YES_NO, s) ? YES_NO[s] : undefined;
}
