/**
 * Finds what an `iln ingest PATH` means: a round folder (it has `round.json`), a folder of round
 * folders, or one file (with `--kind` and `--round`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { InputError, UsageError, type Problem } from "../src/domain/errors";
import type { HeaderMapping } from "./canonicalise";
import { KINDS, type Kind } from "./kinds";
import { RoundFile } from "./kinds/round";

/** One export file to ingest. */
export interface FileInput {
  path: string;
  kind: Kind;
  mapping: HeaderMapping;
}

/** One round to ingest: its round.json (absent when a single file targets a known round) and files. */
export interface RoundInput {
  roundId: string;
  round?: RoundFile;
  roundFile?: string;
  files: FileInput[];
}

const MAPPING_FILE = "mapping.json";

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: `cannot read: ${(err as Error).message}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: `not valid JSON: ${(err as Error).message}` }]);
  }
}

function zodProblems(file: string, issues: { path: PropertyKey[]; message: string }[]): Problem[] {
  return issues.map((i) => ({ file, row: 0, column: i.path.map(String).join(".") || "*", message: i.message }));
}

/** Reads and validates a round.json. @throws InputError naming the file and field. */
export function readRoundFile(file: string): RoundFile {
  const res = RoundFile.safeParse(readJson(file));
  if (!res.success) throw new InputError(zodProblems(file, res.error.issues));
  return res.data;
}

/**
 * Reads a mapping file: either `{"Header": "field"}` (for one file) or, in a round folder,
 * `{"registrations": {...}, "survey": {...}}`.
 * @throws InputError when it is not an object of strings.
 */
export function readMapping(file: string): Record<string, Record<string, string>> | Record<string, string> {
  const data = readJson(file);
  const problems: Problem[] = [];
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InputError([{ file, row: 0, column: "*", message: "a mapping file must be a JSON object" }]);
  }
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === "string") continue;
    if ((KINDS as readonly string[]).includes(k) && typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string")) continue;
    problems.push({ file, row: 0, column: k, message: "expected a canonical field name, or (under a kind) an object of header -> field" });
  }
  if (problems.length) throw new InputError(problems);
  return data as Record<string, string>;
}

function kindMapping(m: Record<string, unknown> | undefined, kind: Kind): HeaderMapping {
  if (!m) return {};
  const perKind = m[kind];
  if (typeof perKind === "object" && perKind !== null) return perKind as HeaderMapping;
  const flat = Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === "string")) as HeaderMapping;
  return flat;
}

function roundFolder(dir: string, mappingOverride?: Record<string, unknown>): { input: RoundInput; warnings: string[] } {
  const roundFile = path.join(dir, "round.json");
  const round = readRoundFile(roundFile);
  const mfile = path.join(dir, MAPPING_FILE);
  const mapping = mappingOverride ?? (existsSync(mfile) ? (readMapping(mfile) as Record<string, unknown>) : undefined);
  const files: FileInput[] = [];
  const warnings: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const kind = name.replace(/\.csv$/i, "") as Kind;
    if (/\.csv$/i.test(name) && KINDS.includes(kind)) files.push({ path: path.join(dir, name), kind, mapping: kindMapping(mapping, kind) });
    else if (name !== "round.json" && name !== MAPPING_FILE && !name.startsWith(".") && !/readme/i.test(name)) warnings.push(`${path.join(dir, name)}: not an export kind this tool reads (expected ${KINDS.map((k) => k + ".csv").join(", ")}); ignored`);
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
  const override = opts.mapping ? (readMapping(opts.mapping) as Record<string, unknown>) : undefined;
  if (statSync(target).isFile()) {
    if (!opts.kind || !opts.round) throw new UsageError(`ingesting one file needs --kind (${KINDS.join("|")}) and --round`);
    if (!(KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`unknown --kind ${opts.kind}; expected one of ${KINDS.join(", ")}`);
    const kind = opts.kind as Kind;
    return { rounds: [{ roundId: opts.round, files: [{ path: target, kind, mapping: kindMapping(override, kind) }] }], warnings: [] };
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
