/**
 * What every input file must be before it is read: a regular file (a named pipe would hang the
 * run, a device such as /dev/zero stream without end, a folder fail with a raw error) of at most a
 * stated size. Symbolic links are followed, so a link to a device is a device.
 */
import { statSync } from "node:fs";
import { InputError } from "../src/domain/errors";

/** The largest export read, in bytes (1 GiB): ten times a 100,000-person history's largest file, and under Node's 2 GiB read limit. */
export const MAX_EXPORT_BYTES = 1024 ** 3;

/** The largest JSON side input (round.json, a mapping file) read, in bytes (16 MiB). */
export const MAX_JSON_BYTES = 16 * 1024 ** 2;

/** What a path that is not a regular file is, in words. */
function kindOf(st: ReturnType<typeof statSync>): string {
  if (!st) return "missing";
  return st.isDirectory() ? "a folder" : st.isFIFO() ? "a named pipe" : st.isCharacterDevice() || st.isBlockDevice() ? "a device" : st.isSocket() ? "a socket" : "not a regular file";
}

/**
 * Why `file` cannot be read as an input of at most `maxBytes`, or null when it can.
 * @param what the input's name in the message ("the survey export", "a mapping file").
 */
export function inputFileProblem(file: string, maxBytes: number, what = "the file"): string | null {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    return `${what} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  if (!st.isFile()) return `${what} is ${kindOf(st)}, not a file; give the file itself`;
  if (st.size > maxBytes) return `${what} is ${(st.size / 1024 ** 2).toFixed(0)} MiB, more than the ${(maxBytes / 1024 ** 2).toFixed(0)} MiB read: is it the right file?`;
  return null;
}

/**
 * Throws when `file` is not a regular file of at most `maxBytes` (see {@link inputFileProblem}).
 * @throws InputError at row 0, column "*".
 */
export function checkInputFile(file: string, maxBytes: number, what?: string): void {
  const problem = inputFileProblem(file, maxBytes, what);
  if (problem) throw new InputError([{ file, row: 0, column: "*", message: problem }]);
}
