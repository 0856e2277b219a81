/**
 * The published dashboards, end to end: the demo is generated and ingested into a temporary
 * database, the site is built ONCE (offline: the build's fetch throws) into a temporary folder
 * and served on 127.0.0.1; then
 * - every page is driven in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 *   no console error, no request leaving 127.0.0.1, every chart card has its SVG, title,
 *   takeaway and downloads, and the synthetic banner shows when the data are synthetic;
 * - every file of the build is scanned for each email, name, pseudonym and comment of the input.
 * Browser checks skip with a message when /usr/bin/chromium is absent (CI installs it).
 * - no page shows "undefined", "NaN" or "Infinity", in the demo's build and in a build whose
 *   database also holds a round with registrations only;
 * - a chart's SVG and PNG downloads carry its title, takeaway, source line and, for synthetic data,
 *   the SYNTHETIC DATA label;
 * - the matching page re-matches in a Web Worker: a weight change, a lock and a forbid each bring a
 *   new result, and the proposal downloads in the columns `iln match` writes (no timing
 *   assertion: timings are `npm run bench`'s).
 * Set ILN_SCREENSHOTS=<dir> to save a full-page screenshot of every page.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DIST_BYTES } from "../../scripts/build-site";
import { serveStatic } from "../../scripts/start";
import { openDatabase, sql } from "../../src/db";
import { MATCH_COLUMNS } from "../../src/matching/proposal-csv";
import { writeDemo } from "../../src/demo";
import { buildSiteExclusive } from "../helpers/site";

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

/**
 * "undefined", "NaN" and "Infinity" as words in the page's text, each with some context: a value
 * that went missing and was printed anyway.
 */
