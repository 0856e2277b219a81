/**
 * Loading rounds for the matching (src/matching/round-data.ts).
 * - `loadOutcomes` and anonymous surveys: the weight fit learns from partner satisfaction only
 *   where an answer is linked to a partnership, so an anonymous survey's answers (no pseudonym)
 *   must reach no partnership. Expected answers from baseRound(): partner satisfaction Ana 4 and
 *   Fay 5 (T1-1), Ben 1 (his last partnership, T1-4), Dev 3 (T1-3).
 * - A shared cache of pool people reads each round's registrations once and changes nothing in
 *   what is loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../loaders/ingest";
import type { Db } from "../../src/db";
import { loadOutcomes, loadRoundData, type PeopleCache } from "../../src/matching/round-data";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

async function outcomes(survey: string): Promise<number[][]> {
  const dir = tempDir();
  const db = await freshDb(dir);
  try {
    await ingest(db, writeRound(dir, "T1", { ...baseRound(), "survey.csv": survey }), { pseudonymise: testPseudonymiser() });
    return (await loadOutcomes(db)).map((o) => [...o.partnerSatisfaction].sort());
  } finally {
    db.close();
  }
}

describe("loadOutcomes", () => {
  it("links partner satisfaction to partnerships by respondent, and an anonymous survey's to none", async () => {
    const survey = String(baseRound()["survey.csv"]);
    // Partnerships in file order: T1-1, T1-2, T1-3, T1-4.
    expect(await outcomes(survey)).toEqual([[4, 5], [], [3], [1]]);
    const anonymous = survey.trimEnd().split("\n").map((l) => l.replace(/^([^,]*),[^,]*,/, "$1,")).join("\n") + "\n";
    expect(await outcomes(anonymous)).toEqual([[], [], [], []]);
  });
});

describe("the people cache of loadRoundData and loadOutcomes", () => {
  let db: Db;
  beforeAll(async () => {
    const dir = tempDir();
    db = await freshDb(dir);
    await ingest(db, writeRound(dir, "T1", baseRound()), { pseudonymise: testPseudonymiser() });
  });
  afterAll(() => db.close());

  it("loads the same pool, matched pool and outcomes with the cache as without, each round's people read once", async () => {
    const people: PeopleCache = new Map();
    const data = await loadRoundData(db, "T1", { people });
    expect([...people.keys()]).toEqual(["T1"]);
    const cached = people.get("T1")!;
    expect(data.pool.people).toBe(cached);
    expect(data).toEqual(await loadRoundData(db, "T1"));
    const matched = await loadRoundData(db, "T1", { include: "matched", people });
    expect(matched).toEqual(await loadRoundData(db, "T1", { include: "matched" }));
    expect(matched.pool.people.length).toBeLessThan(cached.length);
    expect(people.get("T1")).toBe(cached); // the filter left the cached list alone
    expect(await loadOutcomes(db, undefined, { people })).toEqual(await loadOutcomes(db));
    expect([...people.keys()]).toEqual(["T1"]);
  });
});
