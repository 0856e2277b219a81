/**
 * `iln demo [--out DIR] [--seed N]`: writes the synthetic demo exports.
 */
import { InvalidArgumentError, type Command } from "commander";

function seedArg(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError("expected a whole number");
  return Number(v);
}

/** Registers the demo command. */
export function demoCommand(program: Command): void {
  program
    .command("demo")
    .description("write the synthetic demo history (2013 pilot to 2016B) as round folders of exports")
    .option("--out <dir>", "output folder", "data/demo")
    .option("--seed <n>", "random seed (same seed, same files)", seedArg, 2013)
    .action(async (opts: { out: string; seed: number }) => {
      const { writeDemo } = await import("../demo/index");
      const summary = await writeDemo(opts.out, { seed: opts.seed });
      const n = (x: number) => x.toLocaleString("en");
      process.stderr.write(
        `synthetic demo written to ${opts.out} (seed ${opts.seed}): ${summary.rounds.length} rounds (${summary.rounds.map((r) => r.id).join(", ")}), ` +
          `${n(summary.participants)} participants from ${summary.countries} countries, ${n(summary.registrationRows)} registration rows, ${n(summary.surveyRows)} survey responses\n`,
      );
    });
}
