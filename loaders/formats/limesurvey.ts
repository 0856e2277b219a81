/**
 * LimeSurvey exports. Headers are either question codes (`id,submitdate,lastpage,...,rse3[SQ001]`),
 * full text (`Response ID,Date submitted,...`), or "code. text" (`socio1. In which country do you
 * work?`, `rse3[SQ001]. Who uses the code that you write? [Sub-question]`). Files that went
 * through pandas have an empty first header over an index column, which is kept as a column with
 * header `""`.
 */
import { distinctAliases, type Layout } from "./layout";
import type { RawColumn } from "./raw-table";

/** `code[sub]. question [option]`; the question and the option may be empty. */
const CODE_TEXT = /^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*)\.\s(.*)$/s;
const TRAILING_OPTION = /^(.*?)\s*\[([^\]]*)\]$/s;

/** A LimeSurvey header split into its parts. */
export interface LimeHeader {
  /** Question text; the sub-question text when the question text is empty (array questions). */
  header: string;
  /** Sub-question / option text in the trailing brackets, when the question text is not empty. */
  option: string | null;
  /** Question code with sub-question code (`rse3[SQ001]`), or `""` when the header has none. */
  code: string;
}

/**
 * Splits a LimeSurvey "code. question [option]" header. Headers without a code come back as they
 * are (trimmed). Never throws.
 */
export function splitLimeHeader(raw: string): LimeHeader {
  const h = raw.trim();
  const m = CODE_TEXT.exec(h);
  if (!m) return { header: h, option: null, code: "" };
  const code = m[1];
  let text = m[2].trim();
  let option: string | null = null;
  const o = TRAILING_OPTION.exec(text);
  if (o) {
    text = o[1].trim();
    option = o[2].trim() || null;
  }
  if (text === "") return { header: option ?? code, option: null, code };
  return { header: text, option, code };
}

/**
 * LimeSurvey layout. Detected by `id` and `submitdate` (or `Response ID` and `Date submitted`)
 * among the headers, or by at least 3 named headers of which 80% have the "code. text" form.
 */
export const limeSurvey: Layout = {
  format: "limesurvey",
  headerRows: 1,
  detect: (head) => {
    const row = (head[0] ?? []).map((c) => c.trim());
    if (row.includes("id") && row.includes("submitdate")) return true;
    if (row.includes("Response ID") && row.includes("Date submitted")) return true;
    const named = row.filter((c) => c !== "");
    return named.length >= 3 && named.filter((c) => CODE_TEXT.test(c)).length >= 0.8 * named.length;
  },
  columns: (header, width) => {
    const row = header[0] ?? [];
    const columns: RawColumn[] = [];
    for (let i = 0; i < width; i++) {
      const { header: h, option, code } = splitLimeHeader(row[i] ?? "");
      columns.push({ header: h, option, aliases: distinctAliases([code], h) });
    }
    return columns;
  },
};
