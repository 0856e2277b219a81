/**
 * Turns a raw export table (any tool's layout) into validated canonical rows of one kind:
 * headers matched to canonical fields (case, punctuation and spacing ignored) by name, alias or
 * the mapping file; every cell validated by the kind's zod schema; duplicates of one person
 * resolved latest-wins (last in the file when the times are unknown). Collects every problem
 * rather than stopping at the first.
 */
import { z } from "zod";
import { collapseRepeats, showValue, type Problem } from "../src/domain/errors";
import type { RawTable } from "./formats/raw-table";
import type { FieldSpec, KindSpec } from "./kinds";
import { detectSlashOrder, orderByWindow, type SlashOrder } from "./normalise/dates";
import { foldKey } from "./normalise/text";
import { sevenPointPair, splitMulti } from "./normalise/values";

/**
 * A header mapping from a mapping file: header as in the file -> canonical field, or null to
 * ignore the column. A mapping entry always beats a header's own match by name or alias.
 */
export type HeaderMapping = Readonly<Record<string, string | null>>;

/** Respondent ids -> the (normalised) emails they stand for: a mapping file's `respondents`, or `--respondents FILE`. */
export type RespondentMap = Readonly<Record<string, string>>;

/** One canonical row with the spreadsheet row it came from. */
export interface CanonicalRow<T> {
  row: number;
  value: T;
}

/** How a kind with a respondent key (the survey) keys its rows in one file. */
export type RespondentKey = "email" | "respondent_id" | null;

/** The outcome of canonicalising one file. */
export interface Canonical<T> {
  rows: CanonicalRow<T>[];
  problems: Problem[];
  warnings: string[];
  /** Columns that map to no field, kept out of the database. */
  extras: string[];
  /** The header each present field was read from (`headerLookup` turns it into a function). */
  headers: Record<string, string>;
  /** The fields that have a column in the file, in the kind's field order. */
  present: string[];
  /**
   * For a kind with `respondentKey`: what keys its rows (`email`, `respondent_id` through the
   * respondents mapping), or null for an anonymous file. Always `email` for other kinds.
   */
  key: RespondentKey;
  /** Distinct country values that neither the mapping file nor the normaliser resolved, in file order. */
  unknownCountries: string[];
  /** Whether the rows' values were read (false when a problem with the headers stopped it first). */
  valuesRead: boolean;
}

/** `headerOf` for a field -> header map. */
export function headerLookup(headers: Readonly<Record<string, string>>): (field: string) => string {
  return (field) => headers[field] ?? field;
}

/** Which columns feed each field; fields absent from the file have no entry. */
export type ColumnMap = Map<string, number[]>;

/** The result of matching a table's columns to a kind's fields. */
export interface ColumnMatch {
  columns: ColumnMap;
  problems: Problem[];
  /** Headers of columns no field uses (not matched, or set aside for a mapped column). */
  extras: string[];
  /** Headers the mapping sets to null: ignored on purpose. */
  ignored: string[];
  /** Notes for the user: a column set aside because the mapping gives its field another column. */
  notes: string[];
}

/**
 * Matches a table's columns to a kind's fields. A column's header (or one of its aliases, as a
 * tool's layout names them) is looked up, case, punctuation and spacing aside, first in the
 * mapping, which always wins: a header mapped to a field feeds that field, one mapped to null is
 * ignored; only a header the mapping does not name matches a field by the field's name or one of
 * its aliases, or else by one of its `fallbackAliases`, which feeds the field only when nothing
 * else does (otherwise the column is set aside with a note). A sub-column whose header matches
 * nothing but whose `question` does (a Qualtrics multi-select split into columns) feeds that
 * field when it is a multi-select (or is ignored when the mapping ignores the question). When a
 * field has a mapped column, columns that match it by name are set aside.
 * Problems: a required field without a column (row 1, column = field name); two columns for a
 * single-column field (both mapped, or both by name: the message says how to choose); a mapping
 * naming an unknown field.
 */
