/**
 * Reads one survey/form export into a uniform table: decodes the bytes, parses the CSV, detects the
 * tool's header layout and turns its header rows into columns.
 *
 * Layout detection looks at the first three records after any blank leading rows; the first rule
 * that matches wins:
 * 1. `qualtrics`: row 3's first cell starts with `{"ImportId"` (tags, labels, import ids).
 * 2. `qualtrics-legacy`: row 1 starts `V1,V2` and there is a second (label) row.
 * 3. `surveymonkey`: row 2's first cell is empty and row 1 starts with `RespondentID` /
 *    `Respondent ID`, or row 2 holds a `Response` / `Open-Ended Response` cell. (A one-row file
 *    starting with the respondent id header also counts: a header-only export.)
 * 4. `microsoft-forms`: row 1 starts `Id,Start time,Completion time` (case-insensitive).
 * 5. `google-forms`: row 1's first cell is `Timestamp` (or Sheets' localised `Marca temporal`,
 *    `Horodateur`, `Zeitstempel`, `Carimbo de data/hora`).
 * 6. `limesurvey`: row 1 holds `id` and `submitdate` (or `Response ID` and `Date submitted`), or at
 *    least 80% of its (3 or more) named headers read `code. question text`.
 * 7. `csv`: anything else, one header row.
 * `options.format` skips detection. An XLSX workbook (a ZIP container) is read from its first
 * sheet (`readXlsx`: dates become ISO 8601 text); its header layout is detected by the same rules,
 * and the table says `format: "xlsx"`, `encoding: "utf-8"`. In every layout, trailing columns that
 * are empty in all header rows and all data rows (the legacy Qualtrics trailing comma) are dropped,
 * and data rows may carry extra empty cells past the last column. A `.tsv` file is tab-separated
 * whatever its header line shows, and a tab-separated text that quotes no cell (`isQuotedTsv`)
 * is read with quotes as plain text (Google Sheets' TSV download). In the two Qualtrics layouts,
 * previews, tests, spam and unfinished responses are dropped with a warning (`withoutNonResponses`);
 * in LimeSurvey's, responses never submitted, and the placeholder times of a survey with anonymized
 * responses (`limeSurveyResponses`).
 * No cell may be longer than
 * {@link MAX_CELL_CHARS} characters.
 */
import { readInputFile } from "../../src/db/input-file";
import { InputError, showValue, type Problem } from "../../src/domain/errors";
import { delimiterName, isBlankRecord, isQuotedTsv, parseCsv, sniffDelimiter, type Delimiter } from "./csv";
import { decodeBytes } from "./decode";
import { googleForms } from "./google-forms";
import type { Layout } from "./layout";
import { limeSurvey, limeSurveyResponses } from "./limesurvey";
import { microsoftForms } from "./microsoft-forms";
import { plainCsv } from "./plain-csv";
import type { Encoding, ExportFormat, RawTable } from "./raw-table";
import { qualtrics, qualtricsLegacy, withoutNonResponses } from "./qualtrics";
import { surveyMonkey } from "./surveymonkey";
import { readXlsx } from "./xlsx";

/** The largest export read, in bytes (1 GiB): ten times a 100,000-person history's largest file, under Node's 2 GiB read limit. */
export const MAX_EXPORT_BYTES = 1024 ** 3;

/** The longest cell read, in characters: Excel's own limit for a cell (32,767). */
export const MAX_CELL_CHARS = 32_767;

/** The problem of a cell over {@link MAX_CELL_CHARS}. */
function tooLong(cell: string): string {
  return `a cell of ${cell.length.toLocaleString("en-US")} characters, more than the ${MAX_CELL_CHARS.toLocaleString("en-US")} a spreadsheet cell holds: ${showValue(cell)}`;
}

