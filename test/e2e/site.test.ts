/**
 * The published dashboards, end to end: the demo is generated and ingested into a temporary
 * database, the site is built ONCE (offline: the build's fetch throws) into a temporary folder
 * and served on 127.0.0.1; then
 * - every page is driven in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 *   no console error, no request leaving 127.0.0.1, every chart card has its SVG, title,
 *   takeaway and downloads, and the synthetic banner shows when the data are synthetic;
 * - every file of the build is scanned for each email, name, pseudonym and comment of the input.
 * Browser checks skip with a message when /usr/bin/chromium is absent (CI installs it).
 * - the matching page re-runs the exact matcher in the browser: moving a weight slider changes the
 *   displayed result; the re-match time of an 800-person pool is printed (no timing assertion).
 * Set ILN_SCREENSHOTS=<dir> to save a full-page screenshot of every page.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, MAX_DIST_BYTES } from "../../scripts/build-site";
import { serveStatic } from "../../scripts/start";
import { openDatabase, sql } from "../../src/db";
import { writeDemo } from "../../src/demo";

const ROOT = path.resolve(__dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * The needles found in `haystack` (both compared lower-case): an index on each needle's first
 * four characters makes one pass over the haystack enough. Needles shorter than 4 are ignored.
 */
function findAny(haystack: string, needles: Iterable<string>): string[] {
  const byPrefix = new Map<string, string[]>();
  for (const n of needles) {
    const needle = n.toLowerCase();
    if (needle.length < 4) continue;
    const list = byPrefix.get(needle.slice(0, 4)) ?? [];
    list.push(needle);
    byPrefix.set(needle.slice(0, 4), list);
  }
  const hay = haystack.toLowerCase();
  const found = new Set<string>();
  for (let i = 0; i + 4 <= hay.length; i++) {
    const list = byPrefix.get(hay.slice(i, i + 4));
    if (list) for (const needle of list) if (hay.startsWith(needle, i)) found.add(needle);
  }
  return [...found];
}

