/**
 * `iln match --round R --out FILE [--weights FILE] [--matched-on DATE] [--introductions FILE]
 * [--locks F] [--forbid F] [--unmatched FILE]` (docs/matching.md, "Proposals"): the proposed
 * partnerships of a round's registrations, written as the round's `partnerships.csv` in the
 * canonical layout `iln ingest` reads as it is (status `active`, `matched_on` the date of the run
 * or `--matched-on`), and beside it the introductions for coordinators (names, emails, countries,
 * shared languages and interests, time-zone gap, why this pair); a quality summary and the
 * unmatched list on stderr. Without `--weights`, the default weights. Earlier partners (rounds
 * that started before R) are never paired again; partnerships already recorded for R are ignored
 * (a note says so). Every output path is checked before solving; the files name people, so they
 * are written mode 0600.
 */
import path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { InputError, UsageError } from "../domain/errors";
import type { IntroducedPerson } from "../matching/introductions";
import type { Proposal } from "../matching/propose";
import type { Preference, Principle } from "../matching/quality";
import { dbPathOf, withDb } from "./context";
import { existingKeyOf } from "./pseudonym-key";
import { checkOutputFiles, writePrivateFileAtomically } from "./output-files";
import { readWeightsFile } from "./weights-command";

/** Today's date where the command runs, YYYY-MM-DD (the default `matched_on`). */
export function localDate(d: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Parses `--matched-on`: a real calendar date written YYYY-MM-DD. */
export function dateArg(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) throw new InvalidArgumentError("expected a date written YYYY-MM-DD, e.g. 2017-03-06");
  return v;
}


