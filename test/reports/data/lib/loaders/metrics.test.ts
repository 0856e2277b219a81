/**
 * What metrics.json publishes beside the audited figures (lib/loaders/metrics.ts), on the small
 * round of test/helpers/small-round.ts: the NPS interval, not a sum of units, goes out only with
 * the promoter and detractor shares it depends on (docs/privacy.md, "Disclosure audit"). The rule
 * was tested on a copy in lib/publish.ts (publishNpsFull) that no loader called; this tests the
 * loader itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../../../src/db";
import { ingest } from "../../../../../loaders/ingest";
import { metricsData } from "../../../../../reports/data/lib/loaders/metrics";
import { freshDb, tempDir, testPseudonymiser, writeRound } from "../../../../helpers/rounds";
import { smallRound } from "../../../../helpers/small-round";

let db: Db;
beforeAll(async () => {
  const dir = tempDir();
  db = await freshDb(dir);
  await ingest(db, writeRound(dir, "S1", smallRound("S1")), { pseudonymise: testPseudonymiser() });
}, 120_000);
afterAll(() => db.close());

describe("metrics.json", () => {
  it("publishes the NPS interval only with both the promoter and the detractor shares", async () => {
    // Recommend answers i % 11 for i = 0..23: promoters (9-10) are i = 9, 10, 20, 21: 4 of 24, a
    // small cell, so their share is hidden; with the score and the interval's width it would come
    // back. Detractors (0-6): i = 0-6, 11-17, 22, 23: 16.
    const { rounds } = await metricsData(db, 5, () => {});
    const nps = rounds[0].nps!;
    expect(nps).toMatchObject({ n: 24, promoters: { share: null, count: null } });
    expect(nps.score).toBeCloseTo(((4 - 16) / 24) * 100, 6);
    expect(nps.ci).toBeNull();
    // With a minimum cell of 4, both shares (4 and 16 of 24) are publishable and so is the interval.
    const open = (await metricsData(db, 4, () => {})).rounds[0].nps!;
    expect(open.promoters.share).toBeCloseTo(4 / 24, 9);
    expect(open.ci).not.toBeNull();
  });
});
