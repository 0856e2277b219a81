/** Minimal CSV writing (RFC 4180 quoting), as Google Sheets and SurveyMonkey write it. */

/** A cell quoted only when needed: when it holds a comma, a double quote, CR or LF (quotes doubled). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record (no line end). */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(",");
}

/** A whole CSV document: records joined by `eol`, with a final `eol`. */
export function csvDocument(records: readonly (readonly string[])[], eol: "\r\n" | "\n"): string {
  return records.map(csvLine).join(eol) + eol;
}
