/**
 * Files the `iln` commands write (docs/README.md, "Commands and exit codes"): every output path
 * is checked before any long work, so a mistyped `--out` fails at once with a usage error naming
 * it (exit 2) instead of after minutes of solving; files that name people are written mode 0600.
 */
import { accessSync, constants, existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { writePrivateFile } from "../db/files";
import { UsageError } from "../domain/errors";

/**
 * Checks that `file` can be written as an output of option `flag` (e.g. "--out"): it is not a
 * folder, its folder exists and is writable, and an existing file is writable.
 * @throws UsageError naming the option, the path and what is wrong.
 */
export function checkOutputFile(file: string, flag: string): void {
  const where = `${flag} ${file}`;
  if (file.trim() === "") throw new UsageError(`${flag} needs a file name`);
  const abs = path.resolve(file);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new UsageError(`${where}: is a folder; give a file name`);
  const dir = path.dirname(abs);
  if (!existsSync(dir)) throw new UsageError(`${where}: the folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${where}: ${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(abs)) accessSync(abs, constants.W_OK);
  } catch {
    throw new UsageError(`${where}: not writable (permission denied)`);
  }
}

/**
 * Checks several outputs at once and that no two name the same file.
 * @param outputs [flag, path] pairs; undefined paths are skipped.
 * @throws UsageError for the first bad path, or two options naming one file.
 */
export function checkOutputFiles(outputs: readonly [string, string | undefined][]): void {
  const seen = new Map<string, string>();
  for (const [flag, file] of outputs) {
    if (file === undefined) continue;
    checkOutputFile(file, flag);
    const abs = path.resolve(file);
    const other = seen.get(abs);
    if (other) throw new UsageError(`${other} and ${flag} both name ${file}; give each its own file`);
    seen.set(abs, flag);
  }
}

/**
 * Writes `text` to `file` readable by its owner only (mode 0600, src/db/files.ts), whatever mode
 * an earlier file there had: written beside it first, then renamed over it, so a reader never sees
 * half a file. For outputs that name people (proposals, introductions, at-risk lists).
 */
export function writePrivateFileAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writePrivateFile(temp, text);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
