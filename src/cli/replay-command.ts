/**
 * `iln replay --round R [--weights FILE | --fitted] [--pool matched|registered] [--no-max-cardinality]
 * [--no-predictions] [--json]`: the round's historical first matching beside the matching the
 * weights produce from the same pool (docs/matching.md). Without `--weights`, the default
 * weights; `--fitted` refits the weights on the other rounds. A weights file fitted on rounds that
 * include R is refused: R's own outcomes would flatter its replay. Output holds pseudonyms at
 * most, never emails or names.
 */
import type { Command } from "commander";
import { UsageError } from "../domain/errors";
import type { GroupQuality, MatchingQuality } from "../matching/quality";
import type { ReplayReport } from "../matching/replay";
import type { Weights } from "../matching/weights";
import { withDb } from "./context";
import { readWeightsFile } from "./weights-command";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "-" : `${(100 * x).toFixed(0)}%`);
const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? "-" : x.toFixed(d));

function sideBySide(h: MatchingQuality, r: MatchingQuality): string[] {
  const rows: [string, string, string][] = [
    ["pairs", String(h.pairs), String(r.pairs)],
    ["unmatched people", String(h.unmatched), String(r.unmatched)],
    ["total score", num(h.total, 3), num(r.total, 3)],
    ["mean pair score", num(h.mean, 3), num(r.mean, 3)],
    ["min pair score", num(h.min, 3), num(r.min, 3)],
    ...(Object.keys(h.principles) as (keyof MatchingQuality["principles"])[]).map((k): [string, string, string] => [`principle: ${k.replace(/_/g, " ")}`, pct(h.principles[k]), pct(r.principles[k])]),
    ...(Object.keys(h.preferences) as (keyof MatchingQuality["preferences"])[]).map((k): [string, string, string] => [`preference met: ${k.replace(/_pref/, "")}`, pct(h.preferences[k]), pct(r.preferences[k])]),
    ["hard-rule violations", String(h.violations.total), String(r.violations.total)],
    ["predicted completion (PREDICTION)", pct(h.predicted_completion), pct(r.predicted_completion)],
  ];
  return rows.map(([a, b, c]) => `  ${a.padEnd(36)} ${b.padStart(10)} ${c.padStart(10)}`);
}

function groups(title: string, h: GroupQuality[], r: GroupQuality[], limit: number): string[] {
  const byGroup = new Map(r.map((g) => [g.group, g]));
  const out = [`  by ${title} (historical -> replayed: unmatched, mean score, sector pref met, career pref met, predicted completion)`];
  for (const g of h.slice(0, limit)) {
    const q = byGroup.get(g.group);
    if (!q) continue;
    out.push(
      `    ${g.group.padEnd(22)} n=${String(g.people).padStart(4)}  unmatched ${g.unmatched}->${q.unmatched}  score ${num(g.mean_score)}->${num(q.mean_score)}  sector ${pct(g.preferences.sector_pref.share)}->${pct(q.preferences.sector_pref.share)}  career ${pct(g.preferences.career_pref.share)}->${pct(q.preferences.career_pref.share)}  pred ${pct(g.predicted_completion)}->${pct(q.predicted_completion)}`,
    );
  }
  if (h.length > limit) out.push(`    ... ${h.length - limit} more (--json has all)`);
  return out;
}

