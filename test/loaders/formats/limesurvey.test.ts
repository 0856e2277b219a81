/** `splitLimeHeader` (headers copied from the SSI RSE 2017 South Africa LimeSurvey export) and `limeSurveyResponses`. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitLimeHeader } from "../../../loaders/formats/limesurvey";
import { parseExport, readExport } from "../../../loaders/formats/read-export";

describe("splitLimeHeader", () => {
  it("splits code, question text and sub-question", () => {
    expect(splitLimeHeader("socio1. In which country do you work?")).toEqual({ header: "In which country do you work?", option: null, code: "socio1" });
    expect(splitLimeHeader("currentEmp13[2]. In which disciplines do you work (select as many as apply) [Aeronautical & Manufacturing Engineering]"))
      .toEqual({ header: "In which disciplines do you work (select as many as apply)", option: "Aeronautical & Manufacturing Engineering", code: "currentEmp13[2]" });
    expect(splitLimeHeader("rse3[SQ001]. Who uses the code that you write? []")).toEqual({ header: "Who uses the code that you write?", option: null, code: "rse3[SQ001]" });
  });

  it("uses the sub-question text when the question text is empty", () => {
    expect(splitLimeHeader("likert3[satisGen2]. [In general, how satisfied are you with your career]"))
      .toEqual({ header: "In general, how satisfied are you with your career", option: null, code: "likert3[satisGen2]" });
  });

  it("leaves other headers as they are", () => {
    expect(splitLimeHeader(" submitdate ")).toEqual({ header: "submitdate", option: null, code: "" });
    expect(splitLimeHeader("")).toEqual({ header: "", option: null, code: "" });
    expect(splitLimeHeader("What is your role?")).toEqual({ header: "What is your role?", option: null, code: "" });
    // a code starts with a letter, and the dot must be followed by a space
    expect(splitLimeHeader("1. First question")).toEqual({ header: "1. First question", option: null, code: "" });
    expect(splitLimeHeader("v1.2 score")).toEqual({ header: "v1.2 score", option: null, code: "" });
  });
});

/**
 * `limeSurveyResponses` through `readExport`/`parseExport`: the raw export in
 * test/fixtures/real/uu_name_face_limesurvey_results.csv (python3 csv: 11 rows, submitdate blank in
 * rows 5, 9, 12 and "1980-01-01 00:00:00" in the other 8), and small exports in LimeSurvey's two
 * heading styles.
 */
describe("limeSurveyResponses", () => {
  const real = path.join(__dirname, "../../fixtures/real/uu_name_face_limesurvey_results.csv");
  const parse = (text: string) => parseExport("results-survey1.csv", new TextEncoder().encode(text));

  it("skips the responses never submitted and leaves out a submitdate that is the anonymized placeholder in every response", () => {
    const table = readExport(real);
    expect(table.format).toBe("limesurvey");
    expect(table.rowNumbers).toEqual([2, 3, 4, 6, 7, 8, 10, 11]);
    expect(table.columns.map((c) => c.header)).not.toContain("submitdate");
    expect(table.columns.map((c) => c.header).slice(0, 3)).toEqual(["id", "lastpage", "startlanguage"]);
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
    expect(table.rows.map((r) => r[0])).toEqual(["6", "7", "8", "10", "12", "14", "17", "18"]);
    expect(table.warnings).toHaveLength(2);
  });

  it("keeps real submission times, skipping only the blank ones (full-text headings)", () => {
    const table = parse('"Response ID","Date submitted","Last page","Start language","Comments"\n"1","2024-05-02 10:11:12","3","en","a"\n"2","","1","en",""\n"3","2024-05-03 09:00:00","3","en","b"\n');
    expect(table.columns.map((c) => c.header)).toEqual(["Response ID", "Date submitted", "Last page", "Start language", "Comments"]);
    expect(table.rows.map((r) => r[1])).toEqual(["2024-05-02 10:11:12", "2024-05-03 09:00:00"]);
    expect(table.rowNumbers).toEqual([2, 4]);
    expect(table.warnings).toEqual(['skipped 1 LimeSurvey response(s) never submitted (blank "Date submitted": incomplete responses, which an export of "All responses" includes), row 3']);
  });

  it("leaves out startdate and datestamp with submitdate when they too hold only the placeholder, and keeps a column holding a real time", () => {
    const table = parse('id,submitdate,lastpage,startlanguage,startdate,datestamp,q1\n1,1980-01-01 00:00:00,2,en,1980-01-01 00:00:00,2024-05-02 10:00:00,x\n2,1980-01-01 00:00:00,2,en,,2024-05-02 11:00:00,y\n');
    expect(table.columns.map((c) => c.header)).toEqual(["id", "lastpage", "startlanguage", "datestamp", "q1"]);
    expect(table.rows).toEqual([["1", "2", "en", "2024-05-02 10:00:00", "x"], ["2", "2", "en", "2024-05-02 11:00:00", "y"]]);
    expect(table.warnings).toEqual([
      'every response\'s "submitdate" is 1980-01-01 00:00:00, the date LimeSurvey writes into every response of a survey with anonymized responses: it says nothing of when anyone answered, so "submitdate", "startdate" are not read',
    ]);
  });

  it("keeps the index of a column no row has a cell for in step when columns are left out", () => {
    const table = parse("id,submitdate,q1,Status\n1,1980-01-01 00:00:00,x\n2,1980-01-01 00:00:00,y\n");
    expect(table.columns.map((c) => c.header)).toEqual(["id", "q1", "Status"]);
    expect(table.missing).toEqual([2]);
  });

  it("reads a submitdate holding the placeholder in some rows only as it is (not an anonymized survey)", () => {
    const table = parse("id,submitdate,q1\n1,1980-01-01 00:00:00,x\n2,2024-05-02 10:00:00,y\n");
    expect(table.columns.map((c) => c.header)).toEqual(["id", "submitdate", "q1"]);
    expect(table.rows).toHaveLength(2);
    expect(table.warnings).toEqual([]);
  });
});
