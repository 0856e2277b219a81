/**
 * Google Forms responses, as downloaded from the linked Google Sheet ("File > Download > CSV") or
 * from Forms itself: one header row whose first cell is `Timestamp`; multi-select answers sit in one
 * cell joined with ", ".
 */
import { singleRowColumns, type Layout } from "./layout";

/** First header of a Google Forms sheet, in English and in the UI languages Sheets localises it to. */
const TIMESTAMP_HEADERS = new Set(["timestamp", "marca temporal", "horodateur", "zeitstempel", "carimbo de data/hora"]);

/** Google Forms / Sheets layout: one header row starting with `Timestamp`. */
export const googleForms: Layout = {
  format: "google-forms",
  headerRows: 1,
  detect: (head) => TIMESTAMP_HEADERS.has((head[0]?.[0] ?? "").trim().toLowerCase()),
  columns: singleRowColumns,
};
