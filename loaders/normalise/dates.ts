/**
 * Dates and timestamps as the export tools write them, to ISO text DuckDB reads
 * (`YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS`, local time of the export, no zone).
 *
 * Accepted: ISO (`2016-08-01`, `2016-08-01 10:11:12`, `2016-08-01T10:11:12Z`), and slashed dates
 * `A/B/YYYY` with an optional `H:MM[:SS][.fff]` and optional `AM`/`PM` (Google Forms, SurveyMonkey,
 * Microsoft Forms, Excel re-saves). Whether `A/B` is month/day or day/month depends on the
 * locale of the account that exported: `detectSlashOrder` reads it once per column from the
 * values themselves, and `orderByWindow` from the round's dates when every value reads both ways.
 */
export type SlashOrder = "mdy" | "dmy";

const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** What a column's slashed values say about their month/day order. */
export interface SlashEvidence {
  /** The order the values show, or `mdy` (Google Forms' and SurveyMonkey's default) when nothing decides. */
  order: SlashOrder;
  /** Some values can only be day-first and others only month-first (the caller reports it). */
  ambiguous: boolean;
  /** Exactly one order is shown by some value. */
  decided: boolean;
  /**
   * Nothing decides, yet some value reads as two different dates (`12/08/2017`: 12 August or
   * 8 December): the order matters and must come from elsewhere (the round's window, or the
   * mapping file's `date_order`).
   */
  undecided: boolean;
  /** The first value that reads two ways (for a message), with its index; null when none does. */
  sample: { index: number; value: string } | null;
}

/**
 * Reads month/day order from a column's values: a value whose first part is above 12 (and
 * second part not) can only be day-first, one whose second part is above 12 (and first not)
 * only month-first. A value with both parts above 12 (`31/31/2017`) is no date either way and
 * no evidence (its cell is reported as invalid); nor is a non-slashed one.
 */
export function detectSlashOrder(values: Iterable<string>): SlashEvidence {
  let first = false;
  let second = false;
  let sample: SlashEvidence["sample"] = null;
  let index = 0;
  for (const v of values) {
    const m = SLASH.exec(v.trim());
    index++;
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) first = true;
    else if (b > 12 && a <= 12) second = true;
    else if (a <= 12 && b <= 12 && a !== b && sample === null) sample = { index: index - 1, value: v.trim() };
  }
  return {
    order: first && !second ? "dmy" : "mdy",
    ambiguous: first && second,
    decided: first !== second,
    undecided: !first && !second && sample !== null,
    sample,
  };
}

/**
 * For a column whose every value reads both ways: how many values fall inside `[from, to]`
 * (inclusive `YYYY-MM-DD`) read month-first and read day-first, and the reading with more, or
 * null on a tie. Values that are no date in a reading count for neither.
 */
export function orderByWindow(values: Iterable<string>, window: { from: string; to: string }): { order: SlashOrder | null; mdy: number; dmy: number } {
  let mdy = 0;
  let dmy = 0;
  const inside = (d: string | null) => d !== null && d >= window.from && d <= window.to;
  for (const v of values) {
    if (inside(parseDate(v, "mdy"))) mdy++;
    if (inside(parseDate(v, "dmy"))) dmy++;
  }
  return { order: mdy > dmy ? "mdy" : dmy > mdy ? "dmy" : null, mdy, dmy };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/**
 * Parses a timestamp or date to `YYYY-MM-DD HH:MM:SS` (midnight when no time is given).
 * @returns null when the text is not a valid date in an accepted form.
 */
export function parseTimestamp(raw: string, order: SlashOrder = "mdy"): string | null {
  const s = raw.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0;
  let m = ISO.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else if ((m = SLASH.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    [mo, d] = order === "mdy" ? [a, b] : [b, a];
    y = Number(m[3]);
    if (m[3].length === 2) y += 2000;
    if (m[4] !== undefined) {
      [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
      const ampm = m[7]?.toLowerCase();
      if (ampm) {
        if (h < 1 || h > 12) return null;
        if (ampm === "am") h = h === 12 ? 0 : h;
        else h = h === 12 ? 12 : h + 12;
      }
    }
  } else {
    return null;
  }
  if (!valid(y, mo, d, h, mi, sec)) return null;
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(sec)}`;
}

/** Parses a date (a time part, if any, is dropped) to `YYYY-MM-DD`; null when invalid. */
export function parseDate(raw: string, order: SlashOrder = "mdy"): string | null {
  return parseTimestamp(raw, order)?.slice(0, 10) ?? null;
}
