/**
 * Coordinator lock and forbid files for `iln match --locks F --forbid F`: pairs of emails, as
 * - JSON: `[["a@example.org", "b@example.org"], ...]` or `[{"email_a": "...", "email_b": "..."}, ...]`;
 * - CSV: a header row naming `email_a` and `email_b` (any case), or else the first two columns
 *   of every row (then the first row is data unless it has no `@`).
 * Emails are trimmed; comparing them case-insensitively is the pseudonymiser's job.
 */
import { parse } from "csv-parse/sync";
import { readInputText } from "../db/input-file";
import { InputError, type Problem } from "../domain/errors";
import { DuplicateKeyError, parseJson } from "../domain/json";

/**
 * Reads a file of email pairs (see module doc).
 * @throws InputError naming the file, row and problem for a missing file, one that is not a regular
 *   file or is over 64 MiB (`readInputText`), bad JSON, a JSON key given twice in one object (at
 *   its line and path), or a row without two emails.
 */
export function readPairsFile(file: string): [string, string][] {
  return readPairsWithPlaces(file).pairs;
}

/**
 * {@link readPairsFile} with where each pair is: `rows[k]` and `columns[k]` locate `pairs[k]` in
 * the file (1-based row; `[k]` for a JSON item, `email_a/email_b` for a CSV row), for problems
 * found later about a pair.
 * @throws InputError as {@link readPairsFile}.
 */
export function readPairsWithPlaces(file: string): { pairs: [string, string][]; rows: number[]; columns: string[] } {
  const text = readInputText(file, { what: "the pairs file", column: "" });
  const problems: Problem[] = [];
  const pairs: [string, string][] = [];
  const rows: number[] = [];
  const columns: string[] = [];
  const take = (a: unknown, b: unknown, row: number, column: string) => {
    const x = typeof a === "string" ? a.trim() : "";
    const y = typeof b === "string" ? b.trim() : "";
    if (!x.includes("@") || !y.includes("@")) problems.push({ file, row, column, message: `expected two emails, got ${JSON.stringify([a, b])}` });
    else {
      pairs.push([x, y]);
      rows.push(row);
      columns.push(column);
    }
  };
  if (/^\s*[[{]/.test(text)) {
    let doc: unknown;
    try {
      doc = parseJson(text);
    } catch (err) {
      // A key given twice ({"email_a": ..., "email_a": ...}) is located at its line and path.
      if (err instanceof DuplicateKeyError) throw new InputError([{ file, row: err.line, column: err.path, message: err.message }]);
      throw new InputError([{ file, row: 0, column: "", message: `not JSON: ${(err as Error).message}` }]);
    }
    if (!Array.isArray(doc)) throw new InputError([{ file, row: 0, column: "", message: "expected a JSON array of pairs" }]);
    doc.forEach((item, k) => {
      if (Array.isArray(item) && item.length === 2) take(item[0], item[1], k + 1, `[${k}]`);
      else if (item && typeof item === "object") take((item as Record<string, unknown>).email_a, (item as Record<string, unknown>).email_b, k + 1, `[${k}]`);
      else problems.push({ file, row: k + 1, column: `[${k}]`, message: "expected [email, email] or {email_a, email_b}" });
    });
  } else {
    const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    let ia = 0;
    let ib = 1;
    let start = 0;
    if (records.length) {
      const head = records[0].map((h) => h.trim().toLowerCase().replace(/[^a-z_]/g, ""));
      if (head.includes("email_a") && head.includes("email_b")) {
        ia = head.indexOf("email_a");
        ib = head.indexOf("email_b");
        start = 1;
      } else if (!records[0].some((c) => c.includes("@"))) {
        start = 1;
      }
    }
    for (let r = start; r < records.length; r++) take(records[r][ia], records[r][ib], r + 1, "email_a/email_b");
  }
  if (problems.length) throw new InputError(problems);
  return { pairs, rows, columns };
}
