/**
 * The errors the toolkit reports to people, as opposed to bugs: rejected input (exit code 1,
 * one located problem per line, nothing written), wrong usage (exit code 2), and a round the
 * database does not hold. Every layer throws these; the CLI maps them to exit codes
 * (src/cli/main.ts). The contract of a located problem is in docs/formats.md ("Bad input").
 *
 * Imports nothing: the ground floor of the project, safe in a browser bundle.
 */

/**
 * One located problem in an input file. `row` is the row number as a spreadsheet shows it
 * (1 = the first header row); `column` is the header as written in the file (or the canonical
 * field name when the column is missing altogether). `row` 0 means the problem concerns the
 * whole file.
 */
export interface Problem {
  file: string;
  row: number;
  column: string;
  message: string;
}

/** Formats a problem as `FILE:ROW:COLUMN: message`. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.row}:${p.column}: ${p.message}`;
}

/** How many row numbers {@link collapseRepeats} lists before `...`. */
export const LISTED_ROWS = 10;

/**
 * Problems with one file, column and message in several rows (the same unknown value repeated
 * down a column) as one problem, located at the first such row, its message followed by how many
 * rows and which: `(in 12 rows: 2, 6, 7, ...)`, at most {@link LISTED_ROWS} listed. Problems
 * about a whole file (row 0) and single ones are kept as they are; the order is that of each
 * problem's first occurrence. Never throws.
 */
export function collapseRepeats(problems: readonly Problem[]): Problem[] {
  const groups = new Map<string, { first: Problem; rows: number[] }>();
  const out: (Problem | { first: Problem; rows: number[] })[] = [];
  for (const p of problems) {
    if (p.row === 0) {
      out.push(p);
      continue;
    }
    const key = JSON.stringify([p.file, p.column, p.message]);
    const g = groups.get(key);
    if (g) g.rows.push(p.row);
    else {
      const group = { first: p, rows: [p.row] };
      groups.set(key, group);
      out.push(group);
    }
  }
  return out.map((x) => {
    if (!("rows" in x)) return x;
    if (x.rows.length === 1) return x.first;
    const shown = x.rows.slice(0, LISTED_ROWS).join(", ") + (x.rows.length > LISTED_ROWS ? ", ..." : "");
    return { ...x.first, message: `${x.first.message} (in ${x.rows.length} rows: ${shown})` };
  });
}

/** Longest value a message quotes whole; a longer one is cut (see `showValue`). */
export const SHOWN_VALUE_CHARS = 200;

/**
 * Quotes a cell value for an error message (as JSON), so blanks and spaces show. A value longer
 * than {@link SHOWN_VALUE_CHARS} characters is cut there, and its length said:
 * `"abc…" (40,000 characters)`, so a hostile cell cannot flood the output.
 */
export function showValue(value: string): string {
  if (value.length <= SHOWN_VALUE_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, SHOWN_VALUE_CHARS) + "…")} (${value.length.toLocaleString("en-US")} characters)`;
}

/** Characters a terminal acts on or that reorder text: C0 and C1 controls, DEL, bidirectional overrides and isolates. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` safe to print on a terminal as one line: every control character (tab aside), DEL, C1
 * control and bidirectional override or isolate is written as its JSON-style escape (`\u001b`),
 * as `showValue` shows cell values, so a file name or a value read from stdin cannot clear the
 * screen, retitle the window, start a new line or reverse the text around it. Other text is
 * unchanged. Never throws.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Thrown when input is rejected. Carries every problem found, not just the first; the CLI
 * prints one line per problem and exits with code 1. Nothing has been written when it is thrown.
 */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const shown = problems.slice(0, 20).map(formatProblem).join("\n");
    super(problems.length === 1 ? shown : `${problems.length} problems:\n${shown}${problems.length > 20 ? `\n... and ${problems.length - 20} more` : ""}`);
    this.name = "InputError";
    this.problems = problems;
  }
}

/** Wrong usage of a command (the CLI exits with code 2), as opposed to rejected input. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Thrown when a round is asked for (a metric, a replay, a fit, a proposal, the `--round` of a
 * single file to ingest) that the database does not hold. A usage error: the CLI exits with code
 * 2 and prints the message, which lists the rounds the database holds, then `hint` when given
 * (what to do instead).
 */
export class UnknownRoundError extends UsageError {
  constructor(
    readonly round: string,
    readonly known: readonly string[],
    hint?: string,
  ) {
    super(`unknown round ${JSON.stringify(round)}; the database holds: ${known.length ? known.join(", ") : "no rounds"}${hint ? `; ${hint}` : ""}`);
    this.name = "UnknownRoundError";
  }
}
