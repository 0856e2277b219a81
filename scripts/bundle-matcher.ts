/**
 * Bundles the exact matcher (`src/matching/propose.ts` and everything it imports: scoring,
 * quality, the dense blossom solver, weights, the completion model's predictor, world regions)
 * with esbuild into `reports/_generated/matcher.js`, one ESM file for the browser, so that the
 * matching page can re-match a pool live (`import ... from "./_generated/matcher.js"`).
 * Framework cannot import from outside its root (a page's `import ... from "../src/x.ts"` renders
 * `SyntaxError: non-local import`, and a symbolic link is not copied into dist/), hence the generated,
 * git-ignored copy. `scripts/build-site.ts` runs this before every `observable build`.
 *
 * The bundle must not use Node: the build fails when esbuild would need a Node built-in, and
 * {@link nodeBuiltinsIn} checks the output for `node:` imports and `require(...)` calls of
 * built-in modules. `process.env.*` is defined away (`undefined`), in case a pure module reads it.
 *
 * Run: `npx tsx scripts/bundle-matcher.ts`.
 */
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BROWSER_ESM } from "./framework-offline";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundle is written. */
export const MATCHER_BUNDLE = path.join(PROJECT, "reports", "_generated", "matcher.js");

/** What the page imports: the matcher plus the helpers it needs to describe a matching. */
const ENTRY = `
export { proposeMatching } from "./src/matching/propose";
export { scorePool } from "./src/matching/score";
export { matchingQuality, PRINCIPLES, PREFERENCES } from "./src/matching/quality";
export { defaultWeights, parseWeights, pairScore } from "./src/matching/weights";
export { FEATURE_NAMES } from "./src/matching/features";
export { predictCompletion } from "./src/matching/fit";
`;

/**
 * Names of Node built-in modules that `code` imports or requires (`node:x`, or a bare built-in
 * name such as "fs" in an import/require). Empty for a browser-safe bundle.
 */
export function nodeBuiltinsIn(code: string): string[] {
  const found = new Set<string>();
  const builtins = new Set(builtinModules);
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) {
    const spec = m[1];
    if (spec.startsWith("node:") || builtins.has(spec) || builtins.has(spec.split("/")[0])) found.add(spec);
  }
  return [...found].sort();
}

/**
 * Bundles the matcher into `outFile` (default {@link MATCHER_BUNDLE}); returns its size in bytes.
 * @throws Error when esbuild fails (e.g. a module needs a Node built-in, which platform "browser"
 *   cannot resolve) or the output still names a Node built-in.
 */
export async function bundleMatcher(outFile: string = MATCHER_BUNDLE): Promise<number> {
  mkdirSync(path.dirname(outFile), { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: PROJECT, loader: "ts", sourcefile: "matcher-entry.ts" },
    ...BROWSER_ESM,
    target: [...BROWSER_ESM.target],
    define: { "process.env": "{}", "process.env.NODE_ENV": '"production"' },
    outfile: outFile,
    logLevel: "error",
  });
  const code = readFileSync(outFile, "utf8");
  const builtins = nodeBuiltinsIn(code);
  if (builtins.length) throw new Error(`the matcher bundle imports Node built-ins (${builtins.join(", ")}): it would not run in a browser`);
  return statSync(outFile).size;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  bundleMatcher()
    .then((bytes) => console.error(`matcher bundled into ${path.relative(PROJECT, MATCHER_BUNDLE)} (${(bytes / 1024).toFixed(0)} KB) in ${Date.now() - t0} ms`))
    .catch((err: unknown) => {
      console.error(`bundle-matcher: ${(err as Error).message}`);
      process.exit(1);
    });
}
