/**
 * `iln ingest` on hostile workbooks, as a user would run it (issue: a 4 KB workbook with a cell
 * `ZZZZZZ1` or a row 50,000,000, or a 300 MB ZIP bomb, crashed the process): each must be refused
 * with exit 1 and a located message, the database left as it was. The child process is killed
 * after 10 s, so a reader that hangs or swaps fails here; its peak memory is measured by hand with
 * `/usr/bin/time -v` and reported in BENCHMARKS.md (no timed figure in a test).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";
import { farColumnBomb, farRowBomb, zipBomb } from "../helpers/xlsx-bombs";

const ROOT = path.resolve(__dirname, "../..");

describe("iln ingest refuses hostile workbooks", () => {
  const dir = tempDir();
  const db = path.join(dir, "hostile.duckdb");
  const cases: [string, () => Uint8Array, RegExp][] = [
    ["a cell reference beyond column XFD", farColumnBomb, /registrations\.xlsx:0:\*: the workbook is beyond what this tool reads: a cell reference "ZZZZZZ1", beyond Excel's last column XFD/],
    ["a row numbered 50,000,000", farRowBomb, /registrations\.xlsx:0:\*: the workbook is beyond what this tool reads: a row numbered "50000000"/],
    ["a 300 MB ZIP bomb", () => zipBomb(300), /registrations\.xlsx:0:\*: the workbook is beyond what this tool reads: its part xl\/worksheets\/sheet1\.xml unpacks to 314,572,800 bytes/],
    ["a 300 MB ZIP bomb declaring 1,000 bytes", () => zipBomb(300, 1000), /registrations\.xlsx:0:\*: the workbook is beyond what this tool reads: its part xl\/worksheets\/sheet1\.xml unpacks to more than the 64 MiB/],
  ];

  it.each(cases)("%s: exit 1, located, within 10 s", (name, build, message) => {
    const folder = writeRound(dir, name.replace(/\W+/g, "-"), { "round.json": baseRound()["round.json"] });
    writeFileSync(path.join(folder, "registrations.xlsx"), build());
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "ingest", folder, "--db", db], { cwd: ROOT, encoding: "utf8", timeout: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("nothing was written");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
