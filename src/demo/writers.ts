/**
 * Turning a simulated round into the export files the ingest reads: round.json, registrations.csv
 * (Google Forms), partnerships.csv and events.csv (plain CSV), survey.csv (Google Forms before
 * 2015, SurveyMonkey from 2015 on). Pure: returns file contents; `index.ts` writes them.
 */
import { demoCountry } from "./countries";
import { csvDocument } from "./csv";
import { formatGoogleTimestamp, formatIsoDate, formatSurveyMonkeyDate } from "./dates";
import type { RoundData } from "./history";
import type { Registration } from "./people";
import { hashString, Rng } from "./random";
import { signSynthetic } from "../privacy/synthetic";
import type { SurveyAnswer } from "./survey";
import {
  AGREEMENT_LABELS, CONTACT_LABELS, EVENT_HEADERS, METHODS, PARTNERSHIP_HEADERS, REGISTRATION_HEADERS,
  SATISFACTION_LABELS, SURVEY_QUESTIONS as Q,
} from "./vocab";

/**
 * round.json content, with the signed synthetic marker over the round's export files
 * (`signSynthetic`, src/privacy/synthetic.ts): the ingest marks the round synthetic only when the
 * marker verifies against the files, and every page and output built from it then says so.
 * @param exports the round's export files as written (file name -> content).
 */
export function roundJson(d: RoundData, exports: Readonly<Record<string, string>>): string {
  const { id, name, start, end } = d.plan;
  return JSON.stringify({ id, name, start, end, synthetic: signSynthetic({ id, name, start, end }, exports) }, null, 2) + "\n";
}

const CAREER_LABEL = { different: "Different career stage", similar: "Similar career stage", any: "No preference" } as const;

function registrationRecord(r: Registration): string[] {
  return [
    formatGoogleTimestamp(r.timestamp), r.email, `${r.person.first} ${r.person.last}`, r.countryText, r.sector, r.role,
    r.experience, r.interests.join(", "), r.prefSector === "same" ? "Same sector" : "Any sector", CAREER_LABEL[r.prefCareer],
    r.prefCountries.map((c) => demoCountry(c).name).join("; "), r.languages.join(", "), r.returning ? "Yes" : "No",
  ];
}

/** registrations.csv: Google Forms layout, CRLF line ends, no byte-order mark. */
export function registrationsCsv(d: RoundData): string {
  return csvDocument([REGISTRATION_HEADERS, ...d.rows.map(registrationRecord)], "\r\n");
}

/** partnerships.csv: the coordinators' sheet, plain CSV with LF line ends. */
export function partnershipsCsv(d: RoundData): string {
  const rows = d.partnerships.map((p) => [
    p.id, p.a.email, p.b.email, formatIsoDate(p.matchedOn), p.status, formatIsoDate(p.endedOn), p.replaces, p.continued,
  ]);
  return csvDocument([PARTNERSHIP_HEADERS, ...rows], "\n");
}

/** events.csv: the coordinators' log, plain CSV with LF line ends. */
export function eventsCsv(d: RoundData): string {
  return csvDocument([EVENT_HEADERS, ...d.events.map((e) => [formatIsoDate(e.date), e.email, e.type, e.note])], "\n");
}

const lab = (labels: readonly string[], v: number | null) => (v === null ? "" : labels[v - 1]);
const num = (v: number | null) => (v === null ? "" : String(v));

function questionCells(a: SurveyAnswer): { before: string[]; after: string[] } {
  return {
    before: [lab(SATISFACTION_LABELS, a.program), lab(SATISFACTION_LABELS, a.partnerSat), a.contact === null ? "" : CONTACT_LABELS[a.contact]],
    after: [
      lab(AGREEMENT_LABELS, a.perspective), lab(AGREEMENT_LABELS, a.ideas), lab(AGREEMENT_LABELS, a.confidence),
      lab(AGREEMENT_LABELS, a.motivation), num(a.recommend), a.again ?? "", a.continuePartnership ?? "", a.comments,
    ],
  };
}

const QUESTIONS_BEFORE = [Q.program, Q.partner, Q.contact];
const QUESTIONS_AFTER = [Q.perspective, Q.ideas, Q.confidence, Q.motivation, Q.recommend, Q.again, Q.continue, Q.comments];

/** Google Forms survey headers, in order. */
export const GOOGLE_SURVEY_HEADERS: readonly string[] = Object.freeze(["Timestamp", "Email Address", ...QUESTIONS_BEFORE, Q.methods, ...QUESTIONS_AFTER]);

/** survey.csv in the Google Forms layout (CRLF). */
export function surveyGoogleCsv(d: RoundData): string {
  const rows = d.survey.map((a) => {
    const { before, after } = questionCells(a);
    return [formatGoogleTimestamp(a.submitted), a.reg.email, ...before, a.methods.join(", "), ...after];
  });
  return csvDocument([GOOGLE_SURVEY_HEADERS, ...rows], "\r\n");
}

const SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"];

/** SurveyMonkey header rows 1 and 2. */
export const SURVEYMONKEY_HEADER_ROWS: readonly (readonly string[])[] = Object.freeze([
  [...SM_META, ...QUESTIONS_BEFORE, Q.methods, "", "", "", "", ...QUESTIONS_AFTER],
  [...SM_META.map(() => ""), "Response", "Response", "Response", ...METHODS, ...QUESTIONS_AFTER.slice(0, -1).map(() => "Response"), "Open-Ended Response"],
]);

/** survey.csv in the SurveyMonkey layout: two header rows, methods spread over 5 columns (CRLF). */
export function surveyMonkeyCsv(d: RoundData): string {
  const rng = new Rng(hashString(`surveymonkey:${d.plan.id}`));
  const collector = String(10_000_000 + (hashString(`collector:${d.plan.id}`) % 89_999_999));
  let respondent = 3_000_000_000 + (hashString(`respondent:${d.plan.id}`) % 7_000_000_000);
  const nets = ["192.0.2", "198.51.100", "203.0.113"];
  const rows = d.survey.map((a) => {
    respondent += rng.range(1, 4000);
    const { before, after } = questionCells(a);
    return [
      String(respondent), collector, formatSurveyMonkeyDate(a.started), formatSurveyMonkeyDate(a.submitted),
      `${rng.pick(nets)}.${rng.range(1, 254)}`, a.reg.email, a.showsName ? a.reg.person.first : "", a.showsName ? a.reg.person.last : "", "",
      ...before, ...METHODS.map((m) => (a.methods.includes(m) ? m : "")), ...after,
    ];
  });
  return csvDocument([...SURVEYMONKEY_HEADER_ROWS, ...rows], "\r\n");
}

/** survey.csv in the round's layout. */
export function surveyCsv(d: RoundData): string {
  return d.plan.surveyLayout === "google" ? surveyGoogleCsv(d) : surveyMonkeyCsv(d);
}

/** Non-blank answer cells of the survey (metadata excluded; methods count once when any is ticked). */
export function surveyCells(d: RoundData): number {
  let n = 0;
  for (const a of d.survey) {
    const { before, after } = questionCells(a);
    for (const c of [...before, ...after]) if (c !== "") n++;
    if (a.methods.length > 0) n++;
  }
  return n;
}

/**
 * planted-themes.csv (beside the round folders, never ingested): for every survey row with a
 * comment, its round, its row number as a spreadsheet shows it in that round's survey.csv, and
 * the themes planted in it (`;`-separated, empty = none), so `iln themes agree` can measure the
 * coder against the truth.
 */
export function plantedThemesCsv(history: readonly RoundData[]): string {
  const rows: string[][] = [];
  for (const d of history) {
    const headerRows = d.plan.surveyLayout === "google" ? 1 : SURVEYMONKEY_HEADER_ROWS.length;
    d.survey.forEach((a, i) => {
      if (a.comments !== "") rows.push([d.plan.id, String(i + headerRows + 1), a.themes.join(";")]);
    });
  }
  return csvDocument([["round", "row", "themes"], ...rows], "\n");
}

/** The survey's 1-5 items as the demo's answer fields, in the order of the metrics' `LIKERT_ITEMS`. */
const TRUTH_ITEMS: readonly [string, (a: SurveyAnswer) => number | null][] = [
  ["program_satisfaction", (a) => a.program],
  ["partner_satisfaction", (a) => a.partnerSat],
  ["outcome_perspective", (a) => a.perspective],
  ["outcome_ideas", (a) => a.ideas],
  ["outcome_confidence", (a) => a.confidence],
  ["outcome_motivation", (a) => a.motivation],
];

/**
 * The planted truth behind the non-response tests: for each round and 1-5 item, the share
 * answering 4 or 5 among ALL matched participants' would-be answers (`everyone`, blanks
 * excluded) beside the share among those who did respond (their final submission). Not an
 * export: `iln ingest` never reads it.
 */
export function plantedSatisfactionCsv(history: readonly RoundData[]): string {
  const rows: string[][] = [];
  const share = (v: number[]) => (v.length ? (v.filter((x) => x >= 4).length / v.length).toFixed(6) : "");
  for (const d of history) {
    const responded = new Set(d.survey);
    for (const [item, get] of TRUTH_ITEMS) {
      const all = d.everyone.map(get).filter((x): x is number => x !== null);
      const resp = d.everyone.filter((a) => responded.has(a)).map(get).filter((x): x is number => x !== null);
      rows.push([d.plan.id, item, String(all.length), share(all), String(resp.length), share(resp)]);
    }
  }
  return csvDocument([["round", "item", "participants_answering", "top2_all", "respondents_answering", "top2_respondents"], ...rows], "\n");
}
