/**
 * XLSX workbook -> records of the first sheet, as text cells, so the CSV layouts apply to it
 * unchanged. Reads the ZIP container here (inflating with fflate), the small SpreadsheetML parts
 * (workbook, relationships, styles) with fast-xml-parser and the large ones (the sheet, the shared
 * strings) with saxes, a streaming parser, all synchronously, so `parseExport` stays synchronous.
 * Record `i` is spreadsheet row `i + 1`: rows and cells missing from the sheet XML come back as
 * empty strings.
 *
 * Cell text: shared and inline strings as written (rich-text runs joined); numbers as the shortest
 * decimal form (`4`, `2.5`); numbers with a date/time format as ISO 8601 without a zone
 * (`2024-01-18T14:18:05.123`, `2024-01-18` when there is no time of day); booleans `TRUE`/`FALSE`;
 * error cells as their code (`#N/A`); formula cells as their cached value.
 *
 * Hostile workbooks (a ZIP bomb, a cell reference far beyond the sheet, millions of cells) are
 * rejected before they cost memory ({@link XLSX_LIMITS}): the ZIP's central directory is read
 * here, each part's declared size is checked, and parts are inflated as a stream that stops at the
 * limit whatever the header claims; cell counts are checked on the XML text before it is parsed,
 * and references beyond Excel's own grid (column XFD, row 1,048,576) before any row is laid out.
 */
import { XMLParser } from "fast-xml-parser";
import { Inflate } from "fflate";
import { SaxesParser } from "saxes";
import { InputError } from "../../src/domain/errors";

/**
 * What a workbook may hold. Rows and columns are Excel's own limits; the others keep one file's
 * reading within a few hundred megabytes (an ILN round is some thousand rows of a few dozen
 * columns: these are orders of magnitude above that).
 */
export const XLSX_LIMITS = Object.freeze({
  /** Unpacked bytes of all the parts read (workbook, relationships, styles, shared strings, the sheet). */
  unpackedBytes: 64 * 1024 * 1024,
  /** Rows of a sheet (Excel: 1,048,576). */
  rows: 1_048_576,
  /** Columns of a sheet (Excel: 16,384, column XFD). */
  columns: 16_384,
  /** Cells written in the sheet XML, and shared strings. */
  cells: 1_000_000,
  /** Cells of the laid-out grid: last row with a value times last column with a value. */
  grid: 4_000_000,
});
/** Limits of one `readXlsx` call (tests pass smaller ones). */
export type XlsxLimits = Readonly<Record<keyof typeof XLSX_LIMITS, number>>;

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
  isArray: (name) => ["sheet", "Relationship", "xf", "numFmt"].includes(name),
});

type Node = Record<string, unknown>;

/** Built-in number formats that show dates or times (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a custom format code shows a date or time (d, m, y, h or s outside quotes, brackets and escapes). */
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/.test(bare);
}

/** OOXML escape of a character XML cannot hold, such as `_x000D_` for CR (ECMA-376 22.9.2.19). */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

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

/** One file of a ZIP archive, from its central directory. */
interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Declared unpacked size (checked against what inflating gives). */
  size: number;
  /** Offset of its local header. */
  offset: number;
}

/**
 * The entries of a ZIP archive, by name, from its central directory (the end record is looked
 * for in the last 64 KiB, as the format allows a comment of at most that). ZIP64 archives (over
 * 4 GiB or 65,535 entries) are refused: no workbook within the limits needs one.
 */
