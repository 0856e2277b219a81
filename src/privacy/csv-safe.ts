/**
 * CSV files the toolkit writes for coordinators (proposed partnerships, at-risk lists) are opened
 * in spreadsheets, which run a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * as a formula (CSV injection: `=HYPERLINK(...)` typed into a registration form). Such cells are
 * prefixed with a single quote, as OWASP recommends, unless they are plain numbers (`-3`, `+4.5`).
 */
import { stringify } from "csv-stringify/sync";

const RISKY = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Neutralises one cell for a spreadsheet (see module doc). */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = Array.isArray(value) ? value.join("; ") : String(value);
  return RISKY.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

/**
 * Formats rows as RFC 4180 CSV (CRLF, quoted where needed) with every cell neutralised.
 * @param header column names, in order; each row is read by these keys.
 */
export function toSafeCsv(header: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return stringify([header.map(safeCell), ...rows.map((r) => header.map((h) => safeCell(r[h])))], { record_delimiter: "\r\n" });
}
