/**
 * The `iln` command line (docs/README.md). Exit codes: 0 done, 1 input rejected (nothing
 * written), 2 wrong usage, 3 an internal error (a bug: one line saying where to report it, never
 * a stack trace; `ILN_DEBUG=1` adds the stack). Errors go to stderr; `--json` output alone goes
 * to stdout.
 * The command modules register their options here and import what they run (DuckDB, the
 * loaders, the matcher, the language model) only when they run, so `iln --help` starts at once.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, type Option } from "commander";
import { formatProblem, InputError, terminalSafe, UsageError } from "../domain/errors";
import { DatabaseBusyError, DatabaseInvalidError, DatabaseMissingError } from "../db/errors";
import { KeyFileError, KeyMissingError } from "../privacy/pseudonym";
import { EXIT } from "./exit-codes";
import { ingestCommand } from "./ingest-command";
import { countriesCommand } from "./countries-command";
import { demoCommand } from "./demo-command";
import { forgetCommand } from "./forget-command";
import { matchCommand } from "./match-command";
import { metricsCommand } from "./metrics-command";
import { replayCommand } from "./replay-command";
import { slidesCommand } from "./slides-command";
import { themesCommand } from "./themes-command";
import { weightsCommand } from "./weights-command";

const PACKAGE = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string; bugs?: string | { url?: string } };

/** The toolkit's version (package.json). */
export const VERSION: string = PACKAGE.version;

/** Where internal errors are to be reported: package.json's `bugs`, else the README's section. */
export const REPORT_TO: string =
  (typeof PACKAGE.bugs === "string" ? PACKAGE.bugs : PACKAGE.bugs?.url) ?? "the project's issue tracker (README.md, \"Reporting a problem\")";

/** Located problems printed for a rejected input; the rest are counted. */
export const MAX_PROBLEMS = 100;

/**
 * Makes commander report an unknown option before a missing mandatory one (it checks mandatory
 * options first, so `iln match --rund X` said "--round not specified"): every mandatory option
 * of `cmd` and its subcommands is checked in a `preAction` hook instead, which commander runs
 * after its unknown-option and argument checks. The error is commander's own, same wording.
 */
function deferMandatoryOptions(cmd: Command): void {
  const mandatory: Option[] = cmd.options.filter((o) => o.mandatory);
  for (const o of mandatory) o.mandatory = false;
  if (mandatory.length) {
    cmd.hook("preAction", (self) => {
      if (self !== cmd) return;
      for (const o of mandatory) {
        if (cmd.getOptionValue(o.attributeName()) === undefined) cmd.error(`error: required option '${o.flags}' not specified`, { code: "commander.missingMandatoryOptionValue", exitCode: EXIT.usage });
      }
    });
  }
  cmd.commands.forEach(deferMandatoryOptions);
}

/** Builds the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("iln")
    .description("ILN outcomes toolkit: ingest round exports, compute metrics, replay and improve matching")
    .version(VERSION, "-V, --version", "print the version and exit")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  demoCommand(program);
  ingestCommand(program);
  metricsCommand(program);
  replayCommand(program);
  weightsCommand(program);
  matchCommand(program);
  forgetCommand(program);
  countriesCommand(program);
  themesCommand(program);
  slidesCommand(program);
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  program.commands.forEach(deferMandatoryOptions);
  return program;
}

/** A Node file-system or network error (it has `code` and `syscall`): the machine's, not the toolkit's. */
function systemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string" && typeof (err as NodeJS.ErrnoException).syscall === "string";
}

/** The one line an internal error prints (see module doc). */
export function internalErrorLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split("\n").find((l) => l.trim() !== "")?.trim() ?? "unknown error";
  return `iln: internal error: ${first}; please report it at ${REPORT_TO} with the command you ran`;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * Never throws: every error is printed on stderr and mapped to an exit code.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help" ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof InputError) {
      // File names and messages may hold what a terminal acts on (a file named with escapes): escaped.
      for (const p of err.problems.slice(0, MAX_PROBLEMS)) process.stderr.write(`${terminalSafe(formatProblem(p))}\n`);
      if (err.problems.length > MAX_PROBLEMS) process.stderr.write(`... and ${err.problems.length - MAX_PROBLEMS} more problem(s)\n`);
      process.stderr.write(`rejected: ${err.problems.length} problem(s); nothing was written\n`);
      return EXIT.rejected;
    }
    if (err instanceof UsageError || err instanceof DatabaseInvalidError) {
      process.stderr.write(`iln: ${terminalSafe(err.message)}\n`);
      return EXIT.usage;
    }
    if (err instanceof DatabaseBusyError || err instanceof DatabaseMissingError || err instanceof KeyMissingError || err instanceof KeyFileError) {
      process.stderr.write(`iln: ${terminalSafe(err.message)}\n`);
      return EXIT.rejected;
    }
    if (systemError(err) || (err instanceof Error && /^IO Error: /.test(err.message))) {
      // A path the machine (or DuckDB) refused: permission, full disk, a file that is not a
      // database. Say which, no stack.
      process.stderr.write(`iln: ${terminalSafe(err.message)}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${terminalSafe(internalErrorLine(err))}\n`);
    if (process.env.ILN_DEBUG) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
