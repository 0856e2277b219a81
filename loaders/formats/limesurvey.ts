/**
 * LimeSurvey exports. Headers are either question codes (`id,submitdate,lastpage,...,rse3[SQ001]`),
 * full text (`Response ID,Date submitted,...`), or "code. text" (`socio1. In which country do you
 * work?`, `rse3[SQ001]. Who uses the code that you write? [Sub-question]`). Files that went
 * through pandas have an empty first header over an index column, which is kept as a column with
 * header `""`.
 *
 * A raw export may hold responses nobody submitted and, for a survey with anonymized responses,
 * a placeholder in place of every time: `limeSurveyResponses` reads both as LimeSurvey means them.
 */
import { parseTimestamp } from "../normalise/dates";
import { distinctAliases, type Layout } from "./layout";
import type { RawColumn, RawTable } from "./raw-table";

/** `code[sub]. question [option]`; the question and the option may be empty. */
const CODE_TEXT = /^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*)\.\s(.*)$/s;
const TRAILING_OPTION = /^(.*?)\s*\[([^\]]*)\]$/s;

/** A LimeSurvey header split into its parts. */
export interface LimeHeader {
  /** Question text; the sub-question text when the question text is empty (array questions). */
  header: string;
  /** Sub-question / option text in the trailing brackets, when the question text is not empty. */
  option: string | null;
  /** Question code with sub-question code (`rse3[SQ001]`), or `""` when the header has none. */
  code: string;
}

/**
 * Splits a LimeSurvey "code. question [option]" header. Headers without a code come back as they
 * are (trimmed). Never throws.
 */
export function splitLimeHeader(raw: string): LimeHeader {
  const h = raw.trim();
  const m = CODE_TEXT.exec(h);
  if (!m) return { header: h, option: null, code: "" };
  const code = m[1];
  let text = m[2].trim();
  let option: string | null = null;
  const o = TRAILING_OPTION.exec(text);
  if (o) {
    text = o[1].trim();
    option = o[2].trim() || null;
  }
  if (text === "") return { header: option ?? code, option: null, code };
  return { header: text, option, code };
}

/**
 * LimeSurvey layout. Detected by `id` and `submitdate` (or `Response ID` and `Date submitted`)
 * among the headers, or by at least 3 named headers of which 80% have the "code. text" form.
 */
export const limeSurvey: Layout = {
  format: "limesurvey",
  headerRows: 1,
  detect: (head) => {
    const row = (head[0] ?? []).map((c) => c.trim());
    if (row.includes("id") && row.includes("submitdate")) return true;
    if (row.includes("Response ID") && row.includes("Date submitted")) return true;
    const named = row.filter((c) => c !== "");
    return named.length >= 3 && named.filter((c) => CODE_TEXT.test(c)).length >= 0.8 * named.length;
  },
  columns: (header, width) => {
    const row = header[0] ?? [];
    const columns: RawColumn[] = [];
    for (let i = 0; i < width; i++) {
      const { header: h, option, code } = splitLimeHeader(row[i] ?? "");
      columns.push({ header: h, option, aliases: distinctAliases([code], h) });
    }
    return columns;
  },
};

/** Headers of the submission time: the question code, and the full-text heading. */
const SUBMITTED = ["submitdate", "date submitted"];
/** LimeSurvey's other time stamps, which anonymized responses also replace: started, last action. */
const OTHER_STAMPS = ["startdate", "date started", "datestamp", "date last action"];
/**
 * The time LimeSurvey writes into every date stamp of a survey with anonymized responses
 * ("1980-01-01 00:00:00"), as `parseTimestamp` reads it.
 */
export const ANONYMIZED_STAMP = "1980-01-01 00:00:00";

/** The index of the first column whose header or alias is one of `names` (case aside), or -1. */
function columnNamed(columns: readonly RawColumn[], names: readonly string[]): number {
  return columns.findIndex((c) => [c.header, ...c.aliases].some((h) => names.includes(h.trim().toLowerCase())));
}

/** "rows 5, 9, 12" (the first 10). */
function rowList(rows: readonly number[]): string {
  return `row${rows.length > 1 ? "s" : ""} ${rows.slice(0, 10).join(", ")}${rows.length > 10 ? ", ..." : ""}`;
}

/**
 * A LimeSurvey table read as LimeSurvey means it. Never throws; a table without a `submitdate`
 * (`Date submitted`) column is returned as it is.
 * - A row with a blank submission time is a response nobody submitted: LimeSurvey leaves
 *   `submitdate` empty until the last page is sent, and its export of "All responses" includes
 *   them. They are skipped, with one warning giving how many and their rows.
 * - When every remaining row's submission time is {@link ANONYMIZED_STAMP}, the survey has
 *   anonymized responses: LimeSurvey writes that date into every response, so it says nothing of
 *   when anyone answered. The submission-time column and the other stamps holding nothing else
 *   (`startdate`, `datestamp`) are left out of the table, with a warning: the survey then reads as
 *   one without a submission time (times unknown, stored empty), never as answered in 1980.
 */
export function limeSurveyResponses(table: RawTable): RawTable {
  const submitted = columnNamed(table.columns, SUBMITTED);
  if (submitted < 0) return table;
  const warnings = [...table.warnings];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const unsubmitted: number[] = [];
  table.rows.forEach((r, i) => {
    if (r[submitted].trim() === "") unsubmitted.push(table.rowNumbers[i]);
    else {
      rows.push(r);
      rowNumbers.push(table.rowNumbers[i]);
    }
  });
  if (unsubmitted.length > 0) {
    warnings.push(
      `skipped ${unsubmitted.length} LimeSurvey response(s) never submitted (blank ${JSON.stringify(table.columns[submitted].header)}: ` +
        `incomplete responses, which an export of "All responses" includes), ${rowList(unsubmitted)}`,
    );
  }
  const anonymized = rows.length > 0 && rows.every((r) => parseTimestamp(r[submitted]) === ANONYMIZED_STAMP);
  if (!anonymized) return unsubmitted.length > 0 ? { ...table, rows, rowNumbers, warnings } : table;
  const dropped = new Set([submitted]);
  table.columns.forEach((c, k) => {
    if (k === submitted || columnNamed([c], OTHER_STAMPS) < 0) return;
    if (rows.every((r) => r[k].trim() === "" || parseTimestamp(r[k]) === ANONYMIZED_STAMP)) dropped.add(k);
  });
  const names = [...dropped].sort((a, b) => a - b).map((k) => JSON.stringify(table.columns[k].header));
  warnings.push(
    `every response's ${JSON.stringify(table.columns[submitted].header)} is ${ANONYMIZED_STAMP}, the date LimeSurvey writes into every response ` +
      `of a survey with anonymized responses: it says nothing of when anyone answered, so ${names.join(", ")} ${names.length > 1 ? "are" : "is"} not read`,
  );
  const keep = <T>(r: readonly T[]): T[] => r.filter((_, k) => !dropped.has(k));
  const out: RawTable = { ...table, columns: keep(table.columns), rows: rows.map(keep), rowNumbers, warnings };
  // Indexes of columns no row has a cell for move left past the columns left out.
  if (table.missing) out.missing = table.missing.filter((k) => !dropped.has(k)).map((k) => k - [...dropped].filter((d) => d < k).length);
  return out;
}
