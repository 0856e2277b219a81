/**
 * `iln countries [--json]`: reads country values, one a line, on stdin and prints for each the ISO
 * 3166-1 alpha-2 code it maps to, or that it does not map, with ranked suggestions. No database.
 * Text: `Spain / España -> ES`, `Boston, MA -> ? (suggestions: United States [US], Morocco [MA])`.
 * `--json`: one object a line, `{"input", "code", "suggestions": [{"code", "name"}]}` (`code` null
 * when the value does not map; `suggestions` [] when it does), and nothing else on stdout.
 * The lines themselves are src/cli/country-lines.ts, loaded when the command runs.
 */
import { createInterface } from "node:readline";
import type { Command } from "commander";

/** Registers the countries command. */
export function countriesCommand(program: Command): void {
  program
    .command("countries")
    .description("map country values read one a line on stdin to ISO codes, with suggestions for those that do not map")
    .option("--json", "one JSON object a line: {input, code, suggestions: [{code, name}]}")
    .action(async (opts: { json?: boolean }) => {
      const { countryLine, formatCountryLine } = await import("./country-lines");
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const input of lines) {
        const l = countryLine(input);
        process.stdout.write(`${opts.json ? JSON.stringify(l) : formatCountryLine(l)}\n`);
      }
    });
}
