/**
 * `readExport` / `parseExport`: synthetic bad and tricky inputs written here, then the real exports in
 * ../shared/fixtures/real-exports.
 * Expected counts, headers and cells were worked out independently with python3's csv module:
 * `csv.reader(io.StringIO(bytes.decode("utf-8-sig") or .decode("cp1252"), newline=""))`; the
 * spreadsheet row of a record is its index in that list + 1; the mojibake file was repaired in
 * python with `.encode("cp1252").decode("utf-8")`.
 */
import { describe, expect, it } from "vitest";
import { InputError, type Problem } from "../../../src/domain/errors";
import type { RawTable } from "../../../loaders/formats/raw-table";
import { parseExport, readExport } from "../../../loaders/formats/read-export";
import { describeShared, fixture } from "../../helpers/shared";

const read = (...parts: string[]) => readExport(fixture("real-exports", ...parts));

describe("tab files as Google Sheets writes them, and cell size", () => {
  it("reads an unquoted TSV whose header holds a quoted word, quotes kept as text", () => {
    const tsv = 'Timestamp\tWhat is your role? (choose "Other" to specify)\t"Other"\n1/15/2025 21:53:05\tLibrarian\t"Archivist"\n1/16/2025 9:00:00\tOther\t\n';
    const t = parseExport("responses.tsv", new TextEncoder().encode(tsv));
    expect(t.format).toBe("google-forms");
    expect(t.columns.map((c) => c.header)).toEqual(["Timestamp", 'What is your role? (choose "Other" to specify)', '"Other"']);
    expect(t.rows).toEqual([["1/15/2025 21:53:05", "Librarian", '"Archivist"'], ["1/16/2025 9:00:00", "Other", ""]]);
    expect(t.warnings).toContain("read as tab-separated values (from the file name), quotes as plain text (the file quotes no cell)");
  });

  it("refuses a cell longer than 32,767 characters in any format, located, its value cut", () => {
    const long = "x".repeat(40_000);
    const bad = (e: unknown) => (e as InputError).problems;
    let problems: Problem[] = [];
    try {
      parseExport("f.csv", new TextEncoder().encode(`a,b\n1,${long}\n`));
    } catch (e) {
      problems = bad(e);
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "f.csv", row: 2, column: "b" });
    expect(problems[0].message).toBe(`a cell of 40,000 characters, more than the 32,767 a spreadsheet cell holds: "${"x".repeat(200)}…" (40,000 characters)`);
  });
});

/** The data row shown at spreadsheet row `row`. */
function rowAt(t: RawTable, row: number): string[] {
  const i = t.rowNumbers.indexOf(row);
  if (i < 0) throw new Error(`no data row ${row}`);
  return t.rows[i];
}

/** Index of the first column with this header (and option, when given). */
function col(t: RawTable, header: string, option?: string): number {
  const i = t.columns.findIndex((c) => c.header === header && (option === undefined || c.option === option));
  if (i < 0) throw new Error(`no column ${header} / ${option}`);
  return i;
}

function expectShape(t: RawTable, columns: number, rows: number, firstRow: number, lastRow: number) {
  expect(t.columns).toHaveLength(columns);
  expect(t.rows).toHaveLength(rows);
  expect(t.rowNumbers).toHaveLength(rows);
  expect(t.rowNumbers[0]).toBe(firstRow);
  expect(t.rowNumbers[rows - 1]).toBe(lastRow);
  for (const r of t.rows) expect(r).toHaveLength(columns);
}