/** Layouts in detection order; the last one matches anything. */
const LAYOUTS: readonly Layout[] = [qualtrics, qualtricsLegacy, surveyMonkey, microsoftForms, googleForms, limeSurvey, plainCsv];

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads an export file (bytes from disk), detects encoding and tool layout; see `parseExport`.
 * @throws {InputError} when the file cannot be read, is no regular file or is over 1 GiB, and for
 *   everything `parseExport` rejects.
 */
export function readExport(file: string, options?: { format?: ExportFormat }): RawTable {
  return parseExport(file, readInputFile(file, { maxBytes: MAX_EXPORT_BYTES }), options);
}

/**
 * Parses an export already in memory (`file` is used only for messages). Detects the encoding
 * (`decodeBytes`) and the layout (rules in this module's comment, unless `options.format` names
 * it), builds the columns from the header rows and returns the non-blank data rows with their
 * spreadsheet row numbers. A header-only file gives zero rows.
 * @throws {InputError} listing every problem: empty file, binary content (NUL bytes), UTF-16,
 *   an unreadable XLSX workbook (or `format: "xlsx"` for a non-ZIP file), malformed CSV
 *   (unterminated quote, stray quote; the row where it starts), every row with fewer cells
 *   than the header has columns (unless every row is short by the same count: then the header's
 *   last columns read as blank, are listed in `missing`, and a warning says so) or with filled
 *   cells beyond them (column `"*"`, both counts given),
 *   and every cell longer than {@link MAX_CELL_CHARS} characters (its value cut in the message).
 */
