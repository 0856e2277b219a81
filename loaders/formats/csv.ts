/**
 * CSV text -> records, with csv-parse (RFC 4180 grammar). Record `i` of the result is spreadsheet
 * row `i + 1`: a quoted cell that spans several lines stays one record, and a blank line is a record
 * of its own (`[""]`), so numbering matches what a spreadsheet shows.
 */
import { parse } from "csv-parse/sync";
import { InputError } from "../errors";

/** The shape of the error csv-parse throws (only the fields used here). */
interface CsvParseError {
  code?: string;
  message: string;
  records?: number;
  column?: number | string;
}

const OPTIONS = {
  // CRLF files with bare LF inside quoted cells (Google Sheets), LF files, and old Mac CR files.
  record_delimiter: ["\r\n", "\n", "\r"],
  // Ragged rows are checked by the caller, which names every such row.
  relax_column_count: true,
  skip_empty_lines: false,
  bom: true,
};

/**
 * Parses CSV text into records of raw (untrimmed) cells. Records are returned in file order;
 * record `i` is spreadsheet row `i + 1`; blank lines come back as `[""]`. Quotes inside an unquoted
 * cell and text after a closing quote are malformed (as csv-parse defines them), not guessed at.
 * Runs at csv-parse's speed (no per-cell work here).
 * @throws {InputError} with the spreadsheet row where the malformed record starts (column `"*"`):
 *   an unterminated quoted cell, a stray quote, or any other csv-parse error.
 */
export function parseCsv(file: string, text: string): string[][] {
  try {
    return parse(text, OPTIONS) as string[][];
  } catch (e) {
    const err = e as CsvParseError;
    if (typeof err.records !== "number") throw e;
    const row = err.records + 1;
    const field = typeof err.column === "number" ? ` (cell ${err.column + 1})` : "";
    let message: string;
    switch (err.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        message = "a quoted cell that starts in this row is never closed (unterminated quote): the rest of the file would become one cell";
        break;
      case "INVALID_OPENING_QUOTE":
        message = `a quote appears inside an unquoted cell${field}; quote the whole cell and double the inner quote ("")`;
        break;
      case "CSV_INVALID_CLOSING_QUOTE":
        message = `a quoted cell${field} is followed by other text before the next comma; malformed CSV`;
        break;
      default:
        message = `malformed CSV: ${err.message}`;
    }
    throw new InputError([{ file, row, column: "*", message }]);
  }
}

/** True when every cell of the record is empty or whitespace (a blank spreadsheet row). Never throws. */
export function isBlankRecord(record: readonly string[]): boolean {
  for (let i = 0; i < record.length; i++) {
    const cell = record[i];
    if (cell.length !== 0 && cell.trim().length !== 0) return false;
  }
  return true;
}
