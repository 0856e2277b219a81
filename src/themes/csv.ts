/**
 * The CSV files of `iln themes code` and `iln themes agree`: comments in (`id,text`), codings in and
 * out (`id,themes[,sentiment]`, themes separated by `;`). Reading validates every row and reports
 * problems as `FILE:ROW:COLUMN: message`.
 */
import { parse } from "csv-parse/sync";
import { readInputText } from "../db/input-file";
import { InputError, showValue, type Problem } from "../domain/errors";
import { toSafeCsv } from "../privacy/csv-safe";
import type { CodedComment } from "./coder";

function readRecords(file: string, required: readonly string[]): { header: string[]; rows: Record<string, string>[] } {
  const text = readInputText(file, { what: "the CSV file" });
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: `not valid CSV: ${(err as Error).message}` }]);
  }
  if (records.length === 0) throw new InputError([{ file, row: 1, column: "*", message: `empty file; expected a header ${required.join(",")}` }]);
  const header = records[0].map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw new InputError(missing.map((c) => ({ file, row: 1, column: c, message: `missing column ${showValue(c)} (the header must hold ${required.join(",")})` })));
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
  return { header, rows };
}

function checkIds(file: string, rows: Record<string, string>[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const id = r.id.trim();
    if (id === "") problems.push({ file, row: i + 2, column: "id", message: "empty id" });
    else if (seen.has(id)) problems.push({ file, row: i + 2, column: "id", message: `id ${showValue(id)} already on row ${seen.get(id)}` });
    else seen.set(id, i + 2);
  });
  return problems;
}

/**
 * Reads a CSV of comments with columns `id,text` (others ignored).
 * @returns comments in file order.
 * @throws {InputError} when the file is unreadable, not a regular file or over 64 MiB (`readInputText`), lacks a column, or has an empty or repeated id.
 */
export function readComments(file: string): { id: string; text: string }[] {
  const { rows } = readRecords(file, ["id", "text"]);
  const problems = checkIds(file, rows);
  if (problems.length) throw new InputError(problems);
  return rows.map((r) => ({ id: r.id.trim(), text: r.text }));
}

/**
 * Reads a coding CSV with columns `id,themes` (`themes` separated by `;`, blank = none; other
 * columns such as `sentiment` ignored).
 * @param themes the known theme ids.
 * @returns the themes of each comment id, in file order.
 * @throws {InputError} naming file, row and column for an empty or repeated id or an unknown theme (with the known ones).
 */
export function readCoding(file: string, themes: readonly string[]): Map<string, string[]> {
  const { rows } = readRecords(file, ["id", "themes"]);
  const problems = checkIds(file, rows);
  const known = new Set(themes);
  const out = new Map<string, string[]>();
  rows.forEach((r, i) => {
    const list = r.themes.split(";").map((t) => t.trim()).filter(Boolean);
    for (const t of list) {
      if (!known.has(t)) problems.push({ file, row: i + 2, column: "themes", message: `unknown theme ${showValue(t)}; the codebook defines ${themes.join(", ")}` });
    }
    out.set(r.id.trim(), [...new Set(list)]);
  });
  if (problems.length) throw new InputError(problems);
  return out;
}

/**
 * The coded CSV: `id,themes,sentiment,triggers` (themes separated by `;`; sentiment to 3 decimals;
 * triggers as `theme: words | words; theme: ...` so a coordinator sees why). Cells that a
 * spreadsheet would run as a formula are neutralised (`toSafeCsv`).
 */
export function codedCsv(rows: readonly ({ id: string } & CodedComment)[]): string {
  return toSafeCsv(
    ["id", "themes", "sentiment", "triggers"] as const,
    rows.map((r) => ({
      id: r.id,
      themes: r.themes.join(";"),
      sentiment: r.sentiment.toFixed(3),
      triggers: r.themes.map((t) => `${t}: ${r.triggers[t].map((x) => x.words).join(" | ")}`).join("; "),
    })),
  );
}
