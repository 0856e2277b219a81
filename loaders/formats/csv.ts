/**
 * CSV text -> records, with csv-parse (RFC 4180 grammar). Record `i` of the result is spreadsheet
 * row `i + 1`: a quoted cell that spans several lines stays one record, and a blank line is a record
 * of its own (`[""]`), so numbering matches what a spreadsheet shows. The field delimiter is
 * comma, semicolon or tab, read off the header line ({@link sniffDelimiter}).
 */
import { parse } from "csv-parse/sync";
import { InputError } from "../../src/domain/errors";

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

/** Field delimiters read, comma first (it wins a tie). */
export const DELIMITERS = [",", ";", "\t"] as const;
/** One of {@link DELIMITERS}. */
export type Delimiter = (typeof DELIMITERS)[number];

/** A delimiter's name for messages. */
export function delimiterName(d: Delimiter): string {
  return d === "," ? "comma" : d === ";" ? "semicolon" : "tab";
}

/**
 * The field delimiter of CSV text: whichever of comma, semicolon and tab occurs most often outside
 * quotes in the first non-blank line (the header), comma on a tie or when none occurs. Excel saves
 * "CSV" with semicolons wherever the decimal separator is a comma (much of Europe and Latin
 * America), and survey tools offer tab-separated exports; a comma file's header has a comma between
 * every two columns, so only a header with more semicolons (or tabs) than columns could mislead
 * this. Never throws.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts = [0, 0, 0];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && (text[i] === "\r" || text[i] === "\n")) i++;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted; // a doubled quote toggles twice
    else if (!quoted) {
      if (c === "\r" || c === "\n") break;
      const k = DELIMITERS.indexOf(c as Delimiter);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}

/**
 * Whether tab-separated text uses quotes as CSV does. Google Sheets' "Download as .tsv" and many
 * tools never quote (a tab or line break cannot occur in a cell), so a `"` is literal text there:
 * `"Other"` in a header is the word in quotation marks. The text counts as quoted only when its
 * first line quotes every non-empty cell (`"a"\t"b"`, as R's write.table does), or when some cell
 * is quoted because it must be: a well-formed quoted cell holding a tab, a line break or a doubled
 * quote. Any quote that cannot be CSV quoting (a `"` opening a cell but not closing it before the
 * next tab or line end) makes the text unquoted. One pass over the text; never throws.
 */
export function isQuotedTsv(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let headerCells = 0;
  let headerQuoted = 0;
  let atCellStart = true;
  while (i < text.length) {
    const c = text[i];
    if (atCellStart && c === '"') {
      let j = i + 1;
      let needed = false;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) return false; // never closed: a literal quote
        if (text[k + 1] === '"') {
          needed = true;
          j = k + 2;
          continue;
        }
        const after = text[k + 1];
        if (after !== undefined && after !== "\t" && after !== "\r" && after !== "\n") return false; // "Other" please: literal
        if (!needed) {
          const inner = text.slice(i + 1, k);
          needed = inner.includes("\t") || inner.includes("\n") || inner.includes("\r");
        }
        if (needed) return true;
        if (line === 0) {
          headerCells++;
          headerQuoted++;
        }
        i = k + 1;
        break;
      }
      atCellStart = false;
      continue;
    }
    if (c === "\t") {
      atCellStart = true;
    } else if (c === "\n" || c === "\r") {
      if (line === 0 && headerQuoted > 0) return headerQuoted === headerCells;
      line++;
      atCellStart = true;
    } else {
      if (atCellStart && line === 0) headerCells++;
      atCellStart = false;
    }
    i++;
  }
  return line === 0 && headerQuoted > 0 && headerQuoted === headerCells;
}

/**
 * Parses CSV text into records of raw (untrimmed) cells. Records are returned in file order;
 * record `i` is spreadsheet row `i + 1`; blank lines come back as `[""]`. Quotes inside an unquoted
 * cell and text after a closing quote are malformed (as csv-parse defines them), not guessed at.
 * With `quotes` false (a tab file that does not quote, {@link isQuotedTsv}) a `"` is plain text.
 * `delimiter` defaults to {@link sniffDelimiter}'s reading. Runs at csv-parse's speed (no per-cell work here).
 * @throws {InputError} with the spreadsheet row where the malformed record starts (column `"*"`):
 *   an unterminated quoted cell, a stray quote, or any other csv-parse error.
 */
export function parseCsv(file: string, text: string, delimiter: Delimiter = sniffDelimiter(text), quotes = true): string[][] {
  try {
    return parse(text, { ...OPTIONS, delimiter, ...(quotes ? {} : { quote: false }) }) as string[][];
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
        message = `a quoted cell${field} is followed by other text before the next ${delimiterName(delimiter)}; malformed CSV`;
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
