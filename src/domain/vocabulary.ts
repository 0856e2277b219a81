/**
 * The program's vocabulary: every closed list of values the toolkit stores, computes with or
 * shows, each defined once here with its labels. Canonical values are what the database holds
 * and the code compares (docs/formats.md lists them per export kind); labels are what the forms
 * and the pages show. Ingest maps free text onto these values through its alias tables
 * (loaders/kinds); the demo writes the labels; metrics, matching and pages read the values.
 *
 * Imports nothing: the ground floor of the project, safe in a browser bundle.
 */

/** Library sectors, as stored (lower case); `other` takes any sector the form did not list. */
export const SECTORS = ["academic", "public", "special", "school", "government", "national", "other"] as const;
/** One of {@link SECTORS}. */
export type Sector = (typeof SECTORS)[number];
/** Each sector as the registration form offers it. */
export const SECTOR_LABELS: Readonly<Record<Sector, string>> = Object.freeze({
  academic: "Academic",
  public: "Public",
  special: "Special",
  school: "School",
  government: "Government",
  national: "National",
  other: "Other",
});

/** A participant's wish for their partner's sector: the `same` sector, or `any`. */
export const SECTOR_PREFERENCES = ["same", "any"] as const;
/** One of {@link SECTOR_PREFERENCES}. */
export type SectorPreference = (typeof SECTOR_PREFERENCES)[number];

/** A participant's wish for their partner's career stage: `different`, `similar`, or `any` (no preference). */
export const CAREER_PREFERENCES = ["different", "similar", "any"] as const;
/** One of {@link CAREER_PREFERENCES}. */
export type CareerPreference = (typeof CAREER_PREFERENCES)[number];

/** Career stages, earliest first (see {@link careerStage}). */
export const CAREER_STAGES = ["early", "mid", "senior"] as const;
/** One of {@link CAREER_STAGES}. */
export type CareerStage = (typeof CAREER_STAGES)[number];
/** Each career stage in words, for pages and tables. */
export const CAREER_STAGE_LABELS: Readonly<Record<CareerStage, string>> = Object.freeze({
  early: "Early career",
  mid: "Mid career",
  senior: "Senior",
});

/**
 * The experience ranges the registration form offers, in order: `label` as the form shows it,
 * `max` the largest whole number of years it covers (null: open-ended), `years` the
 * representative number of years stored for it (the range's midpoint; `20+` counts as 25).
 */
export const EXPERIENCE_RANGES: readonly { readonly label: string; readonly max: number | null; readonly years: number }[] = Object.freeze([
  Object.freeze({ label: "0-2", max: 2, years: 1 }),
  Object.freeze({ label: "3-5", max: 5, years: 4 }),
  Object.freeze({ label: "6-10", max: 10, years: 8 }),
  Object.freeze({ label: "11-20", max: 20, years: 15.5 }),
  Object.freeze({ label: "20+", max: null, years: 25 }),
]);

/** Years assigned to each experience range of the form (from {@link EXPERIENCE_RANGES}). */
export const EXPERIENCE_RANGE_YEARS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(EXPERIENCE_RANGES.map((r) => [r.label, r.years])),
);

/**
 * Years of experience from the form's answer: a plain number ("7", "7.5") is taken as is; one of
 * the form's {@link EXPERIENCE_RANGES} gives its representative years (`20+` gives 25); any other
 * `A-B` range gives (A + B) / 2 and `N+` gives N + 5. Surrounding spaces and en dashes are accepted.
 * @returns years, >= 0.
 * @throws {Error} when the text is neither a non-negative number nor a range.
 * @example yearsFromExperience("11-20") // 15.5
 */
export function yearsFromExperience(raw: string): number {
  const s = raw.trim().replace(/[\u2013\u2014]/g, "-").replace(/\s+/g, "");
  if (s in EXPERIENCE_RANGE_YEARS) return EXPERIENCE_RANGE_YEARS[s];
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(s);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (a <= b) return (a + b) / 2;
  }
  const plus = /^(\d+(?:\.\d+)?)\+$/.exec(s);
  if (plus) return Number(plus[1]) + 5;
  throw new Error(`Not a number of years or a range of years: ${JSON.stringify(raw)}`);
}

/**
 * Career stage from years of experience: `early` below 6 years, `mid` from 6 to below 16,
 * `senior` from 16. With the form's ranges: 0-2 and 3-5 are early, 6-10 and 11-20 (15.5) are mid,
 * 20+ is senior.
 * @throws {Error} when years is negative or not finite.
 */
export function careerStage(years: number): CareerStage {
  if (!Number.isFinite(years) || years < 0) throw new Error(`Years of experience must be a non-negative number, got ${years}`);
  if (years < 6) return "early";
  if (years < 16) return "mid";
  return "senior";
}

/** Partnership statuses, as stored. `completed` counts as completion; `dissolved` and `withdrawn` as dissolution. */
export const PARTNERSHIP_STATUSES = ["active", "completed", "dissolved", "withdrawn"] as const;
/** One of {@link PARTNERSHIP_STATUSES}. */
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** Whether a partnership continued after the round, as coordinators record it. */
export const CONTINUED_VALUES = ["yes", "no", "unknown"] as const;
/** One of {@link CONTINUED_VALUES}. */
export type Continued = (typeof CONTINUED_VALUES)[number];

/** Types of the coordinators' event log. */
export const EVENT_TYPES = ["contact_logged", "no_response_reported", "intervention", "dissolved", "withdrew", "rematched"] as const;
/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The survey's contact frequencies, most frequent first (stored and shown as written here). */
export const CONTACT_FREQUENCIES = ["Weekly", "Fortnightly", "Monthly", "Less than monthly", "Never"] as const;
/** One of {@link CONTACT_FREQUENCIES}. */
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];

/** The survey's communication methods (a multi-select), stored and shown as written here. */
export const COMMUNICATION_METHODS = ["Email", "Video call", "Social media", "Phone", "Messaging", "Other"] as const;
/** One of {@link COMMUNICATION_METHODS}. */
export type CommunicationMethod = (typeof COMMUNICATION_METHODS)[number];

/** Answers to "Would you participate in the ILN again?". */
export const PARTICIPATE_AGAIN_ANSWERS = ["Yes", "No", "Maybe"] as const;
/** Answers to "Will you continue the partnership after the round?". */
export const CONTINUE_PARTNERSHIP_ANSWERS = ["Yes", "No", "Undecided"] as const;

/** Labels of the satisfaction answers 1..5 (index 0 is answer 1). */
export const SATISFACTION_LABELS: readonly string[] = Object.freeze(["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]);

/** Labels of the agreement answers 1..5 (index 0 is answer 1). */
export const AGREEMENT_LABELS: readonly string[] = Object.freeze(["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]);
