/**
 * Dates and timestamps as the export tools write them, to ISO text DuckDB reads
 * (`YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS`, local time of the export, no zone).
 *
 * Accepted: ISO (`2016-08-01`, `2016-08-01 10:11:12`, `2016-08-01T10:11:12Z`); slashed dates
 * `A/B/YYYY` (Google Sheets, SurveyMonkey, Microsoft Forms, Excel re-saves) and year-first
 * `YYYY/MM/DD` (Google Forms' own "Download responses (.csv)": `2024/08/17 1:15:00 PM GMT+10`),
 * each with an optional time `H:MM[:SS][.fff]`, optional `AM`/`PM`, and an optional zone `GMT`,
 * `UTC`, `GMT+10`, `GMT-3`, `GMT+5:30`, or the zone's abbreviation in capitals, as Google Forms
 * writes it for a form whose time zone has one (`2023/11/13 4:20:37 pm CET`; `EST`, `AEST`).
 * Whether `A/B` is month/day or day/month depends on the
 * locale of the account that exported: `detectSlashOrder` reads it once per column from the
 * values themselves, and `orderByWindow` from the round's dates when every value reads both ways;
 * year-first dates are always year/month/day.
 *
 * A zone or offset (ISO's `Z` / `+10:00`, Google Forms' `GMT+10` or `CET`) is checked and dropped: the
 * time is stored as written, the local time of the export, as every tool without a zone writes it.
 */
export type SlashOrder = "mdy" | "dmy";

/**
 * A time after a slashed date: `H:MM[:SS][.fff]`, `AM`/`PM`, a zone (`GMT`, `UTC`, `GMT+10`,
 * `GMT-3`, `GMT+5:30`, or an abbreviation of 2-5 letters, group 11, which `slashTime` accepts in
 * capitals only: `CET`, `EST`, `AEST`).
 */
const SLASH_TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?(?:\s*(?:(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|([A-Z]{2,5})))?)?`;
const SLASH = new RegExp(String.raw`^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})${SLASH_TIME}$`, "i");
/** Year first, as Google Forms' own CSV download writes it: `2024/08/17 1:15:00 PM GMT+10`. */
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})\/(\d{1,2})\/(\d{1,2})${SLASH_TIME}$`, "i");
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
 * The time of a SLASH or YEAR_FIRST match (groups 4-11): hours on a 24-hour clock, minutes and
 * seconds, midnight when there is none; null when the 12-hour clock or the zone's offset is out of
 * range, or a zone abbreviation is not in capitals (`est`, `Foo`: a word, not a zone). The zone
 * itself is dropped: the local time is kept.
 */
function slashTime(m: RegExpExecArray): [number, number, number] | null {
  if (m[4] === undefined) return [0, 0, 0];
  if (m[11] !== undefined && m[11] !== m[11].toUpperCase()) return null;
  let h = Number(m[4]);
  const ampm = m[7]?.replace(/\./g, "").toLowerCase();
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (ampm === "am") h = h === 12 ? 0 : h;
    else h = h === 12 ? 12 : h + 12;
  }
  if (m[8] !== undefined && (Number(m[9]) > 14 || Number(m[10] ?? 0) > 59)) return null;
  return [h, Number(m[5]), Number(m[6] ?? 0)];
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
    const t = slashTime(m);
    if (t === null) return null;
    [h, mi, sec] = t;
  } else if ((m = YEAR_FIRST.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = slashTime(m);
    if (t === null) return null;
    [h, mi, sec] = t;
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