async function badWords(page: import("playwright-core").Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...text.matchAll(/.{0,40}\b(undefined|NaN|Infinity)\b.{0,20}/g)].map((m) => m[0]);
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
    built = await buildSiteExclusive({ dbPath, outDir, quiet: true }); // one build at a time: test/helpers/site.ts
    console.error(`site built from a clean loader cache in ${(built.ms / 1000).toFixed(1)} s, ${(built.bytes / 1024 / 1024).toFixed(2)} MB`);
    ({ server, url } = await serveStatic(outDir, 0));
  }, 300_000);

  afterAll(() => {
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("writes every page, under the 15 MB budget", () => {
    const pages = files(outDir).filter((f) => f.endsWith(".html")).map((f) => path.relative(outDir, f));
    for (const p of ["index.html", "satisfaction.html", "retention.html", "coverage.html", "health.html", "themes.html", "network.html", "matching.html", "methods.html"]) expect(pages).toContain(p);
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
          return document.querySelector("#observablehq-main h1") && cards.every((c) => !c.querySelector(".chart-body") || c.querySelector(".chart-body svg"));
        }, undefined, { timeout: 15_000 });
        expect(await page.locator(".observablehq--error").count(), `cell errors on /${p}`).toBe(0);
        expect(await badWords(page), `"undefined", "NaN" or "Infinity" on /${p}`).toEqual([]);
        expect(await page.locator("#observablehq-main p.lead").count(), `the opening sentence of /${p}`).toBe(1);
        expect(await page.locator(".synthetic-banner").count(), `banner on /${p}`).toBe(synthetic ? 1 : 0);
        const cards = await page.$$eval(".chart-card", (els) =>
          els.map((e) => ({
            id: e.id,
            title: e.querySelector("h2")?.textContent?.trim() ?? "",
            takeaway: e.querySelector(".takeaway")?.textContent?.trim() ?? "",
            body: e.querySelector(".chart-body") !== null,
            svgs: e.querySelectorAll(".chart-body svg").length,
            buttons: Array.from(e.querySelectorAll(".downloads button")).map((b) => b.textContent),
          })),
        );
        if (!["methods"].includes(p)) expect(cards.length, `charts on /${p}`).toBeGreaterThan(0);
        for (const c of cards) {
          expect(c.title, `title of ${c.id} on /${p}`).not.toBe("");
          expect(c.takeaway.length, `takeaway of ${c.id} on /${p}`).toBeGreaterThan(20);
          // A card with nothing publishable says so in its sentence and draws no chart (ChartCard(null)).
          if (!c.body) {
            expect(c.buttons, `downloads of the chartless ${c.id} on /${p}`).toEqual([]);
            continue;
          }
          expect(c.svgs, `svg of ${c.id} on /${p}`).toBeGreaterThan(0);
          expect(c.buttons).toEqual(["Download SVG", "Download PNG"]);
          charts++;
        }
        if (shots) await page.screenshot({ path: path.join(shots, `${p.replace(/\//g, "_") || "index"}.png`), fullPage: true });
      }
      expect(charts).toBeGreaterThan(20);

      // The downloads produce a standalone SVG and a PNG, carrying title, takeaway, source line
      // (n and build date) and, for synthetic data, the label.
      await page.goto(url, { waitUntil: "networkidle" });
      await page.waitForSelector(".chart-card .chart-body svg");
      const card = page.locator(".chart-card").first();
      const [svgDownload] = await Promise.all([page.waitForEvent("download"), card.locator(".download-svg").click()]);
      const svgText = readFileSync((await svgDownload.path())!, "utf8");
      expect(svgText.startsWith("<svg")).toBe(true);
      const words = svgText.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/\s+/g, " ");
      expect(words).toContain((await card.locator("h2").textContent())!.trim());
      expect(words).toContain(((await card.locator(".takeaway").textContent()) ?? "").trim().split(/\s+/).slice(0, 4).join(" "));
      expect(words).toMatch(/Source: ILN outcomes toolkit, .*n = [\d,]+|Source: ILN outcomes toolkit, .*\d[\d,]* people/);
      expect(words).toMatch(/built \d{4}-\d{2}-\d{2}/);
      if (synthetic) expect(words).toContain("SYNTHETIC DATA");
      else expect(words).not.toContain("SYNTHETIC DATA");
      const [pngDownload] = await Promise.all([page.waitForEvent("download"), card.locator(".download-png").click()]);
      const png = readFileSync((await pngDownload.path())!);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 240_000);

  const matchingTest = "matching page: re-matches in a Web Worker on a weight change, a lock and a forbid, and downloads the proposal, offline, without console errors";
  it.skipIf(!hasChromium)(hasChromium ? matchingTest : `${matchingTest} (skipped: ${CHROMIUM} is absent)`, async () => {
    const { chromium } = await import("playwright-core");
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
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
      await page.waitForSelector("#replay-wishes .chart-body svg", { timeout: 30_000 });
      await page.waitForSelector("#replay-prediction .chart-body svg");
      if (!synthetic) {
        // Real data: aggregates only, no live controls, and the page says why.
        expect(await page.locator(".weights-form").count()).toBe(0);
        expect(await page.locator(".privacy-note").textContent()).toContain("identify people");
        expect(problems).toEqual([]);
        return;
      }
      // Synthetic demo: the first re-match arrives from the worker and draws the breakdown chart.
      await page.waitForSelector(".rematch-status[data-done-id]", { timeout: 60_000 });
      await page.waitForSelector("#live-breakdown .chart-body svg");
      const doneId = () => page.$eval(".rematch-status", (el) => Number((el as HTMLElement).dataset.doneId ?? 0));
      const rematched = async (action: () => Promise<unknown>) => {
        const old = await doneId();
        await action();
        await page.waitForFunction((o) => Number((document.querySelector(".rematch-status") as HTMLElement | null)?.dataset.doneId ?? 0) > o && !document.querySelector(".rematch-status.is-busy"), old, { timeout: 60_000 });
        // The page's cells have redrawn from this result when its tables carry its id.
        const id = await doneId();
        await page.waitForFunction((i) => document.querySelector(".pairs-table")?.getAttribute("data-result-id") === String(i) && document.querySelector(".share-table")?.getAttribute("data-result-id") === String(i), id, { timeout: 30_000 });
        const info = await page.$eval(".rematch-status", (el) => ({ ms: Number((el as HTMLElement).dataset.ms), wall: Number((el as HTMLElement).dataset.wallMs), people: Number((el as HTMLElement).dataset.people) }));
        const cards = await page.locator(".big-numbers").first().textContent();
        const shares = await page.locator(".share-table").textContent();
        const firstPair = await page.locator(".pairs-table tbody tr").first().textContent();
        return { ...info, cards, shares, firstPair };
      };
      const pool = page.locator("#observablehq-main select").first();
      const opening = await pool.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
      expect(opening, "the page opens on a whole round of at most 500 people").toMatch(/all [\d,]+ registrations/);
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
      expect(after.shares).not.toBe(before.shares);
      expect(await page.locator("#weights-words").textContent()).not.toContain("sector wish is met");
      console.error(`browser re-match of ${after.people} people after a weight change: ${after.ms.toFixed(0)} ms in the worker, ${after.wall.toFixed(0)} ms until the page had it`);
      // The exact matcher never breaks a hard rule.
      expect(await page.locator(".big-number", { hasText: "Hard rules broken" }).locator(".value").textContent()).toBe("0");
      // Lock the second proposed pair: it becomes pair 1, locked, and the rest is re-solved.
      const second = (await page.locator(".pairs-table tbody tr").nth(1).locator("td").nth(1).textContent())!.trim();
      const locked = await rematched(() => page.locator(".pairs-table tbody tr").nth(1).getByRole("button", { name: "Lock" }).click());
      expect(locked.firstPair).toContain(second);
      expect(await page.locator(".pairs-table tbody tr").first().getAttribute("class")).toContain("is-locked");
      expect(await page.locator(".edits-panel li").count()).toBe(1);
      // Forbid the (new) second pair: its two people get other partners.
      const pairRow = page.locator(".pairs-table tbody tr").nth(1);
      const [a, b] = [(await pairRow.locator("td").nth(1).textContent())!.trim(), (await pairRow.locator("td").nth(2).textContent())!.trim()];
      await rematched(() => pairRow.getByRole("button", { name: "Forbid" }).click());
      const rows = await page.locator(".pairs-table tbody tr").allTextContents();
      expect(rows.some((r) => r.includes(a) && r.includes(b))).toBe(false);
      expect(await page.locator(".edits-panel li").count()).toBe(2);
      // The proposal downloads in the columns iln match writes, the locked pair first.
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".download-proposal").click()]);
      const csv = readFileSync((await download.path())!, "utf8").trim().split("\r\n");
      expect(csv[0]).toBe(MATCH_COLUMNS.join(","));
      expect(csv[1]).toMatch(/^1,pool #\d+,.*,yes$/);
      expect(csv.length).toBeGreaterThan(300);
      // Reset restores the default weights (the edits stay).
      await rematched(() => page.getByRole("button", { name: "Reset weights to the defaults" }).click());
      expect(await page.locator("#weights-words").textContent()).toContain("sector wish is met");
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      expect(await badWords(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("published dashboards with a round that has registrations only", () => {
  let tmp = "";
  let outDir = "";
  let server: Server | undefined;
  let url = "";

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "iln-site-reg-"));
    const demoDir = path.join(tmp, "demo");
    const dbPath = path.join(tmp, "iln.duckdb");
    outDir = path.join(tmp, "dist");
    await writeDemo(demoDir);
    // The next round, registered but not matched yet: the latest round's applicants again.
    const last = readdirSync(demoDir).filter((d) => statSync(path.join(demoDir, d)).isDirectory()).sort().at(-1)!;
    const next = path.join(demoDir, "2017A");
    mkdirSync(next);
    const round = { ...JSON.parse(readFileSync(path.join(demoDir, last, "round.json"), "utf8")), id: "2017A", name: "Round 2017A", start: "2017-02-27", end: "2017-06-30" };
    writeFileSync(path.join(next, "round.json"), JSON.stringify(round));
    writeFileSync(path.join(next, "registrations.csv"), readFileSync(path.join(demoDir, last, "registrations.csv")));
    const ingest = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "ingest", demoDir, "--db", dbPath], { cwd: ROOT, encoding: "utf8" });
    if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
    process.env.ILN_REPLAY_CACHE = path.join(tmp, "replays");
    await buildSiteExclusive({ dbPath, outDir, quiet: true });
    ({ server, url } = await serveStatic(outDir, 0));
  }, 600_000);

  afterAll(() => {
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const test = 'no page shows "undefined", "NaN" or "Infinity", or a cell error, and each opens with its sentence';
  it.skipIf(!hasChromium)(hasChromium ? test : `${test} (skipped: ${CHROMIUM} is absent)`, async () => {
    const { chromium } = await import("playwright-core");
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-chromium-"));
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`page error on ${page.url()}: ${e.message}`));
      const pages = files(outDir)
        .filter((f) => f.endsWith(".html") && !f.endsWith("404.html"))
        .map((f) => path.relative(outDir, f).replace(/\.html$/, "").replace(/^index$/, ""));
      expect(pages).toContain(path.join("rounds", "2017A"));
      for (const p of pages) {
        await page.goto(url + p, { waitUntil: "networkidle" });
        await page.waitForSelector("#observablehq-main h1");
        await page.waitForTimeout(300);
        expect(await page.locator(".observablehq--error").count(), `cell errors on /${p}`).toBe(0);
        expect(await badWords(page), `/${p}`).toEqual([]);
        expect(await page.locator("#observablehq-main p.lead").count(), `the opening sentence of /${p}`).toBe(1);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
