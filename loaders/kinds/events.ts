/**
 * Events: the coordinators' log of a round (docs/formats.md). Notes are private.
 */
import { z } from "zod";
import type { FieldSpec, KindSpec, RowContext } from "./kind";
import { dateCell, emailCell, expected, optionalCell, requiredCell, text, vocab } from "./cells";
import { EVENT_TYPES, type EventType } from "../../src/domain/vocabulary";

const TYPE_ALIASES: Record<string, EventType> = Object.fromEntries(
  EVENT_TYPES.flatMap((t) => [[t, t], [t.replace(/_/g, " "), t]]),
) as Record<string, EventType>;

export const eventFields: readonly FieldSpec[] = [
  { name: "date", aliases: ["Date", "Event date"], required: true, date: true },
  { name: "email", aliases: ["Email", "Email Address", "Participant email", "Participant"], required: true },
  { name: "type", aliases: ["Type", "Event", "Event type"], required: true },
  { name: "note", aliases: ["Note", "Notes", "Comment"], required: false },
];

/** The row schema of an events file. */
export function eventSchema(ctx: RowContext) {
  return z.object({
    date: dateCell(ctx.dateOrder.date ?? "mdy"),
    email: emailCell(),
    type: requiredCell(vocab(TYPE_ALIASES), "event type", expected(EVENT_TYPES)),
    note: optionalCell(text, "note"),
  });
}

export type EventRow = z.infer<ReturnType<typeof eventSchema>>;

export const events: KindSpec = { kind: "events", fields: eventFields, schema: eventSchema };
