/**
 * `iln countries [--json]`: reads country values, one a line, on stdin and prints for each the ISO
 * 3166-1 alpha-2 code it maps to, or that it does not map, with ranked suggestions. No database.
 * Text: `Spain / España -> ES`, `Boston, MA -> ? (suggestions: United States [US], Morocco [MA])`.
 * `--json`: one object a line, `{"input", "code", "suggestions": [{"code", "name"}]}` (`code` null
 * when the value does not map; `suggestions` [] when it does), and nothing else on stdout.
 */
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { formatSuggestions, normaliseCountry, type CountrySuggestion } from "../../loaders/normalise/country";

/** One line of `iln countries --json`. */
export interface CountryLine {
  input: string;
  code: string | null;
  suggestions: CountrySuggestion[];
}

/** What `iln countries` says of one value. */
export function countryLine(input: string): CountryLine {
  const r = normaliseCountry(input);
  return r.ok ? { input, code: r.code, suggestions: [] } : { input, code: null, suggestions: [...r.suggestions] };
}

/** The text form of a line: `input -> US`, or `input -> ? (suggestions: ...)` / `(no suggestion)`. */
export function formatCountryLine(l: CountryLine): string {
  if (l.code) return `${l.input} -> ${l.code}`;
  return `${l.input} -> ? (${l.suggestions.length ? `suggestions: ${formatSuggestions(l.suggestions)}` : "no suggestion"})`;
}

/** Registers the countries command. */
export function countriesCommand(program: Command): void {
  program
    .command("countries")
    .description("map country values read one a line on stdin to ISO codes, with suggestions for those that do not map")
    .option("--json", "one JSON object a line: {input, code, suggestions: [{code, name}]}")
    .action(async (opts: { json?: boolean }) => {
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const input of lines) {
        const l = countryLine(input);
        process.stdout.write(`${opts.json ? JSON.stringify(l) : formatCountryLine(l)}\n`);
      }
    });
}
