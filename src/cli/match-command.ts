/**
 * `iln match --round R --weights FILE --out FILE [--locks F] [--forbid F] [--unmatched FILE]`:
 * the proposed partnerships of a round's registrations as CSV for coordinators (internal: emails
 * and names), the unmatched list and a quality summary on stderr. Earlier partners (rounds that
 * started before R) are never paired again; partnerships already recorded for R are ignored
 * (a note says so).
 */
import type { Command } from "commander";
import { InputError, UsageError } from "../domain/errors";
import { readPairsFile } from "../matching/locks";
import { loadIdentities, loadRoundData } from "../matching/round-data";
import { LockError, proposeMatching, type Proposal } from "../matching/propose";
import { PREFERENCES, PRINCIPLES } from "../matching/quality";
import { predictionModelFor } from "../matching/replay-rounds";
import { predictCompletion } from "../matching/fit";
import { writePrivateFile } from "../db";
import { toSafeCsv } from "../privacy/csv-safe";
import { dbPathOf, pseudonymiserFor, withDb } from "./context";
import { readWeightsFile } from "./weights-command";

/** Columns of the proposal CSV. */
export const MATCH_COLUMNS = [
  "pair", "email_a", "name_a", "country_a", "sector_a", "stage_a", "email_b", "name_b", "country_b", "sector_b", "stage_b",
  "score", "principles_met", "preferences_met", "locked",
] as const;

const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(0)}%`);

/** The quality summary written to stderr. */
export function formatMatchSummary(p: Proposal): string {
  const q = p.quality;
  return [
    `Proposed ${q.pairs} partnerships for round ${p.round} (${p.locked} locked); ${q.unmatched} unmatched of ${q.people}`,
    `  total score ${q.total.toFixed(3)}, mean ${q.mean?.toFixed(3) ?? "-"}, min ${q.min?.toFixed(3) ?? "-"}`,
    `  principles: ${PRINCIPLES.map((k) => `${k.replace(/_/g, " ")} ${pct(q.principles[k])}`).join(", ")}`,
    `  stated preferences met (both partners): ${PREFERENCES.map((k) => `${k.replace("_pref", "")} ${pct(q.preferences[k])}`).join(", ")}`,
    `  predicted completion (a PREDICTION of the model fitted on past rounds): ${pct(q.predicted_completion)}`,
    `  by region: ${q.breakdowns.region.map((g) => `${g.group} ${g.matched}/${g.people} matched, mean ${g.mean_score?.toFixed(2) ?? "-"}`).join("; ")}`,
  ].join("\n") + "\n";
}

/** Registers the match command. */
export function matchCommand(program: Command): void {
  program
    .command("match")
    .description("propose the partnerships of a round's registrations (CSV for coordinators)")
    .requiredOption("--round <id>", "round whose registrations to match")
    .requiredOption("--weights <file>", "weights file (e.g. src/matching/weights.default.json or the output of `iln weights fit`)")
    .requiredOption("--out <file>", "CSV file to write the proposed partnerships to")
    .option("--locks <file>", "pairs fixed by hand (JSON or CSV of email pairs)")
    .option("--forbid <file>", "pairs ruled out (JSON or CSV of email pairs)")
    .option("--unmatched <file>", "also write the unmatched people as CSV here")
    .option("--no-max-cardinality", "maximum weight alone (by default as many people as possible are placed first, then the weight is maximised)")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { round: string; weights: string; out: string; locks?: string; forbid?: string; unmatched?: string; maxCardinality: boolean; db?: string }) => {
      const weights = readWeightsFile(opts.weights);
      const pid = pseudonymiserFor(dbPathOf(opts));
      const toPids = (pairs: [string, string][]) => pairs.map(([a, b]) => [pid(a), pid(b)] as [string, string]);
      const lockEmails = opts.locks ? readPairsFile(opts.locks) : [];
      const forbids = opts.forbid ? toPids(readPairsFile(opts.forbid)) : [];
      const emailOf = new Map<string, string>(lockEmails.flat().map((e) => [pid(e), e]));
      await withDb(opts, true, async (db) => {
        const rp = await loadRoundData(db, opts.round); // an unknown round is a usage error (exit 2)
        if (rp.pool.people.length === 0) throw new UsageError(`round ${opts.round} has no registrations`);
        if (rp.partnerships > 0) process.stderr.write(`note: round ${opts.round} already has ${rp.partnerships} partnerships in the database; they are ignored, the proposal starts from its registrations\n`);
        const model = await predictionModelFor(db, opts.round);
        let proposal: Proposal;
        try {
          proposal = proposeMatching(rp.pool, weights, {
            locks: toPids(lockEmails),
            forbids,
            maxCardinality: opts.maxCardinality,
            predict: model ? (x) => predictCompletion(model.fit, x) : undefined,
          });
        } catch (err) {
          if (err instanceof LockError) {
            const file = opts.locks ?? "locks";
            throw new InputError(err.problems.map((m) => ({ file, row: 0, column: "", message: m.replace(/p_[0-9a-f]+/g, (p) => emailOf.get(p) ?? p) })));
          }
          throw err;
        }
        const ids = await loadIdentities(db, rp.pool.people.map((p) => p.id));
        const people = rp.pool.people;
        const rows = proposal.pairQuality.map((q, k) => {
          const a = people[q.a];
          const b = people[q.b];
          return {
            pair: k + 1,
            email_a: ids.get(a.id)?.email ?? a.id, name_a: ids.get(a.id)?.name ?? "", country_a: a.country, sector_a: a.sector, stage_a: a.stage,
            email_b: ids.get(b.id)?.email ?? b.id, name_b: ids.get(b.id)?.name ?? "", country_b: b.country, sector_b: b.sector, stage_b: b.stage,
            score: q.score === null ? "" : q.score.toFixed(3),
            principles_met: PRINCIPLES.filter((p) => q.principles[p]).map((p) => p.replace(/_/g, " ")).join("; "),
            preferences_met: PREFERENCES.filter((p) => q.preferences[p]).map((p) => p.replace("_pref", "")).join("; "),
            locked: k < proposal.locked ? "yes" : "no",
          };
        });
        writePrivateFile(opts.out, toSafeCsv(MATCH_COLUMNS, rows));
        const byId = new Map(people.map((p) => [p.id, p]));
        const unmatched = proposal.unmatched.map((id) => ({ email: ids.get(id)?.email ?? id, name: ids.get(id)?.name ?? "", country: byId.get(id)?.country, sector: byId.get(id)?.sector }));
        if (opts.unmatched) writePrivateFile(opts.unmatched, toSafeCsv(["email", "name", "country", "sector"], unmatched));
        process.stderr.write(formatMatchSummary(proposal));
        process.stderr.write(unmatched.length ? `Unmatched (${unmatched.length}):\n${unmatched.map((u) => `  ${u.email} (${u.country}, ${u.sector})`).join("\n")}\n` : "Unmatched: nobody\n");
        process.stderr.write(`wrote ${rows.length} partnerships to ${opts.out}\n`);
      });
    });
}
