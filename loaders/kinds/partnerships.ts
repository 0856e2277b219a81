/**
 * Partnerships: one row per partnership of a round, rematches included (docs/formats.md).
 */
import { z } from "zod";
import type { FieldSpec, KindSpec, RowContext } from "./kind";
import { dateCell, emailCell, optionalDateCell, expected, optionalCell, requiredCell, text, vocab } from "./cells";
import { CONTINUED_VALUES, PARTNERSHIP_STATUSES, type Continued, type PartnershipStatus } from "../../src/domain/vocabulary";

const STATUS_ALIASES: Record<string, PartnershipStatus> = {
  active: "active", ongoing: "active", completed: "completed", complete: "completed", finished: "completed",
  dissolved: "dissolved", withdrawn: "withdrawn", withdrew: "withdrawn",
};
const CONTINUED_ALIASES: Record<string, Continued> = {
  yes: "yes", y: "yes", true: "yes", no: "no", n: "no", false: "no", unknown: "unknown", "": "unknown",
};

export const partnershipFields: readonly FieldSpec[] = [
  { name: "partnership_id", aliases: ["Partnership ID", "Partnership", "Pair ID", "ID"], required: false },
  { name: "email_a", aliases: ["Partner A email", "Email A", "Partner A", "Participant A"], required: true },
  { name: "email_b", aliases: ["Partner B email", "Email B", "Partner B", "Participant B"], required: true },
  { name: "matched_on", aliases: ["Matched on", "Match date", "Date matched", "Matched"], required: true, date: true },
  { name: "status", aliases: ["Status", "Partnership status"], required: true },
  { name: "ended_on", aliases: ["Ended on", "End date", "Date ended"], required: false, date: true },
  { name: "replaces", aliases: ["Replaces", "Rematch of", "Replaces partnership"], required: false },
  { name: "continued", aliases: ["Continued", "Continuing", "Continued after round"], required: false },
];

/** The row schema of a partnerships file. */
export function partnershipSchema(ctx: RowContext) {
  return z.object({
    partnership_id: optionalCell(text, "partnership id"),
    email_a: emailCell(),
    email_b: emailCell(),
    matched_on: dateCell(ctx.dateOrder.matched_on ?? "mdy"),
    status: requiredCell(vocab(STATUS_ALIASES), "status", expected(PARTNERSHIP_STATUSES)),
    ended_on: optionalDateCell(ctx.dateOrder.ended_on ?? "mdy"),
    replaces: optionalCell(text, "partnership id"),
    continued: optionalCell(vocab(CONTINUED_ALIASES), "continued value", expected(CONTINUED_VALUES)).transform((v) => v ?? "unknown"),
  });
}

export type PartnershipRow = z.infer<ReturnType<typeof partnershipSchema>>;

export const partnerships: KindSpec = { kind: "partnerships", fields: partnershipFields, schema: partnershipSchema };
