/**
 * Plain CSV: one header row, then data. The fallback when no tool layout is recognised. Excel's
 * placeholder headers (`Column2`...) and empty headers take the header of the column to their left
 * (see `singleRowColumns`).
 */
import { singleRowColumns, type Layout } from "./layout";

/** Plain CSV layout: one header row; matches any file. */
export const plainCsv: Layout = {
  format: "csv",
  headerRows: 1,
  detect: () => true,
  columns: singleRowColumns,
};
