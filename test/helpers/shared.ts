import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { describe } from "vitest";

/** Absolute path of `../shared` beside the project root (CI places it there). */
export const sharedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared");

/** Absolute path of a file under `../shared/fixtures`. */
export function fixture(...parts: string[]): string {
  return path.join(sharedDir, "fixtures", ...parts);
}

/** True when `../shared/fixtures` is present. */
export const hasShared = existsSync(path.join(sharedDir, "fixtures"));

/**
 * `describe` that runs only when `../shared/fixtures` exists beside the clone, and otherwise
 * skips with a message naming the missing folder, so a fresh clone elsewhere still passes.
 */
export const describeShared: typeof describe = hasShared
  ? describe
  : (((name: string, fn: () => void) =>
      describe.skip(`${name} (skipped: ${sharedDir}/fixtures is absent)`, fn)) as typeof describe);
