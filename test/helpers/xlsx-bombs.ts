/**
 * Hostile workbooks for the XLSX limits (docs/formats.md, "Hostile input"), built here with fflate
 * so no large fixture is stored: a cell reference far beyond column XFD, a row numbered
 * 50,000,000, and a sheet part of 300 MB of one repeated byte (about 2 MB packed), once with
 * its true size declared and once declaring 1,000 bytes (the stream must stop at the limit).
 */
import { strToU8, zipSync } from "fflate";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts of a one-sheet workbook other than the sheet. */
function frame(): Record<string, Uint8Array> {
  return {
    "xl/workbook.xml": strToU8(`<workbook ${NS}><sheets><sheet name="Form Responses 1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
  };
}

/** A workbook whose sheet XML is `sheetData` inside `<sheetData>`. */
export function workbookWithSheet(sheetData: string): Uint8Array {
  return zipSync({ ...frame(), "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`) });
}

/** A cell reference `ZZZZZZ1` (column 321,272,406; Excel stops at XFD = 16,384). */
export function farColumnBomb(): Uint8Array {
  return workbookWithSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Timestamp</t></is></c><c r="ZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>');
}

/** A row numbered 50,000,000 (Excel stops at 1,048,576). */
export function farRowBomb(): Uint8Array {
  return workbookWithSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Timestamp</t></is></c></row><row r="50000000"><c r="A50000000"><v>1</v></c></row>');
}

/** CRC-32 (ISO 3309, as ZIP uses it) of bytes. */
function crc32(data: Uint8Array): number {
  let c = ~0;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * A raw DEFLATE stream (RFC 1951) of `size` bytes "a", written by hand in one fixed-Huffman
 * block: the literal "a", then back-references of length 258 at distance 1 (13 bits each: code
 * 285 = 11000101, distance code 0 = 00000), the last few bytes as literals, then end of block.
 * About 6.3 KB per MiB, built in milliseconds, where deflating the bytes would take seconds.
 */
export function deflatedRepeat(size: number): Uint8Array {
  const matches = Math.floor((size - 1) / 258);
  const literals = size - 1 - matches * 258;
  const out = new Uint8Array(Math.ceil((3 + 8 * (1 + literals) + 13 * matches + 7) / 8) + 1);
  let bit = 0;
  const lsb = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  const msb = (code: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((code >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  lsb(1, 1); // BFINAL
  lsb(1, 2); // BTYPE 01: fixed Huffman codes
  msb(0x30 + 0x61, 8); // literal "a"
  for (let i = 0; i < matches; i++) {
    msb(0xc5, 8); // length 258
    msb(0, 5); // distance 1
  }
  for (let i = 0; i < literals; i++) msb(0x30 + 0x61, 8);
  msb(0, 7); // end of block
  return out.subarray(0, Math.ceil(bit / 8));
}

/** A ZIP archive of the entries (method 0 stored or 8 deflated, data as given), central directory and all. */
function zipOf(entries: { name: string; method: 0 | 8; data: Uint8Array; size: number; crc: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const bytes = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * A workbook whose sheet part is `mib` MiB of the byte "a" (about 2 MB packed). With `declare`,
 * its headers claim that many unpacked bytes instead (a lying header). The sheet's CRC is left 0:
 * a reader must stop long before it could check one.
 */
export function zipBomb(mib = 300, declare?: number): Uint8Array {
  const small = Object.entries(frame()).map(([name, data]) => ({ name, method: 0 as const, data, size: data.length, crc: crc32(data) }));
  const size = mib * 1024 * 1024;
  return zipOf([...small, { name: "xl/worksheets/sheet1.xml", method: 8, data: deflatedRepeat(size), size: declare ?? size, crc: 0 }]);
}
