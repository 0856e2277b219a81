/**
 * Microsoft Forms responses (the Excel download, possibly saved again as CSV): one header row
 * `Id,Start time,Completion time,Email,Name,...` (newer exports add `Last modified time`), then one
 * column per question.
 */
import { singleRowColumns, type Layout } from "./layout";

const FIRST = ["id", "start time", "completion time"];

/** Microsoft Forms layout: one header row starting `Id,Start time,Completion time`. */
export const microsoftForms: Layout = {
  format: "microsoft-forms",
  headerRows: 1,
  detect: (head) => {
    const row = head[0] ?? [];
    return FIRST.every((name, i) => (row[i] ?? "").trim().toLowerCase() === name);
  },
  columns: singleRowColumns,
};
