/**
 * The `iln` command line (docs/README.md). Exit codes: 0 done, 1 input rejected (nothing
 * written), 2 wrong usage. Errors go to stderr; `--json` output alone goes to stdout.
 */
import { Command, CommanderError } from "commander";
import { formatProblem, InputError, UsageError } from "../domain/errors";
import { DatabaseBusyError, DatabaseMissingError } from "../db";
import { KeyMissingError } from "../privacy/pseudonym";
import { EXIT } from "./exit-codes";
import { ingestCommand } from "./ingest-command";
import { countriesCommand } from "./countries-command";
import { demoCommand } from "./demo-command";
import { forgetCommand } from "./forget-command";
import { matchCommand } from "./match-command";
import { metricsCommand } from "./metrics-command";
import { replayCommand } from "./replay-command";
import { themesCommand } from "./themes-command";
import { weightsCommand } from "./weights-command";

/** Located problems printed for a rejected input; the rest are counted. */
export const MAX_PROBLEMS = 100;

/** Builds the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("iln")
    .description("ILN outcomes toolkit: ingest round exports, compute metrics, replay and improve matching")
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
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
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
      for (const p of err.problems.slice(0, MAX_PROBLEMS)) process.stderr.write(`${formatProblem(p)}\n`);
      if (err.problems.length > MAX_PROBLEMS) process.stderr.write(`... and ${err.problems.length - MAX_PROBLEMS} more problem(s)\n`);
      process.stderr.write(`rejected: ${err.problems.length} problem(s); nothing was written\n`);
      return EXIT.rejected;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`iln: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof DatabaseBusyError || err instanceof DatabaseMissingError || err instanceof KeyMissingError) {
      process.stderr.write(`iln: ${err.message}\n`);
      return EXIT.rejected;
    }
    process.stderr.write(`iln: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.rejected;
  }
}
