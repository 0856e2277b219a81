/**
 * Dates and timestamps as the export tools write them, to ISO text DuckDB reads
 * (`YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS`, local time of the export, no zone).
 *
 * Accepted: ISO (`2016-08-01`, `2016-08-01 10:11:12`, `2016-08-01T10:11:12Z`), and slashed dates
 * `A/B/YYYY` with an optional `H:MM[:SS][.fff]` and optional `AM`/`PM` (Google Forms, SurveyMonkey,
 * Microsoft Forms, Excel re-saves). Whether `A/B` is month/day or day/month depends on the
 * locale of the account that exported: `detectSlashOrder` decides it once per column from the
 * values themselves.
 */
export type SlashOrder = "mdy" | "dmy";

const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Decides month/day order from a column's values: `dmy` when some first part exceeds 12, `mdy`
 * when some second part does or when nothing decides (Google Forms' and SurveyMonkey's default).
 * @returns the order, and `ambiguous` true when both orders were seen (the caller reports it).
 */
export function detectSlashOrder(values: Iterable<string>): { order: SlashOrder; ambiguous: boolean; decided: boolean } {
  let first = false;
  let second = false;
  for (const v of values) {
    const m = SLASH.exec(v.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) first = true;
    if (Number(m[2]) > 12) second = true;
  }
  return { order: first && !second ? "dmy" : "mdy", ambiguous: first && second, decided: first !== second };
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
