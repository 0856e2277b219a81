/**
 * Finds what an `iln ingest PATH` means: a round folder (it has `round.json`), a folder of round
 * folders, or one file (with `--kind` and `--round`). Every file of a round folder is read or
 * reported: an export kind (`registrations`, `partnerships`, `events`, `survey`) as `.csv`,
 * `.tsv`, `.txt` or `.xlsx` is read; a kind in another format (`survey.xls`, `survey.ods`) or
 * twice (`survey.csv` and `survey.xlsx`) is an error; any other file is a warning and is listed
 * as ignored in the ingest's summary.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { MAX_EXPORT_BYTES } from "./formats/read-export";
import path from "node:path";
import { InputError, UsageError, type Problem } from "../src/domain/errors";
import { readJson } from "./read-json";
import { closest, distance } from "fastest-levenshtein";
import type { HeaderMapping, RespondentMap } from "./canonicalise";
import { KINDS, type Kind } from "./kinds";
import { kindMapping, readMapping, type CountryValues, type MappingFile } from "./mapping-file";
import type { SlashOrder } from "./normalise/dates";
import { RoundFile } from "./kinds/round";
import { readRespondents } from "./respondents-file";

/** One export file to ingest. */
export interface FileInput {
  path: string;
  kind: Kind;
  mapping: HeaderMapping;
  /** Country values of the mapping file, keyed by `countryValueKey`; absent when there are none. */
  countries?: CountryValues;
  /** Respondent ids -> emails (survey): the mapping file's, then `--respondents FILE`'s; absent when there are none. */
  respondents?: RespondentMap;
  /** How slashed dates are written, when the mapping file's `date_order` says; otherwise read from the values. */
  dateOrder?: SlashOrder;
}

/** One round to ingest: its round.json (absent when a single file targets a known round) and files. */
export interface RoundInput {
  roundId: string;
  round?: RoundFile;
  roundFile?: string;
  files: FileInput[];
}

const MAPPING_FILE = "mapping.json";
/** Files `iln match` writes beside a round's partnerships.csv (docs/matching.md): not exports, ignored without a word. */
const MATCH_OUTPUTS = new Set(["introductions.csv", "unmatched.csv"]);

/** File extensions an export kind is read from (lower case). */
export const EXPORT_EXTENSIONS = [".csv", ".tsv", ".txt", ".xlsx"] as const;

/** What discovery found besides the rounds: notes, and the files of round folders it left alone. */
export interface Discovery {
  rounds: RoundInput[];
  warnings: string[];
  /** Files in round folders that are no export kind, left alone (each also has a warning). */
  ignored: string[];
}

function zodProblems(file: string, issues: { path: PropertyKey[]; message: string }[]): Problem[] {
  return issues.map((i) => ({ file, row: 0, column: i.path.map(String).join(".") || "*", message: i.message }));
}

/** The problem of an export over {@link MAX_EXPORT_BYTES}: `what` is "the file" or names its kind. */
function tooLarge(what: string, bytes: number): string {
  return `${what} is ${Math.round(bytes / 1024 ** 2)} MiB, over the limit of ${MAX_EXPORT_BYTES / 1024 ** 2} MiB; is this the right file?`;
}

/** Reads and validates a round.json. @throws InputError naming the file and field. */
export function readRoundFile(file: string): RoundFile {
  const res = RoundFile.safeParse(readJson(file));
  if (!res.success) throw new InputError(zodProblems(file, res.error.issues));
  return res.data;
}

export { readMapping };

/** A file's input with the mapping for its kind; `respondents` (from `--respondents FILE`) win over the mapping's. */
function fileInput(file: string, kind: Kind, m: MappingFile | undefined, respondents?: RespondentMap): FileInput {
  const { headers, countries, respondents: mapped, dateOrder } = kindMapping(m, kind);
  const input: FileInput = { path: file, kind, mapping: headers };
  if (dateOrder) input.dateOrder = dateOrder;
  if (Object.keys(countries).length) input.countries = countries;
  const ids = kind === "survey" ? { ...mapped, ...respondents } : {};
  if (Object.keys(ids).length) input.respondents = ids;
  return input;
}

/** The export kind a file name names (`Survey.XLSX` -> survey), with its extension; null for any other name. */
function kindOfName(name: string): { kind: Kind; ext: string } | null {
  const dot = name.lastIndexOf(".");
  const stem = (dot > 0 ? name.slice(0, dot) : name).toLowerCase();
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : "";
  return (KINDS as readonly string[]).includes(stem) ? { kind: stem as Kind, ext } : null;
}

