/**
 * `iln forget EMAIL`: erases a participant for good (docs/privacy.md, "Erasure"). Refuses, with
 * exit code 1 and nothing created or changed, when the database or its pseudonym key is missing,
 * and with exit code 2 when EMAIL is not an email address (a typo would otherwise be added to the
 * list of erased people and the database rewritten for nothing).
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { readEmail } from "../../loaders/normalise/email";
import { DatabaseMissingError } from "../db/errors";
import { UsageError } from "../domain/errors";
import { keyPathFor, loadKey, pseudonymiser } from "../privacy/pseudonym";
import { dbPathOf } from "./context";
import { verifyKey, keyStateOf } from "./pseudonym-key";

/** Registers the forget command. */
export function forgetCommand(program: Command): void {
  program
    .command("forget")
    .description("erase a participant (by email) from every table, identity included, and rewrite the database file without them")
    .argument("<email>", "the participant's email address")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (email: string, opts: { db?: string }) => {
      const checked = readEmail(email);
      if (!("email" in checked)) throw new UsageError(`forget: ${"message" in checked ? checked.message : "no email address given"}`);
      const dbPath = dbPathOf(opts);
      // Both checks come before anything is opened or created.
      if (!existsSync(dbPath)) throw new DatabaseMissingError(dbPath);
      const key = loadKey(keyPathFor(dbPath));
      const pseudonymise = pseudonymiser(key);
      const { openDatabase } = await import("../db/connection");
      const { LOADER_CACHE, replayCacheDir } = await import("../privacy/derived-files");
      const { forget } = await import("../privacy/forget");
      const db = await openDatabase(dbPath, { create: false });
      let report;
      try {
        // A key that is not the database's own would find nobody and list a hash nobody has.
        verifyKey(await keyStateOf(db), key, keyPathFor(dbPath), dbPath);
        report = await forget(db, email, pseudonymise, { replayCache: replayCacheDir(process.env), loaderCache: LOADER_CACHE });
      } finally {
        db.close();
      }
      const counts = (r: Record<string, number>) => Object.entries(r).map(([t, n]) => `${t} ${n}`).join(", ");
      if (!report.found) {
        process.stderr.write(`no participant with that email in ${dbPath}; ${report.alreadyErased ? "already on the list of erased people" : "added to the list of erased people, so later ingests skip them"}\n`);
      } else {
        process.stderr.write(`erased: ${counts(report.rows)} (partnerships keep the partner's side, anonymised)\n`);
        const named = Object.values(report.redacted).reduce((a, b) => a + b, 0);
        if (named) process.stderr.write(`redacted their name or email in ${counts(report.redacted)} row(s) of other people's notes, comments and roles\n`);
      }
      process.stderr.write(`rewrote ${dbPath} into a new file${report.removed.length ? `; removed ${report.removed.join(", ")}` : ""}\n`);
      process.stderr.write("a site built before now still holds figures computed with this person: rebuild it (npm run build)\n");
      process.stderr.write("publishing the rebuild beside the old site lets anyone holding both work out this person's figures by difference: publish it with the next round's results, not for this erasure alone (docs/privacy.md, \"Differencing across an erasure\")\n");
    });
}
