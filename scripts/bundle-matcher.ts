/**
 * Bundles the code of src/ that pages run, with esbuild, into reports/_generated/ (git-ignored):
 * - `matcher.js`: the exact matcher (`src/matching/propose.ts` and everything it imports: scoring,
 *   quality, the dense blossom solver, weights, the completion model's predictor, world regions),
 *   one ESM file, for code that re-matches on the page itself (tests, benchmarks);
 * - `rematch-worker.js`: the matching page's Web Worker, a classic script around
 *   `src/matching/live-rematch.ts`, so re-matching never blocks the page (see {@link WORKER_ENTRY});
 * - `findings.js`: the key findings of src/findings (the sentence each page opens with, the same
 *   one `iln slides` puts on its slide), one ESM file.
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
/** Where the worker is written. */
export const WORKER_BUNDLE = path.join(PROJECT, "reports", "_generated", "rematch-worker.js");
/** Where the findings bundle is written. */
export const FINDINGS_BUNDLE = path.join(PROJECT, "reports", "_generated", "findings.js");

/**
 * The worker: it keeps the pools the page sends (`{type: "pool", key, label, published, take}`,
 * built once with `livePool`) and answers each `{type: "match", id, key, values, edits}` with
 * `{type: "result", id, result}` (a `LiveResult`, or a refusal listing lock problems) or
 * `{type: "error", id, message}`. It answers in order; the page drops answers it no longer needs.
 */
const WORKER_ENTRY = `
import { livePool, liveRematch } from "./src/matching/live-rematch";
const pools = new Map();
self.onmessage = (event) => {
  const m = event.data;
  if (m.type === "pool") {
    if (!pools.has(m.key)) pools.set(m.key, livePool(m.published, m.key, m.label, m.take));
    return;
  }
  if (m.type !== "match") return;
  try {
    const entry = pools.get(m.key);
    if (!entry) throw new Error("unknown pool " + m.key);
    self.postMessage({ type: "result", id: m.id, result: liveRematch(entry, m.values, m.edits) });
  } catch (err) {
    self.postMessage({ type: "error", id: m.id, message: String((err && err.message) || err) });
  }
};
`;

/** What pages import of the findings. */
const FINDINGS_ENTRY = `
export * from "./src/findings/findings";
export * from "./src/findings/format";
`;

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

/** Bundles `entry` for the browser into `outFile` ("esm" or a classic "iife" script); returns its size in bytes. */
async function bundle(entry: string, name: string, outFile: string, format: "esm" | "iife"): Promise<number> {
  mkdirSync(path.dirname(outFile), { recursive: true });
  await build({
    stdin: { contents: entry, resolveDir: PROJECT, loader: "ts", sourcefile: `${name}-entry.ts` },
    ...BROWSER_ESM,
    format,
    target: [...BROWSER_ESM.target],
    define: { "process.env": "{}", "process.env.NODE_ENV": '"production"' },
    // csv-stringify's Node build uses Node's Buffer; its browser build carries its own.
    alias: { "csv-stringify/sync": path.join(PROJECT, "node_modules", "csv-stringify", "dist", "esm", "sync.js") },
    outfile: outFile,
    logLevel: "error",
  });
  const code = readFileSync(outFile, "utf8");
  const builtins = nodeBuiltinsIn(code);
  if (builtins.length) throw new Error(`the ${name} bundle imports Node built-ins (${builtins.join(", ")}): it would not run in a browser`);
  return statSync(outFile).size;
}

/**
 * Bundles the matcher into `outFile` (default {@link MATCHER_BUNDLE}); returns its size in bytes.
 * @throws Error when esbuild fails (e.g. a module needs a Node built-in, which platform "browser"
 *   cannot resolve) or the output still names a Node built-in.
 */
export function bundleMatcher(outFile: string = MATCHER_BUNDLE): Promise<number> {
  return bundle(ENTRY, "matcher", outFile, "esm");
}

/**
 * Bundles the matching page's worker into `outFile` (default {@link WORKER_BUNDLE}), a classic
 * script; returns its size in bytes.
 * @throws Error as {@link bundleMatcher}.
 */
export function bundleWorker(outFile: string = WORKER_BUNDLE): Promise<number> {
  return bundle(WORKER_ENTRY, "worker", outFile, "iife");
}

/**
 * Bundles the findings into `outFile` (default {@link FINDINGS_BUNDLE}); returns its size in bytes.
 * @throws Error as {@link bundleMatcher}.
 */
export function bundleFindings(outFile: string = FINDINGS_BUNDLE): Promise<number> {
  return bundle(FINDINGS_ENTRY, "findings", outFile, "esm");
}

/** Every bundle the pages use; returns their total size in bytes. */
export async function bundleForPages(): Promise<number> {
  const sizes = await Promise.all([bundleMatcher(), bundleWorker(), bundleFindings()]);
  return sizes.reduce((a, b) => a + b, 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  bundleForPages()
    .then((bytes) => console.error(`matcher, worker and findings bundled into ${path.relative(PROJECT, path.dirname(MATCHER_BUNDLE))} (${(bytes / 1024).toFixed(0)} KB) in ${Date.now() - t0} ms`))
    .catch((err: unknown) => {
      console.error(`bundle-matcher: ${(err as Error).message}`);
      process.exit(1);
    });
}
