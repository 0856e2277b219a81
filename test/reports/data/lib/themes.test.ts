/**
 * The themes page's data (reports/data/lib/themes.ts and the loader reports/data/themes.json.ts):
 * small cells suppressed, and no comment text in what a public build publishes. Expected
 * suppression follows the rules of reports/data/lib/publish.ts by hand (min cell 5).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exampleQuotes, publishThemes } from "../../../../reports/data/lib/themes";
import { sql } from "../../../../src/db";
import { loadCodebook } from "../../../../src/themes/codebook";
import { createCoder } from "../../../../src/themes/coder";
import { codedRespondents, themeGroup, type ThemesDocument } from "../../../../src/themes/metrics";
import { historyDb } from "../../../metrics/fixture";

const ROOT = path.resolve(__dirname, "../../../..");
const COMMENT = (i: number) => `Thank you so much, Person One, I made a good friend in Brazil and got ideas number ${i}.`;

let dbPath = "";
beforeAll(async () => {
  const db = await historyDb();
  // Twelve respondents in B2 (p1, p6, p9, p10 and eight more pids without registrations).
  const pids = ["p1", "p6", "p9", "p10", ...Array.from({ length: 8 }, (_, i) => `x${i}`)];
  for (const [i, pid] of pids.entries()) {
    await db.run(sql`INSERT INTO survey_responses (round_id, pid, submitted_at, methods, comments, source_row) VALUES ('B2', ${pid}, '2015-05-01 00:00:00', []::VARCHAR[], ${i < 6 ? COMMENT(i) : "My partner never replied, sadly."}, ${i + 2})`);
  }
  dbPath = db.path;
  db.close();
});

function runLoader(env: Record<string, string>): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "reports/data/themes.json.ts"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ILN_DB: dbPath, ILN_MIN_CELL: "5", ...env } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("themes.json", () => {
  it("publishes shares of groups of at least 5 commenting respondents, and no comment text", () => {
    const r = runLoader({ ILN_INTERNAL_BUILD: "" });
    expect(r.status, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.quotes).toBeUndefined();
    expect(doc.rounds.map((x: { round: string }) => x.round)).toEqual(["B2"]);
    const b2 = doc.rounds[0];
    expect(b2.n).toBe(12);
    // gratitude 6 of 12 published; partner_unresponsive 6 of 12 published; confidence 0 of 12: its complement 12 is fine.
    expect(b2.themes.find((t: { theme: string }) => t.theme === "gratitude")).toMatchObject({ count: 6, share: 0.5 });
    for (const needle of ["Person", "Brazil", "never replied", "good friend", "Thank you so much"]) expect(r.out).not.toContain(needle);
    // segments: outcome=unknown has 8 people (published), outcome=active 4 (hidden and counted)
    expect(doc.segments.some((s: { segment: string; value: string }) => s.segment === "outcome" && s.value === "active")).toBe(false);
    expect(doc.hidden_groups).toBeGreaterThan(0);
  });

  it("an internal build (ILN_INTERNAL_BUILD=1) adds example quotes with names, places and identities redacted", () => {
    const r = runLoader({ ILN_INTERNAL_BUILD: "1" });
    expect(r.status, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.quotes.length).toBeGreaterThan(0);
    for (const q of doc.quotes) expect(q.text).not.toMatch(/Person|One|Brazil/);
    expect(doc.quotes.find((q: { theme: string }) => q.theme === "gratitude").text).toMatch(/^Thank you so much, \[…\], I made a good friend in \[…\] and got ideas number \d\.$/);
  });
});

describe("publishThemes (min 5)", () => {
  const ids = ["a", "b"];
  const group = (themes: string[][]) => themeGroup(themes.map((t) => ({ themes: t, triggers: {}, sentiment: 0 })), ids);
  const doc = (groups: ThemesDocument["rounds"]): ThemesDocument => ({ synthetic: true, codebook: [], rounds: groups, overall: group([]), trend: [] });

  it("drops rounds under 5 commenting respondents and hides a share whose count or complement is small", () => {
    const r1 = { round: "R1", respondents: 9, ...group([["a"], [], ["a"]]), segments: [] };
    const r2 = { round: "R2", respondents: 20, ...group([...Array(7).fill(["a"]), ["a", "b"], ["b"], []]), segments: [] };
    const p = publishThemes(doc([r1, r2]), 5);
    expect(p.rounds.map((r) => r.round)).toEqual(["R2"]);
    expect(p.hidden_groups).toBe(1);
    // a: 8 of 10 -> complement 2 is small -> hidden; b: 2 of 10 -> small -> hidden
    expect(p.rounds[0].themes).toEqual([
      { theme: "a", n: 10, count: null, share: null, ci: null },
      { theme: "b", n: 10, count: null, share: null, ci: null },
    ]);
    expect(p.overall).toBeNull();
  });

  it("example quotes are redacted", async () => {
    const db = await historyDb();
    try {
      await db.run(sql`UPDATE survey_responses SET comments = 'Working with Person One in Japan gave me ideas.' WHERE round_id = 'A1' AND pid = 'p1'`);
      const coder = createCoder(loadCodebook());
      const q = exampleQuotes(await codedRespondents(db, coder), coder, ["Person One", "p1@example.org"]);
      expect(q).toEqual([{ theme: "new_ideas", round: "A1", text: "Working with […] in […] gave me ideas." }]);
    } finally {
      db.close();
    }
  });
});
