import { describe, expect, it } from "vitest";
import { canonicalise, type DateWindow } from "../../loaders/canonicalise";
import { parseExport } from "../../loaders/formats/read-export";
import { KIND_SPECS } from "../../loaders/kinds";

const HEADER = "Timestamp,Email Address,Full name,Country where you work,Library sector,Your role,Years of experience in libraries,Professional interests,Partner sector preference,Partner career stage preference,Countries you would like a partner from (optional),Languages you can work in,Have you taken part in ILN before?";

/** A registrations file (Google Forms layout) with one row per [timestamp, email]. */
function registrations(rows: [string, string][]): ReturnType<typeof parseExport> {
  const lines = rows.map(([t, e]) => `${t},${e},Some One,Australia,Academic,Librarian,3,Outreach,Same sector,Any,,English,No`);
  return parseExport("registrations.csv", new TextEncoder().encode([HEADER, ...lines].join("\r\n") + "\r\n"));
}

// Round 2017B runs 2017-08-07 to 2017-12-08; registrations are expected from 90 days before its
// start (2017-05-09, counted by hand: 7 Aug minus 31 + 30 + 29 days) to its end.
const WINDOW_2017B: DateWindow = { round: "2017B", field: "timestamp", from: "2017-05-09", to: "2017-12-08" };

/** The stored timestamp of each row, by row number. */
function stamps(rows: { row: number; value: unknown }[]): Record<number, string> {
  return Object.fromEntries(rows.map((r) => [r.row, (r.value as { timestamp: string }).timestamp]));
}

describe("canonicalise: a date column whose every value reads both ways", () => {
  it("is read day-first when that puts more rows in the round's window (UK-style export)", () => {
    // Day-first these are 12 Aug, 2 Aug, 2 Sep 2017 (all inside); month-first 8 Dec (inside),
    // 8 Feb and 9 Feb 2017 (outside).
    const c = canonicalise(registrations([["12/08/2017 09:00", "a@x.example"], ["02/08/2017 09:10", "b@x.example"], ["02/09/2017 10:00", "c@x.example"]]), KIND_SPECS.registrations, { window: WINDOW_2017B });
    expect(c.problems).toEqual([]);
    expect(stamps(c.rows)).toEqual({ 2: "2017-08-12 09:00:00", 3: "2017-08-02 09:10:00", 4: "2017-09-02 10:00:00" });
    expect(c.warnings.some((w) => w.includes('column "Timestamp" read as day/month/year') && w.includes("3 of 3 rows fall inside round 2017B's window"))).toBe(true);
  });

  it("is read month-first when that puts more rows in the round's window (US-style export)", () => {
    // Month-first these are 8 Jun, 9 Jul, 1 Aug 2017 (all inside); day-first 6 Aug (inside),
    // 7 Sep (inside) and 8 Jan 2017 (outside).
    const c = canonicalise(registrations([["06/08/2017 9:00:00", "a@x.example"], ["07/09/2017 9:10:00", "b@x.example"], ["08/01/2017 9:20:00", "c@x.example"]]), KIND_SPECS.registrations, { window: WINDOW_2017B });
    expect(c.problems).toEqual([]);
    expect(stamps(c.rows)).toEqual({ 2: "2017-06-08 09:00:00", 3: "2017-07-09 09:10:00", 4: "2017-08-01 09:20:00" });
    expect(c.warnings.some((w) => w.includes('read as month/day/year') && w.includes("3 of 3 rows fall inside") && w.includes("2 read the other way"))).toBe(true);
  });

  it("keeps the truly latest of two submissions once the order is decided", () => {
    // Day-first: row 2 is 12 Aug 2017, row 4 is 2 Sep 2017, so row 4 is the latest (month-first
    // would have made row 2, 8 Dec, the latest).
    const c = canonicalise(registrations([["12/08/2017 09:00", "a1@x.example"], ["02/08/2017 09:10", "b2@x.example"], ["02/09/2017 10:00", "a1@x.example"]]), KIND_SPECS.registrations, { window: WINDOW_2017B });
    expect(c.problems).toEqual([]);
    expect(stamps(c.rows)).toEqual({ 3: "2017-08-02 09:10:00", 4: "2017-09-02 10:00:00" });
    expect(c.warnings).toContain("registrations.csv:2: a1@x.example submitted twice; row 4 (the latest) counts, row 2 is ignored");
  });

  it("is refused with one located problem when the window ties", () => {
    // Day-first these are 5 Jun (inside) and 6 May 2017 (outside: before 9 May); month-first
    // 6 May (outside) and 5 Jun 2017 (inside): one row inside either way.
    const c = canonicalise(registrations([["05/06/2017 09:00", "a@x.example"], ["06/05/2017 09:10", "a@x.example"]]), KIND_SPECS.registrations, { window: WINDOW_2017B });
    expect(c.problems).toEqual([
      {
        file: "registrations.csv",
        row: 0,
        column: "Timestamp",
        message: 'the date order cannot be told: every date in this column reads both month-first and day-first (e.g. "05/06/2017 09:00", row 2), and the round\'s window (2017-05-09 to 2017-12-08) does not tell which; state it in the mapping file with "date_order": "day-first" or "month-first" (top level, or under "registrations")',
      },
    ]);
    // No "latest" is claimed for a duplicate whose dates are not known.
    expect(c.warnings.some((w) => w.includes("submitted twice"))).toBe(false);
  });

  it("is refused without a window", () => {
    const c = canonicalise(registrations([["12/08/2017 09:00", "a@x.example"]]), KIND_SPECS.registrations);
    expect(c.problems.map((p) => [p.row, p.column, p.message.slice(0, 30)])).toEqual([[0, "Timestamp", "the date order cannot be told:"]]);
    expect(c.problems[0].message).toContain("there is no round window to tell which");
  });

  it("follows the mapping file's stated order without asking the values or the window", () => {
    // Stated month-first, 12/08/2017 is 8 December 2017, even though the window would say day-first.
    const rows: [string, string][] = [["12/08/2017 09:00", "a@x.example"], ["02/08/2017 09:10", "b@x.example"]];
    const c = canonicalise(registrations(rows), KIND_SPECS.registrations, { window: WINDOW_2017B, dateOrder: "mdy" });
    expect(c.problems).toEqual([]);
    expect(stamps(c.rows)).toEqual({ 2: "2017-12-08 09:00:00", 3: "2017-02-08 09:10:00" });
  });
});