function roundFolder(dir: string, mappingOverride?: MappingFile, respondents?: RespondentMap): { input: RoundInput; warnings: string[]; ignored: string[]; problems: Problem[] } {
  const roundFile = path.join(dir, "round.json");
  const round = readRoundFile(roundFile);
  const mfile = path.join(dir, MAPPING_FILE);
  const mapping = mappingOverride ?? (existsSync(mfile) ? readMapping(mfile) : undefined);
  const files: FileInput[] = [];
  const warnings: string[] = [];
  const ignored: string[] = [];
  const problems: Problem[] = [];
  const accepted = EXPORT_EXTENSIONS.join(", ");
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (name === "round.json" || name === MAPPING_FILE || MATCH_OUTPUTS.has(name.toLowerCase()) || name.startsWith(".") || /^readme/i.test(name)) continue;
    const named = kindOfName(name);
    const st = named ? statSync(file) : null;
    if (named && st && !st.isFile()) {
      // A pipe, device or folder named like an export: refused as itself (it would hang or
      // stream forever if read), not reported as a missing export.
      const what = st.isDirectory() ? "a folder" : st.isFIFO() ? "a named pipe" : st.isCharacterDevice() || st.isBlockDevice() ? "a device" : st.isSocket() ? "a socket" : "not a regular file";
      problems.push({ file, row: 0, column: "*", message: `named like the round's ${named.kind} export but is ${what}; give the export file itself` });
      continue;
    }
    if (named && st && st.size > MAX_EXPORT_BYTES) {
      problems.push({ file, row: 0, column: "*", message: tooLarge(`the round's ${named.kind} export`, st.size) });
      continue;
    }
    if (named) {
      const twin = files.find((f) => f.kind === named.kind);
      if (!(EXPORT_EXTENSIONS as readonly string[]).includes(named.ext)) {
        problems.push({ file, row: 0, column: "*", message: `a ${named.kind} export in a format this tool does not read (${named.ext || "no extension"}); save it as ${accepted}` });
      } else if (twin) {
        problems.push({ file, row: 0, column: "*", message: `a second ${named.kind} file in this round folder (the first is ${path.basename(twin.path)}); keep one` });
      } else {
        files.push(fileInput(file, named.kind, mapping, respondents));
      }
      continue;
    }
    const stem = name.replace(/\.[^.]*$/, "").toLowerCase();
    const near = closest(stem, [...KINDS]);
    const hint = stem.includes(near) || (stem.length > 3 && distance(stem, near) <= 2) ? ` (did you mean ${near}${path.extname(name) || ".csv"}?)` : "";
    ignored.push(file);
    warnings.push(`${file}: not an export kind this tool reads (${KINDS.join(", ")}, each as ${accepted})${hint}; ignored`);
  }
  if (!files.some((f) => f.kind === "registrations") && !problems.some((p) => path.basename(p.file).toLowerCase().startsWith("registrations."))) {
    problems.push({ file: path.join(dir, "registrations.csv"), row: 0, column: "*", message: `every round folder needs its registrations (registrations${EXPORT_EXTENSIONS.join(", registrations")})` });
  }
  return { input: { roundId: round.id, round, roundFile, files }, warnings, ignored, problems };
}

/**
 * Resolves PATH into rounds and files.
 * @throws UsageError for a path that does not exist or lacks --kind/--round for one file;
 *   InputError for a broken round.json, mapping file or respondents file, and for export kinds a
 *   round folder holds in a format this tool does not read, twice, or not at all (registrations).
 */
export function discover(target: string, opts: { kind?: string; round?: string; mapping?: string; respondents?: string } = {}): Discovery {
  if (!existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const override = opts.mapping ? readMapping(opts.mapping) : undefined;
  const respondents = opts.respondents ? readRespondents(opts.respondents) : undefined;
  const st = statSync(target);
  if (!st.isFile() && !st.isDirectory()) throw new InputError([{ file: target, row: 0, column: "*", message: "cannot read the file: it is not a regular file (a pipe, socket or device); give a file" }]);
  if (st.isFile()) {
    if (st.size > MAX_EXPORT_BYTES) throw new InputError([{ file: target, row: 0, column: "*", message: tooLarge("the file", st.size) }]);
    if (!opts.kind || !opts.round) throw new UsageError(`ingesting one file needs --kind (${KINDS.join("|")}) and --round`);
    if (!(KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`unknown --kind ${opts.kind}; expected one of ${KINDS.join(", ")}`);
    const kind = opts.kind as Kind;
    // A file in a round folder reads with that folder's mapping.json unless --mapping names one,
    // as the folder's own ingest would: before, its headers were "missing" one file at a time.
    const beside = path.join(path.dirname(target), MAPPING_FILE);
    const folderMapping = !override && existsSync(beside) ? readMapping(beside) : undefined;
    const warnings = folderMapping ? [`${target}: read with the mapping file beside it, ${beside} (--mapping FILE reads another)`] : [];
    return { rounds: [{ roundId: opts.round, files: [fileInput(target, kind, override ?? folderMapping, respondents)] }], warnings, ignored: [] };
  }
  if (opts.kind || opts.round) throw new UsageError("--kind and --round go with one file, not a folder");
  if (existsSync(path.join(target, "round.json"))) {
    const { input, warnings, ignored, problems } = roundFolder(target, override, respondents);
    if (problems.length) throw new InputError(problems);
    return { rounds: [input], warnings, ignored };
  }
  const subdirs = readdirSync(target)
    .map((n) => path.join(target, n))
    .filter((p) => statSync(p).isDirectory() && existsSync(path.join(p, "round.json")));
  if (!subdirs.length) throw new UsageError(`${target} holds no round.json and no round folders`);
  const rounds: RoundInput[] = [];
  const warnings: string[] = [];
  const ignored: string[] = [];
  const problems: Problem[] = [];
  for (const d of subdirs) {
    const r = roundFolder(d, override, respondents);
    rounds.push(r.input);
    warnings.push(...r.warnings);
    ignored.push(...r.ignored);
    problems.push(...r.problems);
  }
  if (problems.length) throw new InputError(problems);
  rounds.sort((x, y) => (x.round!.start < y.round!.start ? -1 : x.round!.start > y.round!.start ? 1 : 0));
  const seen = new Map<string, string>();
  for (const r of rounds) {
    if (seen.has(r.roundId)) throw new InputError([{ file: r.roundFile!, row: 0, column: "id", message: `round id ${JSON.stringify(r.roundId)} is used by ${seen.get(r.roundId)} too` }]);
    seen.set(r.roundId, r.roundFile!);
  }
  return { rounds, warnings, ignored };
}
