/**
 * `loadOutcomes` (src/matching/round-data.ts) and anonymous surveys: the weight fit learns from
 * partner satisfaction only where an answer is linked to a partnership, so an anonymous survey's
 * answers (no pseudonym) must reach no partnership. Expected answers from baseRound(): partner
 * satisfaction Ana 4 and Fay 5 (T1-1), Ben 1 (his last partnership, T1-4), Dev 3 (T1-3).
 */
import { describe, expect, it } from "vitest";
import { ingest } from "../../loaders/ingest";
import { loadOutcomes } from "../../src/matching/round-data";
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
