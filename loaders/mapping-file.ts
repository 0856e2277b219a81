/**
 * The mapping file (`--mapping FILE`, or `mapping.json` in a round folder): headers to canonical
 * fields, and country values to ISO codes. Its zod schema is the single source of its type.
 *
 * ```json
 * {
 *   "Where do you work?": "country",
 *   "IP Address": null,
 *   "countries": { "Boston, MA": "US", "Amsterdam": "NL" },
 *   "survey": { "Email": "email", "countries": { "Perth": "AU" } },
 *   "respondents": { "R_1a2b": "ana@example.org" },
 *   "date_order": "day-first",
 *   "_note": "keys starting with _ are comments and are ignored"
 * }
 * ```
 * Header mappings sit at the top level (for every kind) or under a kind; a header mapped to null
 * is ignored. `countries` maps a value as written in a country column (case, accents and spacing
 * aside) to the ISO 3166-1 alpha-2 code it means; it applies before normalisation and always
 * wins; under a kind it overrides the top level for that kind. `iln ingest --suggest-mapping FILE`
 * writes the unknown values this way. `respondents` maps a survey's respondent ids to the emails
 * they stand for (top level or under `survey`; the kind's entries override). `date_order`
 * (`"day-first"` or `"month-first"`, top level or under a kind, which overrides) says how slashed
 * dates (`12/08/2017`) are written, for files whose values cannot tell.
 */
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { InputError, type Problem } from "../src/domain/errors";
import { readEmail } from "./normalise/email";
import { KINDS, type Kind } from "./kinds/kind";
import type { SlashOrder } from "./normalise/dates";
import { isCountryCode, normaliseCountry } from "./normalise/country";
import { readJson } from "./read-json";

/**
 * Key of a country value in a mapping: Unicode NFC, trimmed, inner spaces collapsed, lower case,
 * so "Boston, MA " and "boston,  ma" share one entry.
 */
export function countryValueKey(raw: string): string {
  return raw.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Country values -> codes, keyed by `countryValueKey`. */
export type CountryValues = Readonly<Record<string, string>>;

const CountryCode = z
  .string({ error: "write the ISO 3166-1 alpha-2 code this value means (a suggested mapping leaves null where it had no suggestion)" })
  .refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 code this tool knows; write the code in capitals, e.g. "US", "GB", "NL"' });
/**
 * A check of a section whose keys are read normalised (`keyOf`): two keys that read as one with
 * different values would be last-wins, silently, like a JSON key given twice; refused at the second.
 */
function oneValueEach(keyOf: (k: string) => string, aside: string) {
  return (rec: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const seen = new Map<string, string>();
    for (const [k, v] of Object.entries(rec)) {
      if (k.startsWith("_")) continue;
      const first = seen.get(keyOf(k));
      if (first === undefined) seen.set(keyOf(k), k);
      else if (rec[first] !== v) {
        ctx.addIssue({ code: "custom", path: [k], message: `the same key as ${JSON.stringify(first)} (${aside}) with another value (${JSON.stringify(rec[first])}, here ${JSON.stringify(v)}): keep one` });
      }
    }
  };
}
const CountrySection = z
  .record(z.string(), CountryCode, { error: 'expected an object of country value -> ISO code, e.g. {"Boston, MA": "US"}' })
  .superRefine(oneValueEach(countryValueKey, "case and spacing aside"));
const Header = z.string({ error: "expected a canonical field name or null (ignore the column), or (under a kind) an object of header -> field" }).nullable();

/** An email a respondent id stands for, normalised as every email is (`email` of kinds/cells.ts). */
const RespondentEmail = z.string({ error: "expected the email this respondent id stands for" }).transform((raw, ctx) => {
  const r = readEmail(raw);
  if ("email" in r) return r.email;
  ctx.addIssue({ code: "custom", message: "blank" in r ? "expected the email this respondent id stands for, not a blank" : r.message });
  return z.NEVER;
});
const RespondentSection = z
  .record(z.string(), RespondentEmail, { error: 'expected an object of respondent id -> email, e.g. {"R_1a2b": "ana@example.org"}' })
  .superRefine(oneValueEach((id) => id.trim(), "spaces around it aside"));

/** How slashed dates are written: `12/08/2017` is 12 August day-first, 8 December month-first. */
const DateOrder = z.enum(["day-first", "month-first"], { error: 'expected "day-first" (12/08/2017 is 12 August) or "month-first" (12/08/2017 is 8 December)' });
export type DateOrder = z.infer<typeof DateOrder>;

/** Drops the keys starting with "_" (comments) of an object, leaving anything else as it is. */
function withoutComments(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith("_")));
}

/** One kind's section: header -> field, and optionally `countries`, `respondents` and `date_order` (reserved keys). */
const KindSection = z.preprocess(withoutComments, z.object({ countries: CountrySection.optional(), respondents: RespondentSection.optional(), date_order: DateOrder.optional() }).catchall(Header));