export function matchColumns(table: RawTable, fields: readonly FieldSpec[], mapping: HeaderMapping = {}): ColumnMatch {
  const problems: Problem[] = [];
  const byKey = new Map<string, FieldSpec>();
  for (const f of fields) for (const n of [f.name, ...f.aliases]) byKey.set(foldKey(n), f);
  const byFallback = new Map<string, FieldSpec>();
  for (const f of fields) for (const n of f.fallbackAliases ?? []) byFallback.set(foldKey(n), f);
  const fieldByName = new Map(fields.map((f) => [f.name, f]));
  const mapped = new Map<string, FieldSpec | null>();
  for (const [header, target] of Object.entries(mapping)) {
    const f = target === null ? null : fieldByName.get(target);
    if (f === undefined) {
      problems.push({ file: table.file, row: 0, column: header, message: `the mapping names unknown field ${showValue(String(target))}; fields of this kind: ${fields.map((x) => x.name).join(", ")}` });
    } else {
      mapped.set(foldKey(header), f);
    }
  }
  const extras: string[] = [];
  const ignored: string[] = [];
  const notes: string[] = [];
  const byMapping: { i: number; f: FieldSpec }[] = [];
  const byName: { i: number; f: FieldSpec }[] = [];
  const byFallbackName: { i: number; f: FieldSpec }[] = [];
  // a sub-column of a question (Qualtrics' split multi-select) joins a multi-select field named by its question
  const viaQuestion = (f: FieldSpec | null | undefined) => (f === null || f?.multi ? f : undefined);
  table.columns.forEach((col, i) => {
    const names = [col.header, ...col.aliases].map(foldKey).filter((k) => k !== "");
    const q = col.question === undefined ? "" : foldKey(col.question);
    const key = names.find((k) => mapped.has(k)) ?? (q !== "" && viaQuestion(mapped.get(q)) !== undefined ? q : undefined);
    if (key !== undefined) {
      const f = mapped.get(key)!;
      if (f === null) {
        const h = col.header || col.aliases[0];
        if (!ignored.includes(h)) ignored.push(h);
      } else {
        byMapping.push({ i, f });
      }
      return;
    }
    const f = names.map((k) => byKey.get(k)).find(Boolean) ?? (q !== "" ? viaQuestion(byKey.get(q)) ?? undefined : undefined);
    const fallback = f ? undefined : names.map((k) => byFallback.get(k)).find(Boolean);
    if (f) byName.push({ i, f });
    else if (fallback) byFallbackName.push({ i, f: fallback });
    else if (col.header.trim() !== "" || col.aliases.length) extras.push(col.header || col.aliases[0]);
  });
  const columns: ColumnMap = new Map();
  const viaMapping = new Set(byMapping.map((m) => m.f.name));
  const place = ({ i, f }: { i: number; f: FieldSpec }, how: string) => {
    const list = columns.get(f.name) ?? [];
    if (list.length && !f.multi) {
      const first = showValue(table.columns[list[0]].header);
      problems.push({
        file: table.file,
        row: 1,
        column: table.columns[i].header,
        message: how === "mapping"
          ? `the mapping gives field ${showValue(f.name)} a second column (the first is ${first}); map one of them to null`
          : `a second column for field ${showValue(f.name)} (the first is ${first}); map the one to use with --mapping ({"Header": "${f.name}"}), or the other to null`,
      });
      return;
    }
    list.push(i);
    columns.set(f.name, list);
  };
  for (const m of byMapping) place(m, "mapping");
  for (const m of byName) {
    if (viaMapping.has(m.f.name)) {
      const h = table.columns[m.i].header;
      extras.push(h);
      notes.push(`column ${showValue(h)} matches field ${showValue(m.f.name)} by name, but the mapping gives that field another column; ${showValue(h)} is not used`);
      continue;
    }
    place(m, "name");
  }
  for (const m of byFallbackName) {
    const used = columns.get(m.f.name);
    if (used) {
      const h = table.columns[m.i].header;
      extras.push(h);
      notes.push(`column ${showValue(h)} is not used for field ${showValue(m.f.name)}: column ${showValue(table.columns[used[0]].header)} gives it (map ${showValue(h)} to ${showValue(m.f.name)} with --mapping to use it instead)`);
      continue;
    }
    place(m, "name");
  }
  for (const f of fields) {
    if (f.required && !columns.has(f.name)) {
      problems.push({ file: table.file, row: 1, column: f.name, message: `missing column for ${showValue(f.name)}; accepted headers: ${f.aliases.join(" | ")} (or map one with --mapping)` });
    }
  }
  // Columns in file order within each field, fields in the kind's order.
  const ordered: ColumnMap = new Map();
  for (const f of fields) if (columns.has(f.name)) ordered.set(f.name, columns.get(f.name)!.sort((a, b) => a - b));
  return { columns: ordered, problems, extras: [...new Set(extras)], ignored, notes };
}

