/**
 * Survey: the end-of-round evaluation, one response per respondent and round (docs/formats.md).
 * No column is required. The submission time may be absent (older SurveyMonkey exports,
 * processed LimeSurvey data): then every row's time is unknown (null), never invented; where it
 * is present every row needs one. The respondent key is the email, or a respondent id that
 * a respondents mapping turns into one; a survey without either is anonymous (its rows have no
 * email). Every question is optional: a question without a column was not asked in that round;
 * a blank answer is kept as null. Both are excluded from every metric.
 */
import { z } from "zod";
import type { FieldSpec, KindSpec, RowContext } from "./kind";
import { emailCell, expected, optionalCell, text, timestampOrUnknownCell, vocab, vocabListCell } from "./cells";
import { isSevenPointLabel, parseIntIn, parseLikert } from "../normalise/values";
import {
  AGREEMENT_LABELS, COMMUNICATION_METHODS, CONTACT_FREQUENCIES, CONTINUE_PARTNERSHIP_ANSWERS, PARTICIPATE_AGAIN_ANSWERS, SATISFACTION_LABELS,
  type CommunicationMethod, type ContactFrequency,
} from "../../src/domain/vocabulary";

const CONTACT_ALIASES: Record<string, ContactFrequency> = {
  weekly: "Weekly", "once a week": "Weekly", "more than weekly": "Weekly", "several times a week": "Weekly",
  fortnightly: "Fortnightly", "every two weeks": "Fortnightly", "every 2 weeks": "Fortnightly", biweekly: "Fortnightly",
  monthly: "Monthly", "once a month": "Monthly", "less than monthly": "Less than monthly",
  "less often than monthly": "Less than monthly", never: "Never", "no contact": "Never",
  "we never connected": "Never", "never connected": "Never", "we never met": "Never",
};
/**
 * Communication methods by their names and the tools respondents name (a video-calling tool is a
 * Video call, as Skype always was; a chat app is Messaging; a social network is Social media).
 */
const METHOD_ALIASES: Record<string, CommunicationMethod> = {
  email: "Email", "e-mail": "Email", "video call": "Video call", video: "Video call", skype: "Video call",
  zoom: "Video call", "microsoft teams": "Video call", "ms teams": "Video call", teams: "Video call", "google meet": "Video call",
  whatsapp: "Messaging", wechat: "Messaging", signal: "Messaging", telegram: "Messaging",
  linkedin: "Social media", facebook: "Social media", twitter: "Social media",
  "social media": "Social media", phone: "Phone", telephone: "Phone", messaging: "Messaging",
  "instant messaging": "Messaging", "messaging app": "Messaging", "messaging apps": "Messaging", chat: "Messaging", other: "Other",
};
const AGAIN_ALIASES: Record<string, (typeof PARTICIPATE_AGAIN_ANSWERS)[number]> = { yes: "Yes", no: "No", maybe: "Maybe", unsure: "Maybe", "not sure": "Maybe" };
const CONTINUE_ALIASES: Record<string, (typeof CONTINUE_PARTNERSHIP_ANSWERS)[number]> = { yes: "Yes", no: "No", undecided: "Undecided", maybe: "Undecided", unsure: "Undecided", "not sure": "Undecided" };

const satisfaction = (raw: string) => parseLikert(raw, "satisfaction");
const agreement = (raw: string) => parseLikert(raw, "agreement");
/** The hint after an unreadable Likert answer: what is expected, and why a 7-point label is not read. */
const likertHint = (labels: readonly string[], also: string) => (raw: string) =>
  (isSevenPointLabel(raw) ? "; it is a label of a 7-point scale, and this tool reads 5-point scales only (recode the column to 1-5)" : "") +
  `; expected 1-5 or ${labels.join(", ")} (also ${also})`;
const SAT_HINT = likertHint(SATISFACTION_LABELS, "Extremely / Somewhat satisfied and dissatisfied, Neither satisfied nor dissatisfied");
const AGREE_HINT = likertHint(AGREEMENT_LABELS, "Somewhat agree, Somewhat disagree, Neutral");

