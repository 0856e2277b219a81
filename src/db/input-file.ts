/**
 * Reading the side inputs of a command (a codebook, a weights file, lock and forbid lists, a CSV
 * of comments or codings) within limits: a path that is not a regular file (a folder, a FIFO that
 * would block forever, a device such as /dev/zero that never ends) and a file over the size limit
 * are refused as located input errors before their content is read, so hostile paths can neither
 * hang a command nor exhaust its memory. Node-only; no DuckDB here.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../domain/errors";

/** Largest side input read: 64 MiB, far above any codebook, weights or pairs file. */
export const MAX_SIDE_INPUT_BYTES = 64 * 1024 * 1024;

/** How a side input is named and limited. */
export interface InputFileOptions {
  /** What the file is, for messages ("the codebook"); default "the file". */
  what?: string;
  /** The column of the problem (`FILE:0:COLUMN`); default "*". */
  column?: string;
  /** The size limit in bytes; default {@link MAX_SIDE_INPUT_BYTES}. */
  maxBytes?: number;
}

const MIB = 1024 * 1024;
const size = (n: number) => (n >= MIB ? `${(n / MIB).toFixed(n % MIB ? 1 : 0)} MiB` : `${n.toLocaleString("en-US")} bytes`);

/**
 * The bytes of `file`, read only when it is a regular file (symbolic links followed) of at most
 * `maxBytes`. The file is opened without blocking and its type checked on the open file, so a FIFO
 * is refused rather than waited on, and no more than `maxBytes` + 1 bytes are ever read (a file
 * that grows while being read is refused too).
 * @throws InputError (row 0) when the file cannot be opened or read, is not a regular file, or is
 *   over the limit; the message names what the file is and the limit.
 */
export function readInputFile(file: string, options: InputFileOptions = {}): Buffer {
  const what = options.what ?? "the file";
  const column = options.column ?? "*";
  const max = options.maxBytes ?? MAX_SIDE_INPUT_BYTES;
  const fail = (message: string): never => {
    throw new InputError([{ file, row: 0, column, message }]);
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return fail(e.code === "EISDIR" ? `cannot read ${what}: it is a folder, not a file` : `cannot read ${what}: ${e.message}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) fail(`cannot read ${what}: it is a folder, not a file`);
    if (!st.isFile()) fail(`cannot read ${what}: it is not a regular file (a pipe, socket or device); give a file`);
    if (st.size > max) fail(`${what} is ${size(st.size)}, over the limit of ${size(max)}; is this the right file?`);
    let buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
      if (n > max) fail(`${what} is over the limit of ${size(max)} (it grew while being read); is this the right file?`);
      if (n === buf.length) buf = Buffer.concat([buf, Buffer.alloc(Math.min(buf.length, max + 1 - buf.length))]);
    }
    return buf.subarray(0, n);
  } catch (err) {
    if (err instanceof InputError) throw err;
    return fail(`cannot read ${what}: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * {@link readInputFile} decoded as UTF-8, a leading byte-order mark removed.
 * @throws InputError as {@link readInputFile}.
 */
export function readInputText(file: string, options: InputFileOptions = {}): string {
  return readInputFile(file, options).toString("utf8").replace(/^\uFEFF/, "");
}
