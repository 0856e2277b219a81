/**
 * `npm run build`: builds the dashboards into dist/ offline.
 *
 * 1. Cleans Framework's cache except the npm cache and the replay cache (the loader cache is keyed
 *    on loader files' age, not on src/ or the database, so a stale cache would publish stale
 *    figures; the replay cache is keyed by content, reports/data/lib/replay-cache.ts).
 * 2. Fills the npm cache from node_modules (scripts/framework-offline.ts), bundles the matcher, the
 *    matching page's worker and the findings into reports/_generated/ (scripts/bundle-matcher.ts), and runs the data
 *    loaders of reports/data/ in parallel into Framework's loader cache (Framework itself runs
 *    them one after another; a cache file newer than its loader counts as fresh).
 * 3. Runs `observable build` in a Node process whose `fetch` throws, so any attempt to reach a
 *    CDN or the registry fails the build instead of silently going online.
 * 4. Checks dist/ is under 15 MB.
 *
 * The database is `ILN_DB` (default data/iln.duckdb), resolved against the working directory;
 * the output folder `ILN_SITE_OUT` (default dist/).
 * Options: `--keep-cache` skips step 1. Exit code 0 when the site is built, 1 otherwise.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_REPLAY_CACHE } from "../reports/data/lib/replay-cache";
import { bundleForPages } from "./bundle-matcher";
import { fillFrameworkNpmCache } from "./framework-offline";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.join(PROJECT, "reports");
const DIST = path.join(PROJECT, "dist");
const CACHE = path.join(ROOT, ".observablehq", "cache");
/** dist/ must stay under this many bytes. */
export const MAX_DIST_BYTES = 15 * 1024 * 1024;

/** Preloaded into the build process: every fetch fails with a message naming the URL. */
const NO_NETWORK = `data:text/javascript,${encodeURIComponent(
  "globalThis.fetch = async (url) => { throw new Error(`offline build: refused to fetch ${url}`); };",
)}`;

/** Entries of Framework's cache that survive {@link cleanLoaderCache}: keyed by content, never stale. */
const KEPT = new Set(["_npm", path.basename(DEFAULT_REPLAY_CACHE)]);

/** Removes everything in Framework's cache except the npm cache and the replay cache. */
export function cleanLoaderCache(cache: string = CACHE): void {
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) if (!KEPT.has(entry)) rmSync(path.join(cache, entry), { recursive: true, force: true });
}

/** Total size in bytes of the files under `dir`. */
export function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(p) : statSync(p).size;
  }
  return total;
}

/**
 * Runs every data loader `reports/data/*.json.ts` (tsx, project root as working directory, like
 * Framework) with at most `concurrency` at once, each writing into Framework's loader cache
 * (`cache/data/<name>.json`) only when it succeeds.
 * @throws Error naming the loader and its stderr when one fails.
 */
export async function warmLoaders(env: NodeJS.ProcessEnv, concurrency = 4): Promise<void> {
  const dataDir = path.join(ROOT, "data");
  const loaders = readdirSync(dataDir).filter((f) => f.endsWith(".json.ts"));
  const tsx = path.join(PROJECT, "node_modules", "tsx", "dist", "cli.mjs");
  const outDir = path.join(CACHE, "data");
  mkdirSync(outDir, { recursive: true });
  const run = (file: string) =>
    new Promise<void>((resolve, reject) => {
      const target = path.join(outDir, file.replace(/\.ts$/, ""));
      const temp = `${target}.${process.pid}.tmp`;
      const out = createWriteStream(temp);
      const child = spawn(process.execPath, [tsx, path.join(dataDir, file)], { cwd: PROJECT, env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stdout.pipe(out);
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => {
        out.end(() => {
          if (code === 0) {
            renameSync(temp, target);
            resolve();
          } else {
            unlinkSync(temp);
            reject(new Error(`data loader ${file} failed (exit code ${code}):\n${stderr}`));
          }
        });
      });
    });
  const queue = [...loaders];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) await run(file);
    }),
  );
}

/**
 * Builds the site into dist/ from the database `dbPath`.
 * @throws Error when the database is missing, the build fails, or dist/ is too large.
 */
export async function buildSite(
  options: { dbPath?: string; outDir?: string; keepCache?: boolean; quiet?: boolean } = {},
): Promise<{ ms: number; bytes: number; outDir: string }> {
  const t0 = Date.now();
  const outDir = path.resolve(options.outDir ?? (process.env.ILN_SITE_OUT || DIST));
  const dbPath = path.resolve(options.dbPath ?? (process.env.ILN_DB || path.join(PROJECT, "data", "iln.duckdb")));
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}: run \`npm run demo\` (or \`iln ingest\`) first`);
  const env = { ...process.env, ILN_DB: dbPath, ILN_SITE_OUT: outDir, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1" };
  if (!options.keepCache) cleanLoaderCache();
  await Promise.all([fillFrameworkNpmCache(ROOT), bundleForPages(), options.keepCache ? undefined : warmLoaders(env)]);
  if (!options.quiet) console.error(`npm cache filled, page bundles made and data loaders run in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const bin = path.join(PROJECT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", NO_NETWORK, bin, "build"], {
      cwd: PROJECT,
      env,
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let log = "";
    child.stdout?.on("data", (d: Buffer) => (log += d));
    child.stderr?.on("data", (d: Buffer) => (log += d));
    child.on("error", reject);
    child.on("close", (c) => {
      if (c !== 0 && options.quiet) process.stderr.write(log);
      resolve(c ?? 1);
    });
  });
  if (code !== 0) throw new Error(`observable build failed (exit code ${code})`);
  const bytes = directorySize(outDir);
  if (bytes > MAX_DIST_BYTES) throw new Error(`${outDir} is ${(bytes / 1e6).toFixed(1)} MB, over the 15 MB budget`);
  return { ms: Date.now() - t0, bytes, outDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSite({ keepCache: process.argv.includes("--keep-cache") })
    .then(({ ms, bytes, outDir }) => console.error(`site built in ${outDir} (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${(ms / 1000).toFixed(1)} s`))
    .catch((err: unknown) => {
      console.error(`build failed: ${(err as Error).message}`);
      process.exit(1);
    });
}
