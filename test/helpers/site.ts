/**
 * What the end-to-end tests of the built site share: building it one test file at a time (every
 * build runs its data loaders into the one Framework cache under reports/.observablehq, so two
 * test files building at once would read each other's loader output), and Debian's Chromium.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildSite } from "../../scripts/build-site";

const ROOT = path.resolve(__dirname, "../..");
const LOCK = path.join(ROOT, "reports", ".observablehq", "test-build.lock");

/** Debian's Chromium, driven through playwright-core. */
export const CHROMIUM = "/usr/bin/chromium";
/** True when {@link CHROMIUM} is installed (browser tests skip with a message otherwise). */
export const hasChromium = existsSync(CHROMIUM);
/** Flags for a headless Chromium that makes no request of its own. */
export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `buildSite` holding a lock file, so test files running in parallel build one after another. A
 * lock left by a process that no longer runs is taken over.
 * @throws Error when the lock is still held after `waitMs`, or what `buildSite` throws.
 */
export async function buildSiteExclusive(options: Parameters<typeof buildSite>[0], waitMs = 600_000): Promise<Awaited<ReturnType<typeof buildSite>>> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const t0 = Date.now();
  for (;;) {
    try {
      const fd = openSync(LOCK, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(LOCK, "utf8").trim());
      if (!alive(holder)) rmSync(LOCK, { force: true });
      else if (Date.now() - t0 > waitMs) throw new Error(`${LOCK} is still held by process ${holder}`);
      else await sleep(500);
    }
  }
  try {
    return await buildSite(options);
  } finally {
    rmSync(LOCK, { force: true });
  }
}