export const surveyFields: readonly FieldSpec[] = [
  { name: "email", aliases: ["Email Address", "Email", "E-mail", "Recipient Email", "RecipientEmail"], required: false },
  { name: "respondent_id", aliases: ["Respondent ID", "RespondentID", "Respondent", "Participant ID", "Respondent key", "ResponseId", "Response ID"], required: false },
  // Qualtrics exports both EndDate (when the respondent submitted) and RecordedDate (when Qualtrics
  // stored the response: later for a partial response closed when the survey expired); EndDate wins.
  // ODK Central writes SubmissionDate (matched, case and spacing aside, as "Submission Date" too).
  { name: "submitted", aliases: ["Timestamp", "End Date", "EndDate", "Completion time", "submitdate", "Submitted", "Date submitted", "SubmissionDate"], fallbackAliases: ["Recorded Date", "RecordedDate"], required: false, date: true },
  { name: "program_satisfaction", aliases: ["Overall, how satisfied are you with the ILN program?", "Program satisfaction", "Overall satisfaction"], required: false, likert: "satisfaction" },
  { name: "partner_satisfaction", aliases: ["How satisfied were you with your partner?", "Partner satisfaction"], required: false, likert: "satisfaction" },
  { name: "contact_frequency", aliases: ["How often were you in contact with your partner?", "Contact frequency"], required: false },
  { name: "methods", aliases: ["How did you communicate with your partner?", "Methods", "Communication methods"], required: false, multi: true },
  { name: "outcome_perspective", aliases: ["The ILN gave me new perspectives on librarianship", "New perspectives"], required: false, likert: "agreement" },
  { name: "outcome_ideas", aliases: ["I gained new ideas for my work", "New ideas"], required: false, likert: "agreement" },
  { name: "outcome_confidence", aliases: ["I feel more confident working with international colleagues", "Confidence"], required: false, likert: "agreement" },
  { name: "outcome_motivation", aliases: ["I feel more motivated in my career", "Motivation"], required: false, likert: "agreement" },
  { name: "recommend", aliases: ["How likely are you to recommend the ILN to a colleague?", "Recommend", "Likelihood to recommend", "NPS"], required: false },
  { name: "participate_again", aliases: ["Would you participate in the ILN again?", "Participate again", "Would you sign up again?"], required: false },
  { name: "continue_partnership", aliases: ["Will you continue the partnership after the round?", "Continue partnership"], required: false },
  { name: "comments", aliases: ["Any other comments?", "Comments", "Other comments"], required: false },
];

/** The email of an anonymous survey's row: none (its column is absent or ignored). */
const noEmail = z.string().optional().transform((): string | null => null);

/**
 * The row schema of a survey file. With `ctx.keyed` (the survey has a respondent key) every row
 * needs a valid email (a respondent id arrives here as the email it maps to); otherwise the
 * survey is anonymous and `email` is null. `submitted` is null (unknown) in every row of a file
 * without a submission-time column.
 */
export function surveySchema(ctx: RowContext) {
  return z.object({
    email: ctx.keyed ? emailCell().transform((e): string | null => e) : noEmail,
    submitted: timestampOrUnknownCell(ctx.dateOrder.submitted ?? "mdy"),
    program_satisfaction: optionalCell(satisfaction, "satisfaction answer", SAT_HINT),
    partner_satisfaction: optionalCell(satisfaction, "satisfaction answer", SAT_HINT),
    contact_frequency: optionalCell(vocab(CONTACT_ALIASES), "contact frequency", expected(CONTACT_FREQUENCIES)),
    methods: vocabListCell(METHOD_ALIASES, COMMUNICATION_METHODS),
    outcome_perspective: optionalCell(agreement, "agreement answer", AGREE_HINT),
    outcome_ideas: optionalCell(agreement, "agreement answer", AGREE_HINT),
    outcome_confidence: optionalCell(agreement, "agreement answer", AGREE_HINT),
    outcome_motivation: optionalCell(agreement, "agreement answer", AGREE_HINT),
    recommend: optionalCell((raw) => parseIntIn(raw, 0, 10), "recommendation score", "; expected a whole number 0-10"),
    participate_again: optionalCell(vocab(AGAIN_ALIASES), "answer", expected(PARTICIPATE_AGAIN_ANSWERS)),
    continue_partnership: optionalCell(vocab(CONTINUE_ALIASES), "answer", expected(CONTINUE_PARTNERSHIP_ANSWERS)),
    comments: optionalCell(text, "comment"),
  });
}

export type SurveyRow = z.infer<ReturnType<typeof surveySchema>>;

export const survey: KindSpec = {
  kind: "survey",
  fields: surveyFields,
  schema: surveySchema,
  onePerPerson: { email: "email", time: "submitted" },
  respondentKey: { email: "email", id: "respondent_id" },
  questions: surveyFields.map((f) => f.name).filter((n) => !["email", "respondent_id", "submitted"].includes(n)),
};
