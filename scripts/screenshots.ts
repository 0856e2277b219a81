/**
 * `npx tsx scripts/screenshots.ts [DIST] [OUT]`: serves a built site (default dist/) on
 * 127.0.0.1 and saves a full-page screenshot of every page at 1920x1080 and at 390 px wide (a
 * phone) into OUT (default bench/out/screens, ignored by git), for a person to look at before a
 * release. Prints, per page and width, the page's scroll width when it is wider than the window
 * (a horizontal scroll on a phone) and any "undefined", "NaN" or "Infinity" in the page's text.
 * Needs Debian's /usr/bin/chromium. Exit code 0 when every page was captured, 1 otherwise.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./start";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The two windows every page is looked at in. */
export const VIEWPORTS = [
  { name: "desktop", width: 1920, height: 1080 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Page paths of a built site (clean URLs, "" for the overview), 404 left out. */
export function sitePages(dist: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name.startsWith("_") ? [] : walk(path.join(dir, e.name))) : [path.join(dir, e.name)]));
  return walk(dist)
    .filter((f) => f.endsWith(".html") && !f.endsWith("404.html"))
    .map((f) => path.relative(dist, f).replace(/\.html$/, "").replace(/^index$/, ""))
    .sort();
}

async function main(): Promise<void> {
  const dist = path.resolve(process.argv[2] ?? path.join(PROJECT, "dist"));
  const out = path.resolve(process.argv[3] ?? path.join(PROJECT, "bench", "out", "screens"));
  mkdirSync(out, { recursive: true });
  const only = process.env.ILN_PAGES?.split(",");
  const pages = sitePages(dist).filter((p) => !only || only.includes(p || "index"));
  const { chromium } = await import("playwright-core");
  const { server, url } = await serveStatic(dist, 0);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-shots-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => console.error(`page error on ${page.url()}: ${e.message}`));
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      for (const p of pages) {
        await page.goto(url + p, { waitUntil: "networkidle" });
        await page.waitForFunction(() => {
          const cards = Array.from(document.querySelectorAll(".chart-card"));
          return document.querySelector("#observablehq-main h1") && cards.every((c) => !c.querySelector(".chart-body") || c.querySelector(".chart-body svg, .chart-body img"));
        }, undefined, { timeout: 30_000 }).catch(() => console.error(`${p}: charts not all drawn after 30 s`));
        await page.waitForTimeout(300);
        const info = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight,
          bad: (document.body.innerText.match(/\b(undefined|NaN|Infinity)\b/g) ?? []).length,
        }));
        const name = `${(p || "index").replace(/\//g, "_")}-${vp.name}.png`;
        await page.screenshot({ path: path.join(out, name), fullPage: true });
        const notes = [info.scrollWidth > vp.width ? `WIDER than the window: ${info.scrollWidth} px` : "", info.bad ? `${info.bad} undefined/NaN/Infinity` : ""].filter(Boolean);
        console.log(`${name}: ${info.height} px tall${notes.length ? `; ${notes.join("; ")}` : ""}`);
      }
    }
  } finally {
    await context.close();
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`screenshots: ${(err as Error).message}`);
    process.exit(1);
  });
}
