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

/** Quotes a cell value for an error message, so blanks and spaces show. */
export function showValue(value: string): string {
  return JSON.stringify(value);
}
