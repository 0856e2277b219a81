/**
 * Registrations: one row per applicant and round (docs/formats.md).
 */
import { z } from "zod";
import type { FieldSpec, KindSpec, RowContext } from "./kind";
import { countryCell, countryListCell, emailCell, expected, listCell, optionalCell, requiredCell, text, timestampCell, vocab } from "./cells";
import { parseYears, parseYesNo } from "../normalise/values";
import { CAREER_PREFERENCES, EXPERIENCE_RANGES, SECTOR_PREFERENCES, SECTORS, type CareerPreference, type Sector, type SectorPreference } from "../../src/domain/vocabulary";

/** Folded labels of the sectors (src/domain/vocabulary.ts) -> canonical value. */
const SECTOR_ALIASES: Record<string, Sector> = {
  academic: "academic", "academic library": "academic", university: "academic", "higher education": "academic",
  college: "academic", "tertiary": "academic", "university library": "academic", "college library": "academic",
  "university/college": "academic", "academic/university": "academic", "university/college library": "academic",
  public: "public", "public library": "public",
  special: "special", "special library": "special", corporate: "special", law: "special", health: "special",
  medical: "special", "health/medical": "special", school: "school", "school library": "school",
  government: "government", "government library": "government", national: "national",
  "national library": "national", "state library": "national", "national/state": "national",
  "national/state library": "national", other: "other",
};

const PREF_SECTOR_ALIASES: Record<string, SectorPreference> = {
  same: "same", "same sector": "same", "a partner from the same sector": "same", any: "any",
  "any sector": "any", "no preference": "any", "don't mind": "any", "i don't mind": "any", "different sector": "any",
  "same type of library": "same", "yes, same type of library": "same", "yes, same sector": "same",
  "any type of library": "any", "no, any type of library": "any", "no, any sector": "any",
};
const PREF_CAREER_ALIASES: Record<string, CareerPreference> = {
  different: "different", "different career stage": "different", similar: "similar",
  "similar career stage": "similar", same: "similar", "same career stage": "similar", any: "any",
  "no preference": "any", "don't mind": "any", "i don't mind": "any",
};

export const registrationFields: readonly FieldSpec[] = [
  { name: "timestamp", aliases: ["Timestamp", "Submitted", "Submission date", "Date submitted", "Completion time", "submitdate", "End Date"], required: true, date: true },
  { name: "email", aliases: ["Email Address", "Email", "E-mail", "E-mail address", "Your email", "Your email address"], required: true },
  { name: "name", aliases: ["Full name", "Name", "Your name"], required: true },
  { name: "country", aliases: ["Country where you work", "Country", "Country you work in", "Which country do you work in?", "In which country do you work?", "Country of work"], required: true },
  { name: "sector", aliases: ["Library sector", "Sector", "Which sector do you work in?", "Type of library"], required: true },
  { name: "role", aliases: ["Your role", "Role", "Job title", "Position"], required: false },
  { name: "years_experience", aliases: ["Years of experience in libraries", "Years of experience", "Experience", "How many years have you worked in libraries?"], required: true },
  { name: "interests", aliases: ["Professional interests", "Interests", "Areas of interest"], required: false, multi: true },
  { name: "pref_sector", aliases: ["Partner sector preference", "Sector preference", "Would you like a partner from the same sector?"], required: true },
  { name: "pref_career", aliases: ["Partner career stage preference", "Career stage preference", "Career preference"], required: true },
  { name: "pref_countries", aliases: ["Countries you would like a partner from (optional)", "Preferred countries", "Preferred partner countries", "Country preference"], required: false, multi: true },
  { name: "languages", aliases: ["Languages you can work in", "Languages", "Languages spoken"], required: false, multi: true },
  { name: "participated_before", aliases: ["Have you taken part in ILN before?", "Have you participated in ILN before?", "Participated before", "Returning participant"], required: false },
];

/** The row schema of a registrations file. */
export function registrationSchema(ctx: RowContext) {
  return z.object({
    timestamp: timestampCell(ctx.dateOrder.timestamp ?? "mdy"),
    email: emailCell(),
    name: optionalCell(text, "name"),
    country: countryCell(ctx.countries),
    sector: requiredCell(vocab(SECTOR_ALIASES), "library sector", expected(SECTORS)),
    role: optionalCell(text, "role"),
    years_experience: requiredCell(parseYears, "years of experience", `; expected a number or a range such as ${EXPERIENCE_RANGES.map((r) => r.label).join(", ")}`),
    interests: listCell(),
    pref_sector: requiredCell(vocab(PREF_SECTOR_ALIASES), "sector preference", expected(SECTOR_PREFERENCES)),
    pref_career: requiredCell(vocab(PREF_CAREER_ALIASES), "career stage preference", expected(CAREER_PREFERENCES)),
    pref_countries: countryListCell(ctx.countries),
    languages: listCell((s) => s.toLowerCase()),
    participated_before: optionalCell(parseYesNo, "yes/no answer"),
  });
}

export type RegistrationRow = z.infer<ReturnType<typeof registrationSchema>>;

export const registrations: KindSpec = {
  kind: "registrations",
  fields: registrationFields,
  schema: registrationSchema,
  onePerPerson: { email: "email", time: "timestamp" },
};
