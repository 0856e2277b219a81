/**
 * Qualtrics exports.
 * - Current format (2017 on): three header rows. Row 1: export tags (`StartDate`, `ResponseId`,
 *   `Q1`, `Q2_1`...); row 2: labels (question text, in the exporting user's UI language);
 *   row 3: `{"ImportId":"QID1"}` JSON cells.
 * - Legacy format (before 2017): two header rows, `V1,V2,...` (then question ids) and labels,
 *   usually with a byte-order mark and a trailing comma on every line (an empty last column,
 *   which the reader drops).
 * - A question with a choice that asks for text has a text box column for it (`Q3_6_TEXT`,
 *   "<question> - Other (please specify) - Text"), and its answer column is labelled
 *   "<question> - Selected Choice": that column also answers to the bare question. A
 *   multiple-answer question is one column (`Q3`, choices joined by commas) or split into a
 *   column per choice (`Q3_1`, "<question> - Email", or "<question> - Selected Choice - Email").
 *   Such sub-columns carry their question (`RawColumn.question`), and an "Other" choice's text box
 *   is marked `otherText`: its text counts as the choice, and is not kept.
 * Rows that are not a respondent's finished answers (previews, tests, spam, unfinished responses)
 * are dropped by `withoutNonResponses`, with a warning.
 */
import { isOtherSpecify } from "../normalise/values";
import { distinctAliases, type Layout } from "./layout";
import type { RawColumn, RawTable } from "./raw-table";

/** The `ImportId` of a row-3 cell such as `{"ImportId":"QID1"}`, or `""`. Never throws. */
export function importIdOf(cell: string): string {
  const t = cell.trim();
  if (!t.startsWith("{")) return "";
  try {
    const value: unknown = JSON.parse(t);
    if (value && typeof value === "object" && "ImportId" in value) {
      const id = (value as { ImportId: unknown }).ImportId;
      return typeof id === "string" ? id : "";
    }
  } catch {
    // not JSON: no import id
  }
  return "";
}

