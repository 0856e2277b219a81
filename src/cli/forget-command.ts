/**
 * `iln forget EMAIL`: erases a participant from every table, for good.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { DatabaseMissingError } from "../db";
import { forget } from "../privacy/forget";
import { dbPathOf, pseudonymiserFor, withDb } from "./context";

/** Registers the forget command. */
export function forgetCommand(program: Command): void {
  program
    .command("forget")
    .description("erase a participant (by email) from every table, identity included")
    .argument("<email>", "the participant's email address")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (email: string, opts: { db?: string }) => {
      if (!existsSync(dbPathOf(opts))) throw new DatabaseMissingError(dbPathOf(opts)); // never create one to erase from
      const pseudonymise = pseudonymiserFor(dbPathOf(opts));
      const report = await withDb(opts, false, (db) => forget(db, email, pseudonymise));
      if (!report.found) process.stderr.write(`no participant with that email in ${dbPathOf(opts)}; nothing changed\n`);
      else process.stderr.write(`erased: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n}`).join(", ")} (partnerships keep the partner's side, anonymised)\n`);
    });
}
