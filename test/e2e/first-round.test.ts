/**
 * A coordinator's first database, built into a site at each stage (scripts/build-site.ts, with
 * its disclosure audit across pages):
 * 1. the first round's registrations only ("registered, matching in progress"): no page has
 *    anything to declare to the audit but metrics.json, and the build must still succeed;
 * 2. the round matched and surveyed, by a survey without a comment column: themes.json has no
 *    commenting respondent to declare.
 * Before, both builds failed: "<loader> declared no figure to the disclosure audit and did not
 * say why".
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build-site";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");

function iln(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stderr: r.stderr };
}

/** The survey of baseRound() without its "Any other comments?" column (a quoted-free CSV of plain cells). */
function surveyWithoutComments(): string {
  const text = baseRound()["survey.csv"];
  const lines = text.trim().split("\n");
  // The comment column is the last one, and no comment holds a comma or a quote in baseRound().
  return lines.map((l) => l.slice(0, l.lastIndexOf(","))).join("\n") + "\n";
}

describe("a first database, built at each stage", () => {
  const dir = tempDir("iln-first-");
  const db = path.join(dir, "first.duckdb");

  it("builds the site from registrations only", async () => {
    const r = baseRound();
    const folder = writeRound(dir, "T1", { "round.json": r["round.json"], "registrations.csv": r["registrations.csv"] });
    expect(iln(["ingest", folder, "--db", db]).code).toBe(0);
    const out = path.join(dir, "dist1");
    await buildSite({ dbPath: db, outDir: out, quiet: true });
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
    expect(readdirSync(path.join(out, "_file", "data")).some((f) => f.startsWith("coverage."))).toBe(true);
  }, 300_000);

  it("builds the site once the round is matched and surveyed by a survey with no comment column", async () => {
    const r = baseRound();
    expect(r["survey.csv"].split("\n")[0].endsWith("Any other comments?")).toBe(true);
    const folder = writeRound(dir, "T1", { ...r, "survey.csv": surveyWithoutComments() });
    expect(iln(["ingest", folder, "--db", db]).code).toBe(0);
    const out = path.join(dir, "dist2");
    await buildSite({ dbPath: db, outDir: out, quiet: true });
    expect(readdirSync(path.join(out, "_file", "data")).some((f) => f.startsWith("themes."))).toBe(true);
  }, 300_000);
});
