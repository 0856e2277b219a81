import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Db } from "../../src/db";
import { HEALTH_CLASSES, HEALTH_RULES, atRiskList, classifyPartnership, healthByRound, partnershipHealth } from "../../src/metrics/health";
import { UnknownRoundError } from "../../src/domain/errors";
import { addEvent, addPartnership, addRound, historyDb } from "./fixture";
import { freshDb, tempDir } from "../helpers/rounds";

// Expected classes are worked out by hand from the fixture (test/metrics/fixture.ts) and the rules.
let db: Db;
beforeAll(async () => {
  db = await historyDb();
});
afterAll(() => db.close());

describe("classifyPartnership", () => {
  const base = { status: "completed", contacts: 0, problems: 0, unresolved: false, best_contact: null, silent: false } as const;

  it("applies the rules in order; survey answers never decide the class", () => {
    // A failed status decides alone.
    expect(classifyPartnership({ ...base, status: "withdrawn", problems: 1, unresolved: true, best_contact: "Never" })).toEqual({ health: "failed", reasons: ["status withdrawn"] });
    // "Never in contact" in the survey no longer fails a completed partnership: the status says it completed.
    expect(classifyPartnership({ ...base, best_contact: "Never" })).toEqual({ health: "ok", reasons: ["completed"] });
    expect(classifyPartnership({ ...base, best_contact: "Weekly", problems: 1, unresolved: true }).health).toBe("at_risk");
    // Weekly contact reported in the survey does not make a partnership thriving; two logged contacts do.
    expect(classifyPartnership({ ...base, best_contact: "Fortnightly" })).toEqual({ health: "ok", reasons: ["completed"] });
    expect(classifyPartnership({ ...base, contacts: 2 })).toEqual({ health: "thriving", reasons: ["at least two contacts logged, no problem logged"] });
    // A resolved problem keeps a partnership from thriving.
    expect(classifyPartnership({ ...base, best_contact: "Weekly", problems: 1, contacts: 2 }).health).toBe("ok");
    expect(classifyPartnership({ ...base, status: "active", contacts: 2 }).health).toBe("thriving");
    expect(classifyPartnership({ ...base, status: "active", contacts: 1 })).toEqual({ health: "ok", reasons: ["1 contact logged"] });
    // Nothing logged for an active partnership, whatever its partners answered: no information.
    for (const best_contact of [null, "Weekly", "Never"] as const) {
      expect(classifyPartnership({ ...base, status: "active", best_contact })).toEqual({ health: "no_information", reasons: ["active, nothing logged"] });
    }
    // Silence puts even a partnership with weekly contact reported at risk.
    expect(classifyPartnership({ ...base, status: "active", best_contact: "Weekly", contacts: 2, silent: true })).toEqual({
      health: "at_risk",
      reasons: ["active, no contact logged in the 42 days before the round's latest event"],
    });
  });

  it("gives the same class whatever the survey answer on contact (classes do not depend on who answered)", () => {
    const facts = [
      { ...base }, { ...base, status: "active" }, { ...base, status: "active", contacts: 1 }, { ...base, contacts: 2 },
      { ...base, problems: 1, contacts: 1 }, { ...base, problems: 1, unresolved: true }, { ...base, status: "dissolved" },
      { ...base, status: "active", silent: true },
    ];
    for (const f of facts) {
      const classes = new Set([null, "Weekly", "Fortnightly", "Monthly", "Less than monthly", "Never"].map((b) => classifyPartnership({ ...f, best_contact: b as never }).health));
      expect(classes.size, JSON.stringify(f)).toBe(1);
    }
  });

  it("documents one rule set covering every class", () => {
    expect(new Set(HEALTH_RULES.map((r) => r.class))).toEqual(new Set(HEALTH_CLASSES));
    expect(HEALTH_RULES.every((r) => r.rule.length > 20)).toBe(true);
  });
});

