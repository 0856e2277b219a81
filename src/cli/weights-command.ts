/**
 * `iln weights fit [--rounds R1,R2] [--satisfaction-weight L] [--out FILE] [--json]`: fits models of
 * partnership outcome on pair features (completion: ridge logistic; partner satisfaction: ridge
 * proportional odds, clustered by respondent), validates them in time order and by leaving one
 * round out, prints a plain-language summary, and writes the recommended expected-utility
 * weights file (`weightsFromFit`).
 */
import { writeFileSync } from "node:fs";
import { readInputText } from "../db/input-file";
import type { Command } from "commander";
import { InputError, UsageError } from "../domain/errors";
import { SATISFACTION_WEIGHT, type Coefficient, type OutcomeFit, type ValidationSummary } from "../matching/fit";
import type { Weights } from "../matching/weights";
import { dbPathOf, withDb } from "./context";
import { checkOutputFile } from "./output-files";

/**
 * Reads and validates a weights file; no path gives the defaults.
 * @throws InputError (exit 1) when the file is missing, not a regular file, over 64 MiB
 *   (`readInputText`) or invalid, one problem per line.
 */
export async function readWeightsFile(file: string | undefined): Promise<Weights> {
  const { defaultWeights, parseWeightsText, WeightsError } = await import("../matching/weights");
  if (!file) return defaultWeights();
  const text = readInputText(file, { what: "the weights file", column: "" });
  try {
    return parseWeightsText(text, file);
  } catch (err) {
    if (err instanceof WeightsError) throw new InputError(err.problems.map((p) => ({ file, row: 0, column: p.split(":")[0], message: p.slice(p.indexOf(":") + 2) })));
    throw err;
  }
}

const f3 = (x: number) => (x >= 0 ? " " : "") + x.toFixed(3);

function coefTable(title: string, coefficients: readonly Coefficient[], unit: string, n: number, covariance: string): string {
  const lines = [`${title} (n=${n}; ${unit}; SE: ${covariance})`, `  ${"term".padEnd(18)} estimate      SE   95% interval         p`];
  for (const c of coefficients) {
    lines.push(`  ${c.name.padEnd(18)} ${f3(c.estimate).padStart(8)} ${c.se.toFixed(3).padStart(7)}   [${f3(c.ci[0])}, ${f3(c.ci[1])}]  ${c.p < 0.001 ? "<0.001" : c.p.toFixed(3)}`);
  }
  return lines.join("\n");
}

function foldLines(v: ValidationSummary, none: string): string[] {
  if (!v.folds.length) return [`  none: ${none}`];
  return v.folds.map((h) =>
    `  ${h.round.padEnd(8)} n=${String(h.n).padStart(4)}  log-loss ${h.logLoss.toFixed(3)} (baseline ${h.baselineLogLoss.toFixed(3)})  AUC ${h.auc === null ? "-" : h.auc.toFixed(3)}` +
    (h.satisfactionLogLoss === null ? "" : `  satisfaction log-loss ${h.satisfactionLogLoss.toFixed(3)} (baseline ${h.satisfactionBaselineLogLoss?.toFixed(3)}, n=${h.satisfactionN})`),
  );
}

