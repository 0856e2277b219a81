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
