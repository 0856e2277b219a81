/**
 * XLSX workbook -> records of the first sheet, as text cells, so the CSV layouts apply to it
 * unchanged. Unzips with fflate and reads the SpreadsheetML parts with fast-xml-parser
 * (both synchronous, so `parseExport` stays synchronous). Record `i` is spreadsheet row `i + 1`:
 * rows and cells missing from the sheet XML come back as empty strings.
 *
 * Cell text: shared and inline strings as written (rich-text runs joined); numbers as the shortest
 * decimal form (`4`, `2.5`); numbers with a date/time format as ISO 8601 without a zone
 * (`2024-01-18T14:18:05.123`, `2024-01-18` when there is no time of day); booleans `TRUE`/`FALSE`;
 * error cells as their code (`#N/A`); formula cells as their cached value.
 */
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { InputError } from "../../src/domain/errors";

/** The first sheet of a workbook as records. */
export interface XlsxSheet {
  /** Sheet name as shown on its tab. */
  name: string;
  /** Record `i` is spreadsheet row `i + 1`; every record is padded with `""` to the widest row. */
  records: string[][];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  htmlEntities: true, // numeric character references such as &#10;
  isArray: (name) => ["sheet", "Relationship", "row", "c", "si", "r", "xf", "numFmt"].includes(name),
});

type Node = Record<string, unknown>;

/** Built-in number formats that show dates or times (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a custom format code shows a date or time (d, m, y, h or s outside quotes, brackets and escapes). */
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/.test(bare);
}

/** Text content of an XML text node as parsed (a string, or an object with `#text`). */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  const t = (node as Node)["#text"];
  return t === undefined ? "" : String(t);
}

/** OOXML escape of a character XML cannot hold, such as `_x000D_` for CR (ECMA-376 22.9.2.19). */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Text of a shared-string item or inline string: `<t>` or rich-text runs `<r><t>`. */
function stringItem(si: Node | undefined): string {
  if (!si) return "";
  const runs = si.r as Node[] | undefined;
  const text = si.t !== undefined ? textOf(si.t) : runs ? runs.map((r) => textOf(r.t)).join("") : "";
  return text.includes("_x") ? text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Zero-based column index of a cell reference such as `AB12`, or -1. */
function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

/**
 * ISO 8601 text of an Excel serial date, without a zone: `YYYY-MM-DD` when there is no time of
 * day, else `YYYY-MM-DDTHH:MM:SS` (with `.sss` when the milliseconds are not zero). Serial 25569
 * (1900 system) or 24107 (1904 system) is 1970-01-01; the fraction is the time of day, rounded
 * to the millisecond (serials before 1900-03-01 are read as Google Sheets does, without Excel's
 * fictitious 1900-02-29). A serial that is not a representable date comes back as `String(serial)`.
 * Never throws.
 */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const ms = Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(serial);
  const iso = date.toISOString(); // 2024-01-18T14:18:05.123Z
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
}

/**
 * Reads the first sheet of an XLSX workbook (bytes) into text records; see the module comment
 * for how cells become text.
 * @throws {InputError} (row 0) when the bytes are not a readable XLSX workbook (bad ZIP, missing
 *   workbook or sheet part, malformed XML).
 */
export function readXlsx(file: string, bytes: Uint8Array): XlsxSheet {
  const fail = (why: string) => new InputError([{ file, row: 0, column: "*", message: `the file is not a readable XLSX workbook: ${why}` }]);
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => (f.name.startsWith("xl/") && f.name.endsWith(".xml")) || f.name.endsWith(".rels") });
  } catch (e) {
    throw fail(`the ZIP container cannot be opened (${(e as Error).message})`);
  }
  const xml = (path: string): Node | null => {
    const data = parts[path];
    if (!data) return null;
    try {
      return parser.parse(new TextDecoder().decode(data)) as Node;
    } catch (e) {
      throw fail(`${path} is not well-formed XML (${(e as Error).message})`);
    }
  };

  const workbook = xml("xl/workbook.xml")?.workbook as Node | undefined;
  const sheet = ((workbook?.sheets as Node | undefined)?.sheet as Node[] | undefined)?.[0];
  if (!workbook || !sheet) throw fail("it has no xl/workbook.xml or no sheet");
  const date1904 = ["1", "true"].includes(String((workbook.workbookPr as Node | undefined)?.["@date1904"] ?? ""));
  const rels = ((xml("xl/_rels/workbook.xml.rels")?.Relationships as Node | undefined)?.Relationship as Node[] | undefined) ?? [];
  const target = String(rels.find((r) => r["@Id"] === sheet["@id"])?.["@Target"] ?? "worksheets/sheet1.xml");
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const sheetXml = xml(sheetPath)?.worksheet as Node | undefined;
  if (!sheetXml) throw fail(`the sheet part ${sheetPath} is missing`);

  const sst = ((xml("xl/sharedStrings.xml")?.sst as Node | undefined)?.si as Node[] | undefined) ?? [];
  const shared = sst.map(stringItem);
  const styles = xml("xl/styles.xml")?.styleSheet as Node | undefined;
  const customDate = new Set<number>();
  for (const f of ((styles?.numFmts as Node | undefined)?.numFmt as Node[] | undefined) ?? []) {
    if (isDateFormatCode(String(f["@formatCode"] ?? ""))) customDate.add(Number(f["@numFmtId"]));
  }
  const xfs = ((styles?.cellXfs as Node | undefined)?.xf as Node[] | undefined) ?? [];
  const dateStyle = xfs.map((xf) => {
    const id = Number(xf["@numFmtId"] ?? 0);
    return BUILTIN_DATE_FORMATS.has(id) || customDate.has(id);
  });

  const records: string[][] = [];
  const rows = ((sheetXml.sheetData as Node | undefined)?.row as Node[] | undefined) ?? [];
  for (const row of rows) {
    const r = Number(row["@r"] ?? records.length + 1);
    while (records.length < r - 1) records.push([""]);
    const cells: string[] = [];
    for (const c of (row.c as Node[] | undefined) ?? []) {
      const ref = String(c["@r"] ?? "");
      const col = ref ? columnIndex(ref) : cells.length;
      while (cells.length < col) cells.push("");
      const type = String(c["@t"] ?? "n");
      const v = textOf(c.v);
      let text: string;
      if (type === "s") text = shared[Number(v)] ?? "";
      else if (type === "inlineStr") text = stringItem(c.is as Node | undefined);
      else if (type === "b") text = v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
      else if (type === "n" && v !== "" && dateStyle[Number(c["@s"] ?? 0)]) text = excelSerialToIso(Number(v), date1904);
      else if (type === "n" && v !== "") text = String(Number(v));
      else text = v; // str (formula text), e, d (ISO date)
      cells[col] = text;
    }
    records.push(cells.length ? cells : [""]);
  }
  // A sheet has no ragged rows: cells the XML leaves out are empty.
  let width = 0;
  for (const rec of records) width = Math.max(width, rec.length);
  for (const rec of records) while (rec.length < width) rec.push("");
  return { name: String(sheet["@name"] ?? ""), records };
}
