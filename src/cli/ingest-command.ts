/**
 * `iln ingest PATH [--kind K --round R] [--mapping FILE] [--respondents FILE] [--suggest-mapping FILE] [--allow-empty] [--dry-run]`.
 * The summary on stderr names the files of round folders that were left alone and the rounds
 * whose survey is anonymous.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { readInputFile } from "../db/input-file";
import { terminalSafe, UnknownRoundError } from "../domain/errors";
import type { IngestOptions } from "../../loaders/ingest";
import { dbPathOf, withIngestDb, withDryRunDb } from "./context";
import { checkOutputFile } from "./output-files";

const MAX_WARNINGS = 20;

/**
 * The side inputs of an ingest checked before the database is opened: `--mapping` and
 * `--respondents`, and the round.json and mapping.json of the target folder and of its round
 * folders, must be regular files of at most 64 MiB (`readInputFile`), so a FIFO cannot hang the
 * run nor /dev/zero exhaust its memory while the database is held open for writing. The loaders
 * read them again and validate them.
 * @throws InputError naming the first file that is not.
 */
export function checkIngestSideInputs(target: string, opts: { mapping?: string; respondents?: string }): void {
  if (opts.mapping) readInputFile(opts.mapping, { what: "the mapping file" });
  if (opts.respondents) readInputFile(opts.respondents, { what: "the respondents file" });
  let folders: string[] = [];
  try {
    if (statSync(target).isDirectory()) {
      folders = [target, ...readdirSync(target, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(target, e.name))];
    }
  } catch {
    return; // the loaders say what is wrong with the target itself
  }
  for (const dir of folders) {
    for (const name of ["round.json", "mapping.json"]) {
      const file = path.join(dir, name);
      if (existsSync(file)) readInputFile(file, { what: name });
    }
  }
}

/**
 * Ingests for real: the key first (a damaged, foreign or lost one fails before the database is
 * opened for writing; README.md, "Privacy"), then the database. One file whose `--round` names a
 * round while there is no database yet is refused (exit 2) before anything is created.
 */
async function ingestInto(opts: { db?: string } & Omit<IngestOptions, "pseudonymise" | "progress">, target: string, progress: (l: string) => void) {
  const { ingest } = await import("../../loaders/ingest");
  if (opts.round && !existsSync(dbPathOf(opts))) {
    const { discover } = await import("../../loaders/discover");
    const [one] = discover(target, opts).rounds; // its usage errors first (a folder, a missing --kind)
    if (one && !one.round) throw new UnknownRoundError(one.roundId, [], `--round names the round of ${one.files[0].path}: ingest its round folder (with round.json) first`);
  }
  return withIngestDb(opts, (db, pseudonymise) => ingest(db, target, { ...opts, pseudonymise, progress }));
}

/** Registers the ingest command. */
export function ingestCommand(program: Command): void {
  program
    .command("ingest")
    .description("ingest a round folder, a folder of round folders, or one file (with --kind and --round)")
    .argument("<path>", "round folder, folder of rounds, or one export file")
    .option("--kind <kind>", "export kind of a single file: registrations|partnerships|events|survey")
    .option("--round <id>", "round id of a single file")
    .option("--mapping <file>", "JSON mapping of headers to canonical fields (or null to ignore a column), of country values to ISO codes and of respondent ids to emails")
    .option("--respondents <file>", "CSV, TSV or XLSX of respondent_id,email for surveys that identify respondents by an id")
    .option("--allow-empty", "let a file with a header but no rows clear its round's rows of its kind")
    .option("--suggest-mapping <file>", "when country values are unknown, write them with their first suggested codes to this mapping file to review")
    .option("--dry-run", "validate everything and report; write nothing (no database, key or staging is created; only --suggest-mapping's file, when asked for)")
    .option("--verbose", "print every warning (default: the first 20)")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (target: string, opts: { kind?: string; round?: string; mapping?: string; respondents?: string; allowEmpty?: boolean; suggestMapping?: string; dryRun?: boolean; verbose?: boolean; db?: string }) => {
      const { ingest } = await import("../../loaders/ingest");
      // The suggestions keep the mapping in use, so --suggest-mapping may name the --mapping file.
      if (opts.suggestMapping) checkOutputFile(opts.suggestMapping, "--suggest-mapping", { db: dbPathOf(opts), inputs: [["PATH", target], ["--respondents", opts.respondents]] });
      checkIngestSideInputs(target, opts);
      const progress = (l: string) => process.stderr.write(`${l}\n`);
      const report = opts.dryRun
        ? await withDryRunDb(opts, (db, pseudonymise) => ingest(db, target, { ...opts, pseudonymise, progress }))
        : await ingestInto(opts, target, progress);
      const shown = opts.verbose ? report.warnings : report.warnings.slice(0, MAX_WARNINGS);
      // Names and values in these lines come from the files: escaped, so none can drive the terminal.
      for (const w of shown) process.stderr.write(`warning: ${terminalSafe(w)}\n`);
      if (shown.length < report.warnings.length) process.stderr.write(`... and ${report.warnings.length - shown.length} more warnings (--verbose shows them all)\n`);
      for (const f of report.files) process.stdout.write(`${terminalSafe(f.round)}\t${f.kind}\t${f.status}\t${f.status === "unchanged" ? "-" : f.rows}\t${terminalSafe(f.file)}${f.anonymous ? "\tanonymous" : ""}\n`);
      const written = report.files.filter((f) => f.status !== "unchanged").length;
      process.stderr.write(`${report.dryRun ? "dry run: nothing written; " : ""}${written} file(s) ${report.dryRun ? "valid" : "ingested"}, ${report.files.length - written} unchanged\n`);
      if (report.anonymousSurveys.length) {
        process.stderr.write(`anonymous survey (no respondent key; counted in satisfaction and outcomes, linked to no partnership): ${terminalSafe(report.anonymousSurveys.join(", "))}\n`);
      }
      if (report.ignored.length) process.stderr.write(`${report.ignored.length} file(s) ignored, not an export kind: ${terminalSafe(report.ignored.join(", "))}\n`);
    });
}
