/**
 * What `iln countries` prints for one value (src/cli/countries-command.ts): the ISO 3166-1
 * alpha-2 code it maps to, or that it does not map, with ranked suggestions.
 */
import { formatSuggestions, normaliseCountry, type CountrySuggestion } from "../../loaders/normalise/country";
import { terminalSafe } from "../domain/errors";

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

/**
 * The text form of a line: `input -> US`, or `input -> ? (suggestions: ...)` / `(no suggestion)`.
 * The input is echoed with control characters escaped (`terminalSafe`): it is whatever stdin held.
 */
export function formatCountryLine(l: CountryLine): string {
  if (l.code) return `${terminalSafe(l.input)} -> ${l.code}`;
  return `${terminalSafe(l.input)} -> ? (${l.suggestions.length ? `suggestions: ${formatSuggestions(l.suggestions)}` : "no suggestion"})`;
}
