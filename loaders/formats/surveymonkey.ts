/**
 * SurveyMonkey "All responses" CSV exports: two header rows. Row 1 holds the question text, written
 * above the first column of a question only; row 2 holds `Response` (single answer),
 * `Open-Ended Response` (free text), or the option / sub-question label of a multi-select, ranking
 * or matrix column. Old exports start with `RespondentID`; current ones with
 * `Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,...`
 * (their row-2 cells are empty). Excel placeholders (`Column7`) in row 1 count as empty cells and
 * are kept as aliases. A multi-select's `Other (please specify)` column (any row-2 label
 * `Other (...)` that asks to specify) holds the respondent's own text: it is marked `otherText`.
 */
import { isOtherSpecify } from "../normalise/values";
import { isPlaceholderHeader, type Layout } from "./layout";
import type { RawColumn } from "./raw-table";

const ANSWER_KINDS = new Set(["Response", "Open-Ended Response"]);
const ID_HEADERS = new Set(["respondentid", "respondent id"]);
/**
 * SurveyMonkey layout. Detected when row 2's first cell is empty and either row 1 starts with
 * `RespondentID` / `Respondent ID` or row 2 holds a `Response` / `Open-Ended Response` cell
 * (a data row would have the respondent id in its first cell).
 */
export const surveyMonkey: Layout = {
  format: "surveymonkey",
  headerRows: 2,
  detect: (head) => {
    const first = (head[0]?.[0] ?? "").trim().toLowerCase();
    const second = head[1];
    if (second === undefined) return ID_HEADERS.has(first);
    if ((second[0] ?? "").trim() !== "") return false;
    return ID_HEADERS.has(first) || second.some((c) => ANSWER_KINDS.has(c.trim()));
  },
  columns: (header, width) => {
    const questions = header[0] ?? [];
    const options = header[1] ?? [];
    const columns: RawColumn[] = [];
    let question = "";
    for (let i = 0; i < width; i++) {
      const q = (questions[i] ?? "").trim();
      const placeholder = isPlaceholderHeader(q);
      if (q !== "" && !placeholder) question = q;
      const o = (options[i] ?? "").trim();
      const column: RawColumn = { header: question, option: o === "" || ANSWER_KINDS.has(o) ? null : o, aliases: placeholder ? [q] : [] };
      if (isOtherSpecify(o)) column.otherText = true;
      columns.push(column);
    }
    return columns;
  },
};