/** The option a multi-select's "Other" free-text box stands for when it holds any text. */
const OTHER_OPTION = "Other";

/** A ticked (1, Y, Yes, True, X) or unticked (0, N, No, False) box in a multi-select's option column, as exports with numeric values write them. */
const TICK = /^\s*(1|y|yes|true|x)\s*$/i;
const UNTICK = /^\s*(0|n|no|false)\s*$/i;

/**
 * The cell a field reads from its columns: the one column's cell, or the non-blank cells of
 * several joined with `;`, a tick in an option column (`options`: column -> its option's label)
 * read as that option and an untick as blank, a cell of a column in `whole` (one holding the
 * whole question's answers, as Qualtrics joins them with commas, beside its "Other" box) split
 * into its items first.
 * A column in `other` (a multi-select's `Other (please specify)` box) gives `Other` when it holds
 * any text, never the text itself.
 */
function cellFor(row: string[], idx: number[], other?: ReadonlySet<number>, whole?: ReadonlySet<number>, options?: ReadonlyMap<number, string>): string {
  const cell = (i: number) => {
    if (other?.has(i)) return row[i].trim() !== "" ? OTHER_OPTION : "";
    if (options?.has(i)) return TICK.test(row[i]) ? options.get(i)! : UNTICK.test(row[i]) ? "" : row[i];
    return row[i];
  };
  if (idx.length === 1) return cell(idx[0]);
  return idx.map((i) => (whole?.has(i) ? splitMulti(cell(i)).join(";") : cell(i).trim())).filter((v) => v !== "").join(";");
}

/** What a file is canonicalised with, besides its table and kind. */
export interface CanonicaliseOptions {
  /** Header mapping (mapping file, or a round folder's mapping.json). */
  mapping?: HeaderMapping;
  /** Country values -> ISO codes, keyed by `countryValueKey`. */
  countries?: Readonly<Record<string, string>>;
  /** Respondent ids -> emails, for a kind with `respondentKey`. */
  respondents?: RespondentMap;
  /** How slashed dates are written, as the mapping file's `date_order` states; then the values are not asked. */
  dateOrder?: SlashOrder;
  /** The round's window for the kind's dated field (loaders/window.ts): decides a column whose every value reads both ways. */
  window?: DateWindow;
}

/** A round's window for one dated field: `[from, to]`, inclusive `YYYY-MM-DD`. */
export interface DateWindow {
  round: string;
  field: string;
  from: string;
  to: string;
}

/** How a date order is named in messages. */
function orderName(order: SlashOrder): string {
  return order === "dmy" ? "day/month/year" : "month/day/year";
}

/**
 * The month/day order of each date field with a column: as the mapping states; else as the
 * values show (a problem when some show each order); else, when every slashed value reads both
 * ways, the reading that puts more rows inside the round's window (the window's field decides
 * first, and other date columns of the file follow it: one export, one locale); else a problem
 * saying the order cannot be told and how to state it. Warns how an undecided column was read.
 */