/** The readable fit report: the plain-language summary first, then the models and validations. */
export function formatFit(fit: OutcomeFit, weights: Weights): string {
  const cal = fit.timeOrdered.calibration;
  return [
    `Rounds: ${fit.rounds.join(", ")}`,
    "Summary:",
    ...fit.summary.lines.map((l) => `  ${l}`),
    "",
    `Penalty (ridge, on standardised coefficients): completion ${fit.penalty.completion}, partner satisfaction ${fit.penalty.satisfaction ?? "-"}; chosen by ${fit.penalty.chosen_by}.`,
    coefTable("Completion: logistic regression", fit.completion.coefficients, "log-odds per unit", fit.completion.n, fit.completion.covariance),
    fit.satisfaction
      ? coefTable("Partner satisfaction (1-5): proportional-odds model", [...fit.satisfaction.coefficients, ...fit.satisfaction.thresholds], "log cumulative odds of a higher answer per unit; thresholds k|k+1", fit.satisfaction.n, fit.satisfaction.covariance)
      : "Partner satisfaction: too few answers to fit",
    "Time-ordered validation (fit on the earlier rounds, score the next; baseline = the earlier rounds' rate or answer distribution):",
    ...foldLines(fit.timeOrdered, `it needs 3 rounds with outcomes (two to learn from, one to predict); ${fit.rounds.length === 1 ? "there is 1" : `there are ${fit.rounds.length}`}`),
    ...(cal ? [`  calibration: observed against predicted by tenth: ${cal.bins.map((b) => `${(100 * b.predicted).toFixed(0)}%->${(100 * b.observed).toFixed(0)}%`).join(" ")}`] : []),
    "Leave-one-round-out validation (fit on the other rounds, score the held-out one):",
    ...foldLines(fit.leaveOneOut, fit.rounds.length < 2 ? "it needs 2 rounds with outcomes; there is 1" : "no round's outcomes could be predicted from a model fitted on the others (too few outcomes to fit one without it)"),
    `Recommended weights: ${weights.description ?? ""}`,
  ].join("\n") + "\n";
}

/** Registers `iln weights fit`. */
export function weightsCommand(program: Command): void {
  const weights = program.command("weights").description("fit matching weights from past outcomes");
  weights
    .command("fit")
    .description("fit outcome models on pair features (leave-one-round-out validated) and write a weights file")
    .option("--rounds <ids>", "comma-separated rounds to learn from (default: all)")
    .option("--satisfaction-weight <x>", `weight of P(partner satisfaction >= 4) against P(completed) in the utility (default ${SATISFACTION_WEIGHT})`)
    .option("--out <file>", "write the recommended weights file here")
    .option("--json", "print one JSON document (fit and weights) on stdout")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { rounds?: string; satisfactionWeight?: string; out?: string; json?: boolean; db?: string }) => {
      if (opts.out) checkOutputFile(opts.out, "--out", { db: dbPathOf(opts) });
      const lam = opts.satisfactionWeight === undefined ? SATISFACTION_WEIGHT : Number(opts.satisfactionWeight);
      if (!(lam >= 0 && lam <= 10)) throw new UsageError(`--satisfaction-weight must be a number from 0 to 10, got ${JSON.stringify(opts.satisfactionWeight)}`);
      const rounds = opts.rounds ? opts.rounds.split(",").map((r) => r.trim()).filter(Boolean) : undefined;
      const { fitOutcomes, weightsFromFit, FitError } = await import("../matching/fit");
      const { loadOutcomes } = await import("../matching/round-data");
      let fit: OutcomeFit;
      let rows: Awaited<ReturnType<typeof loadOutcomes>> = [];
      try {
        rows = await withDb(opts, true, (db) => loadOutcomes(db, rounds));
        process.stderr.write(`fitting on ${rows.length} partnerships...\n`);
        fit = fitOutcomes(rows);
      } catch (err) {
        // An unknown round already is a usage error; too few outcomes is said as such.
        if (err instanceof FitError) {
          const k = new Set(rows.map((r) => r.round)).size;
          throw new UsageError(`too few outcomes to fit weights from ${rows.length} partnership(s) in ${k} round(s) (${err.message}); keep the default weights until more rounds have outcomes`);
        }
        throw err;
      }
      for (const d of fit.dropped) process.stderr.write(`note: ${d.feature} left out of the ${d.model} model: ${d.reason}\n`);
      const w = weightsFromFit(fit, { satisfactionWeight: lam });
      if (opts.out) {
        writeFileSync(opts.out, `${JSON.stringify(w, null, 2)}\n`);
        process.stderr.write(`wrote ${opts.out}\n`);
      }
      process.stdout.write(opts.json ? `${JSON.stringify({ fit, weights: w }, null, 2)}\n` : formatFit(fit, w));
    });
}
