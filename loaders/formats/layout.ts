/**
 * What every tool layout module provides, and the header helpers they share.
 */
import type { ExportFormat, RawColumn } from "./raw-table";

/** One export tool's header layout. */
export interface Layout {
  readonly format: ExportFormat;
  /** Number of header rows (records) the layout has before the data. */
  readonly headerRows: number;
  /**
   * True when the first records of the file (header candidates, blank leading rows removed, at most
   * 3, cells untrimmed) look like this layout. Never throws.
   */
  detect(head: readonly string[][]): boolean;
  /**
   * Builds one column per cell position from the header records (`headerRows` of them, each padded
   * with `""` to `width` cells). Never throws.
   */
  columns(header: readonly string[][], width: number): RawColumn[];
}

/** Excel / Power Query names for unnamed columns: `Column1`, `Column2`, ... */
const PLACEHOLDER = /^Column\d+$/;

/** True when a (trimmed) header is an Excel-filled placeholder such as `Column12`. Never throws. */
export function isPlaceholderHeader(header: string): boolean {
  return PLACEHOLDER.test(header);
}

/**
 * Columns of a one-header-row layout (Google Forms, Microsoft Forms, plain CSV). Headers are
 * trimmed. An empty header or an Excel placeholder (`Column7`) takes the header of the nearest
 * named column to its left, as in a SurveyMonkey multi-select group expanded over several columns;
 * the placeholder itself is kept as an alias. A leading unnamed column keeps the header `""`.
 * Never throws.
 */
export function singleRowColumns(header: readonly string[][], width: number): RawColumn[] {
  const row = header[0] ?? [];
  const columns: RawColumn[] = [];
  let carried = "";
  for (let i = 0; i < width; i++) {
    const h = (row[i] ?? "").trim();
    if (h === "" || isPlaceholderHeader(h)) {
      columns.push({ header: carried, option: null, aliases: h === "" ? [] : [h] });
    } else {
      carried = h;
      columns.push({ header: h, option: null, aliases: [] });
    }
  }
  return columns;
}

/** `values` without blanks, duplicates and `except`, in order. Never throws. */
export function distinctAliases(values: readonly string[], except: string): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== "" && v !== except && !out.includes(v)) out.push(v);
  return out;
}
