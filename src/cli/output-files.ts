/**
 * Files the `iln` commands write (docs/README.md, "Commands and exit codes"): every output path
 * is checked before any long work, so a mistyped `--out` fails at once with a usage error naming
 * it (exit 2) instead of after minutes of solving; files that name people are written mode 0600.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { KINDS } from "../../loaders/kinds/kind";
import { writePrivateFile } from "../db/files";
import { UsageError } from "../domain/errors";
import { isKeyText, keyPathFor } from "../privacy/pseudonym";

/**
 * What an output must never replace, whatever the user types: the command's database with its
 * pseudonym key and write-ahead log (losing the key makes the history impossible to extend or to
 * erase anyone from), and the command's own input files.
 */
export interface KeptFiles {
  /** The command's database path (`--db`, `ILN_DB` or the default). */
  db?: string;
  /** The command's input files as [option, path] pairs (undefined paths are skipped). */
  inputs?: readonly [string, string | undefined][];
}

/** Round exports a coordinator downloads from their forms, which no output replaces (`partnerships.csv` is what `iln match` writes). */
const SOURCE_EXPORTS = new Set<string>(KINDS.filter((k) => k !== "partnerships"));

/** Whether two paths name one file: the same absolute path, or, when both exist, the same real path (symbolic links followed). */
function samePath(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    return existsSync(ra) && existsSync(rb) && realpathSync(ra) === realpathSync(rb);
  } catch {
    return false;
  }
}

/** The first `n` bytes of a file (fewer when it is shorter). */
function head(file: string, n: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * What an existing regular file is, when it is something no output may replace: a DuckDB database
 * (the magic "DUCK" at byte 8), a pseudonym key (`isKeyText`), or a round export
 * named like one (registrations, events or survey, any extension); null otherwise.
 */
function irreplaceable(file: string): string | null {
  const stem = path.basename(file).replace(/\.[^.]*$/, "").toLowerCase();
  if (SOURCE_EXPORTS.has(stem)) return `a round's ${stem} export`;
  const st = statSync(file);
  if (!st.isFile()) return null;
  if (st.size >= 12 && head(file, 12).subarray(8, 12).toString("latin1") === "DUCK") return "a DuckDB database";
  if (st.size <= 80 && isKeyText(head(file, 80).toString("latin1"))) return "a pseudonym key file";
  return null;
}

/**
 * Checks that `file` can be written as an output of option `flag` (e.g. "--out"): it is not a
 * folder (nor written as one, with a trailing `/`), its folder exists and is writable, and an existing file is writable; it is none of the
 * `kept` files (the database, its key and write-ahead log, the command's inputs), and not an
 * existing DuckDB database, pseudonym key or round export (registrations, events, survey) either.
 * @throws UsageError naming the option, the path and what is wrong.
 */
export function checkOutputFile(file: string, flag: string, kept: KeptFiles = {}): void {
  const where = `${flag} ${file}`;
  if (file.trim() === "") throw new UsageError(`${flag} needs a file name`);
  // path.resolve drops a trailing separator, which would let "x.pptx/" pass and fail after the work.
  if (/[\\/]$/.test(file) || file.endsWith(path.sep)) throw new UsageError(`${where}: ends with a folder separator; give a file name`);
  const abs = path.resolve(file);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new UsageError(`${where}: is a folder; give a file name`);
  const dir = path.dirname(abs);
  if (!existsSync(dir)) throw new UsageError(`${where}: the folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${where}: ${dir} is not a folder`);
  if (kept.db !== undefined && kept.db !== ":memory:") {
    const own: [string, string][] = [
      [kept.db, "the database"],
      [keyPathFor(kept.db), "the database's pseudonym key"],
      [`${kept.db}.wal`, "the database's write-ahead log"],
    ];
    for (const [p, what] of own) if (samePath(abs, p)) throw new UsageError(`${where}: is ${what}; give another file name`);
  }
  for (const [inFlag, input] of kept.inputs ?? []) {
    if (input !== undefined && samePath(abs, input)) throw new UsageError(`${where}: is this command's ${inFlag} file; give another file name`);
  }
  const what = existsSync(abs) ? irreplaceable(abs) : null;
  if (what) throw new UsageError(`${where}: is ${what}, which an output never replaces; give another file name`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(abs)) accessSync(abs, constants.W_OK);
  } catch {
    throw new UsageError(`${where}: not writable (permission denied)`);
  }
}

/**
 * Checks several outputs at once (as {@link checkOutputFile}, with the same `kept` files) and that
 * no two name the same file.
 * @param outputs [flag, path] pairs; undefined paths are skipped.
 * @throws UsageError for the first bad path, or two options naming one file.
 */
export function checkOutputFiles(outputs: readonly [string, string | undefined][], kept: KeptFiles = {}): void {
  const seen = new Map<string, string>();
  for (const [flag, file] of outputs) {
    if (file === undefined) continue;
    checkOutputFile(file, flag, kept);
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
