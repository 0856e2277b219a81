/**
 * Loading rounds for the matching (src/matching/round-data.ts): a shared cache of pool people
 * reads each round's registrations once and changes nothing in what is loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../loaders/ingest";
import type { Db } from "../../src/db";
import { loadOutcomes, loadRoundData, type PeopleCache } from "../../src/matching/round-data";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

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