describeShared("readExport on the real exports", () => {
  it("SurveyMonkey StarWars (old format, Windows-1252 bytes): multi-select, ranking and matrix groups", () => {
    const t = read("surveymonkey", "fivethirtyeight_StarWars_first100.csv");
    expect(t.format).toBe("surveymonkey");
    expect(t.encoding).toBe("windows-1252");
    expect(t.warnings.join()).toMatch(/Windows-1252/);
    // 102 records = 2 header rows + 100 responses, 38 cells each
    expectShape(t, 38, 100, 3, 102);
    expect(t.columns[0]).toEqual({ header: "RespondentID", option: null, aliases: [] });
    expect(t.columns[37]).toEqual({ header: "Location (Census Region)", option: null, aliases: [] });
    const seen = "Which of the following Star Wars films have you seen? Please select all that apply.";
    const options = [
      "Star Wars: Episode I  The Phantom Menace",
      "Star Wars: Episode II  Attack of the Clones",
      "Star Wars: Episode III  Revenge of the Sith",
      "Star Wars: Episode IV  A New Hope",
      "Star Wars: Episode V The Empire Strikes Back",
      "Star Wars: Episode VI Return of the Jedi",
    ];
    expect(t.columns.slice(3, 9)).toEqual(options.map((option) => ({ header: seen, option, aliases: [] })));
    const rank = "Please rank the Star Wars films in order of preference with 1 being your favorite film in the franchise and 6 being your least favorite film.";
    expect(t.columns.slice(9, 15).map((c) => [c.header, c.option])).toEqual(options.map((o) => [rank, o]));
    expect(t.columns[15].option).toBe("Han Solo");
    expect(t.columns[28]).toMatchObject({ header: t.columns[15].header, option: "Yoda" });
    expect(t.columns[1].option).toBeNull(); // row 2 says "Response"
    // the stray bytes 0x8C 0xE6 read as Windows-1252
    expect(t.columns[31].header).toBe("Do you consider yourself to be a fan of the Expanded Universe?\u0152\u00e6");
    expect(rowAt(t, 3).slice(0, 4)).toEqual(["3292879998", "Yes", "Yes", "Star Wars: Episode I  The Phantom Menace"]);
    expect(rowAt(t, 102)[0]).toBe("3291524547");
  });

  it("SurveyMonkey steak-risk (old format, UTF-8): every row 2 cell is Response", () => {
    const t = read("surveymonkey", "fivethirtyeight_steak-risk-survey.csv");
    expect([t.format, t.encoding]).toEqual(["surveymonkey", "utf-8"]);
    expectShape(t, 15, 550, 3, 552);
    expect(t.columns[0].header).toBe("RespondentID");
    expect(t.columns[1].header).toMatch(/^Consider the following hypothetical situations: <br>In Lottery A/);
    expect(t.columns[9]).toEqual({ header: "How do you like your steak prepared?", option: null, aliases: [] });
    expect(t.columns[14].header).toBe("Location (Census Region)");
    expect(t.columns.every((c) => c.option === null)).toBe(true);
    expect(rowAt(t, 3).slice(0, 3)).toEqual(["3237565956", "Lottery B", ""]);
    expect(rowAt(t, 552)[0]).toBe("3234760413");
  });

  it("Qualtrics (three header rows): labels as headers, tags and ImportIds as aliases", () => {
    const t = read("qualtrics", "qualtRics_sample.csv");
    expect([t.format, t.encoding]).toEqual(["qualtrics", "utf-8"]);
    expectShape(t, 20, 1, 4, 4);
    expect(t.columns[0]).toEqual({ header: "Anfangsdatum", option: null, aliases: ["StartDate", "startDate"] });
    expect(t.columns[8]).toEqual({ header: "Antwort-ID", option: null, aliases: ["ResponseId", "_recordId"] });
    expect(t.columns[17]).toEqual({ header: "This is a multiple choice question.", option: null, aliases: ["Q1", "QID1"] });
    expect(t.columns[19]).toEqual({ header: "Q2 - Topics", option: null, aliases: ["QID2_TEXT_eae5a8d0e7fd4bd183e983e5Topics"] });
    expect(t.rows[0].slice(17, 19)).toEqual(["2", "Hello World!"]);
  });

  it("Qualtrics legacy: BOM, V1..Vn aliases, trailing comma dropped", () => {
    const t = read("qualtrics", "qualtRics_sample_legacy.csv");
    expect([t.format, t.encoding]).toEqual(["qualtrics-legacy", "utf-8-bom"]);
    // 16 cells per line, the 16th empty everywhere (trailing comma) -> 15 columns
    expectShape(t, 15, 1, 3, 3);
    expect(t.columns[0]).toEqual({ header: "ResponseID", option: null, aliases: ["V1"] });
    expect(t.columns[10]).toEqual({ header: "This is a multiple choice question.", option: null, aliases: ["Q1"] });
    expect(t.columns[14]).toEqual({ header: "LocationAccuracy", option: null, aliases: [] });
    expect(t.rows[0][0]).toBe("R_2YPOQ602ER1jkf1");
    expect(t.rows[0][14]).toBe("-1");
  });

  it("Google Forms spring25 (CRLF rows, bare LF inside quoted cells)", () => {
    const t = read("google-forms", "uvads_hotdog_spring25_form_responses_1.csv");
    expect([t.format, t.encoding]).toEqual(["google-forms", "utf-8"]);
    expectShape(t, 9, 64, 2, 65);
    expect(t.columns[0].header).toBe("Timestamp");
    expect(t.columns[8].header).toBe("You preferred to self-describe for gender; please, share your identity below");
    const why = col(t, "What is the rationale behind your opinion?");
    expect(why).toBe(2);
    expect(rowAt(t, 11)[why]).toBe("Idk, seems right\nalso, 2 bread w/ stuff in it");
    expect(rowAt(t, 59)[why]).toBe("Its something wrapped but not fully wrapped w bread\n");
    expect(rowAt(t, 14)[why]).toMatch(/^if a subway sandwich is a sandwich[^]*\n\nalso, if we tore[^]*puzzling paradox$/);
    expect(rowAt(t, 2)[0]).toBe("1/15/2025 21:53:05");
  });

  it("Google Forms Ask a Manager excerpt: one multi-line cell", () => {
    const t = read("google-forms", "ask_a_manager_2021_form_responses_excerpt.csv");
    expect([t.format, t.encoding]).toEqual(["google-forms", "utf-8"]);
    expectShape(t, 18, 38, 2, 39);
    expect(t.columns[0].header).toBe("Timestamp");
    expect(t.columns[17].header).toBe("Race");
    const ctx = col(t, "Additional context on income");
    expect(ctx).toBe(9);
    expect(rowAt(t, 36)[ctx]).toMatch(/^My salary is  the upper end of the allowed range[^]*classification band\.\n$/);
    expect(rowAt(t, 2)[5]).toBe("55,000");
  });

  it("Google Sheets data resaved from Excel", () => {
    const t = read("google-forms", "uvads_hotdog_sp24_excel_resaved.csv");
    expect([t.format, t.encoding]).toEqual(["google-forms", "utf-8"]);
    expectShape(t, 7, 91, 2, 92);
    expect(t.columns[6].header).toBe("What state or country were you born in?");
    expect(t.columns[5].header).toBe("If you are an undergraduate, what is your current academic year?");
    expect(rowAt(t, 2)[0]).toBe("1/18/2024 14:18");
  });

  it("Microsoft Forms (Windows-1252, 0x92 apostrophe)", () => {
    const t = read("microsoft-forms", "uvads_hotdog_fa24_msforms.csv");
    expect([t.format, t.encoding]).toEqual(["microsoft-forms", "windows-1252"]);
    expect(t.warnings).toHaveLength(1);
    expectShape(t, 8, 187, 2, 188);
    expect(t.columns.slice(0, 5).map((c) => c.header)).toEqual(["Id", "Start time", "Completion time", "Email", "Name"]);
    expect(t.columns[7].header).toBe("What is your major?");
    expect(rowAt(t, 59)[7]).toBe("Computer Science\u2019s ");
  });

  it("LimeSurvey via pandas: index column, code. text headers, sub-questions as options", () => {
    const t = read("limesurvey", "ssi_rse_survey_2017_zaf_public_data.csv");
    expect([t.format, t.encoding]).toEqual(["limesurvey", "utf-8"]);
    expectShape(t, 277, 22, 2, 23);
    expect(t.columns[0]).toEqual({ header: "", option: null, aliases: [] });
    expect(t.columns[1]).toEqual({ header: "In which country do you work?", option: null, aliases: ["socio1"] });
    expect(t.columns[6]).toEqual({ header: "Who uses the code that you write?", option: null, aliases: ["rse3[SQ001]"] });
    const disciplines = "In which disciplines do you work (select as many as apply)";
    expect(t.columns[23]).toEqual({ header: disciplines, option: "Accounting & Finance", aliases: ["currentEmp13[1]"] });
    expect(t.columns[88]).toEqual({ header: disciplines, option: "Youth Work", aliases: ["currentEmp13[66]"] });
    expect(t.columns.filter((c) => c.header === disciplines)).toHaveLength(66);
    // array question with empty question text: the sub-question text becomes the header
    expect(t.columns[10]).toEqual({
      header: "In an average month, how much time do you spend on Research",
      option: null,
      aliases: ["likert0[time2can]"],
    });
    expect(t.columns[276]).toEqual({ header: "How did you learn the skills you need to become an RSE?", option: null, aliases: ["ukrse3"] });
    expect(rowAt(t, 2).slice(0, 5)).toEqual(["0", "South Africa", "Master degree", "Biological Sciences", "no"]);
  });

  it("CarpentryCon 2020 evaluation: double-encoded UTF-8 detected and repaired", () => {
    const t = read("evaluation", "carpentries_carpentrycon2020_session_feedback_raw.csv");
    expect([t.format, t.encoding]).toEqual(["csv", "utf-8"]);
    expect(t.warnings.join()).toMatch(/double-encoded/);
    expectShape(t, 17, 124, 2, 125);
    expect(t.columns[0].header).toBe("session");
    expect(t.columns[16].header).toBe("nps");
    expect(rowAt(t, 7)[0]).toBe("¡Traduciendo!");
    expect(rowAt(t, 16)[0]).toBe("Social Meetup Hablamos Español");
    expect(t.rows.flat().some((c) => c.includes("Ã") || c.includes("Â"))).toBe(false);
  });

  it("Carpentries long-term survey: Excel ColumnN placeholders carry the question forward", () => {
    const t = read("evaluation", "carpentries_longterm_October2017_first60.csv");
    expect([t.format, t.encoding]).toEqual(["csv", "utf-8"]);
    expectShape(t, 75, 60, 2, 61);
    expect(t.columns[0]).toEqual({ header: "Country", option: null, aliases: [] });
    expect(t.columns[3]).toEqual({ header: "Field", option: null, aliases: [] });
    expect(t.columns[4]).toEqual({ header: "Field", option: null, aliases: ["Column2"] });
    expect(t.columns[15]).toEqual({ header: "Field", option: null, aliases: ["Column13"] });
    expect(t.columns[58]).toEqual({ header: "Carpentry-Involvement", option: null, aliases: ["Column45"] });
    expect(t.columns[67]).toEqual({ header: "Activities", option: null, aliases: ["Column53"] });
    expect(t.columns[72]).toEqual({ header: "Activities", option: null, aliases: ["Column58"] });
    expect(t.columns[74]).toEqual({ header: "Likely-To-Recommend", option: null, aliases: [] });
    expect(rowAt(t, 2).slice(0, 6)).toEqual(["Norway", "Graduate Student", "", "", "Biomedical/Health Sciences", ""]);
  });

  it("Google Sheets XLSX (sp24): first sheet, timestamps as ISO text, same data as the CSV resave", () => {
    // expected values from python3's zipfile + xml.etree on xl/worksheets/sheet1.xml: 92 <row>s,
    // A2 = 45309.596493819445 = 2024-01-18 14:18:57.066, A92 = 2024-01-22 20:56:27.004
    const t = read("google-forms", "uvads_hotdog_sp24_form_responses.xlsx");
    expect([t.format, t.encoding]).toEqual(["xlsx", "utf-8"]);
    expect(t.warnings).toEqual(['read the first sheet of the workbook, "Form Responses 1"']);
    expectShape(t, 7, 91, 2, 92);
    expect(t.columns[0].header).toBe("Timestamp");
    expect(t.columns[6].header).toBe("What state or country were you born in?");
    expect(rowAt(t, 2)[0]).toBe("2024-01-18T14:18:57.066");
    expect(rowAt(t, 92)[0]).toBe("2024-01-22T20:56:27.004");
    // row 3 holds only A, B and D in the sheet XML
    expect(rowAt(t, 3)).toEqual(["2024-01-18T14:19:43.773", "No", "", "Graduate", "", "", ""]);
    const csv = read("google-forms", "uvads_hotdog_sp24_excel_resaved.csv");
    expect(t.columns.map((c) => c.header)).toEqual(csv.columns.map((c) => c.header));
    expect(t.rows.map((r) => r.slice(1))).toEqual(csv.rows.map((r) => r.slice(1)));
  });

  it("Google Sheets XLSX (fa25): numeric answers as plain numbers", () => {
    // python3 zipfile + xml.etree: 208 <row>s; B2 is the number 4.0; A208 = 2025-09-01 12:18:42.441
    const t = read("google-forms", "uvads_hotdog_fa25_form_responses.xlsx");
    expect(t.format).toBe("xlsx");
    expectShape(t, 3, 207, 2, 208);
    expect(t.columns.map((c) => c.header)).toEqual(["Timestamp", "What year are you in?", "Is hotdog a sandwich?"]);
    expect(rowAt(t, 2)).toEqual(["2025-08-29T17:17:56.622", "4", "Yes"]);
    expect(rowAt(t, 208)[0]).toBe("2025-09-01T12:18:42.441");
  });
});

