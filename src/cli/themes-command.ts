/**
 * `iln themes`: survey comments coded into the codebook's themes (docs/themes.md).
 * - `iln themes [--round R] [--json]`: per round and overall, the count and share of commenting
 *   respondents per theme with Wilson intervals, by segment where cells allow, and sentiment.
 * - `iln themes code FILE.csv --out CODED.csv`: codes a CSV of `id,text` into
 *   `id,themes,sentiment,triggers`.
 * - `iln themes agree HUMAN.csv CODED.csv [--json]`: precision, recall, F1 and Cohen's kappa per theme.
 * Every form takes `--codebook FILE` to replace the default codebook.
 */
import { writePrivateFile } from "../db/files";
import { InvalidArgumentError, type Command } from "commander";
import { UsageError } from "../domain/errors";
import type { Agreement } from "../themes/agreement";
import type { Coder } from "../themes/coder";
import type { ThemeGroup, ThemesDocument } from "../themes/metrics";
import { checkMinCell, dbPathOf, withDb } from "./context";
import { checkOutputFile } from "./output-files";

const pct = (x: number | null): string => (x === null ? "-" : `${(100 * x).toFixed(0)}%`);
const num = (x: number | null, d = 2): string => (x === null ? "-" : x.toFixed(d));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** The coder of a codebook (the default one without `--codebook`); loads the language model. */
async function coderOf(opts: { codebook?: string }): Promise<Coder> {
  const { loadCodebook } = await import("../themes/codebook");
  const { createCoder } = await import("../themes/coder");
  return createCoder(loadCodebook(opts.codebook));
}

function groupColumn(g: ThemeGroup, withCi: boolean): string[] {
  return g.themes.map((t) => (withCi && t.ci ? `${pct(t.share)} [${pct(t.ci[0])}-${pct(t.ci[1])}]` : pct(t.share)));
}

/**
 * The readable form of a themes document: one column per round and one overall (shares of
 * commenting respondents), the n and mean sentiment under it; with one round, 95% intervals and
 * the segments whose n is at least `min`; then the latest change between rounds.
 */
export function formatThemes(doc: ThemesDocument, min: number): string {
  const one = doc.rounds.length === 1;
  const labels = doc.codebook.map((t) => t.id);
  const cols = one ? [doc.rounds[0]] : [...doc.rounds, { round: "overall", ...doc.overall }];
  const header = ["theme (share of commenting respondents)", ...cols.map((c) => c.round)];
  const rows = labels.map((id, i) => [id, ...cols.map((c) => groupColumn(c, one)[i])]);
  rows.push(["n (commenting respondents)", ...cols.map((c) => String(c.n))]);
  rows.push(["sentiment (mean, -1..1)", ...cols.map((c) => num(c.sentiment))]);
  const parts = [doc.synthetic ? "SYNTHETIC DATA (demo)\n" : "", table(header, rows)];
  if (one) {
    const segs = doc.rounds[0].segments.filter((s) => s.n >= min);
    if (segs.length) {
      parts.push(`\nBy segment (groups of at least ${min} commenting respondents):\n`);
      parts.push(table(["theme", ...segs.map((s) => `${s.segment}=${s.value}`)], [
        ...labels.map((id, i) => [id, ...segs.map((s) => pct(s.themes[i].share))]),
        ["n", ...segs.map((s) => String(s.n))],
        ["sentiment", ...segs.map((s) => num(s.sentiment))],
      ]));
    }
  }
  if (doc.trend.length) {
    const t0 = doc.trend[0];
    parts.push(`\nChange from ${t0.from} to ${t0.to} (difference of shares, 95% CI, p-value):\n`);
    parts.push(table(["theme", "change", "95% CI", "p"], doc.trend.map((t) => [
      t.theme, t.diff === null ? "-" : `${t.diff >= 0 ? "+" : ""}${(100 * t.diff).toFixed(0)} pts`,
      t.ci ? `${(100 * t.ci[0]).toFixed(0)} to ${(100 * t.ci[1]).toFixed(0)}` : "-", t.p_value === null ? "-" : t.p_value.toFixed(3),
    ])));
  }
  return parts.join("");
}