/** Qualtrics layout (three header rows). Detected by a row-3 first cell starting `{"ImportId"`. */
export const qualtrics: Layout = {
  format: "qualtrics",
  headerRows: 3,
  detect: (head) => /^\{\s*"ImportId"/.test((head[2]?.[0] ?? "").trim()),
  columns: (header, width) => {
    const [tags = [], labels = [], ids = []] = header;
    const columns: RawColumn[] = [];
    for (let i = 0; i < width; i++) {
      const tag = (tags[i] ?? "").trim();
      const label = (labels[i] ?? "").trim() || tag;
      columns.push({ header: label, option: null, aliases: distinctAliases([tag, importIdOf(ids[i] ?? ""), bareQuestion(label)], label) });
    }
    markSubColumns(columns, Array.from({ length: width }, (_, i) => (tags[i] ?? "").trim()));
    return columns;
  },
};

/** A sub-column's export tag: `Q3_2` (choice 2 of Q3, or row 2 of a matrix), `Q3_6_TEXT` (choice 6's text box). */
const SUB_TAG = /^(.+?)_(\d+)(_TEXT)?$/;
/** What Qualtrics appends to a choice's label for its text box. */
const TEXT_SUFFIX = " - Text";
/** What Qualtrics puts after the question of an answer column when a choice has a text box. */
const SELECTED = " - Selected Choice";

/** A label without Qualtrics' " - Selected Choice" ("Q? - Selected Choice" -> "Q?", "Q? - Selected Choice - Email" -> "Q? - Email"). */
function bareQuestion(label: string): string {
  if (label.endsWith(SELECTED)) return label.slice(0, -SELECTED.length);
  return label.replace(`${SELECTED} - `, " - ");
}

/**
 * Gives each sub-column (see the module comment) its question, option and, for an "Other" choice's
 * text box, `otherText`. The question is the label of the column tagged with the sub-columns'
 * base (`Q3`) when there is one, else the labels' common part before " - ". A label that does not
 * start with its question and " - " is left as it is.
 */
function markSubColumns(columns: RawColumn[], tags: string[]): void {
  const byBase = new Map<string, number[]>();
  tags.forEach((t, i) => {
    const m = SUB_TAG.exec(t);
    if (!m) return;
    const members = byBase.get(m[1]) ?? [];
    members.push(i);
    byBase.set(m[1], members);
  });
  for (const [base, members] of byBase) {
    const own = tags.indexOf(base);
    const labels = members.map((i) => bareQuestion(withoutTextSuffix(columns[i].header, tags[i])));
    const question = own >= 0 ? bareQuestion(columns[own].header) : sharedQuestion(labels);
    if (question === "") continue;
    members.forEach((i, k) => {
      if (!labels[k].startsWith(`${question} - `)) return;
      const option = labels[k].slice(question.length + 3).trim();
      columns[i].question = question;
      columns[i].option = option;
      if (tags[i].endsWith("_TEXT") && (isOtherSpecify(option) || /^other\b/i.test(option))) columns[i].otherText = true;
    });
  }
}

/** A text box's label without Qualtrics' " - Text" suffix. */
function withoutTextSuffix(label: string, tag: string): string {
  return tag.endsWith("_TEXT") && label.endsWith(TEXT_SUFFIX) ? label.slice(0, -TEXT_SUFFIX.length) : label;
}

/** The longest "<question>" that every label starts with as "<question> - ", or "" (one label: the part before its last " - "). */
function sharedQuestion(labels: string[]): string {
  let prefix = labels[0] ?? "";
  for (const l of labels.slice(1)) {
    let k = 0;
    while (k < prefix.length && k < l.length && prefix[k] === l[k]) k++;
    prefix = prefix.slice(0, k);
  }
  const cut = prefix.lastIndexOf(" - ");
  return cut > 0 ? prefix.slice(0, cut) : "";
}

/** Legacy Qualtrics layout (two header rows). Detected by row 1 starting `V1,V2` and a second row. */
export const qualtricsLegacy: Layout = {
  format: "qualtrics-legacy",
  headerRows: 2,
  detect: (head) => {
    const row = head[0] ?? [];
    return head.length >= 2 && (row[0] ?? "").trim() === "V1" && (row[1] ?? "").trim() === "V2";
  },
  columns: (header, width) => {
    const [tags = [], labels = []] = header;
    const columns: RawColumn[] = [];
    for (let i = 0; i < width; i++) {
      const tag = (tags[i] ?? "").trim();
      const label = (labels[i] ?? "").trim() || tag;
      columns.push({ header: label, option: null, aliases: distinctAliases([tag], label) });
    }
    return columns;
  },
};

/**
 * Qualtrics response statuses (the `Status` column; label "Response Type") that are not a
 * respondent's answers, as numeric codes and as the text an export with choice text writes:
 * 1 Survey Preview, 2 Survey Test, 8 Spam, 9 Survey Preview Spam, 12 Imported Spam, 17 Offline
 * Survey Preview. Kept: 0 IP Address (an ordinary response), 4 Imported, 16 Offline.
 */
const NOT_RESPONSES: Readonly<Record<string, string>> = {
  "1": "survey preview", "survey preview": "survey preview",
  "2": "survey test", "survey test": "survey test",
  "8": "spam", spam: "spam",
  "9": "survey preview", "survey preview spam": "survey preview",
  "12": "spam", "imported spam": "spam",
  "17": "survey preview", "offline survey preview": "survey preview",
};
/** `Finished` values of a response the respondent did not finish. */
const UNFINISHED = new Set(["0", "false"]);

/** The index of the first column named (by header or alias, case aside) one of `names`, or -1. */
function columnNamed(table: RawTable, names: readonly string[]): number {
  return table.columns.findIndex((c) => [c.header, ...c.aliases].some((h) => names.includes(h.trim().toLowerCase())));
}

/**
 * A Qualtrics table without the rows that are no respondent's finished answers: previews, tests
 * and spam by `Status` (see {@link NOT_RESPONSES}), and unfinished responses (`Finished` 0 or
 * False: a partial response Qualtrics recorded when it closed). One warning names how many of
 * each were skipped and their rows. A table without those columns is returned as it is. Never throws.
 */
export function withoutNonResponses(table: RawTable): RawTable {
  const status = columnNamed(table, ["status", "response type"]);
  const finished = columnNamed(table, ["finished"]);
  if (status < 0 && finished < 0) return table;
  const skipped = new Map<string, number[]>();
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  table.rows.forEach((r, i) => {
    const s = status < 0 ? undefined : NOT_RESPONSES[r[status].trim().toLowerCase()];
    const why = s ?? (finished >= 0 && UNFINISHED.has(r[finished].trim().toLowerCase()) ? "unfinished" : undefined);
    if (why === undefined) {
      rows.push(r);
      rowNumbers.push(table.rowNumbers[i]);
    } else {
      const at = skipped.get(why) ?? [];
      at.push(table.rowNumbers[i]);
      skipped.set(why, at);
    }
  });
  if (!skipped.size) return table;
  const n = table.rows.length - rows.length;
  const parts = [...skipped].map(([why, at]) => `${at.length} ${why === "unfinished" ? "unfinished (Finished 0 or False)" : `${why} (by Status)`}, row${at.length > 1 ? "s" : ""} ${at.slice(0, 10).join(", ")}${at.length > 10 ? ", ..." : ""}`);
  const warning = `skipped ${n} Qualtrics row(s) that are no respondent's finished answers: ${parts.join("; ")}`;
  return { ...table, rows, rowNumbers, warnings: [...table.warnings, warning] };
}
