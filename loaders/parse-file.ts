/**
 * One export file from bytes to validated canonical rows: layout and encoding detection
 * (loaders/formats), then header matching and row validation (loaders/canonicalise). The result
 * is plain data, so it can cross a worker thread (see parse-files.ts).
 */
import { readFileSync } from "node:fs";
import { canonicalise, type CanonicalRow, type DateWindow, type RespondentKey } from "./canonicalise";
import type { FileInput } from "./discover";
import { InputError, type Problem } from "../src/domain/errors";
import { parseExport } from "./formats/read-export";
import { KIND_SPECS } from "./kinds";

/**
 * What to parse: one file of a round, as `discover` found it, with the round's window for the
 * kind's dated field when the round is known (it decides a date column whose every value reads
 * both month-first and day-first).
 */
export type ParseJob = FileInput & { window?: DateWindow };

/** A parsed file: its layout, and either its rows or its problems. */
export interface ParsedFile {
  format: string | null;
  /** Data rows read (before validation). */
  rowCount: number;
  /** Valid rows, when the file has no problem at all. */
  rows: CanonicalRow<unknown>[] | null;
  headers: Record<string, string>;
  /** Fields with a column in the file (see `Canonical.present`). */
  present: string[];
  /** How the rows are keyed (see `Canonical.key`). */
  key: RespondentKey;
  problems: Problem[];
  warnings: string[];
  /** Distinct country values nothing resolved (see `Canonical.unknownCountries`). */
  unknownCountries: string[];
  /** Whether the rows' values were read: false when the file could not be parsed or its headers stopped it (see `Canonical.valuesRead`). */
  valuesRead: boolean;
}

/**
 * Reads (unless `bytes` are given), parses and validates one file. Never throws for bad input:
 * problems are returned. @throws only for unexpected failures (a bug, or an unreadable file).
 */
export function parseFile(job: ParseJob, bytes: Uint8Array = readFileSync(job.path)): ParsedFile {
  try {
    const table = parseExport(job.path, bytes);
    const c = canonicalise<unknown>(table, KIND_SPECS[job.kind], { mapping: job.mapping, countries: job.countries, respondents: job.respondents, dateOrder: job.dateOrder, window: job.window });
    return {
      format: table.format, rowCount: table.rows.length, rows: c.problems.length ? null : c.rows, headers: c.headers, present: c.present, key: c.key,
      problems: c.problems, warnings: c.warnings, unknownCountries: c.unknownCountries, valuesRead: c.valuesRead,
    };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { format: null, rowCount: 0, rows: null, headers: {}, present: [], key: null, problems: err.problems, warnings: [], unknownCountries: [], valuesRead: false };
  }
}
