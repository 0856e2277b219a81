/**
 * A round's time window (docs/formats.md, "Dates outside the round"): the dates each export kind's
 * rows are expected to carry, from the round's `start` and `end`. A row dated outside is not
 * rejected (late survey answers and early registrations happen) but a file with such rows is
 * warned about once, with a count and the earliest and latest dates, since a file ingested into
 * the wrong round (last year's registrations) looks exactly like that.
 */
import type { CanonicalRow } from "./canonicalise";
import type { Kind } from "./kinds";

/**
 * The dated field of each kind and its window: from `before` days before the round's start to
 * `after` days after its end.
 */
export const ROUND_WINDOWS: Readonly<Record<Kind, { field: string; label: string; before: number; after: number }>> = Object.freeze({
  // Registration opens some weeks before a round starts; late registrations join a waiting list.
  registrations: { field: "timestamp", label: "registered", before: 90, after: 0 },
  // Matching happens just before or at the start; rematches during the round.
  partnerships: { field: "matched_on", label: "matched", before: 30, after: 0 },
  // The coordinators' log runs with the round and a little after it.
  events: { field: "date", label: "logged", before: 30, after: 90 },
  // The survey goes out near the end; answers come in for some weeks.
  survey: { field: "submitted", label: "submitted", before: 0, after: 120 },
});

/** `YYYY-MM-DD` plus `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The window [from, to] (inclusive, `YYYY-MM-DD`) of a kind's dates for a round. */
export function roundWindow(kind: Kind, round: { start: string; end: string }): { from: string; to: string } {
  const w = ROUND_WINDOWS[kind];
  return { from: addDays(round.start, -w.before), to: addDays(round.end, w.after) };
}

/** How the window is described in a warning: "from 90 days before its start to its end". */
function describe(kind: Kind): string {
  const w = ROUND_WINDOWS[kind];
  const from = w.before ? `${w.before} days before its start` : "its start";
  const to = w.after ? `${w.after} days after its end` : "its end";
  return `from ${from} to ${to}`;
}

/**
 * One warning for a file whose rows are dated outside the round's window, or null when every
 * row is inside: "FILE: 12 of 298 rows registered outside round 2015A's window (2014-12-01 to
 * 2015-06-28: from 90 days before its start to its end): earliest 2014-03-02 (row 5), latest
 * 2014-03-30 (row 40); is this the round's file?".
 * @param rows the file's canonical rows (their `value[field]` starts with `YYYY-MM-DD`, or is
 *   null when the file has no column for it: an unknown date is never outside, and the ingest
 *   has said once that the file cannot be checked).
 */
export function windowWarning(file: string, kind: Kind, round: { id: string; start: string; end: string }, rows: readonly CanonicalRow<unknown>[]): string | null {
  const { field, label } = ROUND_WINDOWS[kind];
  const { from, to } = roundWindow(kind, round);
  let count = 0;
  let earliest: { date: string; row: number } | null = null;
  let latest: { date: string; row: number } | null = null;
  for (const r of rows) {
    const v = (r.value as Record<string, unknown>)[field];
    if (typeof v !== "string") continue;
    const date = v.slice(0, 10);
    if (date >= from && date <= to) continue;
    count++;
    if (!earliest || date < earliest.date) earliest = { date, row: r.row };
    if (!latest || date > latest.date) latest = { date, row: r.row };
  }
  if (count === 0) return null;
  const range = earliest!.date === latest!.date ? `all on ${earliest!.date} (row ${earliest!.row})` : `earliest ${earliest!.date} (row ${earliest!.row}), latest ${latest!.date} (row ${latest!.row})`;
  return `${file}: ${count} of ${rows.length} rows ${label} outside round ${round.id}'s window (${from} to ${to}: ${describe(kind)}): ${range}; is this the round's file?`;
}
