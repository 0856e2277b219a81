/**
 * Files the toolkit derives from the database outside it (docs/privacy.md, "Erasure"): the
 * dashboards' replay cache and Framework's cache of data-loader output (both published
 * aggregates, but computed with everyone in the database at the time), and what a killed build
 * or erasure can leave beside the database (a build's private snapshot, a half-written
 * rewrite). `iln forget` removes them all, since they were computed with the erased person.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder (the one holding src/ and reports/). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Framework's cache folder of the dashboards (git-ignored). */
export const FRAMEWORK_CACHE = path.join(PROJECT_ROOT, "reports", ".observablehq", "cache");

/** Default folder of the replay cache (reports/data/lib/replay-cache.ts). */
export const DEFAULT_REPLAY_CACHE = path.join(FRAMEWORK_CACHE, "_replays");

/** Framework's cache of data-loader output (`cache/data`). */
export const LOADER_CACHE = path.join(FRAMEWORK_CACHE, "data");

/** The replay cache folder `env` names (`ILN_REPLAY_CACHE`, default above), or null when it is off ("0"). */
export function replayCacheDir(env: Readonly<Record<string, string | undefined>>): string | null {
  const setting = env.ILN_REPLAY_CACHE;
  if (setting === "0") return null;
  return path.resolve(setting || DEFAULT_REPLAY_CACHE);
}

/** Prefix of the private working folders and files a build or a rewrite makes beside `dbPath`. */
export function siblingPrefix(dbPath: string): string {
  return `.${path.basename(path.resolve(dbPath))}.`;
}

/**
 * Working folders and files beside the database at `dbPath` of builds and rewrites, running or
 * killed: entries named `.<db file name>.build-*` or `.<db file name>.rewrite-*` in its folder.
 */
export function leftoversOf(dbPath: string): string[] {
  const dir = path.dirname(path.resolve(dbPath));
  if (!existsSync(dir)) return [];
  const prefix = siblingPrefix(dbPath);
  return readdirSync(dir)
    .filter((n) => n.startsWith(`${prefix}build-`) || n.startsWith(`${prefix}rewrite-`))
    .map((n) => path.join(dir, n));
}

/**
 * Removes `paths` (files or folders) when present.
 * @returns the paths that existed and were removed.
 */
export function removeAll(paths: readonly (string | null)[]): string[] {
  const removed: string[] = [];
  for (const p of paths) {
    if (p && existsSync(p)) {
      rmSync(p, { recursive: true, force: true });
      removed.push(p);
    }
  }
  return removed;
}