export function parseExport(file: string, bytes: Uint8Array, options?: { format?: ExportFormat }): RawTable {
  const whole = (message: string) => new InputError([{ file, row: 0, column: "*", message }]);
  const isZip = bytes.length >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (options?.format === "xlsx" && !isZip) throw whole("the file is not an XLSX workbook (it is not a ZIP container)");
  let records: string[][];
  let encoding: Encoding;
  let warnings: string[];
  if (isZip) {
    const sheet = readXlsx(file, bytes);
    records = sheet.records;
    encoding = "utf-8";
    warnings = [`read the first sheet of the workbook, ${JSON.stringify(sheet.name)}`];
  } else {
    const decoded = decodeBytes(file, bytes);
    const byName = /\.tsv$/i.test(file);
    const delimiter: Delimiter = byName ? "\t" : sniffDelimiter(decoded.text);
    const quotes = delimiter !== "\t" || isQuotedTsv(decoded.text);
    records = parseCsv(file, decoded.text, delimiter, quotes);
    encoding = decoded.encoding;
    warnings = [...decoded.warnings];
    if (delimiter !== ",") warnings.push(`read as ${delimiterName(delimiter)}-separated values (from the ${byName ? "file name" : "header line"})${quotes ? "" : ", quotes as plain text (the file quotes no cell)"}`);
  }

  let first = 0;
  while (first < records.length && isBlankRecord(records[first])) first++;
  if (first === records.length) throw whole("the file is empty");

  const forced = options?.format && options.format !== "xlsx" ? options.format : undefined;
  const layout = forced
    ? LAYOUTS.find((l) => l.format === forced) ?? plainCsv
    : LAYOUTS.find((l) => l.detect(records.slice(first, first + 3))) ?? plainCsv;
  const headerEnd = Math.min(first + layout.headerRows, records.length);
  const header = records.slice(first, headerEnd);

  let width = 0;
  for (const h of header) width = Math.max(width, h.length);
  width = dropEmptyTrailing(records, first, headerEnd, width);
  const padded = header.map((h) => (h.length >= width ? h.slice(0, width) : [...h, ...Array<string>(width - h.length).fill("")]));
  const columns = layout.columns(padded, width);

  // A tool that writes no cell for a last column no row fills (ODK Central's `Status`) leaves
  // every row the same number of cells short: those columns read as blank, and feed no field.
  const short = uniformShortRows(records, headerEnd, width);
  const missing: number[] = [];
  if (short !== null) {
    for (let i = short; i < width; i++) missing.push(i);
    const names = missing.map((i) => JSON.stringify(columns[i].header || `column ${i + 1}`)).join(", ");
    warnings.push(
      `every row has ${short} cells, ${width - short} fewer than the ${width} columns of the header: ` +
        `the header's last column${missing.length > 1 ? "s" : ""} ${names} ${missing.length > 1 ? "are" : "is"} read as blank in every row (the file writes no cell for ${missing.length > 1 ? "them" : "it"})`,
    );
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const problems: Problem[] = [];
  for (let r = first; r < headerEnd; r++) {
    records[r].forEach((cell, i) => {
      if (cell.length > MAX_CELL_CHARS) problems.push({ file, row: r + 1, column: `column ${i + 1}`, message: tooLong(cell) });
    });
  }
  for (let r = headerEnd; r < records.length; r++) {
    const rec = short !== null && records[r].length === short && !isBlankRecord(records[r]) ? [...records[r], ...Array<string>(width - short).fill("")] : records[r];
    for (let i = 0; i < rec.length; i++) {
      if (rec[i].length > MAX_CELL_CHARS) problems.push({ file, row: r + 1, column: columns[i]?.header || `column ${i + 1}`, message: tooLong(rec[i]) });
    }
    if (rec.length === width) {
      if (isBlankRecord(rec)) continue;
      rows.push(rec);
      rowNumbers.push(r + 1);
      continue;
    }
    if (isBlankRecord(rec)) continue;
    if (rec.length < width) {
      problems.push({ file, row: r + 1, column: "*", message: `this row has ${rec.length} cells, fewer than the ${width} columns of the header` });
      continue;
    }
    let lastFilled = rec.length - 1;
    while (lastFilled >= width && rec[lastFilled].trim() === "") lastFilled--;
    if (lastFilled >= width) {
      problems.push({
        file,
        row: r + 1,
        column: "*",
        message: `this row has ${lastFilled + 1} cells up to its last filled one, more than the ${width} columns of the header`,
      });
      continue;
    }
    rows.push(rec.slice(0, width));
    rowNumbers.push(r + 1);
  }
  if (problems.length > 0) throw new InputError(problems);
  const table: RawTable = { file, format: isZip ? "xlsx" : layout.format, encoding, columns, rows, rowNumbers, warnings, ...(missing.length ? { missing } : {}) };
  if (layout === qualtrics || layout === qualtricsLegacy) return withoutNonResponses(table);
  return layout === limeSurvey ? limeSurveyResponses(table) : table;
}

/**
 * The number of cells of every non-blank data record (`records[headerEnd..]`) when they all have
 * that same number and it is fewer than the header's `width` (but at least one); else null. A
 * file whose rows are short by different counts, or only some of them, is ragged, not this.
 */
function uniformShortRows(records: readonly string[][], headerEnd: number, width: number): number | null {
  let short: number | null = null;
  for (let r = headerEnd; r < records.length; r++) {
    const rec = records[r];
    if (isBlankRecord(rec)) continue;
    if (rec.length >= width || (short !== null && rec.length !== short)) return null;
    short = rec.length;
  }
  return short !== null && short >= 1 ? short : null;
}

/**
 * The width left after removing trailing columns that are blank in every header record
 * (`records[first..headerEnd)`) and every later record (missing cells count as blank).
 */
function dropEmptyTrailing(records: readonly string[][], first: number, headerEnd: number, width: number): number {
  const blankAt = (rec: readonly string[], i: number) => i >= rec.length || rec[i].trim() === "";
  while (width > 0) {
    const i = width - 1;
    let blank = true;
    for (let r = first; r < headerEnd && blank; r++) blank = blankAt(records[r], i);
    for (let r = headerEnd; r < records.length && blank; r++) blank = blankAt(records[r], i);
    if (!blank) break;
    width--;
  }
  return width;
}
