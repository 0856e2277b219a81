/**
 * Finds what an `iln ingest PATH` means: a round folder (it has `round.json`), a folder of round
 * folders, or one file (with `--kind` and `--round`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { InputError, UsageError, type Problem } from "../src/domain/errors";
import { readJson } from "./read-json";
import type { HeaderMapping } from "./canonicalise";
import { KINDS, type Kind } from "./kinds";
import { kindMapping, readMapping, type CountryValues, type MappingFile } from "./mapping-file";
import { RoundFile } from "./kinds/round";

/** One export file to ingest. */
export interface FileInput {
  path: string;
  kind: Kind;
  mapping: HeaderMapping;
  /** Country values of the mapping file, keyed by `countryValueKey`; absent when there are none. */
  countries?: CountryValues;
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

function zodProblems(file: string, issues: { path: PropertyKey[]; message: string }[]): Problem[] {
  return issues.map((i) => ({ file, row: 0, column: i.path.map(String).join(".") || "*", message: i.message }));
}

/** Reads and validates a round.json. @throws InputError naming the file and field. */
export function readRoundFile(file: string): RoundFile {
  const res = RoundFile.safeParse(readJson(file));
  if (!res.success) throw new InputError(zodProblems(file, res.error.issues));
  return res.data;
}

export { readMapping };

/** A file's input with the mapping for its kind. */
function fileInput(file: string, kind: Kind, m: MappingFile | undefined): FileInput {
  const { headers, countries } = kindMapping(m, kind);
  return Object.keys(countries).length ? { path: file, kind, mapping: headers, countries } : { path: file, kind, mapping: headers };
}

function roundFolder(dir: string, mappingOverride?: MappingFile): { input: RoundInput; warnings: string[] } {
  const roundFile = path.join(dir, "round.json");
  const round = readRoundFile(roundFile);
  const mfile = path.join(dir, MAPPING_FILE);
  const mapping = mappingOverride ?? (existsSync(mfile) ? readMapping(mfile) : undefined);
  const files: FileInput[] = [];
  const warnings: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const kind = name.replace(/\.csv$/i, "") as Kind;
    if (/\.csv$/i.test(name) && KINDS.includes(kind)) files.push(fileInput(path.join(dir, name), kind, mapping));
    else if (name !== "round.json" && name !== MAPPING_FILE && !MATCH_OUTPUTS.has(name.toLowerCase()) && !name.startsWith(".") && !/readme/i.test(name)) warnings.push(`${path.join(dir, name)}: not an export kind this tool reads (expected ${KINDS.map((k) => k + ".csv").join(", ")}); ignored`);
  }
  if (!files.some((f) => f.kind === "registrations")) {
    throw new InputError([{ file: path.join(dir, "registrations.csv"), row: 0, column: "*", message: "every round folder needs registrations.csv" }]);
  }
  return { input: { roundId: round.id, round, roundFile, files }, warnings };
}

/**
 * Resolves PATH into rounds and files.
 * @throws UsageError for a path that does not exist or lacks --kind/--round for one file;
 *   InputError for a broken round.json or mapping file.
 */
export function discover(target: string, opts: { kind?: string; round?: string; mapping?: string } = {}): { rounds: RoundInput[]; warnings: string[] } {
  if (!existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const override = opts.mapping ? readMapping(opts.mapping) : undefined;
  if (statSync(target).isFile()) {
    if (!opts.kind || !opts.round) throw new UsageError(`ingesting one file needs --kind (${KINDS.join("|")}) and --round`);
    if (!(KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`unknown --kind ${opts.kind}; expected one of ${KINDS.join(", ")}`);
    const kind = opts.kind as Kind;
    return { rounds: [{ roundId: opts.round, files: [fileInput(target, kind, override)] }], warnings: [] };
  }
  if (opts.kind || opts.round) throw new UsageError("--kind and --round go with one file, not a folder");
  if (existsSync(path.join(target, "round.json"))) {
    const { input, warnings } = roundFolder(target, override);
    return { rounds: [input], warnings };
  }
  const subdirs = readdirSync(target)
    .map((n) => path.join(target, n))
    .filter((p) => statSync(p).isDirectory() && existsSync(path.join(p, "round.json")));
  if (!subdirs.length) throw new UsageError(`${target} holds no round.json and no round folders`);
  const rounds: RoundInput[] = [];
  const warnings: string[] = [];
  for (const d of subdirs) {
    const r = roundFolder(d, override);
    rounds.push(r.input);
    warnings.push(...r.warnings);
  }
  rounds.sort((x, y) => (x.round!.start < y.round!.start ? -1 : x.round!.start > y.round!.start ? 1 : 0));
  const seen = new Map<string, string>();
  for (const r of rounds) {
    if (seen.has(r.roundId)) throw new InputError([{ file: r.roundFile!, row: 0, column: "id", message: `round id ${JSON.stringify(r.roundId)} is used by ${seen.get(r.roundId)} too` }]);
    seen.set(r.roundId, r.roundFile!);
  }
  return { rounds, warnings };
}
