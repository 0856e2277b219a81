/**
 * `npx tsx bench/site.ts`: builds the dashboards from a clean loader cache and an empty replay cache (`buildSite`) on the
 * demo database and measures, in headless Chromium, the matching page: the first re-match of the
 * pool it opens on (target under 300 ms), then 5 weight changes on the largest pool (the demo's 2016B):
 * the time from the slider's change event to the result on the page (target under 500 ms) and the
 * longest main-thread task meanwhile (PerformanceObserver long tasks; target none over 100 ms:
 * the solver runs in a Web Worker). Prints markdown table rows.
 *
 * Database: `ILN_DB`, else data/iln.duckdb, else a demo generated and ingested into a temporary
 * folder (adds about 15 s, not counted). Needs /usr/bin/chromium (Debian) for the browser figure;
 * without it the row says "n/a".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../scripts/build-site";
import { serveStatic } from "../scripts/start";
import { writeDemo } from "../src/demo";
import { ROOT } from "./lib";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** The demo database to build from, creating one in `tmp` when none exists. */
async function demoDb(tmp: string): Promise<string> {
  const given = [process.env.ILN_DB, path.join(ROOT, "data", "iln.duckdb")].find((p) => p && existsSync(p));
  if (given) return path.resolve(given);
  const demo = path.join(tmp, "demo");
  const db = path.join(tmp, "iln.duckdb");
  await writeDemo(demo);
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "ingest", demo, "--db", db], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr}`);
  return db;
}

/** What the browser measured on the matching page. */
interface BrowserFigures {
  opening: { people: number; ms: number };
  changes: { people: number; wall: number[]; worker: number[]; longest: number[] };
}

/**
 * The matching page in headless Chromium: the re-match of the pool the page opens on, then
 * `changes` weight changes on the largest pool whose label matches `poolLabel` (the whole 2016B
 * round of the demo). For each change: the time from the slider's change event to the result on the page
 * (wall), the worker's own time, and the longest main-thread task meanwhile (PerformanceObserver
 * "longtask" entries; none means none over 50 ms).
 */
async function browserFigures(url: string, poolLabel: RegExp, changes = 5): Promise<BrowserFigures> {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-bench-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
      // When each result reached the page: the status line's data-done-id changes.
      const d = window as unknown as { __done: { id: number; t: number }[] };
      d.__done = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as HTMLElement;
          if (r.attributeName === "data-done-id") d.__done.push({ id: Number(el.dataset.doneId), t: performance.now() });
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-done-id"] });
    });
    await page.goto(`${url}matching`, { waitUntil: "networkidle" });
    await page.waitForSelector(".rematch-status[data-done-id]", { timeout: 120_000 });
    const opening = await page.$eval(".rematch-status", (el) => ({ people: Number((el as HTMLElement).dataset.people), ms: Number((el as HTMLElement).dataset.ms) }));
    const done = () => page.$eval(".rematch-status", (el) => Number((el as HTMLElement).dataset.doneId ?? 0));
    const waitNext = async (old: number) =>
      page.waitForFunction((o) => Number((document.querySelector(".rematch-status") as HTMLElement | null)?.dataset.doneId ?? 0) > o && !document.querySelector(".rematch-status.is-busy"), old, { timeout: 120_000 });
    const pool = page.locator("#observablehq-main select").first();
    // The largest option matching poolLabel (the latest round's whole pool).
    const label = await pool.evaluate((el, re) => Array.from((el as HTMLSelectElement).options).map((o) => o.textContent ?? "").filter((t) => new RegExp(re).test(t)).sort((a, b) => Number(b.replace(/\D/g, "")) - Number(a.replace(/\D/g, "")))[0], poolLabel.source);
    if (!label) throw new Error(`the matching page offers no pool like ${poolLabel} (is the database synthetic?)`);
    let old = await done();
    await pool.selectOption({ label });
    await waitNext(old);
    const out: BrowserFigures["changes"] = { people: 0, wall: [], worker: [], longest: [] };
    for (let k = 0; k < changes; k++) {
      old = await done();
      const t0 = await page.evaluate((v) => {
        const lab = Array.from(document.querySelectorAll(".weights-form label")).find((l) => l.textContent?.trim() === "Shared interests");
        const range = lab?.parentElement?.querySelector("input[type=range]") as HTMLInputElement;
        range.value = String(v);
        const t = performance.now();
        range.dispatchEvent(new Event("input", { bubbles: true }));
        range.dispatchEvent(new Event("change", { bubbles: true }));
        return t;
      }, 1.5 + k * 0.5);
      await waitNext(old);
      const r = await page.evaluate((start) => {
        const el = document.querySelector(".rematch-status") as HTMLElement;
        const w = window as unknown as { __long: { start: number; duration: number }[]; __done: { id: number; t: number }[] };
        const during = w.__long.filter((e) => e.start + e.duration >= start);
        const shown = w.__done.find((d) => d.id === Number(el.dataset.doneId));
        return { people: Number(el.dataset.people), worker: Number(el.dataset.ms), wall: shown ? shown.t - start : Number(el.dataset.wallMs), longest: Math.max(0, ...during.map((e) => e.duration)) };
      }, t0);
      out.people = r.people;
      out.wall.push(r.wall);
      out.worker.push(r.worker);
      out.longest.push(r.longest);
    }
    return { opening, changes: out };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "iln-bench-site-"));
try {
  const dbPath = await demoDb(tmp);
  process.env.ILN_REPLAY_CACHE = path.join(tmp, "replays"); // an empty replay cache: a clean build
  const built = await buildSite({ dbPath, outDir: path.join(tmp, "dist"), quiet: true });
  console.log(`| site build (clean loader cache, ${path.basename(dbPath)}) | ${(built.ms / 1000).toFixed(1)} s | dist ${(built.bytes / 1024 / 1024).toFixed(2)} MB |`);
  if (existsSync(CHROMIUM)) {
    const { server, url } = await serveStatic(built.outDir, 0);
    try {
      const r = await browserFigures(url, /: all [\d,]+ registrations/);
      const c = r.changes;
      console.log(`| matching page opens on ${r.opening.people} people | first re-match ${r.opening.ms.toFixed(0)} ms in the worker (target < 300 ms) |`);
      console.log(`| weight change on ${c.people} people (5 changes) | result on the page in ${Math.min(...c.wall).toFixed(0)}-${Math.max(...c.wall).toFixed(0)} ms, median ${median(c.wall).toFixed(0)} (target < 500 ms); worker ${median(c.worker).toFixed(0)} ms; longest main-thread task ${Math.max(...c.longest).toFixed(0)} ms (target none over 100 ms; 0 = none over 50 ms) |`);
    } finally {
      server.close();
    }
  } else console.log("| browser figures | n/a (no /usr/bin/chromium) |");
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
