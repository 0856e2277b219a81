import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { safeCell, toSafeCsv } from "../../src/privacy/csv-safe";

describe("CSV export safety", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tx", "'\tx"],
    ["-3", "-3"],
    ["+4.5", "+4.5"],
    ["Ana Lima", "Ana Lima"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it("writes parseable CSV whose cells a spreadsheet will not run", () => {
    const csv = toSafeCsv(["name", "score"], [{ name: "=1+1", score: 12.5 }, { name: 'a "quoted", name', score: -1 }]);
    expect(parse(csv)).toEqual([["name", "score"], ["'=1+1", "12.5"], ['a "quoted", name', "-1"]]);
  });
});
