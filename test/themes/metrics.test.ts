/**
 * Theme metrics on the small history of test/metrics/fixture.ts with comments added:
 *   A1 p1 (completed, academic, AU): "Thank you so much, I made a good friend."  -> gratitude, connection
 *   A1 p6 (completed, public, JP):   "Great ideas for my library."               -> new_ideas
 *   A1 p5 (completed, academic, NZ): "My partner never replied."                 -> partner_unresponsive
 *   A1 p7 (completed, school, FR):   "   " (blank: not a commenting respondent)
 *   A1 p2 (completed, public, US):   "Thanks!"                                    -> gratitude
 *   B2 p9 (active, academic, BR):    "Too busy at work."                          -> time_pressure
 * Expected counts are by hand from these; intervals are the Wilson values of fixture.ts (Python 3).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Db } from "../../src/db";
import { compareProportions } from "../../src/metrics/stats";
import { loadCodebook } from "../../src/themes/codebook";
import { createCoder, type Coder } from "../../src/themes/coder";
import { codedRespondents, themesDocument } from "../../src/themes/metrics";
import { W, addAnswer, historyDb } from "../metrics/fixture";

let db: Db;
let coder: Coder;
const COMMENTS: [string, string, string][] = [
  ["A1", "p1", "Thank you so much, I made a good friend."],
  ["A1", "p6", "Great ideas for my library."],
  ["A1", "p5", "My partner never replied."],
  ["A1", "p7", "   "],
  ["A1", "p2", "Thanks!"],
  ["B2", "p9", "Too busy at work."],
];

beforeAll(async () => {
  db = await historyDb();
  await addAnswer(db, "B2", "p9", { prog: 3 });
  for (const [round, pid, text] of COMMENTS) await db.run(sql`UPDATE survey_responses SET comments = ${text} WHERE round_id = ${round} AND pid = ${pid}`);
  coder = createCoder(loadCodebook());
});
afterAll(() => db?.close());

describe("theme metrics", () => {
  it("codes the non-blank comments with each respondent's outcome, sector and region", async () => {
    const people = await codedRespondents(db, coder);
    expect(people.map((p) => [p.round, p.outcome, p.sector, p.region, p.coded.themes.join(";")]).sort()).toEqual([
      ["A1", "completed", "academic", "Oceania", "connection;gratitude"],
      ["A1", "completed", "academic", "Oceania", "partner_unresponsive"],
      ["A1", "completed", "public", "Americas", "gratitude"],
      ["A1", "completed", "public", "Asia", "new_ideas"],
      ["B2", "active", "academic", "Americas", "time_pressure"],
    ]);
  });

  it("per round: n commenting respondents, count, share and Wilson interval per theme, mean sentiment", async () => {
    const doc = await themesDocument(db, coder);
    expect(doc.rounds.map((r) => [r.round, r.n, r.respondents])).toEqual([["Z0", 0, 0], ["A1", 4, 5], ["B2", 1, 1]]);
    const a1 = doc.rounds[1];
    const share = (id: string) => a1.themes.find((t) => t.theme === id)!;
    expect(share("gratitude")).toEqual({ theme: "gratitude", n: 4, count: 2, share: 0.5, ci: W["2/4"] });
    expect(share("connection")).toEqual({ theme: "connection", n: 4, count: 1, share: 0.25, ci: W["1/4"] });
    expect(share("motivation")).toEqual({ theme: "motivation", n: 4, count: 0, share: 0, ci: W["0/4"] });
    const sentiments = COMMENTS.filter(([r, , t]) => r === "A1" && t.trim()).map(([, , t]) => coder.code(t).sentiment);
    expect(a1.sentiment).toBeCloseTo(sentiments.reduce((s, x) => s + x, 0) / 4, 12);
    expect(doc.rounds[0]).toMatchObject({ n: 0, sentiment: null });
    expect(doc.rounds[0].themes[0]).toMatchObject({ count: 0, share: null, ci: null });
    expect(doc.overall.n).toBe(5);
    expect(doc.overall.themes.find((t) => t.theme === "gratitude")!.count).toBe(2);
    expect(doc.synthetic).toBe(false);
    expect(doc.codebook.map((t) => t.id)).toContain("suggestion");
  });

  it("by segment: outcome, sector and region groups of a round", async () => {
    const a1 = (await themesDocument(db, coder, { round: "A1" })).rounds[0];
    const seg = (s: string, v: string) => a1.segments.find((x) => x.segment === s && x.value === v)!;
    expect(seg("outcome", "completed").n).toBe(4);
    expect(seg("sector", "public")).toMatchObject({ n: 2 });
    expect(seg("sector", "public").themes.find((t) => t.theme === "gratitude")).toMatchObject({ count: 1, share: 0.5, ci: W["1/2"] });
    expect(seg("region", "Oceania").n).toBe(2);
  });

  it("the trend compares the last two rounds with comments", async () => {
    const doc = await themesDocument(db, coder);
    const t = doc.trend.find((x) => x.theme === "time_pressure")!;
    expect(t).toMatchObject({ from: "A1", to: "B2", ...compareProportions(0, 4, 1, 1) });
    expect(doc.trend).toHaveLength(11);
    expect((await themesDocument(db, coder, { round: "A1" })).trend).toEqual([]);
  });

  it("rejects an unknown round", async () => {
    await expect(themesDocument(db, coder, { round: "nope" })).rejects.toThrow(/unknown round "nope"/);
  });
});
