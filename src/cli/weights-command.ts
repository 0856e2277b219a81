/**
 * `iln weights fit [--rounds R1,R2] [--out FILE] [--json]`: fits models of partnership outcome on
 * pair features (completion: logistic; partner satisfaction: linear), validates them by leaving
 * one round out, and writes the recommended weights file (`weightsFromFit`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { InputError, UsageError } from "../domain/errors";
import { fitOutcomes, weightsFromFit, FitError, type OutcomeFit, type RegressionFit } from "../matching/fit";
import { loadOutcomes } from "../matching/round-data";
import { defaultWeights, parseWeightsText, WeightsError, type Weights } from "../matching/weights";
import { withDb } from "./context";
import { checkOutputFile } from "./output-files";

/**
 * Reads and validates a weights file; no path gives the defaults.
 * @throws InputError (exit 1) when the file is missing or invalid, one problem per line.
 */
export function readWeightsFile(file: string | undefined): Weights {
  if (!file) return defaultWeights();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "", message: `cannot read weights file: ${(err as Error).message}` }]);
  }
  try {
    return parseWeightsText(text, file);
  } catch (err) {
    if (err instanceof WeightsError) throw new InputError(err.problems.map((p) => ({ file, row: 0, column: p.split(":")[0], message: p.slice(p.indexOf(":") + 2) })));
    throw err;
  }
}

const f3 = (x: number) => (x >= 0 ? " " : "") + x.toFixed(3);

function coefTable(title: string, fit: RegressionFit, unit: string): string {
  const lines = [`${title} (n=${fit.n}; ${unit})`, `  ${"term".padEnd(18)} estimate      SE   95% interval         p`];
  for (const c of fit.coefficients) {
    lines.push(`  ${c.name.padEnd(18)} ${f3(c.estimate).padStart(8)} ${c.se.toFixed(3).padStart(7)}   [${f3(c.ci[0])}, ${f3(c.ci[1])}]  ${c.p < 0.001 ? "<0.001" : c.p.toFixed(3)}`);
  }
  return lines.join("\n");
}

/** The readable fit report. */
export function formatFit(fit: OutcomeFit, weights: Weights): string {
  const v = fit.validation.map((h) =>
    `  ${h.round.padEnd(8)} n=${String(h.n).padStart(4)}  log-loss ${h.logLoss.toFixed(3)} (baseline ${h.baselineLogLoss.toFixed(3)})  AUC ${h.auc === null ? "-" : h.auc.toFixed(3)}` +
    (h.satisfactionRmse === null ? "" : `  satisfaction RMSE ${h.satisfactionRmse.toFixed(3)} (baseline ${h.satisfactionBaselineRmse?.toFixed(3)}, n=${h.satisfactionN})`),
  );
  return [
    `Rounds: ${fit.rounds.join(", ")}`,
    coefTable("Completion: logistic regression", fit.completion, "log-odds per unit"),
    fit.satisfaction ? coefTable("Partner satisfaction (1-5): linear regression", fit.satisfaction, "answer points per unit") : "Partner satisfaction: too few answers to fit",
    "Leave-one-round-out validation (fit on the other rounds, score the held-out one; baseline = the other rounds' rate/mean):",
    ...v,
    `Recommended weights (completion log-odds where the 95% interval excludes 0): base ${weights.base}, ` +
      Object.entries(weights.weights).map(([k, x]) => `${k} ${x}`).join(", "),
  ].join("\n") + "\n";
}

/** Registers `iln weights fit`. */
export function weightsCommand(program: Command): void {
  const weights = program.command("weights").description("fit matching weights from past outcomes");
  weights
    .command("fit")
    .description("fit outcome models on pair features (leave-one-round-out validated) and write a weights file")
    .option("--rounds <ids>", "comma-separated rounds to learn from (default: all)")
    .option("--out <file>", "write the recommended weights file here")
    .option("--json", "print one JSON document (fit and weights) on stdout")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { rounds?: string; out?: string; json?: boolean; db?: string }) => {
      if (opts.out) checkOutputFile(opts.out, "--out");
      const rounds = opts.rounds ? opts.rounds.split(",").map((r) => r.trim()).filter(Boolean) : undefined;
      let fit: OutcomeFit;
      try {
        const rows = await withDb(opts, true, (db) => loadOutcomes(db, rounds));
        process.stderr.write(`fitting on ${rows.length} partnerships...\n`);
        fit = fitOutcomes(rows);
      } catch (err) {
        if (err instanceof FitError) throw new UsageError(err.message); // an unknown round already is one
        throw err;
      }
      const w = weightsFromFit(fit);
      if (opts.out) {
        writeFileSync(opts.out, `${JSON.stringify(w, null, 2)}\n`);
        process.stderr.write(`wrote ${opts.out}\n`);
      }
      process.stdout.write(opts.json ? `${JSON.stringify({ fit, weights: w }, null, 2)}\n` : formatFit(fit, w));
    });
}
