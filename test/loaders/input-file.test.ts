/**
 * Input files are checked before they are read (loaders/input-file.ts): a named pipe would hang
 * the run, /dev/zero stream without end (both found by an attacker: round.json as a FIFO hung
 * with the database open; as a link to /dev/zero it grew to 6.5 GB), and an export over 2 GiB
 * made Node's read fail with an internal error (exit 3).
 */
import { execFileSync } from "node:child_process";
import { symlinkSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/domain/errors";
import { discover } from "../../loaders/discover";
import { checkInputFile, inputFileProblem, MAX_EXPORT_BYTES, MAX_JSON_BYTES } from "../../loaders/input-file";
import { readJson } from "../../loaders/read-json";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

/** The problems of an InputError thrown by `f`, as "file:row:column: message" lines. */
function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${path.basename(p.file)}:${p.row}:${p.column}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("input files", () => {
  const dir = tempDir("iln-input-");

  it("refuses a named pipe, a device and a folder, and a file over the limit, in words", () => {
    const fifo = path.join(dir, "round.json");
    execFileSync("mkfifo", [fifo]);
    expect(inputFileProblem(fifo, MAX_JSON_BYTES)).toBe("the file is a named pipe, not a file; give the file itself");
    expect(inputFileProblem("/dev/zero", MAX_JSON_BYTES)).toBe("the file is a device, not a file; give the file itself");
    expect(inputFileProblem(dir, MAX_JSON_BYTES, "the survey export")).toBe("the survey export is a folder, not a file; give the file itself");
    const big = path.join(dir, "big.json");
    writeFileSync(big, "");
    truncateSync(big, MAX_JSON_BYTES + 1);
    expect(inputFileProblem(big, MAX_JSON_BYTES)).toBe("the file is 16 MiB, more than the 16 MiB read: is it the right file?");
    expect(() => checkInputFile(big, MAX_JSON_BYTES)).toThrow(InputError);
    expect(inputFileProblem(path.join(dir, "nothing.json"), MAX_JSON_BYTES)).toBe("the file cannot be read (ENOENT)");
  });

  it("reads no JSON from a pipe or a link to /dev/zero: a located error at once", () => {
    const link = path.join(dir, "zero.json");
    symlinkSync("/dev/zero", link);
    expect(problems(() => readJson(link))).toEqual(["zero.json:0:*: the file is a device, not a file; give the file itself"]);
    expect(problems(() => readJson(path.join(dir, "round.json")))).toEqual(["round.json:0:*: the file is a named pipe, not a file; give the file itself"]);
  });

  it("refuses a round folder's export over 1 GiB (a sparse file: nothing is read), and a pipe given as one file", () => {
    const folder = writeRound(dir, "T1", baseRound());
    truncateSync(path.join(folder, "survey.csv"), MAX_EXPORT_BYTES + 1024 ** 2);
    expect(problems(() => discover(folder))).toEqual(["survey.csv:0:*: the round's survey export is 1025 MiB, more than the 1024 MiB read: is it the right file?"]);
    expect(problems(() => discover(path.join(dir, "round.json"), { kind: "survey", round: "T1" }))).toEqual(["round.json:0:*: the file is a named pipe, not a file; give the file itself"]);
  });
});