describe("partnershipHealth", () => {
  it("classes each partnership from status and events only, without personal data", async () => {
    const rows = await partnershipHealth(db);
    expect(rows.map((r) => [r.round, r.partnership_id, r.health, r.reasons])).toEqual([
      // Z0-1: completed, no events (no survey either).
      ["Z0", "Z0-1", "ok", ["completed"]],
      ["Z0", "Z0-2", "failed", ["status dissolved"]],
      // A1-1: completed, no events; p1 and p6 reported weekly contact, which does not count.
      ["A1", "A1-1", "ok", ["completed"]],
      // A1-2: completed, no events; p5 reported less than monthly, which does not count.
      ["A1", "A1-2", "ok", ["completed"]],
      // A1-3: intervention for p8 on 08-01, contact logged by p2 on 08-05.
      ["A1", "A1-3", "ok", ["completed", "a problem was logged and later contact resolved it"]],
      // B2-1: p9 no response on 02-01, nothing logged since.
      ["B2", "B2-1", "at_risk", ["non-response reported or intervention, no contact logged since"]],
      // B2-2: two contacts logged for p6.
      ["B2", "B2-2", "thriving", ["at least two contacts logged, no problem logged"]],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/\bp\d+\b|@/);
  });

  it("counts classes per round", async () => {
    expect(await healthByRound(db)).toEqual([
      { round: "Z0", partnerships: 2, thriving: 0, ok: 1, at_risk: 0, failed: 1, no_information: 0 },
      { round: "A1", partnerships: 3, thriving: 0, ok: 3, at_risk: 0, failed: 0, no_information: 0 },
      { round: "B2", partnerships: 2, thriving: 1, ok: 0, at_risk: 1, failed: 0, no_information: 0 },
    ]);
  });
});

describe("independence from survey response", () => {
  it("classes every partnership the same when nobody answered the survey", async () => {
    const noSurvey = await historyDb();
    try {
      await noSurvey.run(sql`DELETE FROM survey_responses`);
      expect((await partnershipHealth(noSurvey)).map((r) => r.health)).toEqual((await partnershipHealth(db)).map((r) => r.health));
    } finally {
      noSurvey.close();
    }
  });
});

describe("atRiskList (internal)", () => {
  it("lists the running round's active partnerships at risk, naming the partners", async () => {
    expect(await atRiskList(db, "B2")).toEqual([
      {
        partnership_id: "B2-1", health: "at_risk", reasons: ["non-response reported or intervention, no contact logged since"],
        last_contact: null, last_problem: "2015-02-01",
        partners: [{ email: "p1@example.org", name: "Person One", country: "AU" }, { email: "p9@example.org", name: "Person Nine", country: "BR" }],
      },
    ]);
    // A1 is over: no active partnership, nothing to act on.
    expect(await atRiskList(db, "A1")).toEqual([]);
    await expect(atRiskList(db, "nope")).rejects.toThrow(UnknownRoundError);
  });
});

describe("silence (no contact for 6 weeks, as of the round's latest event)", () => {
  it("flags active partnerships whose latest contact, or match date, is more than 42 days before the as-of date", async () => {
    // Worked by hand. Round C3 runs 2016-01-01..2016-06-30; its latest event is on 2016-03-01, so
    // that is its as-of date, and "more than 42 days before" means on or before 2016-01-18.
    const silentDb = await freshDb(tempDir());
    try {
      await addRound(silentDb, "C3", "2016-01-01", "2016-06-30");
      const matched = { matched: "2016-01-05" };
      await addPartnership(silentDb, "C3", "C3-1", "p1", "p2", "active", matched); // contact 01-10: 51 days -> silent
      await addPartnership(silentDb, "C3", "C3-2", "p3", "p4", "active", matched); // contact 03-01: 0 days
      await addPartnership(silentDb, "C3", "C3-3", "p5", "p6", "completed", matched); // not active: never silent
      await addPartnership(silentDb, "C3", "C3-4", "p7", "p8", "active", matched); // no contact: 56 days from the match -> silent
      await addPartnership(silentDb, "C3", "C3-5", "p9", "p10", "active", matched); // contact 01-19: exactly 42 days, not more
      await addEvent(silentDb, "C3", "2016-01-10", "p1", "contact_logged");
      await addEvent(silentDb, "C3", "2016-03-01", "p3", "contact_logged");
      await addEvent(silentDb, "C3", "2016-01-19", "p10", "contact_logged");
      // A round with no events has no as-of date: its active partnerships are not silent.
      await addRound(silentDb, "D4", "2016-07-01", "2016-10-31");
      await addPartnership(silentDb, "D4", "D4-1", "p1", "p3", "active", { matched: "2016-07-02" });
      const silentReason = "active, no contact logged in the 42 days before the round's latest event";
      const rows = await partnershipHealth(silentDb);
      expect(rows.filter((r) => r.reasons.includes(silentReason)).map((r) => r.partnership_id)).toEqual(["C3-1", "C3-4"]);
      expect(rows.find((r) => r.partnership_id === "C3-1")?.health).toBe("at_risk");
      // Nothing logged for D4-1 at all: no information either way.
      expect(rows.find((r) => r.partnership_id === "D4-1")?.health).toBe("no_information");
      expect((await healthByRound(silentDb, { round: "C3" }))[0].at_risk).toBe(2);
      expect((await atRiskList(silentDb, "C3")).map((r) => [r.partnership_id, r.last_contact])).toEqual([["C3-1", "2016-01-10"], ["C3-4", null]]);
      // The as-of date is capped at the round's end: an event logged long after it does not make
      // partnerships silent that were in contact within 6 weeks of the end.
      await addRound(silentDb, "E5", "2017-01-01", "2017-03-31");
      await addPartnership(silentDb, "E5", "E5-1", "p1", "p2", "active", { matched: "2017-01-05" });
      await addEvent(silentDb, "E5", "2017-03-01", "p1", "contact_logged");
      await addEvent(silentDb, "E5", "2017-09-01", "p2", "no_response_reported");
      expect((await partnershipHealth(silentDb, { round: "E5" }))[0].reasons).not.toContain(silentReason);
    } finally {
      silentDb.close();
    }
  });
});
