/**
 * `readXlsx` on workbooks built here with fflate's zipSync, and `excelSerialToIso`.
 * Serial dates worked out by hand: 1900 system day 0 = 1899-12-30, so 45309 = 2024-01-18;
 * 0.5 = 12:00; 1904 system day 0 = 1904-01-01, so 43847 = 2024-01-18 (45309 - 1462).
 */
import { inflateSync, zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/domain/errors";
import { parseExport } from "../../../loaders/formats/read-export";
import { XLSX_LIMITS, excelSerialToIso, readXlsx } from "../../../loaders/formats/xlsx";
import { deflatedRepeat, farColumnBomb, farRowBomb, workbookWithSheet, zipBomb } from "../../helpers/xlsx-bombs";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbook(sheetData: string, { date1904 = false, sharedStrings = "" } = {}): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8("<Types/>"),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook ${NS}><workbookPr${date1904 ? ' date1904="1"' : ""}/><sheets><sheet name="Responses" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId8"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Target="worksheets/sheet2.xml"/></Relationships>',
    ),
    "xl/styles.xml": strToU8(
      `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="m/d/yyyy h:mm:ss"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
    ),
    "xl/sharedStrings.xml": strToU8(`<sst ${NS}>${sharedStrings}</sst>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`),
    "xl/worksheets/sheet2.xml": strToU8(`<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`),
  });
}

describe("excelSerialToIso", () => {
  it("converts 1900- and 1904-system serials", () => {
    expect(excelSerialToIso(45309)).toBe("2024-01-18");
    expect(excelSerialToIso(45309.5)).toBe("2024-01-18T12:00:00");
    expect(excelSerialToIso(45309.596493819445)).toBe("2024-01-18T14:18:57.066");
    expect(excelSerialToIso(43847, true)).toBe("2024-01-18");
    expect(excelSerialToIso(Number.NaN)).toBe("NaN");
    expect(excelSerialToIso(1e20)).toBe("100000000000000000000");
  });
});

describe("readXlsx", () => {
  const shared = '<si><t>Timestamp</t></si><si><r><t>Coun</t></r><r><t xml:space="preserve">try </t></r></si><si><t>Perú &amp; Chile</t></si><si><t>line 1_x000D_&#10;line 2</t></si>';

  it("reads the first sheet by workbook order, with shared, rich and inline strings, dates, numbers, booleans", () => {
    const bytes = workbook(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Score</t></is></c><c r="D1" t="inlineStr"><is><t>OK</t></is></c></row>' +
        '<row r="2"><c r="A2" s="1"><v>45309.5</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" s="3"><v>4.0</v></c><c r="D2" t="b"><v>1</v></c></row>' +
        '<row r="4"><c r="A4" s="2"><v>45310</v></c><c r="B4" t="s"><v>3</v></c><c r="C4" t="e"><v>#N/A</v></c></row>',
      { sharedStrings: shared },
    );
    const sheet = readXlsx("w.xlsx", bytes);
    expect(sheet.name).toBe("Responses");
    expect(sheet.records).toEqual([
      ["Timestamp", "Country ", "Score", "OK"],
      ["2024-01-18T12:00:00", "Perú & Chile", "4", "TRUE"],
      ["", "", "", ""],
      ["2024-01-19", "line 1\r\nline 2", "#N/A", ""],
    ]);
  });

  it("refuses a cell that refers to a shared string the workbook does not hold (before: read as a blank answer)", () => {
    for (const ref of ["99999", "-1", "abc"]) {
      const bytes = workbook(`<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>${ref}</v></c></row>`, { sharedStrings: shared });
      expect(() => readXlsx("w.xlsx", bytes)).toThrow(`the file is not a readable XLSX workbook: a cell refers to shared string "${ref}", but the workbook holds 4`);
    }
  });

  it("uses the 1904 date system when the workbook says so", () => {
    const sheet = readXlsx("w.xlsx", workbook('<row r="1"><c r="A1" s="2"><v>43847</v></c></row>', { date1904: true }));
    expect(sheet.records).toEqual([["2024-01-18"]]);
  });

  it("feeds the layouts through parseExport, keeping spreadsheet row numbers", () => {
    const bytes = workbook(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="A3" s="1"><v>45309.5</v></c><c r="B3" t="s"><v>2</v></c></row>',
      { sharedStrings: shared },
    );
    const t = parseExport("w.xlsx", bytes);
    expect(t.format).toBe("xlsx");
    expect(t.columns.map((c) => c.header)).toEqual(["Timestamp", "Country"]);
    expect(t.rows).toEqual([["2024-01-18T12:00:00", "Perú & Chile"]]);
    expect(t.rowNumbers).toEqual([3]);
  });

  it("throws InputError for a ZIP that is not a workbook or is damaged", () => {
    expect(() => readXlsx("z.xlsx", zipSync({ "a.txt": strToU8("hi") }))).toThrow(/not a readable XLSX workbook: it has no xl\/workbook.xml/);
    const broken = workbook("<row>").slice(0, 60);
    expect(() => parseExport("b.xlsx", broken)).toThrow(InputError);
  });
});

describe("hostile workbooks are refused before they cost memory", () => {
  const problem = (bytes: Uint8Array) => {
    try {
      readXlsx("h.xlsx", bytes);
    } catch (e) {
      if (e instanceof InputError) return e.problems.map((p) => `${p.file}:${p.row}:${p.column}: ${p.message}`);
      throw e;
    }
    return [];
  };

  it("refuses a reference beyond column XFD and a row beyond 1,048,576", () => {
    expect(problem(farColumnBomb())).toEqual(['h.xlsx:0:*: the workbook is beyond what this tool reads: a cell reference "ZZZZZZ1", beyond Excel\'s last column XFD']);
    expect(problem(farRowBomb())).toEqual(['h.xlsx:0:*: the workbook is beyond what this tool reads: a row numbered "50000000", beyond Excel\'s 1,048,576 rows']);
    // Excel's last cell itself is within the grid, but a grid of 1,048,576 x 16,384 is far beyond the cell limit.
    expect(problem(workbookWithSheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))[0]).toMatch(/its values span 1,048,576 rows by 16,384 columns, more than 4,000,000 cells/);
    expect(readXlsx("ok.xlsx", workbookWithSheet('<row r="2"><c r="XFD2"><v>1</v></c></row>')).records).toHaveLength(2);
  });

  it("refuses a ZIP bomb by its declared size, and by its content when the header lies", () => {
    // The hand-written DEFLATE stream of the bomb is sound: it inflates to the bytes it stands for.
    expect(inflateSync(deflatedRepeat(100_000))).toEqual(new Uint8Array(100_000).fill(0x61));
    expect(problem(zipBomb(300))).toEqual([
      "h.xlsx:0:*: the workbook is beyond what this tool reads: its part xl/worksheets/sheet1.xml unpacks to 314,572,800 bytes, more than the 64 MiB read from one workbook",
    ]);
    expect(problem(zipBomb(300, 1000))).toEqual([
      "h.xlsx:0:*: the workbook is beyond what this tool reads: its part xl/worksheets/sheet1.xml unpacks to more than the 64 MiB read from one workbook (a ZIP bomb?)",
    ]);
  });

  it("refuses a document type (entity expansion) and too many cells", () => {
    const dtd = zipSync({ "xl/workbook.xml": strToU8('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><workbook/>') });
    expect(problem(dtd)[0]).toMatch(/its part xl\/workbook.xml declares a document type or entities/);
    // Counted as met, with the limits made small: 3 rows of 40 cells against a limit of 100.
    const row = (r: number) => `<row r="${r}">` + '<c t="inlineStr"><is><t>x</t></is></c>'.repeat(40) + "</row>";
    const small = { ...XLSX_LIMITS, cells: 100 };
    expect(() => readXlsx("h.xlsx", workbookWithSheet(row(1) + row(2)), small)).not.toThrow();
    expect(() => readXlsx("h.xlsx", workbookWithSheet(row(1) + row(2) + row(3)), small)).toThrow(/its sheet holds more than 100 cells/);
  });
});
