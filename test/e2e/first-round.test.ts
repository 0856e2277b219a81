/**
 * A coordinator's first database, built into a site at each stage (scripts/build-site.ts, with
 * its disclosure audit across pages), and every page driven in Chromium:
 * 1. the first round's registrations only ("registered, matching in progress"): no page has
 *    anything to declare to the audit but metrics.json, and the build must still succeed; no page
 *    may show a cell error, "undefined", "NaN", "null", or a chart with nothing in it;
 * 2. the round matched and surveyed, by a survey without a comment column: themes.json has no
 *    commenting respondent to declare.
 * Before, both builds failed ("<loader> declared no figure to the disclosure audit and did not
 * say why"), and once built, the coverage and network pages showed cell errors.
 * Browser steps skip with a message when /usr/bin/chromium is absent.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serveStatic } from "../../scripts/start";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";
import { buildSiteExclusive, CHROMIUM, CHROMIUM_FLAGS, hasChromium } from "../helpers/site";

const ROOT = path.resolve(__dirname, "../..");

function iln(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stderr: r.stderr };
}

/** The survey of baseRound() without its "Any other comments?" column, its last (no comment holds a comma or a quote). */
function surveyWithoutComments(): string {
  const lines = String(baseRound()["survey.csv"]).trim().split("\n");
  return lines.map((l: string) => l.slice(0, l.lastIndexOf(","))).join("\n") + "\n";
}

/** Every page of `dist` in Chromium: cell errors, broken words and charts drawn with no mark, per page. */
async function pageProblems(dist: string): Promise<string[]> {
  const pages = readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html") && !f.endsWith("404.html"))
    .map((f) => f.replace(/\.html$/, "").replace(/^index$/, ""));
  const { chromium } = await import("playwright-core");
  const { server, url } = await serveStatic(dist, 0);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    for (const p of pages) {
      await page.goto(url + p, { waitUntil: "networkidle" });
      await page.waitForFunction(() => {
        const cards = Array.from(document.querySelectorAll(".chart-card"));
        return document.querySelector("#observablehq-main h1") && cards.every((c) => !c.querySelector(".chart-body") || c.querySelector(".chart-body svg"));
      }, undefined, { timeout: 20_000 });
      const errors = await page.locator(".observablehq--error").count();
      if (errors) problems.push(`/${p}: ${errors} cell error(s)`);
      const text = await page.locator("#observablehq-main").innerText();
      const bad = text.match(/\b(undefined|NaN|null|Infinity)\b/g);
      if (bad) problems.push(`/${p}: shows ${[...new Set(bad)].join(", ")}`);
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    server.close();
  }
  return problems;
}

describe("a first database, built at each stage", () => {
  const dir = tempDir("iln-first-");
  const db = path.join(dir, "first.duckdb");

  it("builds the site from registrations only, and no page breaks", async () => {
    const r = baseRound();
    const folder = writeRound(dir, "T1", { "round.json": r["round.json"], "registrations.csv": r["registrations.csv"] });
    expect(iln(["ingest", folder, "--db", db]).code).toBe(0);
    const out = path.join(dir, "dist1");
    await buildSiteExclusive({ dbPath: db, outDir: out, quiet: true });
    if (!hasChromium) return console.warn(`skipped the browser check: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    expect(await pageProblems(out)).toEqual([]);
  }, 300_000);

  it("builds the site once the round is matched and surveyed by a survey with no comment column", async () => {
    const r = baseRound();
    expect(String(r["survey.csv"]).split("\n")[0].endsWith("Any other comments?")).toBe(true);
    const folder = writeRound(dir, "T1", { ...r, "survey.csv": surveyWithoutComments() });
    expect(iln(["ingest", folder, "--db", db]).code).toBe(0);
    const out = path.join(dir, "dist2");
    await buildSiteExclusive({ dbPath: db, outDir: out, quiet: true });
    if (!hasChromium) return console.warn(`skipped the browser check: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    expect(await pageProblems(out)).toEqual([]);
  }, 300_000);
});
