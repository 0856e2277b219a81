/**
 * The errors people see (src/domain/errors.ts): located problems print as FILE:ROW:COLUMN, an
 * InputError lists at most 20 of its problems in its message but keeps them all, and an unknown
 * round is a usage error that lists the rounds the database holds.
 */
import { describe, expect, it } from "vitest";
import { collapseRepeats, formatProblem, InputError, showValue, terminalSafe, UnknownRoundError, UsageError, type Problem } from "../../src/domain/errors";

describe("errors", () => {
  it("formats a located problem and shows a value with its blanks", () => {
    expect(formatProblem({ file: "r/registrations.csv", row: 7, column: "Country", message: "unknown country \"Japn\"" })).toBe('r/registrations.csv:7:Country: unknown country "Japn"');
    expect(showValue(" a ")).toBe('" a "');
  });

  it("keeps every problem of an InputError and shows the first 20", () => {
    const problems: Problem[] = Array.from({ length: 23 }, (_, i) => ({ file: "f.csv", row: i + 2, column: "x", message: "bad" }));
    const err = new InputError(problems);
    expect(err.problems).toHaveLength(23);
    expect(err.message.split("\n")).toHaveLength(22); // the count, 20 problems, "... and 3 more"
    expect(err.message).toMatch(/^23 problems:\nf\.csv:2:x: bad\n[\s\S]*f\.csv:21:x: bad\n\.\.\. and 3 more$/);
    expect(new InputError(problems.slice(0, 1)).message).toBe("f.csv:2:x: bad");
  });

  it("makes an unknown round a usage error naming the rounds held", () => {
    const err = new UnknownRoundError("2020A", ["2013P", "2013B"]);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('unknown round "2020A"; the database holds: 2013P, 2013B');
    expect(new UnknownRoundError("x", []).message).toBe('unknown round "x"; the database holds: no rounds');
  });

  it("collapses one problem repeated down a column into one line per distinct value, with its rows", () => {
    const bad = (row: number, value: string, column = "Sector"): Problem => ({ file: "r.csv", row, column, message: `not a valid library sector: "${value}"` });
    // 12 rows of "University library" (rows 2, 4, ..., 24), one of "Museum", one file-wide problem.
    const rows = Array.from({ length: 12 }, (_, i) => 2 + 2 * i);
    const problems = [bad(2, "University library"), { file: "r.csv", row: 0, column: "Date", message: "dates are written both ways" }, bad(3, "Museum"), ...rows.slice(1).map((r) => bad(r, "University library")), bad(5, "Museum", "Other column")];
    expect(collapseRepeats(problems).map(formatProblem)).toEqual([
      'r.csv:2:Sector: not a valid library sector: "University library" (in 12 rows: 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, ...)',
      "r.csv:0:Date: dates are written both ways",
      'r.csv:3:Sector: not a valid library sector: "Museum"',
      'r.csv:5:Other column: not a valid library sector: "Museum"',
    ]);
  });
});

describe("terminalSafe", () => {
  it("escapes what a terminal acts on (escapes, bells, new lines, C1 controls, bidi overrides) and keeps the rest", () => {
    expect(terminalSafe("\u001b]0;PWNED\u0007\u001b[2Jx.csv")).toBe("\\u001b]0;PWNED\\u0007\\u001b[2Jx.csv");
    expect(terminalSafe("a\nb\rc\u009bd\u202Ee\u2066f\u007f")).toBe("a\\u000ab\\u000dc\\u009bd\\u202ee\\u2066f\\u007f");
    expect(terminalSafe("Zoë\tSão Paulo 日本 😀 \"x\"")).toBe("Zoë\tSão Paulo 日本 😀 \"x\"");
  });
});