const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(0)}%`);
/** The names of a quality's principles or preferences, in its order (src/matching/quality.ts lists them). */
const keysOf = <K extends string>(r: Record<K, unknown>): K[] => Object.keys(r) as K[];

/** The quality summary written to stderr. */
export function formatMatchSummary(p: Proposal): string {
  const q = p.quality;
  return [
    `Proposed ${q.pairs} partnerships for round ${p.round} (${p.locked} locked); ${q.unmatched} unmatched of ${q.people}`,
    `  total score ${q.total.toFixed(3)}, mean ${q.mean?.toFixed(3) ?? "-"}, min ${q.min?.toFixed(3) ?? "-"}`,
    `  principles: ${keysOf<Principle>(q.principles).map((k) => `${k.replace(/_/g, " ")} ${pct(q.principles[k])}`).join(", ")}`,
    `  stated preferences met (both partners): ${keysOf<Preference>(q.preferences).map((k) => `${k.replace("_pref", "")} ${pct(q.preferences[k])}`).join(", ")}`,
    `  predicted completion (a PREDICTION of the model fitted on past rounds): ${pct(q.predicted_completion)}`,
    `  by region: ${q.breakdowns.region.map((g) => `${g.group} ${g.matched}/${g.people} matched, mean ${g.mean_score?.toFixed(2) ?? "-"}`).join("; ")}`,
  ].join("\n") + "\n";
}

/** Registers the match command. */
export function matchCommand(program: Command): void {
  program
    .command("match")
    .description("propose the partnerships of a round's registrations: the round's partnerships.csv (ingestable as it is) and introductions for coordinators")
    .requiredOption("--round <id>", "round whose registrations to match")
    .requiredOption("--out <file>", "the partnerships CSV to write (e.g. the round folder's partnerships.csv)")
    .option("--weights <file>", "weights file (default: the built-in defaults, src/matching/weights.default.json; or the output of `iln weights fit`)")
    .option("--matched-on <date>", "the partnerships' matched_on date, YYYY-MM-DD (default: today)", dateArg)
    .option("--introductions <file>", "the introductions CSV for coordinators (default: introductions.csv beside --out)")
    .option("--locks <file>", "pairs fixed by hand (JSON or CSV of email pairs)")
    .option("--forbid <file>", "pairs ruled out (JSON or CSV of email pairs)")
    .option("--unmatched <file>", "also write the unmatched people as CSV here")
    .option("--no-max-cardinality", "maximum weight alone (by default as many people as possible are placed first, then the weight is maximised)")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { round: string; weights?: string; out: string; matchedOn?: string; introductions?: string; locks?: string; forbid?: string; unmatched?: string; maxCardinality: boolean; db?: string }) => {
      const intro = opts.introductions ?? path.join(path.dirname(opts.out), "introductions.csv");
      checkOutputFiles([["--out", opts.out], [opts.introductions ? "--introductions" : "--introductions (default)", intro], ["--unmatched", opts.unmatched]], {
        db: dbPathOf(opts),
        inputs: [["--weights", opts.weights], ["--locks", opts.locks], ["--forbid", opts.forbid]],
      });
      const matchedOn = opts.matchedOn ?? localDate();
      const weights = await readWeightsFile(opts.weights);
      // What the proposal needs loads only now, so `iln --help` starts without it.
      const { partnershipFields } = await import("../../loaders/kinds/partnerships");
      const { countryName } = await import("../../loaders/normalise/country");
      const { readPairsFile, readPairsWithPlaces } = await import("../matching/locks");
      const { INTRODUCTION_COLUMNS, introductions } = await import("../matching/introductions");
      const { loadIdentities, loadRoundData } = await import("../matching/round-data");
      const { LockError, proposeMatching } = await import("../matching/propose");
      const { predictionModelFor } = await import("../matching/replay-rounds");
      const { predictCompletion } = await import("../matching/fit");
      const { toSafeCsv } = await import("../privacy/csv-safe");
      // The proposal's columns are exactly the canonical fields of a partnerships file
      // (loaders/kinds/partnerships.ts, docs/formats.md), so `iln ingest` reads it as it is.
      const columns = partnershipFields.map((f) => f.name);
      /** English name of a country code, or the code when it has none. */
      const nameOf = (code: string) => {
        try {
          return countryName(code);
        } catch {
          return code;
        }
      };
      const lockPlaces = opts.locks ? readPairsWithPlaces(opts.locks) : null;
      const lockEmails = lockPlaces?.pairs ?? [];
      const forbidEmails = opts.forbid ? readPairsFile(opts.forbid) : [];
      await withDb(opts, true, async (db) => {
        const rp = await loadRoundData(db, opts.round); // an unknown round is a usage error (exit 2)
        if (rp.pool.people.length === 0) throw new UsageError(`round ${opts.round} has no registrations`);
        // Locks and forbids name people by email: only the database's own key finds them (never a new one).
        const { pseudonymiser } = await import("../privacy/pseudonym");
        const pid = lockEmails.length || forbidEmails.length ? pseudonymiser(await existingKeyOf(db, dbPathOf(opts))) : () => "";
        const toPids = (pairs: [string, string][]) => pairs.map(([a, b]) => [pid(a), pid(b)] as [string, string]);
        const emailOf = new Map<string, string>(lockEmails.flat().map((e) => [pid(e), e]));
        if (rp.partnerships > 0) process.stderr.write(`note: round ${opts.round} already has ${rp.partnerships} partnerships in the database; they are ignored, the proposal starts from its registrations\n`);
        const model = await predictionModelFor(db, opts.round);
        let proposal: Proposal;
        try {
          proposal = proposeMatching(rp.pool, weights, {
            locks: toPids(lockEmails),
            forbids: toPids(forbidEmails),
            maxCardinality: opts.maxCardinality,
            predict: model ? (x) => predictCompletion(model.fit, x) : undefined,
          });
        } catch (err) {
          if (err instanceof LockError) {
            const file = opts.locks ?? "locks";
            throw new InputError(err.problems.map((m, k) => ({ file, row: lockPlaces?.rows[err.locks[k]] ?? 0, column: lockPlaces?.columns[err.locks[k]] ?? "*", message: m.replace(/p_[0-9a-f]+/g, (p) => emailOf.get(p) ?? p) })));
          }
          throw err;
        }
        const ids = await loadIdentities(db, rp.pool.people.map((p) => p.id));
        const people: IntroducedPerson[] = rp.pool.people.map((p) => {
          const who = ids.get(p.id);
          if (!who?.email) throw new UsageError(`round ${opts.round}: a registration (${p.id}) has no email in the identities table (erased with \`iln forget\`?); ingest the round's registrations again`);
          return { profile: p, name: who.name ?? null, email: who.email, countryName: nameOf(p.country) };
        });
        const partnershipIds = proposal.pairQuality.map((_, k) => `${opts.round}-${k + 1}`);
        const rows = proposal.pairQuality.map((q, k) => ({
          partnership_id: partnershipIds[k], email_a: people[q.a].email, email_b: people[q.b].email,
          matched_on: matchedOn, status: "active", ended_on: "", replaces: "", continued: "",
        }));
        writePrivateFileAtomically(opts.out, toSafeCsv(columns, rows));
        writePrivateFileAtomically(intro, toSafeCsv(INTRODUCTION_COLUMNS, introductions(proposal.pairQuality, people, partnershipIds, { locked: proposal.locked, countryName: nameOf })));
        const byId = new Map(people.map((p) => [p.profile.id, p]));
        const unmatched = proposal.unmatched.map((id) => byId.get(id)!).map((p) => ({ email: p.email, name: p.name ?? "", country: p.countryName, sector: p.profile.sector }));
        if (opts.unmatched) writePrivateFileAtomically(opts.unmatched, toSafeCsv(["email", "name", "country", "sector"], unmatched));
        process.stderr.write(formatMatchSummary(proposal));
        process.stderr.write(unmatched.length ? `Unmatched (${unmatched.length}):\n${unmatched.map((u) => `  ${u.email} (${u.country}, ${u.sector})`).join("\n")}\n` : "Unmatched: nobody\n");
        process.stderr.write(`wrote ${rows.length} partnerships (status active, matched on ${matchedOn}) to ${opts.out}: \`iln ingest --kind partnerships --round ${opts.round} ${opts.out}\` records them\n`);
        process.stderr.write(`wrote their introductions to ${intro} (internal: names and emails, mode 0600)\n`);
      });
    });
}