function dateOrders(table: RawTable, spec: KindSpec, columns: ColumnMap, opts: CanonicaliseOptions, problems: Problem[], warnings: string[]): Record<string, SlashOrder> {
  const dateOrder: Record<string, SlashOrder> = {};
  const dated = spec.fields.filter((f) => f.date && columns.has(f.name));
  if (opts.dateOrder) {
    for (const f of dated) dateOrder[f.name] = opts.dateOrder;
    return dateOrder;
  }
  const w = opts.window;
  // The window's field first, so the others can follow what it decided.
  dated.sort((a, b) => Number(b.name === w?.field) - Number(a.name === w?.field));
  let fileOrder: SlashOrder | undefined;
  const open: { field: string; header: string; sample: { index: number; value: string } }[] = [];
  for (const f of dated) {
    const idx = columns.get(f.name)!;
    const header = table.columns[idx[0]].header;
    const values = table.rows.map((r) => cellFor(r, idx));
    const d = detectSlashOrder(values);
    dateOrder[f.name] = d.order;
    if (d.ambiguous) {
      problems.push({ file: table.file, row: 0, column: header, message: "dates are written both month-first and day-first in this column; use one order (or ISO YYYY-MM-DD)" });
    } else if (d.decided) {
      fileOrder ??= d.order;
      warnings.push(`${table.file}: column ${showValue(header)} read as ${orderName(d.order)}`);
    } else if (d.undecided) {
      const byWindow = w && w.field === f.name ? orderByWindow(values, w) : null;
      if (byWindow?.order) {
        dateOrder[f.name] = byWindow.order;
        fileOrder ??= byWindow.order;
        const [chosen, other] = byWindow.order === "dmy" ? [byWindow.dmy, byWindow.mdy] : [byWindow.mdy, byWindow.dmy];
        warnings.push(`${table.file}: column ${showValue(header)} read as ${orderName(byWindow.order)}: every date reads both ways (e.g. ${showValue(d.sample!.value)}); ${chosen} of ${values.length} rows fall inside round ${w!.round}'s window (${w!.from} to ${w!.to}) read so, ${other} read the other way`);
      } else {
        open.push({ field: f.name, header, sample: d.sample! });
      }
    }
  }
  for (const o of open) {
    if (fileOrder) {
      dateOrder[o.field] = fileOrder;
      warnings.push(`${table.file}: column ${showValue(o.header)} read as ${orderName(fileOrder)}, as the file's other date column: its every date reads both ways (e.g. ${showValue(o.sample.value)})`);
      continue;
    }
    const why = w?.field === o.field ? `the round's window (${w.from} to ${w.to}) does not tell which` : w ? "no other date column of the file tells which" : "there is no round window to tell which";
    problems.push({
      file: table.file,
      row: 0,
      column: o.header,
      message: `the date order cannot be told: every date in this column reads both month-first and day-first (e.g. ${showValue(o.sample.value)}, row ${table.rowNumbers[o.sample.index]}), and ${why}; state it in the mapping file with "date_order": "day-first" or "month-first" (top level, or under ${showValue(spec.kind)})`,
    });
  }
  return dateOrder;
}

/**
 * A problem for each 5-point question's column whose answers show a 7-point scale, or two scales
 * mixed (`Agree` and `Somewhat agree`: both 4 on their own 5-point scales, 6 and 5 on a 7-point
 * one), located at the column (row 0) and naming both labels.
 */
function sevenPointColumns(table: RawTable, spec: KindSpec, columns: ColumnMap): Problem[] {
  const problems: Problem[] = [];
  for (const f of spec.fields) {
    const idx = columns.get(f.name);
    if (!f.likert || !idx) continue;
    const pair = sevenPointPair(table.rows.map((r) => cellFor(r, idx)), f.likert);
    if (pair) {
      problems.push({
        file: table.file, row: 0, column: table.columns[idx[0]].header,
        message: `this column holds both ${showValue(pair[0])} and ${showValue(pair[1])}: a 7-point ${f.likert} scale (or two scales mixed), which cannot be read as 1-5; this tool reads 5-point scales only (recode the column to 1-5)`,
      });
    }
  }
  return problems;
}

/** Email cells that say nobody: blank, or Microsoft Forms' `anonymous` (what it writes for an anonymous form). */
const NO_EMAIL = new Set(["", "anonymous"]);

/**
 * How a file of a kind with `respondentKey` keys its rows: by its email column, unless that holds
 * no address at all (blank, or `anonymous` throughout); else by its respondent id column when
 * there is a respondents mapping; else nothing (anonymous). Notes say why a column was not used.
 */
function respondentKey(table: RawTable, columns: ColumnMap, keys: { email: string; id: string }, respondents: RespondentMap | undefined, notes: string[]): RespondentKey {
  const emailIdx = columns.get(keys.email);
  if (emailIdx) {
    const header = table.columns[emailIdx[0]].header;
    if (!table.rows.length || table.rows.some((r) => !NO_EMAIL.has(cellFor(r, emailIdx).trim().toLowerCase()))) return "email";
    const none = `column ${showValue(header)} holds no email address (only blanks or "anonymous")`;
    const byId = columns.has(keys.id) && respondents && Object.keys(respondents).length;
    notes.push(byId ? `${none}: the respondent ids key the rows instead` : `${none}: read as an anonymous survey`);
  }
  const idIdx = columns.get(keys.id);
  if (idIdx) {
    if (respondents && Object.keys(respondents).length) return "respondent_id";
    notes.push(`column ${showValue(table.columns[idIdx[0]].header)} holds respondent ids, but no respondents mapping was given ("respondents" in the mapping file, or --respondents FILE): read as an anonymous survey`);
  }
  return null;
}

