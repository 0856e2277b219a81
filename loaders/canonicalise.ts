/**
 * Turns a raw export table (any tool's layout) into validated canonical rows of one kind:
 * headers matched to canonical fields (case, punctuation and spacing ignored) by name, alias or
 * the mapping file; every cell validated by the kind's zod schema; duplicates of one person
 * resolved latest-wins. Collects every problem rather than stopping at the first.
 */
import { z } from "zod";
import { showValue, type Problem } from "../src/domain/errors";
import type { RawTable } from "./formats/raw-table";
import type { FieldSpec, KindSpec } from "./kinds";
import { detectSlashOrder, type SlashOrder } from "./normalise/dates";
import { foldKey } from "./normalise/text";

/** A header mapping from a mapping file: header as in the file -> canonical field. */
export type HeaderMapping = Readonly<Record<string, string>>;

/** One canonical row with the spreadsheet row it came from. */
export interface CanonicalRow<T> {
  row: number;
  value: T;
}

/** The outcome of canonicalising one file. */
export interface Canonical<T> {
  rows: CanonicalRow<T>[];
  problems: Problem[];
  warnings: string[];
  /** Columns that map to no field, kept out of the database. */
  extras: string[];
  /** The header each present field was read from (`headerLookup` turns it into a function). */
  headers: Record<string, string>;
  /** Distinct country values that neither the mapping file nor the normaliser resolved, in file order. */
  unknownCountries: string[];
}

/** `headerOf` for a field -> header map. */
export function headerLookup(headers: Readonly<Record<string, string>>): (field: string) => string {
  return (field) => headers[field] ?? field;
}

/** Which columns feed each field; fields absent from the file have no entry. */
export type ColumnMap = Map<string, number[]>;

/**
 * Matches a table's columns to a kind's fields. A column matches a field when its header (or one
 * of its aliases) folds to the field's name or one of the field's aliases, or when the mapping
 * names it. Problems: a missing required column (row 1, column = field name), two columns for a
 * single-column field, a mapping naming an unknown field.
 */
export function matchColumns(table: RawTable, fields: readonly FieldSpec[], mapping: HeaderMapping = {}): { columns: ColumnMap; problems: Problem[]; extras: string[] } {
  const problems: Problem[] = [];
  const byKey = new Map<string, FieldSpec>();
  for (const f of fields) for (const n of [f.name, ...f.aliases]) byKey.set(foldKey(n), f);
  const fieldByName = new Map(fields.map((f) => [f.name, f]));
  const mapped = new Map<string, FieldSpec>();
  for (const [header, target] of Object.entries(mapping)) {
    const f = fieldByName.get(target);
    if (!f) {
      problems.push({ file: table.file, row: 0, column: header, message: `the mapping names unknown field ${showValue(target)}; fields of this kind: ${fields.map((x) => x.name).join(", ")}` });
    } else {
      mapped.set(foldKey(header), f);
    }
  }
  const columns: ColumnMap = new Map();
  const extras: string[] = [];
  table.columns.forEach((col, i) => {
    const names = [col.header, ...col.aliases].map(foldKey).filter((k) => k !== "");
    const f = names.map((k) => mapped.get(k)).find(Boolean) ?? names.map((k) => byKey.get(k)).find(Boolean);
    if (!f) {
      if (col.header.trim() !== "" || col.aliases.length) extras.push(col.header || col.aliases[0]);
      return;
    }
    const list = columns.get(f.name) ?? [];
    if (list.length && !f.multi) {
      problems.push({ file: table.file, row: 1, column: col.header, message: `a second column for field ${showValue(f.name)} (the first is ${showValue(table.columns[list[0]].header)}); remove one or map it with --mapping` });
      return;
    }
    list.push(i);
    columns.set(f.name, list);
  });
  for (const f of fields) {
    if (f.required && !columns.has(f.name)) {
      problems.push({ file: table.file, row: 1, column: f.name, message: `missing column for ${showValue(f.name)}; accepted headers: ${f.aliases.join(" | ")} (or map one with --mapping)` });
    }
  }
  return { columns, problems, extras };
}

function cellFor(row: string[], idx: number[]): string {
  if (idx.length === 1) return row[idx[0]];
  return idx.map((i) => row[i].trim()).filter((v) => v !== "").join(";");
}

/**
 * Validates every row of `table` as `spec`'s kind.
 * @returns canonical rows (when there are no problems, all of them), problems located as
 *   FILE:ROW:COLUMN with the offending value, warnings (duplicates, date order, ignored columns).
 */
