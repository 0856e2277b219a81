/**
 * The loaders check input files before reading them (src/db/input-file.ts reads them, tested in
 * test/db/input-file.test.ts): a named pipe would hang the run and /dev/zero stream without end
 * (an attacker's round.json as a FIFO hung with the database open; as a link to /dev/zero it grew
 * to 6.5 GB), and an export over 2 GiB made Node's read fail with an internal error (exit 3).
 */
import { execFileSync } from "node:child_process";
import { symlinkSync, truncateSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/domain/errors";
import { discover } from "../../loaders/discover";
import { MAX_EXPORT_BYTES } from "../../loaders/formats/read-export";
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
  const fifo = path.join(dir, "round.json");
  execFileSync("mkfifo", [fifo]);

  it("reads no JSON from a pipe or a link to /dev/zero: a located error at once", () => {
    const link = path.join(dir, "zero.json");
    symlinkSync("/dev/zero", link);
    expect(problems(() => readJson(link))).toEqual(["zero.json:0:*: cannot read the file: it is not a regular file (a pipe, socket or device); give a file"]);
    expect(problems(() => readJson(fifo))).toEqual(["round.json:0:*: cannot read the file: it is not a regular file (a pipe, socket or device); give a file"]);
  });

  it("refuses a round folder's export over 1 GiB (a sparse file: nothing is read), and a pipe given as the one file", () => {
    const folder = writeRound(dir, "T1", baseRound());
    truncateSync(path.join(folder, "survey.csv"), MAX_EXPORT_BYTES + 1024 ** 2);
    expect(problems(() => discover(folder))).toEqual(["survey.csv:0:*: the round's survey export is 1025 MiB, over the limit of 1024 MiB; is this the right file?"]);
    expect(problems(() => discover(fifo, { kind: "survey", round: "T1" }))).toEqual(["round.json:0:*: cannot read the file: it is not a regular file (a pipe, socket or device); give a file"]);
  });
});