function zipEntries(bytes: Uint8Array, fail: (why: string) => InputError): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw fail("the ZIP container has no central directory (a truncated or damaged file)");
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw fail("it is a ZIP64 archive, which this tool does not read");
  if (cdOffset + cdSize > end) throw fail("the ZIP central directory lies outside the file");
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || view.getUint32(p, true) !== 0x02014b50) throw fail("the ZIP central directory is damaged");
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) throw fail("it is a ZIP64 archive, which this tool does not read");
    entries.set(name, { name, method, compressedSize, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Compressed bytes fed to the inflater at a time: at most about 1,032 times as many come out. */
const INFLATE_CHUNK = 16 * 1024;

/**
 * The unpacked bytes of one ZIP entry, inflated as a stream that stops as soon as more than
 * `limit` bytes come out, whatever the entry's header declares; the result must then match the
 * declared size.
 */
function inflateEntry(bytes: Uint8Array, e: ZipEntry, limit: number, limits: XlsxLimits, fail: (why: string) => InputError, tooBig: (why: string) => InputError): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== 0x04034b50) throw fail(`the ZIP entry ${e.name} is damaged`);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  if (start + e.compressedSize > bytes.length) throw fail(`the ZIP entry ${e.name} runs past the end of the file`);
  const data = bytes.subarray(start, start + e.compressedSize);
  const over = () => tooBig(`its part ${e.name} unpacks to more than the ${(limits.unpackedBytes / 2 ** 20).toFixed(0)} MiB read from one workbook (a ZIP bomb?)`);
  let out: Uint8Array;
  if (e.method === 0) {
    if (data.length > limit) throw over();
    out = data;
  } else if (e.method === 8) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let stopped = false;
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > limit) {
        stopped = true;
        return;
      }
      chunks.push(chunk);
    });
    try {
      for (let p = 0; p < data.length && !stopped; p += INFLATE_CHUNK) inflater.push(data.subarray(p, p + INFLATE_CHUNK), p + INFLATE_CHUNK >= data.length);
    } catch (err) {
      throw fail(`the ZIP entry ${e.name} cannot be inflated (${(err as Error).message})`);
    }
    if (stopped) throw over();
    out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
  } else {
    throw fail(`the ZIP entry ${e.name} uses compression method ${e.method}, which this tool does not read`);
  }
  if (out.length !== e.size) throw fail(`the ZIP entry ${e.name} declares ${e.size} bytes but holds ${out.length}`);
  return out;
}

/** Characters of a workbook, relationships or styles part read into an object tree (fast-xml-parser). */
const SMALL_PART_CHARS = 8 * 1024 * 1024;

/** A streaming reader of one part: handlers for saxes, and the result when the part ends. */
interface PartReader<T> {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(t: string): void;
  result(): T;
}

/**
 * Reads a large part (the sheet, the shared strings) with saxes, a streaming XML parser, so the
 * only memory it takes is what the reader keeps; element names lose their namespace prefix.
 * @throws {InputError} when the XML is not well-formed, or what the reader throws (a limit).
 */
function streamXml<T>(path: string, xml: string, reader: PartReader<T>, fail: (why: string) => InputError): T {
  const parser = new SaxesParser();
  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  parser.on("opentag", (tag) => reader.open(local(tag.name), tag.attributes as Record<string, string>));
  parser.on("closetag", (tag) => reader.close(local(tag.name)));
  parser.on("text", (t) => reader.text(t));
  parser.on("cdata", (t) => reader.text(t));
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw fail(`${path} is not well-formed XML (${(e as Error).message.split("\n")[0]})`);
  }
  return reader.result();
}