export function canonicalise<T>(table: RawTable, spec: KindSpec, mapping: HeaderMapping = {}, countries: Readonly<Record<string, string>> = {}): Canonical<T> {
  const { columns, problems, extras } = matchColumns(table, spec.fields, mapping);
  const warnings = [...table.warnings.map((w) => `${table.file}: ${w}`)];
  if (extras.length) warnings.push(`${table.file}: ${extras.length} column(s) not used and kept out of the database: ${extras.map(showValue).join(", ")}`);
  const headers: Record<string, string> = {};
  for (const [name, idx] of columns) headers[name] = table.columns[idx[0]].header;
  const headerOf = headerLookup(headers);
  if (problems.length) return { rows: [], problems, warnings, extras, headers, unknownCountries: [] };

  const dateOrder: Record<string, SlashOrder> = {};
  for (const f of spec.fields) {
    const idx = columns.get(f.name);
    if (!f.date || !idx) continue;
    const d = detectSlashOrder(table.rows.map((r) => cellFor(r, idx)));
    dateOrder[f.name] = d.order;
    if (d.ambiguous) {
      problems.push({ file: table.file, row: 0, column: table.columns[idx[0]].header, message: "dates are written both month-first and day-first in this column; use one order (or ISO YYYY-MM-DD)" });
    } else if (d.decided) {
      warnings.push(`${table.file}: column ${showValue(table.columns[idx[0]].header)} read as ${d.order === "dmy" ? "day/month/year" : "month/day/year"}`);
    }
  }
  const validate = rowValidator(spec.schema({ dateOrder, countries }));
  const unknownCountries = new Set<string>();
  const rows: CanonicalRow<T>[] = [];
  const fieldsPresent = [...columns];
  table.rows.forEach((r, i) => {
    const input: Record<string, string> = {};
    for (const [name, idx] of fieldsPresent) input[name] = cellFor(r, idx);
    const res = validate(input);
    if (res.ok) {
      rows.push({ row: table.rowNumbers[i], value: res.value as T });
    } else {
      for (const issue of res.issues) {
        problems.push({ file: table.file, row: table.rowNumbers[i], column: headerOf(issue.field), message: issue.message });
        if (issue.country !== undefined) unknownCountries.add(issue.country);
      }
    }
  });
  return { rows: spec.onePerPerson ? latestPerPerson(rows, spec.onePerPerson, table.file, warnings) : rows, problems, warnings, extras, headers, unknownCountries: [...unknownCountries] };
}

/** A field-level issue of one row; `country` is the unknown country value it is about, if any. */
interface FieldIssue {
  field: string;
  message: string;
  country?: string;
}

/**
 * Validates rows against a kind's `z.object` schema field by field, memoising each field's result
 * per distinct cell text: sectors, preferences, countries and Likert answers repeat thousands of
 * times in a file, so each distinct value is parsed once. Equivalent to `schema.safeParse(row)`
 * for object schemas without object-level refinements (ours have none).
 */
export function rowValidator(schema: z.ZodType): (input: Record<string, string>) => { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  if (!(schema instanceof z.ZodObject)) throw new Error("a kind's row schema must be a z.object");
  const shape = schema.shape as Record<string, z.ZodType>;
  const fields = Object.keys(shape);
  const memo = new Map<string, Map<string | undefined, z.ZodSafeParseResult<unknown>>>(fields.map((f) => [f, new Map()]));
  return (input) => {
    const value: Record<string, unknown> = {};
    let issues: FieldIssue[] | null = null;
    for (const f of fields) {
      const raw = input[f];
      const m = memo.get(f)!;
      let res = m.get(raw);
      if (res === undefined) {
        res = shape[f].safeParse(raw);
        if (m.size < 50_000) m.set(raw, res);
      }
      if (res.success) value[f] = res.data;
      else (issues ??= []).push(...res.error.issues.map((i) => fieldIssue(f, i)));
    }
    return issues ? { ok: false, issues } : { ok: true, value };
  };
}

/** A zod issue as a field issue, keeping the unknown country a country cell names in its params. */
function fieldIssue(field: string, i: z.core.$ZodIssue): FieldIssue {
  const country = i.code === "custom" ? (i.params as { country?: unknown } | undefined)?.country : undefined;
  return typeof country === "string" ? { field, message: i.message, country } : { field, message: i.message };
}

/**
 * Keeps one row per person (by the email field): the one with the latest time, or the lower
 * in the file on a tie. Each dropped row is reported as a warning naming both rows.
 */
export function latestPerPerson<T>(rows: CanonicalRow<T>[], keys: { email: string; time: string }, file: string, warnings: string[]): CanonicalRow<T>[] {
  const best = new Map<string, CanonicalRow<T>>();
  for (const r of rows) {
    const v = r.value as Record<string, unknown>;
    const e = String(v[keys.email]);
    const prev = best.get(e);
    if (!prev) {
      best.set(e, r);
      continue;
    }
    const newer = String(v[keys.time]) >= String((prev.value as Record<string, unknown>)[keys.time]);
    const [keep, drop] = newer ? [r, prev] : [prev, r];
    best.set(e, keep);
    warnings.push(`${file}:${drop.row}: ${e} submitted twice; row ${keep.row} (the latest) counts, row ${drop.row} is ignored`);
  }
  return rows.filter((r) => best.get(String((r.value as Record<string, unknown>)[keys.email])) === r);
}