/**
 * Validates every row of `table` as `spec`'s kind.
 * @returns canonical rows (when there are no problems, all of them), problems located as
 *   FILE:ROW:COLUMN with the offending value, warnings (duplicates, date order, columns not used
 *   or ignored, no column for the kind's time field), the fields present, and how the rows are
 *   keyed.
 */
export function canonicalise<T>(table: RawTable, spec: KindSpec, opts: CanonicaliseOptions = {}): Canonical<T> {
  const { columns, problems, extras, ignored, notes } = matchColumns(table, spec.fields, opts.mapping);
  const warnings = [...table.warnings.map((w) => `${table.file}: ${w}`), ...notes.map((n) => `${table.file}: ${n}`)];
  const rk = spec.respondentKey;
  let key: RespondentKey = "email";
  if (rk) {
    const keyNotes: string[] = [];
    key = respondentKey(table, columns, rk, opts.respondents, keyNotes);
    warnings.push(...keyNotes.map((n) => `${table.file}: ${n}`));
    const idField = spec.fields.find((f) => f.name === rk.id)!;
    if (opts.respondents && Object.keys(opts.respondents).length && key !== "respondent_id") {
      const given = `a respondents mapping was given (--respondents FILE, or "respondents" in the mapping file)`;
      if (key === null) {
        // Asked to link respondents and unable to: refused, not read as anonymous (which would replace linked responses).
        problems.push({
          file: table.file, row: 1, column: rk.id,
          message: `${given}, but the file has no respondent id column to use it with (accepted headers: ${idField.aliases.join(" | ")}); map the column holding the ids to ${showValue(rk.id)} with --mapping, or leave the respondents mapping out to read the survey as anonymous`,
        });
      } else {
        warnings.push(`${table.file}: ${given}, but it is not used: the rows are keyed by their email column`);
      }
    }
    // Only the key in use feeds the rows.
    if (key !== "email" && columns.has(rk.email)) columns.delete(rk.email);
    if (key !== "respondent_id" && columns.has(rk.id)) columns.delete(rk.id);
  }
  // A column no row has a cell for (every row short by the same count) feeds no field: the file
  // holds nothing for it, or its header has more columns than its rows (a separator too many).
  const missing = new Set(table.missing ?? []);
  for (const [name, idx] of columns) {
    for (const i of idx.filter((k) => missing.has(k))) {
      problems.push({
        file: table.file, row: 1, column: table.columns[i].header,
        message: `no row of the file has a cell for this column (each row stops ${missing.size} cell(s) short of the header), so it cannot feed ${showValue(name)}; check the header line, or map the column to null`,
      });
    }
  }
  if (extras.length) warnings.push(`${table.file}: ${extras.length} column(s) not used and kept out of the database: ${extras.map(showValue).join(", ")}`);
  if (ignored.length) warnings.push(`${table.file}: ${ignored.length} column(s) ignored as the mapping says: ${ignored.map(showValue).join(", ")}`);
  if (spec.questions && !spec.questions.some((q) => columns.has(q))) problems.push(noQuestion(table, spec));
  const headers: Record<string, string> = {};
  for (const [name, idx] of columns) headers[name] = table.columns[idx[0]].header;
  // A respondent id stands for an email: problems about that email point at the id column.
  if (rk && key === "respondent_id") headers[rk.email] = headers[rk.id];
  const headerOf = headerLookup(headers);
  const present = [...columns.keys()];
  const timeField = spec.onePerPerson?.time;
  if (timeField !== undefined && !columns.has(timeField)) warnings.push(`${table.file}: ${untimedNote(spec.fields.find((f) => f.name === timeField)!, key !== null)}`);
  if (problems.length) return { rows: [], problems, warnings, extras, headers, present, key, unknownCountries: [], valuesRead: false };

  const dateOrder = dateOrders(table, spec, columns, opts, problems, warnings);
  problems.push(...sevenPointColumns(table, spec, columns));
  // Without a known date order "the latest" of two rows means nothing: no duplicate is resolved.
  const datesKnown = problems.length === 0;
  const validate = rowValidator(spec.schema({ dateOrder, countries: opts.countries ?? {}, keyed: key !== null }));
  const unknownCountries = new Set<string>();
  const rows: CanonicalRow<T>[] = [];
  const fieldsPresent = [...columns];
  // "Other (please specify)" boxes count as the option Other in a multi-select; their text is not kept.
  const otherOf = new Map<string, Set<number>>();
  const wholeOf = new Map<string, Set<number>>();
  const optionsOf = new Map<string, Map<number, string>>();
  for (const [name, idx] of columns) {
    const multi = spec.fields.find((f) => f.name === name)?.multi === true;
    const boxes = idx.filter((i) => table.columns[i].otherText);
    if (boxes.length && multi) otherOf.set(name, new Set(boxes));
    if (idx.length > 1) wholeOf.set(name, new Set(idx.filter((i) => table.columns[i].option === null && !table.columns[i].otherText)));
    if (multi) optionsOf.set(name, new Map(idx.filter((i) => table.columns[i].option !== null && !table.columns[i].otherText).map((i) => [i, table.columns[i].option!])));
  }
  const idIdx = rk && key === "respondent_id" ? columns.get(rk.id)! : undefined;
  table.rows.forEach((r, i) => {
    const input: Record<string, string> = {};
    for (const [name, idx] of fieldsPresent) input[name] = cellFor(r, idx, otherOf.get(name), wholeOf.get(name), optionsOf.get(name));
    if (idIdx) {
      const id = cellFor(r, idIdx).trim();
      const email = opts.respondents![id];
      if (id === "" || email === undefined) {
        problems.push({
          file: table.file,
          row: table.rowNumbers[i],
          column: headers[rk!.id],
          message: id === "" ? "the respondent id is blank" : `respondent id ${showValue(id)} is not in the respondents mapping; add it, or map this column to null to read the survey as anonymous`,
        });
        return;
      }
      input[rk!.email] = email;
    }
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
  const dedupe = spec.onePerPerson && key !== null && datesKnown;
  return {
    rows: dedupe ? latestPerPerson(rows, spec.onePerPerson!, table.file, warnings) : rows,
    problems: collapseRepeats(problems), warnings, extras, headers, present, key, unknownCountries: [...unknownCountries], valuesRead: true,
  };
}

/**
 * The problem of a file in which none of its kind's question fields has a column: located at the
 * header (row 1, column `*`), naming a few of the file's headers and a few the tool looks for.
 */
function noQuestion(table: RawTable, spec: KindSpec): Problem {
  const named = [...new Set(table.columns.map((c) => c.header || c.aliases[0] || "").filter((h) => h !== ""))];
  const some = named.slice(0, 5).map(showValue).join(", ") + (named.length > 5 ? `, ... (${named.length} in all)` : "");
  const wanted = spec.questions!.slice(0, 3).map((q) => showValue(spec.fields.find((f) => f.name === q)?.aliases[0] ?? q)).join(", ");
  return {
    file: table.file, row: 1, column: "*",
    message: `no ${spec.kind} question of the ILN recognised in this file's columns (${some || "none"}); a ${spec.kind} has at least one of ${spec.questions!.join(", ")} (headers such as ${wanted}; all in docs/formats.md). Is it the right file? If it is, map its question columns with --mapping ({"Header": "${spec.questions![0]}"})`,
  };
}

/**
 * The warning for a file without a column for its kind's time field (allowed only where that
 * field is not required: the survey's `submitted`): the times are unknown, and what follows.
 */
function untimedNote(time: FieldSpec, keyed: boolean): string {
  const dedupe = keyed ? "a respondent who answered twice counts once by file order (the last row counts), and " : "";
  return `no submission-time column (accepted headers: ${[...time.aliases, ...(time.fallbackAliases ?? [])].join(" | ")}; or map one with --mapping): every row's submission time is unknown and stored empty, so ${dedupe}no row can be checked against the round's window`;
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
 * in the file on a tie or when the times are unknown (null: a file without a time column).
 * Each dropped row is reported as a warning naming both rows and why the kept one counts.
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
    const time = v[keys.time];
    const prevTime = (prev.value as Record<string, unknown>)[keys.time];
    const unknown = time == null || prevTime == null;
    const newer = unknown || String(time) >= String(prevTime);
    const [keep, drop] = newer ? [r, prev] : [prev, r];
    best.set(e, keep);
    warnings.push(`${file}:${drop.row}: ${e} submitted twice; row ${keep.row} (${unknown ? "the last in the file: the times are unknown" : "the latest"}) counts, row ${drop.row} is ignored`);
  }
  return rows.filter((r) => best.get(String((r.value as Record<string, unknown>)[keys.email])) === r);
}