describe("canonicalise: an invalid date", () => {
  it("is its own located problem, not a claim of both orders", () => {
    // 31/31 is no date either way; the rest read as 1 August 2017 month-first (inside the window)
    // or 8 January 2017 day-first (outside).
    const c = canonicalise(registrations([["31/31/2017 99:00", "a@x.example"], ["8/1/2017 9:10:00", "b@x.example"], ["8/1/2017 9:20:00", "c@x.example"]]), KIND_SPECS.registrations, { window: WINDOW_2017B });
    expect(c.problems).toEqual([{ file: "registrations.csv", row: 2, column: "Timestamp", message: 'not a valid date and time: "31/31/2017 99:00"' }]);
  });
});

describe("canonicalise: a file's other date columns", () => {
  const file = (rows: string[]) =>
    parseExport("partnerships.csv", new TextEncoder().encode(["partnership_id,email_a,email_b,matched_on,status,ended_on", ...rows].join("\r\n") + "\r\n"));
  // Partnerships of round 2017B are expected matched from 30 days before its start (2017-07-08) to its end.
  const window: DateWindow = { round: "2017B", field: "matched_on", from: "2017-07-08", to: "2017-12-08" };

  it("follow the order the window chose for the kind's dated field", () => {
    // matched_on day-first: 1 and 2 Aug 2017 (inside); month-first 8 Jan and 8 Feb (outside).
    // ended_on then reads day-first too: 10/09/2017 is 10 September 2017.
    const c = canonicalise(file(["P1,a@x.example,b@x.example,01/08/2017,dissolved,10/09/2017", "P2,c@x.example,d@x.example,02/08/2017,active,"]), KIND_SPECS.partnerships, { window });
    expect(c.problems).toEqual([]);
    expect(c.rows.map((r) => [(r.value as { matched_on: string }).matched_on, (r.value as { ended_on: string | null }).ended_on])).toEqual([["2017-08-01", "2017-09-10"], ["2017-08-02", null]]);
    expect(c.warnings.some((w) => w.includes('column "ended_on" read as day/month/year, as the file\'s other date column'))).toBe(true);
  });

  it("are refused, saying why, when nothing in the file tells their order", () => {
    // matched_on is ISO (no order to follow); ended_on 10/09/2017 is 10 Sep or 9 Oct.
    const c = canonicalise(file(["P1,a@x.example,b@x.example,2017-08-01,dissolved,10/09/2017"]), KIND_SPECS.partnerships, { window });
    expect(c.problems.map((p) => [p.row, p.column])).toEqual([[0, "ended_on"]]);
    expect(c.problems[0].message).toContain('(e.g. "10/09/2017", row 2), and no other date column of the file tells which; state it in the mapping file with "date_order"');
  });
});

describe("canonicalise: a survey's 5-point answers", () => {
  const survey = (header: string, cells: string[]) =>
    parseExport("survey.csv", new TextEncoder().encode([`Email Address,${header}`, ...cells.map((c, i) => `p${i}@x.example,${c}`)].join("\n") + "\n"));

  it("reads Qualtrics' stock agreement scale as 1-5 (Somewhat agree 4, Somewhat disagree 2)", () => {
    // The labels and their places on Qualtrics' 5-point agreement scale (review item 6).
    const c = canonicalise<{ outcome_motivation: number }>(survey("I feel more motivated in my career", ["Somewhat agree", "Somewhat disagree", "Strongly agree", "Neither agree nor disagree"]), KIND_SPECS.survey);
    expect(c.problems).toEqual([]);
    expect(c.rows.map((r) => r.value.outcome_motivation)).toEqual([4, 2, 5, 3]);
  });

  it("refuses a 7-point column at the column, naming two labels that show it", () => {
    const c = canonicalise(survey("I feel more motivated in my career", ["Agree", "Somewhat agree", "Strongly agree"]), KIND_SPECS.survey);
    expect(c.problems).toEqual([{
      file: "survey.csv", row: 0, column: "I feel more motivated in my career",
      message: 'this column holds both "Agree" and "Somewhat agree": a 7-point agreement scale (or two scales mixed), which cannot be read as 1-5; this tool reads 5-point scales only (recode the column to 1-5)',
    }]);
  });

  it("says a 7-point scale's own label is one", () => {
    const c = canonicalise(survey("Program satisfaction", ["Slightly satisfied"]), KIND_SPECS.survey);
    expect(c.problems.map((p) => p.message)).toEqual([
      'not a valid satisfaction answer: "Slightly satisfied"; it is a label of a 7-point scale, and this tool reads 5-point scales only (recode the column to 1-5); expected 1-5 or Very dissatisfied, Dissatisfied, Neutral, Satisfied, Very satisfied (also Extremely / Somewhat satisfied and dissatisfied, Neither satisfied nor dissatisfied)',
    ]);
  });
});
