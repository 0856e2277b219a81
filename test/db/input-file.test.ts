/**
 * Side inputs read within limits (src/db/input-file.ts): a folder, a FIFO, a device and a file over
 * the limit are refused as located input errors, at once and without reading them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_SIDE_INPUT_BYTES, readInputFile, readInputText } from "../../src/db/input-file";
import { InputError } from "../../src/domain/errors";
import { tempDir } from "../helpers/rounds";

/** The one problem line `readInputFile` throws for `file`. */
function refusal(file: string, options = {}): string {
  try {
    readInputFile(file, options);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`${file} was read`);
}

describe("readInputFile", () => {
  const dir = tempDir();

  it("reads a regular file; readInputText drops a byte-order mark", () => {
    const f = path.join(dir, "ok.yaml");
    writeFileSync(f, "\uFEFFversion: 1\n");
    expect(readInputText(f)).toBe("version: 1\n");
    expect(readInputFile(f)).toHaveLength(14);
  });

  it("refuses a FIFO without waiting on it, /dev/zero without reading it, and a folder", () => {
    const fifo = path.join(dir, "fifo.csv");
    execFileSync("mkfifo", [fifo]);
    const t0 = Date.now();
    expect(refusal(fifo, { what: "the codebook" })).toBe(`${fifo}:0:*: cannot read the codebook: it is not a regular file (a pipe, socket or device); give a file`);
    expect(refusal("/dev/zero", { what: "the weights file", column: "" })).toBe("/dev/zero:0:: cannot read the weights file: it is not a regular file (a pipe, socket or device); give a file");
    expect(Date.now() - t0).toBeLessThan(2000);
    const folder = path.join(dir, "folder.json");
    mkdirSync(folder);
    expect(refusal(folder)).toContain("cannot read the file: it is a folder, not a file");
    expect(refusal(path.join(dir, "absent.json"))).toMatch(/cannot read the file: ENOENT/);
  });

  it("refuses a file over the limit (64 MiB by default) before reading it", () => {
    const big = path.join(dir, "big.csv");
    writeFileSync(big, "");
    truncateSync(big, MAX_SIDE_INPUT_BYTES + 1); // sparse: no disk used
    expect(refusal(big, { what: "the CSV file" })).toBe(`${big}:0:*: the CSV file is 64.0 MiB, over the limit of 64 MiB; is this the right file?`);
    const small = path.join(dir, "small.csv");
    writeFileSync(small, "x".repeat(11));
    expect(refusal(small, { maxBytes: 10 })).toContain("the file is 11 bytes, over the limit of 10 bytes");
    expect(readInputFile(small, { maxBytes: 11 }).toString()).toBe("x".repeat(11));
  });
});
