import { describe, expect, it } from "vitest";
import { detectSlashOrder, orderByWindow, parseTimestamp } from "../../../loaders/normalise/dates";

// Expected dates below are calendar facts written out by hand: "12/08/2017" is 12 August 2017
// read day-first and 8 December 2017 read month-first.

describe("detectSlashOrder", () => {
  it("reads day-first from a first part above 12, month-first from a second part above 12", () => {
    expect(detectSlashOrder(["01/08/2017", "13/08/2017"])).toMatchObject({ order: "dmy", decided: true, ambiguous: false, undecided: false });
    expect(detectSlashOrder(["08/01/2017", "08/13/2017"])).toMatchObject({ order: "mdy", decided: true, ambiguous: false, undecided: false });
  });

  it("reports both orders only when values can only be read each way", () => {
    expect(detectSlashOrder(["13/08/2017", "08/13/2017"])).toMatchObject({ ambiguous: true });
  });

  it("takes a value with both parts above 12 as no evidence (it is no date either way)", () => {
    // 31/31 is neither day-first nor month-first; the other rows read both ways.
    const d = detectSlashOrder(["31/31/2017 99:00", "8/1/2017 9:10:00", "8/2/2017 9:20:00"]);
    expect(d).toMatchObject({ ambiguous: false, decided: false, undecided: true, sample: { index: 1, value: "8/1/2017 9:10:00" } });
  });

  it("says undecided only when some value reads as two different dates", () => {
    expect(detectSlashOrder(["12/08/2017", "02/09/2017"])).toMatchObject({ undecided: true, decided: false, sample: { index: 0, value: "12/08/2017" } });
    // 5/5 is 5 May either way; ISO values carry no order.
    expect(detectSlashOrder(["5/5/2017", "2017-08-12"])).toMatchObject({ undecided: false, decided: false, sample: null });
  });
});

describe("orderByWindow", () => {
  const values = ["12/08/2017 09:00", "02/08/2017 09:10", "02/09/2017 10:00"];
  it("chooses the reading that puts more values in the window", () => {
    // Day-first: 2017-08-12, 2017-08-02, 2017-09-02, all in Aug-Sep 2017.
    // Month-first: 2017-12-08, 2017-02-08, 2017-02-09: only the first is in Aug-Dec 2017.
    expect(orderByWindow(values, { from: "2017-08-01", to: "2017-09-30" })).toEqual({ order: "dmy", mdy: 0, dmy: 3 });
    expect(orderByWindow(values, { from: "2017-08-01", to: "2017-12-31" })).toEqual({ order: "dmy", mdy: 1, dmy: 3 });
    // Month-first wins a window over February 2017: 2017-02-08 and 2017-02-09 (day-first: none).
    expect(orderByWindow(values, { from: "2017-02-01", to: "2017-02-28" })).toEqual({ order: "mdy", mdy: 2, dmy: 0 });
  });

  it("gives no order on a tie", () => {
    // A window over all of 2017 holds every value both ways.
    expect(orderByWindow(values, { from: "2017-01-01", to: "2017-12-31" })).toEqual({ order: null, mdy: 3, dmy: 3 });
  });

  it("reads the chosen order in parseTimestamp", () => {
    expect(parseTimestamp("12/08/2017 09:00", "dmy")).toBe("2017-08-12 09:00:00");
    expect(parseTimestamp("12/08/2017 09:00", "mdy")).toBe("2017-12-08 09:00:00");
  });
});