/** The readable form of an agreement: one row per theme, then the macro averages and which themes they cover. */
export function formatAgreement(a: Agreement): string {
  const rows = a.themes.map((t) => [t.theme, String(t.support), String(t.predicted), num(t.precision), num(t.recall), num(t.f1), num(t.kappa)]);
  rows.push([`macro (support >= ${a.minSupport})`, "", "", num(a.macro.precision), num(a.macro.recall), num(a.macro.f1), num(a.macro.kappa)]);
  return `${a.n} comments compared\n${table(["theme", "support", "coded", "precision", "recall", "F1", "kappa"], rows)}macro averages over: ${a.macroThemes.join(", ") || "no theme"}\n`;
}

function intArg(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError("expected a whole number");
  return Number(v);
}

/** Registers `iln themes` and its subcommands. */
export function themesCommand(program: Command): void {
  const themes = program
    .command("themes")
    .description("survey comments coded into the codebook's themes: shares per round with 95% intervals, by segment, and sentiment")
    .option("--round <id>", "only this round")
    .option("--json", "print one JSON document on stdout")
    .option("--codebook <file>", "codebook (YAML or JSON) replacing src/themes/codebook.yaml")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { round?: string; json?: boolean; codebook?: string; db?: string }) => {
      const min = checkMinCell();
      const coder = await coderOf(opts);
      const { themesDocument } = await import("../themes/metrics");
      const doc: ThemesDocument = await withDb(opts, true, (db) => themesDocument(db, coder, { round: opts.round }));
      process.stdout.write(opts.json ? `${JSON.stringify(doc, null, 2)}\n` : formatThemes(doc, min));
    });

  themes
    .command("code")
    .description("code a CSV of id,text into id,themes,sentiment,triggers (themes separated by ';') to check against your own reading")
    .argument("<file>", "CSV with columns id,text")
    .requiredOption("--out <file>", "the coded CSV to write")
    .option("--codebook <file>", "codebook (YAML or JSON) replacing src/themes/codebook.yaml")
    .action(async (file: string, opts: { out: string; codebook?: string }) => {
      const codebook = opts.codebook ?? themes.opts().codebook;
      // The same check as every output: never the database, its key, an export or an input.
      checkOutputFile(opts.out, "--out", { db: dbPathOf(themes.opts()), inputs: [["FILE", file], ["--codebook", codebook]] });
      const coder = await coderOf({ codebook });
      const { codedCsv, readComments } = await import("../themes/csv");
      const comments = readComments(file);
      const rows = comments.map((c) => ({ id: c.id, ...coder.code(c.text) }));
      writePrivateFile(opts.out, codedCsv(rows)); // ids and words of the comments: owner-only
      process.stderr.write(`${rows.length} comment(s) coded into ${opts.out}; ${rows.filter((r) => r.themes.length).length} with at least one theme\n`);
    });

  themes
    .command("agree")
    .description("agreement of a coding with a reference coding (e.g. yours): precision, recall, F1 and Cohen's kappa per theme")
    .argument("<reference>", "CSV with columns id,themes: the reference (human) coding")
    .argument("<coded>", "CSV with columns id,themes: the coding to score (e.g. from `iln themes code`)")
    .option("--min-support <n>", "macro averages cover themes the reference codes at least this often", intArg, 5)
    .option("--json", "print one JSON document on stdout")
    .option("--codebook <file>", "codebook (YAML or JSON) replacing src/themes/codebook.yaml")
    .action(async (reference: string, coded: string, opts: { minSupport: number; json?: boolean; codebook?: string }) => {
      const { loadCodebook } = await import("../themes/codebook");
      const { readCoding } = await import("../themes/csv");
      const { agreement } = await import("../themes/agreement");
      const ids = loadCodebook(opts.codebook ?? themes.opts().codebook).themes.map((t) => t.id);
      const ref = readCoding(reference, ids);
      const pred = readCoding(coded, ids);
      let a: Agreement;
      try {
        a = agreement(ref, pred, ids, opts.minSupport);
      } catch (err) {
        throw new UsageError(`${reference} and ${coded}: ${(err as Error).message}`);
      }
      process.stdout.write(opts.json || themes.opts().json ? `${JSON.stringify(a, null, 2)}\n` : formatAgreement(a));
    });
}
