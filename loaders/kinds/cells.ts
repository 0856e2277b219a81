/**
 * zod builders for one cell of an export: each takes the raw cell text (or `undefined` when the
 * column is absent from the file) and yields the normalised value, or adds an issue whose message
 * names the offending value. The kinds' row schemas are assembled from these, so each row type is
 * `z.infer` of its schema.
 */
import { z } from "zod";
import { showValue } from "../../src/domain/errors";
import { countryValueKey } from "../mapping-file";
import { formatSuggestions, normaliseCountry } from "../normalise/country";
import { readEmail } from "../normalise/email";
import { parseDate, parseTimestamp, type SlashOrder } from "../normalise/dates";
import { parseVocab, splitMulti } from "../normalise/values";

/** A normaliser: the value, null for a blank cell, undefined when the text is not recognised. */
export type Parse<T> = (raw: string) => T | null | undefined;

/** The value a required cell parsed to, or an issue on `ctx` (blank, or not valid naming the text). */
function present<T>(v: T | null | undefined, raw: string, what: string, hint: string, ctx: z.core.$RefinementCtx): T {
  if (v === null) ctx.addIssue({ code: "custom", message: `${what} is required but the cell is blank` });
  else if (v === undefined) ctx.addIssue({ code: "custom", message: `not a valid ${what}: ${showValue(raw)}${hint}` });
  else return v;
  return z.NEVER;
}

/** A cell whose column must exist and whose value must be present and valid. */
export function requiredCell<T>(parse: Parse<T>, what: string, hint = "") {
  return z.string().transform((raw, ctx): T => present(parse(raw), raw, what, hint, ctx));
}

/**
 * A cell that may be blank (or whose column may be absent): null then. `hint` follows the message
 * of an unrecognised value; a function gives it for the value.
 */
export function optionalCell<T>(parse: Parse<T>, what: string, hint: string | ((raw: string) => string) = "") {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | null => {
      if (raw === undefined) return null;
      const v = parse(raw);
      if (v === undefined) {
        ctx.addIssue({ code: "custom", message: `not a valid ${what}: ${showValue(raw)}${typeof hint === "string" ? hint : hint(raw)}` });
        return z.NEVER;
      }
      return v;
    });
}

/** Lists the accepted values of a vocabulary for an error hint. */
export function expected(values: readonly string[]): string {
  return `; expected one of ${values.join(", ")}`;
}

/** A closed vocabulary, by folded-label aliases. */
export function vocab<T extends string>(aliases: Readonly<Record<string, T>>): Parse<T> {
  return (raw) => parseVocab(raw, aliases);
}

/** Free text, trimmed; blank is null. */
export const text: Parse<string> = (raw) => raw.trim() || null;

/**
 * A required email cell (`readEmail` of normalise/email.ts): blank, not an address, or holding an
 * invisible or format character is an issue naming the value.
 */
export function emailCell() {
  return z.string().transform((raw, ctx): string => {
    const r = readEmail(raw);
    if ("email" in r) return r.email;
    ctx.addIssue({ code: "custom", message: "blank" in r ? "email address is required but the cell is blank" : r.message });
    return z.NEVER;
  });
}

/** Country values mapped by a mapping file (keyed by `countryValueKey`). */
export type CountryValueMap = Readonly<Record<string, string>>;

/** A country value's code: the mapping file's, else the normaliser's; or the message for an unknown one. */
function countryOf(raw: string, mapped: CountryValueMap): { code: string } | { message: string } {
  const key = countryValueKey(raw);
  if (Object.hasOwn(mapped, key)) return { code: mapped[key] };
  const r = normaliseCountry(raw);
  if (r.ok) return { code: r.code };
  const near = r.suggestions.length ? `; suggestions: ${formatSuggestions(r.suggestions)}` : "";
  return { message: `unknown country ${showValue(raw)}${near} (map it with --mapping; --suggest-mapping FILE writes a mapping to review)` };
}

/**
 * Issue params of an unknown country: `{country: raw}`, which canonicalise collects for
 * `--suggest-mapping`.
 */
export interface UnknownCountryParams {
  country: string;
}

/**
 * A free-text country to ISO 3166-1 alpha-2, the mapping file's values first; the error names the
 * suggested countries with their codes.
 */
export function countryCell(mapped: CountryValueMap = {}) {
  return z.string().transform((raw, ctx): string => {
    if (raw.trim() === "") {
      ctx.addIssue({ code: "custom", message: "country is required but the cell is blank" });
      return z.NEVER;
    }
    const r = countryOf(raw, mapped);
    if ("code" in r) return r.code;
    ctx.addIssue({ code: "custom", message: r.message, params: { country: raw } satisfies UnknownCountryParams });
    return z.NEVER;
  });
}

/** A multi-select list of countries (alpha-2), the mapping file's values first; an unknown one is an error naming it. */
export function countryListCell(mapped: CountryValueMap = {}) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string[] => {
      if (raw === undefined || raw.trim() === "") return [];
      const whole = countryOf(raw, mapped);
      if ("code" in whole) return [whole.code];
      const codes: string[] = [];
      for (const item of splitMulti(raw)) {
        const r = countryOf(item, mapped);
        if ("code" in r) {
          if (!codes.includes(r.code)) codes.push(r.code);
        } else {
          ctx.addIssue({ code: "custom", message: r.message, params: { country: item } satisfies UnknownCountryParams });
        }
      }
      return codes;
    });
}

/** A multi-select cell split into items (see splitMulti); absent or blank is []. */
export function listCell(map: (item: string) => string = (s) => s) {
  return z
    .string()
    .optional()
    .transform((raw): string[] => (raw === undefined ? [] : [...new Set(splitMulti(raw).map(map))]));
}

/** A multi-select over a closed vocabulary (`parseVocab`); an unknown item is an error naming it. */
export function vocabListCell<T extends string>(aliases: Readonly<Record<string, T>>, values: readonly string[]) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T[] => {
      if (raw === undefined) return [];
      const out: T[] = [];
      for (const item of splitMulti(raw)) {
        const v = parseVocab(item, aliases);
        if (v == null) ctx.addIssue({ code: "custom", message: `unknown option ${showValue(item)}${expected(values)}` });
        else if (!out.includes(v)) out.push(v);
      }
      return out;
    });
}

const timestampParser = (order: SlashOrder): Parse<string> => (raw) => (raw.trim() === "" ? null : parseTimestamp(raw, order) ?? undefined);

/** A timestamp cell (`YYYY-MM-DD HH:MM:SS`), slashed dates read in the file's detected order. */
export function timestampCell(order: SlashOrder) {
  return requiredCell(timestampParser(order), "date and time");
}

/**
 * A timestamp whose column a file may lack: without the column (the cell is `undefined`) every
 * row's time is unknown, null; with it, each cell is required and read as {@link timestampCell}
 * (a blank or unreadable one is an issue naming it).
 */
export function timestampOrUnknownCell(order: SlashOrder) {
  const parse = timestampParser(order);
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | null => (raw === undefined ? null : present(parse(raw), raw, "date and time", "", ctx)));
}

const dateParser = (order: SlashOrder): Parse<string> => (raw) => (raw.trim() === "" ? null : parseDate(raw, order) ?? undefined);

/** A required date cell (`YYYY-MM-DD`). */
export function dateCell(order: SlashOrder) {
  return requiredCell(dateParser(order), "date");
}

/** An optional date cell (`YYYY-MM-DD`, null when blank). */
export function optionalDateCell(order: SlashOrder) {
  return optionalCell(dateParser(order), "date");
}