const enc = new TextEncoder();
const parseText = (text: string, options?: Parameters<typeof parseExport>[2]) => parseExport("t.csv", enc.encode(text), options);

/** The problems of the InputError thrown by `fn` (fails when nothing or something else is thrown). */
function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("parseExport on synthetic input", () => {
  it("rejects an empty file: zero bytes, a lone BOM, blank lines only", () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode("\n\r\n ,  \n")]) {
      expect(problemsOf(() => parseExport("e.csv", bytes))).toEqual([{ file: "e.csv", row: 0, column: "*", message: "the file is empty" }]);
    }
  });

  it("reads a header-only file as zero rows", () => {
    const t = parseText("Timestamp,Email Address,Country\r\n");
    expect(t.format).toBe("google-forms");
    expect(t.columns.map((c) => c.header)).toEqual(["Timestamp", "Email Address", "Country"]);
    expect(t.rows).toEqual([]);
    expect(t.rowNumbers).toEqual([]);
    expect(parseText("a,b").rows).toEqual([]);
  });

  it("names the row where an unterminated quote starts", () => {
    // rows: 1 header, 2 data, 3 opens a quote that never closes
    expect(problemsOf(() => parseText('a,b\n1,2\n3,"open\n4,5\n6,7\n'))).toEqual([
      { file: "t.csv", row: 3, column: "*", message: expect.stringMatching(/unterminated quote/) },
    ]);
    // a blank row before it still counts as a row
    expect(problemsOf(() => parseText('a,b\n\n"x\n'))[0].row).toBe(3);
  });

  it("reports malformed quoting at its row", () => {
    expect(problemsOf(() => parseText('a,b\n1,2\n3,"ab"c\n'))[0]).toMatchObject({ row: 3, column: "*" });
    expect(problemsOf(() => parseText('a,b\n1,2\n3,5\'10"\n'))[0]).toMatchObject({ row: 3, message: expect.stringMatching(/quote/) });
  });

  it("lists every ragged row, both ways, with both counts", () => {
    const text = "a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n\n4,5\n7,8,9\n";
    const problems = problemsOf(() => parseText(text));
    expect(problems.map((p) => [p.row, p.column])).toEqual([[3, "*"], [4, "*"], [7, "*"]]);
    expect(problems[0].message).toMatch(/2 cells, fewer than the 3 columns/);
    expect(problems[1].message).toMatch(/4 cells .*more than the 3 columns/);
    expect(problems[2].message).toMatch(/2 cells, fewer than the 3 columns/);
  });

  it("reads the header's last columns as blank when every row stops the same number of cells short of them, and says so", () => {
    // As ODK Central's CSV (test/fixtures/real/ruodk_odk_central_flora_quadrat.csv) writes no cell for its empty Status.
    const t = parseText("a,b,c,d\n1,2\n\n3,4\n");
    expect(t.rows).toEqual([["1", "2", "", ""], ["3", "4", "", ""]]);
    expect(t.rowNumbers).toEqual([2, 4]);
    expect(t.missing).toEqual([2, 3]);
    expect(t.warnings).toEqual(['every row has 2 cells, 2 fewer than the 4 columns of the header: the header\'s last columns "c", "d" are read as blank in every row (the file writes no cell for them)']);
    // as wide as the header: nothing is missing
    expect(parseText("a,b\n1,2\n").missing).toBeUndefined();
    // short by different counts, or only some rows short: ragged, refused (above)
    expect(problemsOf(() => parseText("a,b,c\n1\n1,2\n")).map((p) => p.row)).toEqual([2, 3]);
  });

  it("accepts extra empty cells past the last column and drops an all-empty trailing column", () => {
    const t = parseText("a,b,c,\n1,2,3,\n4,5,6,,\n");
    expect(t.columns.map((c) => c.header)).toEqual(["a", "b", "c"]);
    expect(t.rows).toEqual([["1", "2", "3"], ["4", "5", "6"]]);
  });

  it("rejects binary content (NUL bytes) and UTF-16", () => {
    expect(problemsOf(() => parseExport("b.csv", new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01]))))
      .toEqual([{ file: "b.csv", row: 0, column: "*", message: expect.stringMatching(/binary content \(a NUL byte at offset 4\)/) }]);
    expect(problemsOf(() => parseExport("u.csv", new Uint8Array([0xff, 0xfe, 0x61, 0x00])))[0].message).toMatch(/UTF-16/);
  });

  it("reads BOM + CRLF, with CRLF kept inside a quoted cell", () => {
    const t = parseExport("b.csv", new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('Name,Country\r\nAna,"Perú\r\nLima"\r\nBo,Chile\r\n')]));
    expect(t.encoding).toBe("utf-8-bom");
    expect(t.warnings).toEqual([]);
    expect(t.columns[0].header).toBe("Name");
    expect(t.rows).toEqual([["Ana", "Perú\r\nLima"], ["Bo", "Chile"]]);
    expect(t.rowNumbers).toEqual([2, 3]);
  });

  it("decodes Windows-1252 (é = 0xE9) and says so", () => {
    // "Name,City\nJosé,Montréal\n" in Windows-1252
    const bytes = new Uint8Array([...enc.encode("Name,City\nJos"), 0xe9, 0x2c, ...enc.encode("Montr"), 0xe9, ...enc.encode("al\n")]);
    const t = parseExport("w.csv", bytes);
    expect(t.encoding).toBe("windows-1252");
    expect(t.rows).toEqual([["José", "Montréal"]]);
    expect(t.warnings).toEqual([expect.stringMatching(/^decoded as Windows-1252/)]);
  });

  it("numbers rows as a spreadsheet does: multi-line cells are one row, blank rows count", () => {
    const t = parseText('a,b\r\n1,"x\ny\nz"\r\n\r\n,\r\n3,4\r\n5,"6"');
    expect(t.rows).toEqual([["1", "x\ny\nz"], ["3", "4"], ["5", "6"]]);
    expect(t.rowNumbers).toEqual([2, 5, 6]);
  });

  it("keeps cells untrimmed and headers trimmed", () => {
    const t = parseText(" Country ,b\n mauritius ,2\n");
    expect(t.columns[0].header).toBe("Country");
    expect(t.rows[0][0]).toBe(" mauritius ");
  });

  it("reads the current SurveyMonkey format (Respondent ID, Collector ID, ...)", () => {
    const text = [
      "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,How satisfied were you?,How did you keep in touch?,,,Comments",
      ",,,,,,,,,Response,Email,Video call,Other (please specify),Open-Ended Response",
      "114,4,11/01/2016 10:00:00,11/01/2016 10:05:00,1.2.3.4,a@example.org,A,B,,Very satisfied,Email,,Signal,Great",
    ].join("\r\n");
    const t = parseText(text);
    expect(t.format).toBe("surveymonkey");
    expect(t.columns).toHaveLength(14);
    expect(t.columns[9]).toEqual({ header: "How satisfied were you?", option: null, aliases: [] });
    expect(t.columns.slice(10, 13).map((c) => [c.header, c.option])).toEqual([
      ["How did you keep in touch?", "Email"],
      ["How did you keep in touch?", "Video call"],
      ["How did you keep in touch?", "Other (please specify)"],
    ]);
    expect(t.columns[13]).toEqual({ header: "Comments", option: null, aliases: [] });
    expect(t.rowNumbers).toEqual([3]);
  });

  it("reads a raw LimeSurvey export with code headers", () => {
    const t = parseText('"id","submitdate","lastpage","startlanguage","G01Q01[SQ001]"\n"1","2016-11-30 10:00:00","3","en","Y"\n');
    expect(t.format).toBe("limesurvey");
    expect(t.columns[4]).toEqual({ header: "G01Q01[SQ001]", option: null, aliases: [] });
  });

  it("detects Microsoft Forms and Qualtrics from their header rows", () => {
    expect(parseText("Id,Start time,Completion time,Email,Name,Q\n1,x,y,anonymous,,Yes\n").format).toBe("microsoft-forms");
    const q = parseText('StartDate,Q1\nStart Date,How satisfied?\n"{""ImportId"":""startDate"",""timeZone"":""X""}","{""ImportId"":""QID1""}"\n2016-01-01,5\n');
    expect(q.format).toBe("qualtrics");
    expect(q.columns[1]).toEqual({ header: "How satisfied?", option: null, aliases: ["Q1", "QID1"] });
    expect(q.rowNumbers).toEqual([4]);
  });

  it("does not take a data row with an empty first cell for a SurveyMonkey option row", () => {
    expect(parseText("Name,Country\n,Chile\nAna,Peru\n").format).toBe("csv");
  });

  it("carries a question over empty and ColumnN headers in one-row and SurveyMonkey layouts", () => {
    const plain = parseText("Id,Tools,,Column4,Age\n1,R,,SQL,30\n");
    expect(plain.columns.map((c) => [c.header, c.aliases])).toEqual([["Id", []], ["Tools", []], ["Tools", []], ["Tools", ["Column4"]], ["Age", []]]);
    const sm = parseText("RespondentID,Tools,Column3\n,R,Python\n1,R,\n");
    expect(sm.format).toBe("surveymonkey");
    expect(sm.columns[2]).toEqual({ header: "Tools", option: "Python", aliases: ["Column3"] });
  });

  it("uses options.format instead of detection", () => {
    const t = parseText("Timestamp,b\n,Response\n1,2\n", { format: "surveymonkey" });
    expect(t.format).toBe("surveymonkey");
    expect(t.rows).toEqual([["1", "2"]]);
    expect(parseText("Timestamp,b\n1,2\n", { format: "csv" }).format).toBe("csv");
    expect(() => parseText("a\n1\n", { format: "xlsx" })).toThrow(InputError);
  });

  it("skips blank rows before the header", () => {
    const t = parseText("\n\nTimestamp,b\n1,2\n");
    expect(t.format).toBe("google-forms");
    expect(t.rowNumbers).toEqual([4]);
  });

  it("turns unreadable paths into an InputError", () => {
    expect(problemsOf(() => readExport("/nonexistent/x.csv"))).toEqual([
      { file: "/nonexistent/x.csv", row: 0, column: "*", message: "cannot read the file: ENOENT: no such file or directory, open '/nonexistent/x.csv'" },
    ]);
  });
});
