/**
 * Files that hold personal data (docs/privacy.md, "Files on disk"): the database, its write-ahead
 * log, the ingest's staging folder, the pseudonym key, the coordinators' CSV files and the
 * build's private snapshot are readable by their owner only (mode 0600, folders 0700), whatever
 * the process's umask. Node-only; no DuckDB here.
 */
import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";

/** Mode of every file the toolkit writes that holds personal data: owner read and write. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of a folder that holds such files: owner only. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Writes `data` to `file` with mode 0600: the file is opened (created or truncated) with that
 * mode and its mode is set again before anything is written, so an existing file of wider mode
 * never holds the new content readable by others. The data is flushed to disk (fsync).
 * @throws Error from the file system (missing folder, no permission).
 */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const fd = openSync(file, "w", PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates `dir` (and its parents) when absent and sets its mode to 0700. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Sets `file` to mode 0600 when it exists; never throws for a file that vanished meanwhile. */
export function makePrivate(file: string): void {
  try {
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/**
 * The folder where the ingest stages its temporary CSV files for the database at `dbPath`:
 * beside it, `<db>.staging`, owner-only (the rows hold pseudonyms and survey comments).
 */
export function stagingDirOf(dbPath: string): string {
  return `${path.resolve(dbPath)}.staging`;
}

/** Flushes a file's content to disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename in it) to disk; a no-op where folders cannot be opened. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(path.resolve(dir), "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a folder: the rename is still atomic
  } finally {
    closeSync(fd);
  }
}
