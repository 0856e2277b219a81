/**
 * A round's time window and the one warning per file dated outside it. Window ends were computed
 * with python3's datetime (`date(2016, 8, 1) - timedelta(90)` is 2016-05-03, `date(2016, 11, 30)
 * + timedelta(120)` is 2017-03-30, `date(2024, 3, 1) - timedelta(1)` is 2024-02-29).
 */
import { describe, expect, it } from "vitest";
import { addDays, roundWindow, windowWarning } from "../../loaders/window";

const round = { id: "T1", start: "2016-08-01", end: "2016-11-30" };
const rows = (field: string, dates: string[]) => dates.map((d, i) => ({ row: i + 2, value: { [field]: d } }));

describe("roundWindow", () => {
  it("spans each kind's days around the round", () => {
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(roundWindow("registrations", round)).toEqual({ from: "2016-05-03", to: "2016-11-30" });
    expect(roundWindow("partnerships", round)).toEqual({ from: "2016-07-02", to: "2016-11-30" });
    expect(roundWindow("events", round)).toEqual({ from: "2016-07-02", to: "2017-02-28" });
    expect(roundWindow("survey", round)).toEqual({ from: "2016-08-01", to: "2017-03-30" });
  });
});

describe("windowWarning", () => {
  it("says nothing when every row is inside, the window's ends included", () => {
    expect(windowWarning("r.csv", "registrations", round, rows("timestamp", ["2016-05-03 00:00:00", "2016-11-30 23:59:59"]))).toBeNull();
  });

  it("warns once per file with the count, the window and the earliest and latest dates", () => {
    const w = windowWarning("reg.csv", "registrations", round, rows("timestamp", ["2016-07-01 09:00:00", "2015-07-02 10:00:00", "2015-06-30 08:00:00", "2016-12-01 00:00:00"]));
    expect(w).toBe(
      "reg.csv: 3 of 4 rows registered outside round T1's window (2016-05-03 to 2016-11-30: from 90 days before its start to its end): " +
        "earliest 2015-06-30 (row 4), latest 2016-12-01 (row 5); is this the round's file?",
    );
    expect(windowWarning("s.csv", "survey", round, rows("submitted", ["2016-07-31 12:00:00"]))).toBe(
      "s.csv: 1 of 1 rows submitted outside round T1's window (2016-08-01 to 2017-03-30: from its start to 120 days after its end): all on 2016-07-31 (row 2); is this the round's file?",
    );
    expect(windowWarning("p.csv", "partnerships", round, rows("matched_on", ["2016-06-01"]))).toContain("1 of 1 rows matched outside round T1's window (2016-07-02 to 2016-11-30: from 30 days before its start to its end)");
  });
});