/** A whole mapping file. A key naming a kind with a string value is a header. */
export const MappingFileSchema = z.preprocess(
  withoutComments,
  z
    .object({
      countries: CountrySection.optional(),
      respondents: RespondentSection.optional(),
      date_order: DateOrder.optional(),
      ...(Object.fromEntries(KINDS.map((k) => [k, z.union([Header, KindSection]).optional()])) as Record<Kind, z.ZodOptional<z.ZodUnion<[typeof Header, typeof KindSection]>>>),
    })
    .catchall(Header),
);
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** What a mapping file says for one kind: its header mapping, its country values, its respondent ids and its date order. */
export interface KindMapping {
  /** Header -> canonical field, or null to ignore the column. */
  headers: Readonly<Record<string, string | null>>;
  countries: CountryValues;
  /** Respondent id (trimmed) -> normalised email. */
  respondents: Readonly<Record<string, string>>;
  /** How slashed dates are written (`date_order`), when the mapping says. */
  dateOrder?: SlashOrder;
}

/**
 * Reads and validates a mapping file.
 * @throws InputError located at the offending key (column `countries.Boston, MA`) when it is not
 *   JSON, not an object, a header maps to a non-string, or a country value to an unknown code.
 */
export function readMapping(file: string): MappingFile {
  const data = readJson(file);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InputError([{ file, row: 0, column: "*", message: "a mapping file must be a JSON object" }]);
  }
  const res = MappingFileSchema.safeParse(data);
  if (!res.success) {
    const problems: Problem[] = flatIssues(res.error.issues).map((i) => ({ file, row: 0, column: i.path.join(".") || "*", message: i.message }));
    throw new InputError(problems);
  }
  return res.data;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: Issue[][];
}

/** Issues with those of a failed union replaced by its deepest branch's (the object branch for an object value). */
function flatIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): Array<{ path: string[]; message: string }> {
  const depth = (b: Issue[]) => Math.max(0, ...b.map((i) => i.path.length));
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path];
    if (i.code === "invalid_union" && i.errors?.length) return flatIssues(i.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a)), path);
    return [{ path: path.map(String), message: i.message }];
  });
}

/** Country values of a section, keyed by `countryValueKey`. */
function countriesOf(v: unknown): Record<string, string> {
  if (typeof v !== "object" || v === null) return {};
  return Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, code]) => [countryValueKey(k), code]));
}

/** Header mappings of a section (string and null values; `countries`, `respondents` and `date_order` are not headers). */
function headersOf(v: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string | null] => e[0] !== "date_order" && (typeof e[1] === "string" || e[1] === null)),
  );
}

/** Respondent ids of a section, trimmed. */
function respondentsOf(v: unknown): Record<string, string> {
  if (typeof v !== "object" || v === null) return {};
  return Object.fromEntries(Object.entries(v as Record<string, string>).map(([id, e]) => [id.trim(), e]));
}

/**
 * The mapping for one kind: the kind's own section when it has one, else the top-level headers;
 * country values of the top level, overridden by the kind's; the kind's date order, else the top level's.
 */
export function kindMapping(m: MappingFile | undefined, kind: Kind): KindMapping {
  if (!m) return { headers: {}, countries: {}, respondents: {} };
  const top = m as Record<string, unknown>;
  const section = top[kind];
  const own = typeof section === "object" && section !== null ? (section as Record<string, unknown>) : undefined;
  const stated = (own?.date_order ?? top.date_order) as DateOrder | undefined;
  const out: KindMapping = {
    headers: headersOf(own ?? top),
    countries: { ...countriesOf(top.countries), ...countriesOf(own?.countries) },
    respondents: { ...respondentsOf(top.respondents), ...respondentsOf(own?.respondents) },
  };
  if (stated) out.dateOrder = stated === "day-first" ? "dmy" : "mdy";
  return out;
}

/**
 * Writes a mapping file proposing a code for each unknown country value: its first suggestion, or
 * null where there is none (the file is then refused until a coordinator writes a code). The
 * other suggestions go under `_alternatives` and a `_note` says what to do; both are comments.
 * Header mappings and country values of `base` (the mapping file in use) are kept, so the file
 * can be passed back alone with `--mapping`.
 * @returns how many values were written.
 * @throws Error when the file cannot be written.
 */
export function writeSuggestedMapping(file: string, unknownValues: readonly string[], base?: Readonly<Record<string, unknown>>): number {
  const seen = new Set<string>();
  const countries: Record<string, string | null> = {};
  const alternatives: Record<string, string[]> = {};
  for (const raw of unknownValues) {
    const key = countryValueKey(raw);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    const value = raw.normalize("NFC").trim().replace(/\s+/g, " ");
    const r = normaliseCountry(raw);
    const codes = r.ok ? [r.code] : r.suggestions.map((s) => s.code);
    countries[value] = codes[0] ?? null;
    if (codes.length > 1) alternatives[value] = codes.slice(1);
  }
  const prior = base ?? {};
  // The top level's values, where this file puts its own.
  const priorCountries = typeof prior.countries === "object" && prior.countries !== null ? (prior.countries as Record<string, string>) : {};
  const out: Record<string, unknown> = {
    _note:
      "Proposed by iln ingest --suggest-mapping: each unknown country value with its first suggested ISO 3166-1 alpha-2 code. Check every one, write a code where it says null, then run the ingest again with --mapping this file. Keys starting with _ are ignored.",
    ...Object.fromEntries(Object.entries(prior).filter(([k]) => k !== "countries" && !k.startsWith("_"))),
    countries: { ...priorCountries, ...countries },
    _alternatives: alternatives,
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return seen.size;
}
