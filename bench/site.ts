/**
 * `npx tsx bench/site.ts`: builds the dashboards from a clean loader cache and an empty replay cache (`buildSite`) on the
 * demo database and measures, in headless Chromium, the matching page's re-match of an
 * 800-person pool after a weight change (the figure the page shows: score all pairs, exact
 * solve, quality summary; median of 5 weight changes). Prints one markdown table row:
 *
 *     | site build (clean cache) | <s> s | dist <MB> MB | browser re-match, 800 people | <ms> ms |
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

/** Median in-page re-match time (ms) of the 800-person pool over `changes` weight changes. */
async function browserRematchMs(url: string, changes = 5): Promise<{ ms: number; people: number }> {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-bench-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}matching`, { waitUntil: "networkidle" });
    await page.waitForSelector(".rematch-time", { timeout: 60_000 });
    const next = async (action: () => Promise<unknown>) => {
      await page.evaluate(() => ((window as unknown as { __old: Element | null }).__old = document.querySelector(".rematch-time")));
      await action();
      await page.waitForFunction(() => {
        const el = document.querySelector(".rematch-time");
        return el && el !== (window as unknown as { __old: Element | null }).__old;
      }, undefined, { timeout: 60_000 });
      return page.$eval(".rematch-time", (el) => ({ ms: Number((el as HTMLElement).dataset.ms), people: Number((el as HTMLElement).dataset.people) }));
    };
    const pool = page.locator("#observablehq-main select").first();
    const label = await pool.evaluate((el) => Array.from((el as HTMLSelectElement).options).map((o) => o.textContent ?? "").find((t) => /first 800/.test(t)));
    if (!label) throw new Error("the matching page offers no 800-person pool (is the database synthetic?)");
    await next(() => pool.selectOption({ label }));
    const times: number[] = [];
    let people = 0;
    for (let k = 0; k < changes; k++) {
      const r = await next(() =>
        page.evaluate((v) => {
          const lab = Array.from(document.querySelectorAll(".weights-form label")).find((l) => l.textContent?.trim() === "Shared interests (Jaccard)");
          const range = lab?.parentElement?.querySelector("input[type=range]") as HTMLInputElement;
          range.value = String(v);
          range.dispatchEvent(new Event("input", { bubbles: true }));
          range.dispatchEvent(new Event("change", { bubbles: true }));
        }, 1.5 + k * 0.5),
      );
      times.push(r.ms);
      people = r.people;
    }
    return { ms: median(times), people };
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
  let browser = "n/a (no /usr/bin/chromium)";
  if (existsSync(CHROMIUM)) {
    const { server, url } = await serveStatic(built.outDir, 0);
    try {
      const r = await browserRematchMs(url);
      browser = `${r.ms.toFixed(0)} ms (${r.people} people, median of 5 weight changes)`;
    } finally {
      server.close();
    }
  }
  console.log(`| site build (clean loader cache, ${path.basename(dbPath)}) | ${(built.ms / 1000).toFixed(1)} s | dist ${(built.bytes / 1024 / 1024).toFixed(2)} MB | browser re-match after a weight change | ${browser} |`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
