/**
 * The uniform table every export is read into (`readExport`, read-export.ts) and the names of
 * the tools' formats and text encodings: plain types shared by the format modules, so that none
 * of them depends on the reader that dispatches to them.
 */

/** The export layouts the reader recognises (one per tool), and `xlsx` for a workbook. */
export type ExportFormat =
  | "google-forms"
  | "surveymonkey"
  | "qualtrics"
  | "qualtrics-legacy"
  | "microsoft-forms"
  | "limesurvey"
  | "csv"
  | "xlsx";
/** The text encodings the reader detects (docs/formats.md). */
export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

/** One column of an export, named as the tool's header rows name it. */
export interface RawColumn {
  /**
   * The human header of the column, trimmed; for a SurveyMonkey multi-select group the question text
   * of the group's first column is carried onto every column of the group (likewise for empty and
   * Excel-placeholder `ColumnN` headers in one-row layouts); Qualtrics: the label row (row 2),
   * legacy: the label row; LimeSurvey: the question text without the "code. " prefix.
   */
  header: string;
  /**
   * The sub-answer label when the layout has one (SurveyMonkey row 2, unless it is "Response" or
   * "Open-Ended Response"; LimeSurvey "[SQ001]"-style sub-question text); else null.
   */
  option: string | null;
  /**
   * Other names of the column: Qualtrics export tag (row 1, e.g. "Q1", "ResponseId") and ImportId,
   * LimeSurvey question code, legacy "V1"..., Excel placeholder "Column7"; may be empty.
   */
  aliases: string[];
  /**
   * True for the free-text box of a multi-select's "Other" option (SurveyMonkey's
   * `Other (please specify)` sub-column, Qualtrics' `Q3_6_TEXT`): any text in it means the option
   * "Other" was chosen; the text itself is not an answer of the question.
   */
  otherText?: boolean;
  /**
   * The question a sub-column belongs to, when the layout knows it but the header is the
   * sub-column's own (Qualtrics' `Q3_2` "How did you...? - Video call" of a multi-select split into
   * columns): such a column also joins a multi-select field whose name or alias is the question.
   */
  question?: string;
}

/** A decoded, parsed export: columns and data rows. */
export interface RawTable {
  /** The path as given by the caller. */
  file: string;
  format: ExportFormat;
  encoding: Encoding;
  columns: RawColumn[];
  /** Data rows only, each exactly `columns.length` cells (strings, untrimmed as in the file). */
  rows: string[][];
  /**
   * For each data row, its row number as a spreadsheet shows it: 1 = first header row; a record
   * with a multi-line quoted cell is one row; blank records count as rows but are not returned.
   */
  rowNumbers: number[];
  /** Notes for the user, e.g. "decoded as Windows-1252 ...", "text looks double-encoded ...". */
  warnings: string[];
  /**
   * Indexes of the header's last columns for which no row of the file has a cell (every row is
   * short by the same count, as ODK Central writes its empty `Status`): read as blank, they may
   * feed no field. Absent when every row is as wide as the header.
   */
  missing?: number[];
}
