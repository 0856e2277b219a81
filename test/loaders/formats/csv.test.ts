/** `parseCsv` and `isBlankRecord`. Expected records written by hand from RFC 4180. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/domain/errors";
import { isBlankRecord, isQuotedTsv, parseCsv, sniffDelimiter } from "../../../loaders/formats/csv";

function rowOfError(text: string): number {
  try {
    parseCsv("f.csv", text);
  } catch (e) {
    if (e instanceof InputError) return e.problems[0].row;
    throw e;
  }
  throw new Error("no error");
}

describe("sniffDelimiter", () => {
  it("takes the delimiter that occurs most often outside quotes in the header line", () => {
    expect(sniffDelimiter("a,b,c\n1;2;3;4;5\n")).toBe(","); // only the first line counts
    expect(sniffDelimiter("Name;Country;Sector (school, public)\r\nx;y;z\r\n")).toBe(";"); // 2 semicolons beat 1 comma
    expect(sniffDelimiter("a\tb\tc\n")).toBe("\t");
    expect(sniffDelimiter('"x;y;z;w",b\n')).toBe(","); // semicolons inside quotes do not count
    expect(sniffDelimiter('"say ""a;b""";c;d\n')).toBe(";"); // a doubled quote stays inside the cell
  });

  it("falls back to comma on a tie, a single column, an empty text; skips a BOM and leading blank lines", () => {
    expect(sniffDelimiter("a;b,c\n")).toBe(",");
    expect(sniffDelimiter("email\nx@example.org\n")).toBe(",");
    expect(sniffDelimiter("")).toBe(",");
    expect(sniffDelimiter("\ufeff\r\n\r\na;b;c\r\n")).toBe(";");
  });
});

describe("parseCsv", () => {
  it("reads semicolon- and tab-separated files like comma-separated ones", () => {
    // Excel in a comma-decimal locale: semicolons between cells, commas inside them.
    expect(parseCsv("f", 'a;b;c\r\n"x;y";2,5;"z ""q"""\r\n')).toEqual([["a", "b", "c"], ["x;y", "2,5", 'z "q"']]);
    expect(parseCsv("f", "a\tb\n1,5\t\"t\tu\"\n")).toEqual([["a", "b"], ["1,5", "t\tu"]]);
  });

  it("names the delimiter when text follows a closing quote", () => {
    try {
      parseCsv("f.csv", 'a;b\n"x"y;2\n');
      throw new Error("no error");
    } catch (e) {
      expect((e as InputError).problems[0].message).toMatch(/before the next semicolon/);
    }
  });

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

describe("isQuotedTsv", () => {
  it("reads a tab file as unquoted unless it quotes as CSV does", () => {
    // Google Sheets' TSV download never quotes: a quote is text.
    expect(isQuotedTsv('Timestamp\tRole ("Other" to specify)\tScore\n1/1/2024\tx\t4\n')).toBe(false);
    expect(isQuotedTsv('Timestamp\t"Other"\tScore\n1/1/2024\tx\t4\n')).toBe(false); // one header cell in quotes of three
    expect(isQuotedTsv('Timestamp\t"Other" role\n')).toBe(false);
    expect(isQuotedTsv('a\tb\n"12\t inch\n')).toBe(false); // a quote never closed
    expect(isQuotedTsv("a\tb\n1\t2\n")).toBe(false);
    // Quoted: every header cell quoted (R's write.table), or a cell that needs quotes.
    expect(isQuotedTsv('"a"\t"b"\n"1"\t"2"\n')).toBe(true);
    expect(isQuotedTsv('a\tb\n1\t"two\nlines"\n')).toBe(true);
    expect(isQuotedTsv('a\tb\n1\t"say ""hi"""\n')).toBe(true);
    expect(isQuotedTsv('a\tb\n1\t"x\ty"\n')).toBe(true);
  });

  it("lets parseCsv read quotes as text when told", () => {
    expect(parseCsv("f.tsv", 'Timestamp\t"Other"\tScore\n1\t"x\t4\n', "\t", false)).toEqual([["Timestamp", '"Other"', "Score"], ["1", '"x', "4"]]);
  });
});