describe("parseTimestamp: Google Forms' own CSV download", () => {
  // Google Forms' "Download responses (.csv)" writes year/month/day, a 12-hour clock with AM/PM
  // (or a 24-hour one), and the form owner's zone as `GMT+10`; the review's export
  // (/work/review-flow-data/originals/2024A/survey.csv) and docs/formats.md, "Values".
  // Expected values: the time as written on a 24-hour clock (1:15 PM is 13:15, 12:19 PM is
  // 12:19, 12:05 AM is 00:05), with the zone dropped, as the module stores every timestamp (local
  // time of the export; ISO's `Z` and `+10:00` are dropped alike).
  it("reads year-first dates with AM/PM and a GMT offset as the local time written", () => {
    expect(parseTimestamp("2024/08/17 1:15:00 PM GMT+10")).toBe("2024-08-17 13:15:00");
    expect(parseTimestamp("2024/08/13 12:19:01 PM GMT+10")).toBe("2024-08-13 12:19:01");
    expect(parseTimestamp("2024/08/05 12:05:00 AM GMT+10")).toBe("2024-08-05 00:05:00");
    expect(parseTimestamp("2024/08/17 13:15:00 GMT+10")).toBe("2024-08-17 13:15:00");
    expect(parseTimestamp("2024/08/17 1:15:00 PM")).toBe("2024-08-17 13:15:00");
    expect(parseTimestamp("2024/08/17 9:15:00 am GMT-3")).toBe("2024-08-17 09:15:00");
    expect(parseTimestamp("2024/08/17 9:15:00 PM GMT+5:30")).toBe("2024-08-17 21:15:00");
    expect(parseTimestamp("2024/08/17 9:15:00 PM UTC")).toBe("2024-08-17 21:15:00");
    expect(parseTimestamp("2024/08/17 9:15:00 PM GMT")).toBe("2024-08-17 21:15:00");
    expect(parseTimestamp("2024/8/7")).toBe("2024-08-07 00:00:00");
  });

  it("keeps the same day as the ISO form of that local time with its offset", () => {
    expect(parseTimestamp("2024/08/17 11:30:00 PM GMT+10")).toBe(parseTimestamp("2024-08-17T23:30:00+10:00"));
  });

  it("reads year-first dates the same whatever the column's day/month order", () => {
    expect(parseTimestamp("2024/08/12 1:15:00 PM GMT+10", "dmy")).toBe("2024-08-12 13:15:00");
    expect(detectSlashOrder(["2024/08/12 1:15:00 PM GMT+10", "2024/08/13 1:15:00 PM GMT+10"])).toMatchObject({ decided: false, undecided: false, sample: null });
  });

  // Google Forms' download writes the form's time zone by its abbreviation where the zone has one
  // (test/fixtures/real/kobo_transfer_google_form_download.csv, a form in Central European Time:
  // `2023/11/13 4:20:37 pm CET`, lower-case pm); dropped like `GMT+10`, the local time kept.
  it("reads a zone abbreviation in capitals (CET, CEST, EST, AEST) as the local time written", () => {
    expect(parseTimestamp("2023/11/13 4:20:37 pm CET")).toBe("2023-11-13 16:20:37");
    expect(parseTimestamp("2023/07/13 4:20:37 PM CEST")).toBe("2023-07-13 16:20:37");
    expect(parseTimestamp("2024/08/17 1:15:00 PM EST")).toBe("2024-08-17 13:15:00");
    expect(parseTimestamp("2024/08/17 13:15:00 AEST")).toBe("2024-08-17 13:15:00");
    expect(parseTimestamp("11/13/2023 4:20:37 PM CET")).toBe("2023-11-13 16:20:37");
  });

  it("reads a zone after a month/day/year date too", () => {
    expect(parseTimestamp("8/17/2024 1:15:00 PM GMT+10")).toBe("2024-08-17 13:15:00");
  });

  it("refuses impossible dates, clocks and offsets", () => {
    expect(parseTimestamp("2024/02/30 1:15:00 PM GMT+10")).toBeNull();
    expect(parseTimestamp("2024/08/17 13:15:00 PM GMT+10")).toBeNull();
    expect(parseTimestamp("2024/08/17 0:15:00 AM")).toBeNull();
    expect(parseTimestamp("2024/08/17 1:15:00 PM GMT+25")).toBeNull();
    // a zone abbreviation is written in capitals: a word after the time is no zone
    expect(parseTimestamp("2024/08/17 1:15:00 PM est")).toBeNull();
    expect(parseTimestamp("2024/08/17 1:15:00 PM Foo")).toBeNull();
    expect(parseTimestamp("2024/08/17 1:15:00 PM ABCDEF")).toBeNull();
    expect(parseTimestamp("2024/08/17 1:15:00 PM CET+1")).toBeNull();
    expect(parseTimestamp("2024/17/08 1:15:00 PM")).toBeNull();
  });
});
