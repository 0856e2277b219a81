/**
 * What every export kind declares: its canonical fields with header aliases, and the zod schema
 * of one row (built per file, because slashed dates are read in the order detected for that file).
 */
import type { z } from "zod";
import type { SlashOrder } from "../normalise/dates";
import type { LikertScale } from "../normalise/values";

/** The export kinds of a round (docs/formats.md). */
export const KINDS = ["registrations", "partnerships", "events", "survey"] as const;
export type Kind = (typeof KINDS)[number];

/** A canonical field: its name, the headers it is known by, whether its column must exist. */
export interface FieldSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  /**
   * Headers that feed the field only when no column matches it by its name, an alias or the
   * mapping; otherwise such a column is set aside with a note. For a tool that exports two columns
   * for one field (Qualtrics' `EndDate` and `RecordedDate`), so the choice needs no mapping.
   */
  readonly fallbackAliases?: readonly string[];
  readonly required: boolean;
  /** Several columns may feed it (a multi-select spread over one column per option). */
  readonly multi?: boolean;
  /** Holds dates whose slashed order is detected per file. */
  readonly date?: boolean;
  /** Holds answers on a 5-point scale: a column whose labels show a 7-point scale is refused. */
  readonly likert?: LikertScale;
}

/** Context a row schema is built with. */
export interface RowContext {
  /** Month/day order of slashed dates, per date field. */
  readonly dateOrder: Readonly<Record<string, SlashOrder>>;
  /** Country values of the mapping file -> ISO codes, keyed by `countryValueKey`; they win over normalisation. */
  readonly countries?: Readonly<Record<string, string>>;
  /**
   * For a kind with `respondentKey`: true when the file has a respondent key (an email column, or
   * a respondent id column with a respondents mapping), so every row must give one.
   */
  readonly keyed?: boolean;
}

/** An export kind: fields, row schema, and how duplicates resolve. */
export interface KindSpec<S extends z.ZodType = z.ZodType> {
  readonly kind: Kind;
  readonly fields: readonly FieldSpec[];
  readonly schema: (ctx: RowContext) => S;
  /**
   * For kinds with one row per person: the email field and the timestamp field deciding which row
   * is latest. Where the time field is not required and a file lacks its column, the times are
   * unknown: file order decides (the last row counts) and the file is warned about once.
   */
  readonly onePerPerson?: { readonly email: string; readonly time: string };
  /**
   * For a kind whose person key may be missing (the survey): the email field, and the field of a
   * respondent id that a respondents mapping turns into an email. Without either the file is
   * anonymous: its rows carry no email and are not deduplicated.
   */
  readonly respondentKey?: { readonly email: string; readonly id: string };
  /**
   * For a kind whose every column is optional (the survey): its question fields, of which a file
   * must have at least one column (by name, alias or mapping). A file with none is refused: it is
   * some other survey, not this kind's export.
   */
  readonly questions?: readonly string[];
}