/** Applies the OOXML escapes (`_x000D_`) of a string item's text (ECMA-376 22.9.2.19). */
function unescapeOoxml(text: string): string {
  return text.includes("_x") ? text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * The shared strings (`<si>` items): the text of their `<t>` elements (rich-text runs joined),
 * phonetic runs (`<rPh>`) left out. At most {@link XLSX_LIMITS}.cells of them.
 */
function sharedStringsReader(limits: XlsxLimits, tooBig: (why: string) => InputError): PartReader<string[]> {
  const out: string[] = [];
  let item: string | null = null;
  let inT = false;
  let phonetic = 0;
  return {
    open(name) {
      if (name === "si") {
        if (out.length >= limits.cells) throw tooBig(`it holds more than ${limits.cells.toLocaleString("en-US")} shared strings`);
        item = "";
      } else if (name === "rPh") phonetic++;
      else if (name === "t" && item !== null && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === "si" && item !== null) {
        out.push(unescapeOoxml(item));
        item = null;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inT = false;
    },
    text(t) {
      if (inT && item !== null) item += t;
    },
    result: () => out,
  };
}

/** A cell as the sheet XML writes it: type, style, value, inline string. */
interface RawCell {
  t: string;
  s: string;
  v: string;
  is: string;
}

/** One row's cells with a value: (zero-based column, text). */
interface SparseRow {
  r: number;
  cells: [number, string][];
}

/**
 * The sheet's rows and cells (`<sheetData>`), each cell turned into text by `cellText`; empty
 * cells (styled, no value) are left out. Row numbers above Excel's 1,048,576, references beyond
 * column XFD, rows out of order, and more than {@link XLSX_LIMITS}.cells cells are refused as
 * they are met, before anything is laid out.
 */
function sheetReader(cellText: (c: RawCell) => string, limits: XlsxLimits, tooBig: (why: string) => InputError): PartReader<SparseRow[]> {
  const rows: SparseRow[] = [];
  let row: SparseRow | null = null;
  let lastRow = 0;
  let next = 0;
  let cells = 0;
  let cell: (RawCell & { col: number }) | null = null;
  let capture: "v" | "t" | null = null;
  let inIs = false;
  let phonetic = 0;
  return {
    open(name, a) {
      if (name === "row") {
        const r = a.r === undefined ? lastRow + 1 : Number(a.r);
        if (!Number.isInteger(r) || r < 1 || r > limits.rows) throw tooBig(`a row numbered ${JSON.stringify(String(a.r).slice(0, 20))}, beyond Excel's ${limits.rows.toLocaleString("en-US")} rows`);
        if (r <= lastRow) throw tooBig(`row ${r} comes after row ${lastRow}: the rows are out of order`);
        lastRow = r;
        next = 0;
        row = { r, cells: [] };
      } else if (name === "c" && row) {
        if (++cells > limits.cells) throw tooBig(`its sheet holds more than ${limits.cells.toLocaleString("en-US")} cells`);
        const ref = a.r ?? "";
        const col = ref ? columnIndex(ref) : next;
        if (col < 0 || col >= limits.columns) throw tooBig(`a cell reference ${JSON.stringify(ref.slice(0, 20))}, beyond Excel's last column XFD`);
        const refRow = /\d+$/.exec(ref);
        if (refRow && Number(refRow[0]) > limits.rows) throw tooBig(`a cell reference ${JSON.stringify(ref.slice(0, 20))}, beyond Excel's ${limits.rows.toLocaleString("en-US")} rows`);
        next = col + 1;
        cell = { col, t: a.t ?? "n", s: a.s ?? "", v: "", is: "" };
      } else if (cell && name === "v") capture = "v";
      else if (cell && name === "is") inIs = true;
      else if (inIs && name === "rPh") phonetic++;
      else if (inIs && name === "t" && phonetic === 0) capture = "t";
    },
    close(name) {
      if (name === "v" || name === "t") capture = null;
      else if (name === "rPh") phonetic--;
      else if (name === "is") inIs = false;
      else if (name === "c" && cell && row) {
        cell.is = unescapeOoxml(cell.is);
        const t = cellText(cell);
        if (t !== "") row.cells.push([cell.col, t]);
        cell = null;
      } else if (name === "row" && row) {
        if (row.cells.length) rows.push(row);
        row = null;
      }
    },
    text(t) {
      if (!cell || capture === null) return;
      if (capture === "v") cell.v += t;
      else cell.is += t;
    },
    result: () => rows,
  };
}

/**
 * Reads the first sheet of an XLSX workbook (bytes) into text records; see the module comment
 * for how cells become text.
 * `limits` defaults to {@link XLSX_LIMITS}.
 * @throws {InputError} (row 0) when the bytes are not a readable XLSX workbook (bad ZIP, missing
 *   workbook or sheet part, malformed XML), and when it goes beyond {@link XLSX_LIMITS} (a part
 *   unpacking past the limit, too many cells, rows or strings, a reference beyond Excel's grid).
 */
export function readXlsx(file: string, bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): XlsxSheet {
  const fail = (why: string) => new InputError([{ file, row: 0, column: "*", message: `the file is not a readable XLSX workbook: ${why}` }]);
  const tooBig = (why: string) => new InputError([{ file, row: 0, column: "*", message: `the workbook is beyond what this tool reads: ${why}` }]);
  const entries = zipEntries(bytes, fail);
  let unpacked = 0;
  const text = (path: string): string | null => {
    const e = entries.get(path);
    if (!e) return null;
    const left = limits.unpackedBytes - unpacked;
    if (e.size > left) throw tooBig(`its part ${path} unpacks to ${e.size.toLocaleString("en-US")} bytes, more than the ${(limits.unpackedBytes / 2 ** 20).toFixed(0)} MiB read from one workbook`);
    const data = inflateEntry(bytes, e, left, limits, fail, tooBig);
    unpacked += data.length;
    const t = new TextDecoder().decode(data);
    // SpreadsheetML has no document type: entity definitions could only serve an expansion bomb.
    if (/<!(?:DOCTYPE|ENTITY)/i.test(t)) throw tooBig(`its part ${path} declares a document type or entities, which SpreadsheetML never does`);
    return t;
  };
  /** A small part (workbook, relationships, styles) as an object tree. */
  const tree = (path: string): Node | null => {
    const t = text(path);
    if (t === null) return null;
    if (t.length > SMALL_PART_CHARS) throw tooBig(`its part ${path} is ${t.length.toLocaleString("en-US")} characters long, more than such a part ever needs`);
    try {
      return parser.parse(t) as Node;
    } catch (e) {
      throw fail(`${path} is not well-formed XML (${(e as Error).message})`);
    }
  };

  const workbook = tree("xl/workbook.xml")?.workbook as Node | undefined;
  const sheet = ((workbook?.sheets as Node | undefined)?.sheet as Node[] | undefined)?.[0];
  if (!workbook || !sheet) throw fail("it has no xl/workbook.xml or no sheet");
  const date1904 = ["1", "true"].includes(String((workbook.workbookPr as Node | undefined)?.["@date1904"] ?? ""));
  const rels = ((tree("xl/_rels/workbook.xml.rels")?.Relationships as Node | undefined)?.Relationship as Node[] | undefined) ?? [];
  const target = String(rels.find((r) => r["@Id"] === sheet["@id"])?.["@Target"] ?? "worksheets/sheet1.xml");
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  if (!entries.has(sheetPath)) throw fail(`the sheet part ${sheetPath} is missing`);

  const styles = tree("xl/styles.xml")?.styleSheet as Node | undefined;
  const customDate = new Set<number>();
  for (const f of ((styles?.numFmts as Node | undefined)?.numFmt as Node[] | undefined) ?? []) {
    if (isDateFormatCode(String(f["@formatCode"] ?? ""))) customDate.add(Number(f["@numFmtId"]));
  }
  const xfs = ((styles?.cellXfs as Node | undefined)?.xf as Node[] | undefined) ?? [];
  const dateStyle = xfs.map((xf) => {
    const id = Number(xf["@numFmtId"] ?? 0);
    return BUILTIN_DATE_FORMATS.has(id) || customDate.has(id);
  });
  const sstText = text("xl/sharedStrings.xml");
  const shared = sstText === null ? [] : streamXml("xl/sharedStrings.xml", sstText, sharedStringsReader(limits, tooBig), fail);

  // Cells as (row, column, text), checked against Excel's grid before anything is laid out.
  const cellText = (c: RawCell): string => {
    const v = c.v;
    if (c.t === "s") {
      // A reference to a string the workbook does not hold is damage, never a blank answer.
      const i = Number(v);
      if (!Number.isInteger(i) || i < 0 || i >= shared.length) throw fail(`a cell refers to shared string ${JSON.stringify(v)}, but the workbook holds ${shared.length} (the file is damaged: save it again from the spreadsheet)`);
      return shared[i];
    }
    if (c.t === "inlineStr") return c.is;
    if (c.t === "b") return v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
    if (c.t === "n" && v !== "" && dateStyle[Number(c.s || 0)]) return excelSerialToIso(Number(v), date1904);
    if (c.t === "n" && v !== "") return String(Number(v));
    return v; // str (formula text), e, d (ISO date)
  };
  const sparse = streamXml(sheetPath, text(sheetPath)!, sheetReader(cellText, limits, tooBig), fail);
  let width = 0;
  for (const row of sparse) for (const [col] of row.cells) width = Math.max(width, col + 1);
  const height = sparse.length ? sparse[sparse.length - 1].r : 0;
  if (height * width > limits.grid) {
    throw tooBig(`its values span ${height.toLocaleString("en-US")} rows by ${width.toLocaleString("en-US")} columns, more than ${limits.grid.toLocaleString("en-US")} cells`);
  }
  // A sheet has no ragged rows: cells the XML leaves out are empty.
  const records: string[][] = Array.from({ length: Math.max(height, 1) }, () => Array<string>(Math.max(width, 1)).fill(""));
  for (const { r, cells } of sparse) for (const [col, text] of cells) records[r - 1][col] = text;
  return { name: String(sheet["@name"] ?? ""), records };
}