/** The readable replay report. */
export function formatReplay(rep: ReplayReport): string {
  const lines = [
    ...(rep.synthetic ? ["SYNTHETIC DATA (demo)"] : []),
    `Replay of round ${rep.round} (${rep.name}): pool of ${rep.pool.people} people (${rep.pool.include}), ${rep.pool.earlier_partner_pairs} earlier-partner pairs excluded`,
    `  ${"".padEnd(36)} ${"historical".padStart(10)} ${"replayed".padStart(10)}`,
    ...sideBySide(rep.historical, rep.replayed),
    `  observed completion of the historical pairs: ${pct(rep.historical.observed.completion_rate)} (${rep.historical.observed.completed} of ${rep.historical.observed.ended})`,
    `  replayed pairs equal to historical ones: ${rep.overlap.same_pairs} (${pct(rep.overlap.share_of_replayed)} of replayed); pairs changed: ${rep.pairs_changed}`,
    ...groups("world region", rep.historical.breakdowns.region, rep.replayed.breakdowns.region, 10),
    ...groups("sector", rep.historical.breakdowns.sector, rep.replayed.breakdowns.sector, 10),
    ...groups("career stage", rep.historical.breakdowns.stage, rep.replayed.breakdowns.stage, 10),
    ...groups("country (largest 10)", rep.historical.breakdowns.country, rep.replayed.breakdowns.country, 10),
    ...(rep.extra_placements.pairs > 0
      ? [`  of the replayed total, ${num(rep.extra_placements.score, 3)} points come from ${rep.extra_placements.pairs} pair(s) placing ${rep.extra_placements.people} people the historical matching did not place; without them the gain is ${num(rep.extra_placements.score_gain_without, 3)} points`]
      : []),
    ...(rep.predicted_gain
      ? [`  predicted completed partnerships (PREDICTION): historical ${num(rep.predicted_gain.historical, 1)}, replayed ${num(rep.predicted_gain.replayed, 1)}, gain ${num(rep.predicted_gain.gain, 1)} (95% interval ${num(rep.predicted_gain.ci[0], 1)} to ${num(rep.predicted_gain.ci[1], 1)})`]
      : []),
    `  solver: ${rep.max_cardinality ? "maximum cardinality first, then maximum weight" : "maximum weight only (--no-max-cardinality)"}`,
    ...(rep.prediction ? [`Note: ${rep.prediction.label} (fitted on ${rep.prediction.fitted_on_rounds.join(", ")}, n=${rep.prediction.n}).`] : []),
    ...rep.notes.map((n) => `Note: ${n}`),
  ];
  return lines.join("\n") + "\n";
}

/**
 * Refuses weights fitted on the replayed round: their `fitted.rounds` list includes it.
 * @throws UsageError naming the round and the ways out.
 */
export function checkNotFittedOn(weights: Weights, round: string, file: string): void {
  const rounds = weights.fitted?.rounds;
  if (Array.isArray(rounds) && rounds.includes(round)) {
    throw new UsageError(
      `${file} was fitted on rounds that include ${round} (${rounds.join(", ")}): its replay would be flattered by ${round}'s own outcomes. ` +
        `Use --fitted (weights refitted without ${round}) or fit on the other rounds: iln weights fit --rounds ${rounds.filter((r) => r !== round).join(",") || "<others>"} --out FILE`,
    );
  }
}

/** Registers the replay command. */
export function replayCommand(program: Command): void {
  program
    .command("replay")
    .description("replay a past round's matching under weights, beside the historical matching")
    .requiredOption("--round <id>", "round to replay")
    .option("--weights <file>", "weights file (default: the built-in defaults); refused when fitted on the replayed round")
    .option("--fitted", "replay under weights fitted on the other rounds (the replayed round left out)")
    .option("--pool <which>", "matched (people of the historical first matching: like for like) or registered (every registration; extra placements reported apart)", "matched")
    .option("--no-max-cardinality", "maximum weight alone (by default the matcher first places as many people as possible)")
    .option("--no-predictions", "skip the fitted completion model")
    .option("--json", "print one JSON document on stdout")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { round: string; weights?: string; fitted?: boolean; pool: string; maxCardinality: boolean; predictions: boolean; json?: boolean; db?: string }) => {
      if (opts.pool !== "registered" && opts.pool !== "matched") throw new UsageError(`--pool must be registered or matched, got ${JSON.stringify(opts.pool)}`);
      if (opts.fitted && opts.weights) throw new UsageError("give --weights or --fitted, not both");
      const weights = await readWeightsFile(opts.weights);
      if (opts.weights) checkNotFittedOn(weights, opts.round, opts.weights);
      const { replayRounds } = await import("../matching/replay-rounds");
      const { checkRound } = await import("../db/rounds");
      const [entry] = await withDb(opts, true, async (db) => {
        // An unknown --round is a usage error (UnknownRoundError, exit 2) before any progress is printed.
        await checkRound(db, opts.round);
        process.stderr.write(`replaying round ${opts.round}...\n`);
        return replayRounds(db, [opts.round], {
          weights, include: opts.pool as "registered" | "matched", predictions: opts.predictions, fitted: opts.fitted === true, maxCardinality: opts.maxCardinality,
        });
      });
      if (opts.fitted && !entry.fitted) throw new UsageError(`weights cannot be fitted on the rounds other than ${opts.round}: too few outcomes`);
      const rep = opts.fitted ? (entry.fitted as ReplayReport) : entry.given;
      if (rep.historical.pairs === 0) rep.notes.push(`round ${opts.round} is not matched yet: there is no historical matching to compare with; \`iln match --round ${opts.round}\` proposes its partnerships`);
      process.stdout.write(opts.json ? `${JSON.stringify(rep, null, 2)}\n` : formatReplay(rep));
    });
}
