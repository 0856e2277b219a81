/** `parseCsv` and `isBlankRecord`. Expected records written by hand from RFC 4180. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../loaders/errors";
import { isBlankRecord, parseCsv } from "../../../loaders/formats/csv";

function rowOfError(text: string): number {
  try {
    parseCsv("f.csv", text);
  } catch (e) {
    if (e instanceof InputError) return e.problems[0].row;
    throw e;
  }
  throw new Error("no error");
}

describe("parseCsv", () => {
  it("keeps one record per spreadsheet row, blank lines included", () => {
    expect(parseCsv("f", 'a,b\n1,"x\ny"\n\n3,4\n')).toEqual([["a", "b"], ["1", "x\ny"], [""], ["3", "4"]]);
  });

  it("accepts CRLF rows with bare LF inside quotes, and mixed row endings", () => {
    expect(parseCsv("f", 'a,b\r\n1,"x\ny"\r\n3,4\r\n')).toEqual([["a", "b"], ["1", "x\ny"], ["3", "4"]]);
    expect(parseCsv("f", "a,b\r\n1,2\n3,4\r5,6")).toEqual([["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]);
  });

  it("keeps doubled quotes, commas and spaces inside quoted cells", () => {
    expect(parseCsv("f", '"say ""hi""",", x ", y \n')).toEqual([['say "hi"', ", x ", " y "]]);
  });

  it("reports malformed CSV at the row where it starts", () => {
    expect(rowOfError('a\n"never closed\nb\nc\n')).toBe(2);
    expect(rowOfError('a\n\nb\n1,x"y\n')).toBe(4);
    expect(rowOfError('a\n"x"y\n')).toBe(2);
  });
});

describe("isBlankRecord", () => {
  it("is true only when every cell is empty or whitespace", () => {
    expect(isBlankRecord([""])).toBe(true);
    expect(isBlankRecord(["", " ", "\t"])).toBe(true);
    expect(isBlankRecord(["", "0"])).toBe(false);
  });
});
