import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { HEALTH_CLASSES, HEALTH_RULES, atRiskList, classifyPartnership, healthByRound, partnershipHealth } from "../../src/metrics/health";
import { UnknownRoundError } from "../../src/metrics/base";
import { historyDb } from "./fixture";

// Expected classes are worked out by hand from the fixture (test/metrics/fixture.ts) and the rules.
let db: Db;
beforeAll(async () => {
  db = await historyDb();
});
afterAll(() => db.close());

describe("classifyPartnership", () => {
  const base = { status: "completed", contacts: 0, problems: 0, unresolved: false, best_contact: null } as const;

  it("applies the rules in order and lists every condition that holds", () => {
    expect(classifyPartnership({ ...base, status: "withdrawn", problems: 1, unresolved: true, best_contact: "Never" })).toEqual({
      health: "failed",
      reasons: ["status withdrawn", "partners reported no contact at all", "non-response reported or intervention, no contact logged since"],
    });
    expect(classifyPartnership({ ...base, best_contact: "Never" }).health).toBe("failed");
    expect(classifyPartnership({ ...base, best_contact: "Weekly", problems: 1, unresolved: true }).health).toBe("at_risk");
    expect(classifyPartnership({ ...base, best_contact: "Fortnightly" })).toEqual({ health: "thriving", reasons: ["contact fortnightly, no problem logged"] });
    // A resolved problem keeps a partnership from thriving.
    expect(classifyPartnership({ ...base, best_contact: "Weekly", problems: 1, contacts: 3 }).health).toBe("ok");
    expect(classifyPartnership({ ...base, status: "active", contacts: 2 }).health).toBe("thriving");
    expect(classifyPartnership({ ...base, status: "active", contacts: 1 }).health).toBe("ok");
  });

  it("documents one rule set covering every class", () => {
    expect(new Set(HEALTH_RULES.map((r) => r.class))).toEqual(new Set(HEALTH_CLASSES));
    expect(HEALTH_RULES.every((r) => r.rule.length > 20)).toBe(true);
  });
});

describe("partnershipHealth", () => {
  it("classes each partnership from status, events and reported contact, without personal data", async () => {
    const rows = await partnershipHealth(db);
    expect(rows.map((r) => [r.round, r.partnership_id, r.health, r.reasons])).toEqual([
      // Z0-1: completed, no survey, no events.
      ["Z0", "Z0-1", "ok", ["no survey answer on contact and 0 contact(s) logged"]],
      ["Z0", "Z0-2", "failed", ["status dissolved"]],
      // A1-1: p1 and p6 reported weekly contact.
      ["A1", "A1-1", "thriving", ["contact weekly, no problem logged"]],
      // A1-2: p5 less than monthly, p7 left it blank.
      ["A1", "A1-2", "at_risk", ["contact less than monthly"]],
      // A1-3: intervention for p8 on 08-01, contact logged by p2 on 08-05; p2 reported monthly.
      ["A1", "A1-3", "ok", ["contact monthly", "a problem was logged and later contact resolved it"]],
      // B2-1: p9 no response on 02-01, nothing logged since.
      ["B2", "B2-1", "at_risk", ["non-response reported or intervention, no contact logged since"]],
      // B2-2: two contacts logged for p6, no survey yet.
      ["B2", "B2-2", "thriving", ["at least two contacts logged, no problem logged"]],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/\bp\d+\b|@/);
  });

  it("counts classes per round", async () => {
    expect(await healthByRound(db)).toEqual([
      { round: "Z0", partnerships: 2, thriving: 0, ok: 1, at_risk: 0, failed: 1 },
      { round: "A1", partnerships: 3, thriving: 1, ok: 1, at_risk: 1, failed: 0 },
      { round: "B2", partnerships: 2, thriving: 1, ok: 0, at_risk: 1, failed: 0 },
    ]);
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
