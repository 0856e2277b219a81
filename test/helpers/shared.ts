/**
 * The real export fixtures in `../shared/fixtures` beside the clone (CI places them there; a
 * fresh clone elsewhere has none). Tests read them only lazily, inside a test body or a
 * `beforeAll` of a {@link describeShared} block, never while the suite is collected: `.ci/run`
 * runs the whole suite once in a fresh clone without `../shared` to prove it.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { describe, it } from "vitest";

/** Absolute path of `../shared` beside the project root (CI places it there); `ILN_SHARED_DIR` overrides it. */
export const sharedDir = process.env.ILN_SHARED_DIR
  ? path.resolve(process.env.ILN_SHARED_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared");

/** Absolute path of a file under `../shared/fixtures`. */
export function fixture(...parts: string[]): string {
  return path.join(sharedDir, "fixtures", ...parts);
}

/** True when `../shared/fixtures` is present. */
export const hasShared = existsSync(path.join(sharedDir, "fixtures"));

/** The message a skipped block shows. */
export const SHARED_ABSENT = `skipped: ${path.join(sharedDir, "fixtures")} is absent (the real export fixtures are not in this clone)`;

/**
 * `describe` that runs only when `../shared/fixtures` exists beside the clone. Otherwise its body
 * is never called (so nothing in it can touch the folder, even by mistake at collection time) and
 * the block holds one skipped test whose name says why, so a fresh clone elsewhere still passes.
 */
export const describeShared: typeof describe = hasShared
  ? describe
  : (((name: string) =>
      describe(name, () => {
        it.skip(SHARED_ABSENT, () => {});
      })) as unknown as typeof describe);
