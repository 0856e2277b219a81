/**
 * The answer vocabularies of the demo exports: registration choices and survey labels, exactly
 * as the forms show them. The closed lists and their labels are the program's vocabulary
 * (src/domain/vocabulary.ts); this module adds what only the demo needs (how often each answer is
 * drawn, the free-choice lists, the form's headers and question texts).
 */
import {
  AGREEMENT_LABELS as AGREEMENT,
  COMMUNICATION_METHODS,
  CONTACT_FREQUENCIES,
  SATISFACTION_LABELS as SATISFACTION,
  SECTOR_LABELS,
  type Sector,
} from "../domain/vocabulary";

/** Relative weights of the sectors the demo draws (academic largest; nobody answers "other"). */
const SECTOR_WEIGHTS: readonly (readonly [Sector, number])[] = [
  ["academic", 0.46], ["public", 0.2], ["special", 0.13], ["school", 0.1], ["government", 0.07], ["national", 0.04],
];

/** Library sectors as the form shows them, with their relative weights. */
export const SECTORS: readonly (readonly [string, number])[] = Object.freeze(SECTOR_WEIGHTS.map(([s, w]) => Object.freeze([SECTOR_LABELS[s], w] as const)));

/** Professional interests offered by the registration form (no commas inside). */
export const INTERESTS: readonly string[] = Object.freeze([
  "Information literacy", "Reference services", "Cataloguing and metadata", "Digital collections",
  "Research data management", "Open access", "Library management", "Children and youth services",
  "Outreach and marketing", "Copyright", "Preservation and archives", "Library technology",
  "Teaching and learning", "Community engagement", "Professional development",
]);

/** Extra working languages people add beyond English and their country's main language. */
export const EXTRA_LANGUAGES: readonly string[] = Object.freeze([
  "Spanish", "French", "German", "Portuguese", "Chinese", "Arabic", "Italian", "Japanese", "Russian",
]);

/** Roles by career stage. */
export const ROLES: Readonly<Record<"early" | "mid" | "senior", readonly string[]>> = Object.freeze({
  early: ["Library assistant", "Graduate librarian", "Library technician", "LIS student", "Librarian"],
  mid: ["Librarian", "Liaison librarian", "Systems librarian", "Teacher librarian", "Archivist", "Team leader"],
  senior: ["Library manager", "Head of collections", "Director", "Senior librarian", "University librarian"],
});

/** Registration form headers, in order (Google Forms layout). */
export const REGISTRATION_HEADERS: readonly string[] = Object.freeze([
  "Timestamp", "Email Address", "Full name", "Country where you work", "Library sector", "Your role",
  "Years of experience in libraries", "Professional interests", "Partner sector preference",
  "Partner career stage preference", "Countries you would like a partner from (optional)",
  "Languages you can work in", "Have you taken part in ILN before?",
]);

/** Partnerships sheet headers. */
export const PARTNERSHIP_HEADERS: readonly string[] = Object.freeze([
  "partnership_id", "email_a", "email_b", "matched_on", "status", "ended_on", "replaces", "continued",
]);

/** Coordinators' event log headers. */
export const EVENT_HEADERS: readonly string[] = Object.freeze(["date", "email", "type", "note"]);

/** The survey's question texts, in order (the methods question is multi-select). */
export const SURVEY_QUESTIONS = Object.freeze({
  program: "Overall, how satisfied are you with the ILN program?",
  partner: "How satisfied were you with your partner?",
  contact: "How often were you in contact with your partner?",
  methods: "How did you communicate with your partner?",
  perspective: "The ILN gave me new perspectives on librarianship",
  ideas: "I gained new ideas for my work",
  confidence: "I feel more confident working with international colleagues",
  motivation: "I feel more motivated in my career",
  recommend: "How likely are you to recommend the ILN to a colleague?",
  again: "Would you participate in the ILN again?",
  continue: "Will you continue the partnership after the round?",
  comments: "Any other comments?",
});

/** Satisfaction labels for 1..5. */
export const SATISFACTION_LABELS: readonly string[] = SATISFACTION;

/** Agreement labels for 1..5. */
export const AGREEMENT_LABELS: readonly string[] = AGREEMENT;

/** Contact frequency labels, most frequent first. */
export const CONTACT_LABELS: readonly string[] = CONTACT_FREQUENCIES;

/** Communication methods the demo's survey offers (every method but "Other"). */
export const METHODS: readonly string[] = Object.freeze(COMMUNICATION_METHODS.filter((m) => m !== "Other"));
