/**
 * Qualtrics exports.
 * - Current format (2017 on): three header rows. Row 1: export tags (`StartDate`, `ResponseId`,
 *   `Q1`, `Q2_1`...); row 2: labels (question text, in the exporting user's UI language);
 *   row 3: `{"ImportId":"QID1"}` JSON cells.
 * - Legacy format (before 2017): two header rows, `V1,V2,...` (then question ids) and labels,
 *   usually with a byte-order mark and a trailing comma on every line (an empty last column,
 *   which the reader drops).
 */
import { distinctAliases, type Layout } from "./layout";
import type { RawColumn } from "./raw-table";

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
      columns.push({ header: label, option: null, aliases: distinctAliases([tag, importIdOf(ids[i] ?? "")], label) });
    }
    return columns;
  },
};

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