describe("published dashboards (built from the demo)", () => {
  let tmp = "";
  let dbPath = "";
  let demoDir = "";
  let outDir = "";
  let server: Server | undefined;
  let url = "";
  let synthetic = false;
  let built: { ms: number; bytes: number } = { ms: 0, bytes: 0 };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "iln-site-"));
    demoDir = path.join(tmp, "demo");
    dbPath = path.join(tmp, "iln.duckdb");
    outDir = path.join(tmp, "dist");
    await writeDemo(demoDir);
    const ingest = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "ingest", demoDir, "--db", dbPath], { cwd: ROOT, encoding: "utf8" });
    if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      const [row] = await db.all<{ s: boolean }>(sql`SELECT coalesce(bool_or(synthetic), false) AS s FROM rounds`);
      synthetic = row.s;
    } finally {
      db.close();
    }
    process.env.ILN_REPLAY_CACHE = path.join(tmp, "replays"); // an empty replay cache, removed with tmp
    built = await buildSite({ dbPath, outDir, quiet: true });
    console.error(`site built from a clean loader cache in ${(built.ms / 1000).toFixed(1)} s, ${(built.bytes / 1024 / 1024).toFixed(2)} MB`);
    ({ server, url } = await serveStatic(outDir, 0));
  }, 300_000);

  afterAll(() => {
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("writes every page, under the 15 MB budget", () => {
    const pages = files(outDir).filter((f) => f.endsWith(".html")).map((f) => path.relative(outDir, f));
    for (const p of ["index.html", "satisfaction.html", "retention.html", "coverage.html", "health.html", "themes.html", "matching.html", "methods.html"]) expect(pages).toContain(p);
    const rounds = readdirSync(demoDir).filter((d) => statSync(path.join(demoDir, d)).isDirectory());
    for (const r of rounds) expect(pages).toContain(path.join("rounds", `${r}.html`));
    expect(built.bytes).toBeLessThan(MAX_DIST_BYTES);
  });

  it("publishes no email, name, pseudonym or comment of the input", async () => {
    const db = await openDatabase(dbPath, { readOnly: true });
    let needles: string[];
    try {
      const people = await db.all<{ pid: string; email: string; name: string | null }>(sql`SELECT pid, email, name FROM identities`);
      const comments = await db.all<{ c: string }>(sql`SELECT comments AS c FROM survey_responses WHERE comments IS NOT NULL AND length(trim(comments)) >= 12`);
      needles = [...people.flatMap((p) => [p.pid, p.email, p.name ?? ""]), ...comments.map((c) => c.c.trim())];
      expect(people.length).toBeGreaterThan(1000);
      expect(comments.length).toBeGreaterThan(10);
    } finally {
      db.close();
    }
    // Emails as they appear in the raw exports too (before trimming and lower-casing).
    const raw = files(demoDir).filter((f) => f.endsWith(".csv")).map((f) => readFileSync(f, "latin1")).join("\n");
    const rawEmails = raw.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
    expect(rawEmails.length).toBeGreaterThan(1000);
    needles.push(...rawEmails);
    const site = files(outDir).map((f) => `${readFileSync(f, "utf8")}\n${f}`).join("\n");
    expect(findAny(site, needles)).toEqual([]);
    // No email-shaped string at all.
    expect(site.match(/[\w.+-]+@[\w-]+\.(org|com|net|edu|example|test|invalid)\b/gi) ?? []).toEqual([]);
  });

  const browserTest = "drives every page in Chromium: no console error, nothing leaves 127.0.0.1, every chart drawn";
  it.skipIf(!hasChromium)(hasChromium ? browserTest : `${browserTest} (skipped: ${CHROMIUM} is absent; apt-get install chromium)`, async () => {
    const { chromium } = await import("playwright-core");
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const shots = process.env.ILN_SCREENSHOTS;
    if (shots) mkdirSync(shots, { recursive: true });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error on ${page.url()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
      context.on("request", (r) => {
        const u = r.url();
        if (!u.startsWith(url) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push(`request left 127.0.0.1: ${u}`);
      });
      const pages = files(outDir)
        .filter((f) => f.endsWith(".html") && !f.endsWith("404.html"))
        .map((f) => path.relative(outDir, f).replace(/\.html$/, "").replace(/^index$/, ""));
      let charts = 0;
      for (const p of pages) {
        await page.goto(url + p, { waitUntil: "networkidle" });
        await page.waitForFunction(() => {
          const cards = Array.from(document.querySelectorAll(".chart-card"));
          return document.querySelector("#observablehq-main h1") && cards.every((c) => c.querySelector(".chart-body svg"));
        }, undefined, { timeout: 15_000 });
        expect(await page.locator(".observablehq--error").count(), `cell errors on /${p}`).toBe(0);
        expect(await page.locator(".synthetic-banner").count(), `banner on /${p}`).toBe(synthetic ? 1 : 0);
        const cards = await page.$$eval(".chart-card", (els) =>
          els.map((e) => ({
            id: e.id,
            title: e.querySelector("h2")?.textContent?.trim() ?? "",
            takeaway: e.querySelector(".takeaway")?.textContent?.trim() ?? "",
            svgs: e.querySelectorAll(".chart-body svg").length,
            buttons: Array.from(e.querySelectorAll(".downloads button")).map((b) => b.textContent),
          })),
        );
        if (!["methods"].includes(p)) expect(cards.length, `charts on /${p}`).toBeGreaterThan(0);
        for (const c of cards) {
          expect(c.title, `title of ${c.id} on /${p}`).not.toBe("");
          expect(c.takeaway.length, `takeaway of ${c.id} on /${p}`).toBeGreaterThan(20);
          expect(c.svgs, `svg of ${c.id} on /${p}`).toBeGreaterThan(0);
          expect(c.buttons).toEqual(["Download SVG", "Download PNG"]);
        }
        charts += cards.length;
        if (shots) await page.screenshot({ path: path.join(shots, `${p.replace(/\//g, "_") || "index"}.png`), fullPage: true });
      }
      expect(charts).toBeGreaterThan(20);

      // The downloads produce a standalone SVG and a PNG.
      await page.goto(url, { waitUntil: "networkidle" });
      await page.waitForSelector(".chart-card .chart-body svg");
      const card = page.locator(".chart-card").first();
      const [svgDownload] = await Promise.all([page.waitForEvent("download"), card.locator(".download-svg").click()]);
      const svgText = readFileSync((await svgDownload.path())!, "utf8");
      expect(svgText.startsWith("<svg")).toBe(true);
      expect(svgText).toContain(await card.locator("h2").textContent());
      const [pngDownload] = await Promise.all([page.waitForEvent("download"), card.locator(".download-png").click()]);
      const png = readFileSync((await pngDownload.path())!);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 240_000);

  const matchingTest = "matching page: re-matches live in Chromium when a weight changes, offline, without console errors";
  it.skipIf(!hasChromium)(hasChromium ? matchingTest : `${matchingTest} (skipped: ${CHROMIUM} is absent)`, async () => {
    const { chromium } = await import("playwright-core");
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      context.on("request", (r) => {
        const u = r.url();
        if (!u.startsWith(url) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push(`request left 127.0.0.1: ${u}`);
      });
      await page.goto(`${url}matching`, { waitUntil: "networkidle" });
      // The precomputed replay charts are always there.
      await page.waitForSelector("#replay-score .chart-body svg", { timeout: 30_000 });
      await page.waitForSelector("#replay-prediction .chart-body svg");
      if (!synthetic) {
        // Real data: aggregates only, no live controls, and the page says why.
        expect(await page.locator(".weights-form").count()).toBe(0);
        expect(await page.locator(".privacy-note").textContent()).toContain("re-identify");
        expect(problems).toEqual([]);
        return;
      }
      // Synthetic demo: live controls; the first re-match (latest round) draws the breakdown charts.
      await page.waitForSelector(".rematch-time", { timeout: 60_000 });
      for (const id of ["live-region", "live-sector", "live-stage"]) await page.waitForSelector(`#${id} .chart-body svg`);
      // Pick the 800-person pool and wait for its re-match.
      const rematched = async (action: () => Promise<unknown>) => {
        await page.evaluate(() => ((window as unknown as { __old: Element | null }).__old = document.querySelector(".rematch-time")));
        const t0 = Date.now();
        await action();
        await page.waitForFunction(() => {
          const el = document.querySelector(".rematch-time");
          return el && el !== (window as unknown as { __old: Element | null }).__old;
        }, undefined, { timeout: 60_000 });
        const wall = Date.now() - t0;
        const info = await page.$eval(".rematch-time", (el) => ({ ms: Number((el as HTMLElement).dataset.ms), people: Number((el as HTMLElement).dataset.people) }));
        const total = await page.locator(".big-number .value").first().textContent();
        const shares = await page.locator(".share-table").textContent();
        return { ...info, wall, total, shares };
      };
      const pool = page.locator("#observablehq-main select").first();
      const label = await pool.evaluate((el) => Array.from((el as HTMLSelectElement).options).map((o) => o.textContent ?? "").find((t) => /first 800/.test(t)));
      expect(label, "an 800-person pool option").toBeTruthy();
      const before = await rematched(() => pool.selectOption({ label: label as string }));
      expect(before.people).toBe(800);
      // Move the "Sector wish met" weight from 3 to 0 as a user would (input while dragging, change on release).
      const setWeight = (name: string, value: number) =>
        page.evaluate(
          ([n, v]) => {
            const lab = Array.from(document.querySelectorAll(".weights-form label")).find((l) => l.textContent?.trim() === n);
            const range = lab?.parentElement?.querySelector("input[type=range]") as HTMLInputElement | null;
            if (!range) throw new Error(`no slider ${n}`);
            range.value = String(v);
            range.dispatchEvent(new Event("input", { bubbles: true }));
            range.dispatchEvent(new Event("change", { bubbles: true }));
          },
          [name, value] as const,
        );
      const after = await rematched(() => setWeight("Sector wish met", 0));
      expect(after.people).toBe(800);
      expect(after.total).not.toBe(before.total);
      expect(after.shares).not.toBe(before.shares);
      console.error(`browser re-match of ${after.people} people after a weight change: ${after.ms.toFixed(0)} ms (page figure), ${after.wall} ms until the page showed it`);
      // Violations of the exact matcher are always 0.
      expect(await page.locator(".big-number", { hasText: "Hard-rule violations" }).locator(".value").textContent()).toBe("0");
      // Reset restores the default weights' result.
      const reset = await rematched(() => page.getByRole("button", { name: "Reset weights to the defaults" }).click());
      expect(reset.total).toBe(before.total);
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
