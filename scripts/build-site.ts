/**
 * `npm run build`: builds the dashboards into dist/ offline, from one consistent snapshot of the
 * database, with the disclosure audit, swapping the new site in only when it is complete.
 *
 * 1. Snapshot: the database is copied (`snapshotDatabase`: read-only, so no writer is active
 *    meanwhile) into a private working folder beside it (`.<db>.build-<pid>-<hex>/`, mode 0700;
 *    the copy 0600); every data loader and the site configuration read that copy, so all pages
 *    describe the same state even if `iln ingest` or `iln forget` runs during the build. The
 *    folder is removed at the end; leftovers of killed builds are removed by the next build and
 *    by `iln forget`.
 * 2. Cleans Framework's cache except the npm cache and the replay cache (the loader cache is keyed
 *    on loader files' age, not on src/ or the database, so a stale cache would publish stale
 *    figures; the replay cache is keyed by content, reports/data/lib/replay-cache.ts).
 * 3. Fills the npm cache from node_modules (scripts/framework-offline.ts), bundles the matcher, the
 *    matching page's worker and the findings into reports/_generated/ (scripts/bundle-matcher.ts), and runs the data
 *    loaders of reports/data/ in parallel into Framework's loader cache (Framework itself runs
 *    them one after another; a cache file newer than its loader counts as fresh), compiled
 *    (scripts/build-cli.mjs) so that no loader compiles TypeScript.
 * 4. Runs `observable build` into a temporary folder beside the output folder, in a Node process
 *    whose `fetch` throws, so any attempt to reach a CDN or the registry fails the build instead
 *    of silently going online; checks it is under 15 MB.
 * 5. Meanwhile, beside it (it is one process, and this leaves the second core to the audit), the
 *    disclosure audit across pages (docs/privacy.md): each loader audited its own figures and
 *    wrote its declarations into the working folder; they are audited together, and the build
 *    fails naming every group that could be worked out, the figures and the derivation, or a
 *    loader that declared nothing without saying why (Framework's process is then killed, and
 *    nothing it wrote is used).
 * 6. Swaps it in: the old output folder is renamed aside, the new one renamed into place, the old
 *    one removed. A killed build leaves the previous site as it was (a kill between the two
 *    renames leaves it under `.<out>.old-<pid>-<hex>`, which the next build puts back first).
 *
 * The database is `ILN_DB` (default data/iln.duckdb), resolved against the working directory;
 * the output folder `ILN_SITE_OUT` (default dist/). Exit code 0 when the site is built, 1 otherwise.
 * Progress on stderr: a line as each step and each data loader finishes (with the loaders' own
 * lines), Framework's output, and after 3 s without a line, what is still running.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fsyncDir, makePrivateDir, openDatabase, snapshotDatabase } from "../src/db";
import { DisclosureAudit, formatLeak } from "../src/privacy/disclosure";
import { siblingPrefix } from "../src/privacy/derived-files";
import { minCellSize } from "../src/privacy/suppress";
import { DEFAULT_REPLAY_CACHE } from "../reports/data/lib/replay-cache";
import type { LoaderAudit } from "../reports/data/lib/run";
import { buildCli, compiledLoader } from "./build-cli.mjs";
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
 * Runs every data loader `reports/data/*.json.ts` (project root as working directory, like
 * Framework) with at most `concurrency` at once, each writing into Framework's loader cache
 * (`cache/data/<name>.json`) only when it succeeds. The loaders run compiled
 * (scripts/build-cli.mjs: no TypeScript to compile in each process and its workers), or through
 * tsx when they cannot be compiled.
 * @param options.progress gets each line a loader writes on stderr, and a line as each loader finishes.
 * @param options.running the loaders running at each moment (file names), kept up to date.
 * @throws Error naming the loader and its stderr when one fails.
 */
export async function warmLoaders(
  env: NodeJS.ProcessEnv,
  options: { concurrency?: number; progress?: (line: string) => void; running?: Set<string> } = {},
): Promise<void> {
  const { concurrency = 4, progress = () => {}, running = new Set<string>() } = options;
  const dataDir = path.join(ROOT, "data");
  const loaders = readdirSync(dataDir).filter((f) => f.endsWith(".json.ts"));
  const tsx = path.join(PROJECT, "node_modules", "tsx", "dist", "cli.mjs");
  const compiled = await buildCli({ quiet: true }).catch(() => null);
  const command = (file: string) => (compiled ? [compiledLoader(compiled, file)] : [tsx, path.join(dataDir, file)]);
  const outDir = path.join(CACHE, "data");
  mkdirSync(outDir, { recursive: true });
  let done = 0;
  const run = (file: string) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      running.add(file);
      const target = path.join(outDir, file.replace(/\.ts$/, ""));
      const temp = `${target}.${process.pid}.tmp`;
      const out = createWriteStream(temp);
      const child = spawn(process.execPath, command(file), { cwd: PROJECT, env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      let partial = "";
      child.stdout.pipe(out);
      child.stderr.on("data", (d: Buffer) => {
        stderr += d;
        const lines = (partial + d).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) progress(line);
      });
      child.on("error", reject);
      child.on("close", (code) => {
        running.delete(file);
        out.end(() => {
          if (code === 0) {
            renameSync(temp, target);
            progress(`data loader ${file.replace(/\.ts$/, "")} run in ${seconds(Date.now() - started)} (${++done} of ${loaders.length})`);
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

/** After this long without a progress line, the build says what is still running. */
const HEARTBEAT_MS = 3000;

/** A duration in seconds, one decimal: `1.2 s`. */
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs `work`, saying through `progress` what it was and how long it took.
 * @returns what `work` returns.
 */
async function timed<T>(progress: (line: string) => void, work: () => Promise<T>, done: (result: T) => string): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  progress(`${done(result)} in ${seconds(Date.now() - t0)}`);
  return result;
}

/**
 * What the build needs besides the database: Framework's npm cache filled from node_modules and
 * the matcher bundled for the matching page, both at once. `npm start` starts this while it
 * generates and ingests the demo, then hands it to {@link buildSite}.
 * @param progress gets a line as each part finishes, with its duration.
 * @throws Error from esbuild.
 */
export async function prepareAssets(progress: (line: string) => void = () => {}): Promise<void> {
  await Promise.all([
    timed(progress, () => fillFrameworkNpmCache(ROOT), (dirs) => (dirs.length ? `npm cache for Framework: ${dirs.length} folder(s) written` : "npm cache for Framework: already filled")),
    timed(progress, () => bundleForPages(), (bytes) => `matcher, re-match worker and findings bundled (${Math.round(bytes / 1024)} kB)`),
  ]);
}

/** Data loaders that publish nothing from the database, so write no audit file (world.json copies a map file). */
export const UNAUDITED_LOADERS: ReadonlySet<string> = new Set(["world.json"]);

/**
 * The disclosure audit across pages (step 4): reads every `<loader>.audit.json` of `dir`, checks
 * that every data loader of `loaders` (file names like `metrics.json`) wrote one, declaring
 * figures or saying why not, and audits all declarations together.
 * @returns how many figures were audited.
 * @throws Error naming the loaders that did not declare, or every leak (group, size, derivation).
 */
export function auditBuild(dir: string, loaders: readonly string[], min: number = minCellSize()): number {
  const audit = new DisclosureAudit(min);
  const problems: string[] = [];
  let figures = 0;
  for (const name of loaders) {
    if (UNAUDITED_LOADERS.has(name)) continue;
    const file = path.join(dir, `${name}.audit.json`);
    if (!existsSync(file)) {
      problems.push(`${name} wrote no declarations for the disclosure audit (every data loader runs through runLoader, reports/data/lib/run.ts)`);
      continue;
    }
    const doc = JSON.parse(readFileSync(file, "utf8")) as LoaderAudit;
    if (!doc.figures.length && !doc.undeclared) problems.push(`${name} declared no figure to the disclosure audit and did not say why`);
    audit.merge(doc);
    figures += doc.figures.length;
  }
  if (problems.length) throw new Error(`disclosure audit: ${problems.join("; ")}`);
  const leaks = audit.audit();
  if (leaks.length) {
    throw new Error(`disclosure audit failed: ${leaks.length} group(s) of fewer than ${min} can be worked out from the published figures:\n${leaks.map((l) => `  ${formatLeak(l, min)}`).join("\n")}`);
  }
  return figures;
}

/**
 * Runs `check` (synchronous) while the process `child` runs, then waits for the child to end.
 * When `check` throws, the child is killed (SIGTERM), and the error is rethrown once it has ended.
 * @returns what `check` returned and the child's exit code (1 when it was ended by a signal).
 * @throws what `check` throws, or the child's spawn error.
 */
export async function whileChildRuns<T>(child: ChildProcess, check: () => T): Promise<{ value: T; code: number }> {
  const ended = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  let value: T;
  try {
    value = check();
  } catch (err) {
    child.kill();
    await ended.catch(() => undefined);
    throw err;
  }
  return { value, code: await ended };
}

/** A fresh name beside `target` for a build's own use: `.<name>.<what>-<pid>-<hex>`. */
function besideName(target: string, what: string): string {
  return path.join(path.dirname(target), `${siblingPrefix(target)}${what}-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** True while the process `pid` runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what killed builds left beside `target` (`.<name>.<what>-<pid>-*` of processes no longer
 * running), after putting back an output folder a kill left renamed aside.
 */
export function cleanLeftovers(target: string): void {
  const dir = path.dirname(target);
  if (!existsSync(dir)) return;
  const prefix = siblingPrefix(target);
  for (const name of readdirSync(dir)) {
    const m = name.startsWith(prefix) ? /^(build|old)-(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length)) : null;
    if (!m || alive(Number(m[2]))) continue;
    const p = path.join(dir, name);
    if (m[1] === "old" && !existsSync(target)) renameSync(p, target);
    else rmSync(p, { recursive: true, force: true });
  }
}

/**
 * Puts the folder `built` in place of `target` (step 6): `target` renamed aside, `built` renamed
 * to `target`, the old one removed, the parent folder flushed.
 */
export function swapIn(built: string, target: string): void {
  const old = existsSync(target) ? besideName(target, "old") : null;
  if (old) renameSync(target, old);
  renameSync(built, target);
  fsyncDir(path.dirname(target));
  if (old) rmSync(old, { recursive: true, force: true });
}

/**
 * Builds the site into the output folder from a snapshot of the database `dbPath` (module doc).
 * Unless `quiet`, says on stderr what each step did and how long it took as it finishes.
 * @param options.assets {@link prepareAssets} already under way (default: started here).
 * @throws Error when the database is missing or busy, a data loader fails, the disclosure audit
 *   finds a leak, the build fails, or the site is too large; the output folder is then unchanged.
 */
export async function buildSite(options: { dbPath?: string; outDir?: string; quiet?: boolean; assets?: Promise<void> } = {}): Promise<{ ms: number; bytes: number; outDir: string; audited: number }> {
  const t0 = Date.now();
  minCellSize(); // a bad ILN_MIN_CELL fails here in one line, not in every data loader with a stack trace
  const outDir = path.resolve(options.outDir ?? (process.env.ILN_SITE_OUT || DIST));
  const dbPath = path.resolve(options.dbPath ?? (process.env.ILN_DB || path.join(PROJECT, "data", "iln.duckdb")));
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}: run \`npm run demo\` (or \`iln ingest\`) first`);
  cleanLeftovers(dbPath);
  cleanLeftovers(outDir);
  const work = besideName(dbPath, "build");
  const building = besideName(outDir, "build");
  makePrivateDir(work);
  // Progress: every line says something, and a part that stays silent for HEARTBEAT_MS says
  // what is still running (the first replays of a large history, Framework reading the pages).
  let lastNews = Date.now();
  let doing = "building";
  const say = (line: string) => {
    lastNews = Date.now();
    process.stderr.write(`${line}\n`);
  };
  const progress = options.quiet ? () => {} : say;
  const heartbeat = options.quiet ? undefined : setInterval(() => {
    if (Date.now() - lastNews >= HEARTBEAT_MS) say(`... ${doing} (${seconds(Date.now() - t0)} into the build)`);
  }, 1000);
  heartbeat?.unref();
  try {
    progress("building the site: a snapshot of the database, the npm cache, the matcher bundle and the data loaders, then observable build");
    doing = "taking a snapshot of the database";
    const snapshot = path.join(work, "snapshot.duckdb");
    await timed(progress, () => snapshotDatabase(dbPath, snapshot), () => "snapshot of the database taken");
    // A database of an earlier schema version is upgraded by its first read-only open, which
    // writes: done once here, before the loaders open the snapshot side by side.
    (await openDatabase(snapshot, { readOnly: true })).close();
    const auditDir = path.join(work, "audit");
    const env = { ...process.env, ILN_DB: snapshot, ILN_SITE_OUT: building, ILN_AUDIT_DIR: auditDir, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1" };
    cleanLoaderCache();
    const running = new Set<string>();
    doing = "data loaders still running";
    const update = setInterval(() => (doing = running.size ? `still running: data loader(s) ${[...running].join(", ")}` : "preparing the npm cache and the matcher"), 250);
    try {
      await Promise.all([options.assets ?? prepareAssets(progress), timed(progress, () => warmLoaders(env, { progress, running }), () => "data loaders run")]);
    } finally {
      clearInterval(update);
    }
    const loaders = readdirSync(path.join(ROOT, "data")).filter((f) => f.endsWith(".json.ts")).map((f) => f.replace(/\.ts$/, ""));
    // Framework's build (one process) starts at once; the audit across pages runs beside it, and a
    // leak kills it: nothing it wrote is swapped in either way until both have succeeded.
    progress(`observable build (Framework reads the pages, then writes them and the files they use) after ${seconds(Date.now() - t0)}, the disclosure audit across pages beside it`);
    doing = "observable build still running";
    const bin = path.join(PROJECT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
    const child = spawn(process.execPath, ["--import", NO_NETWORK, bin, "build"], { cwd: PROJECT, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    const forward = (to: NodeJS.WriteStream) => (d: Buffer) => {
      if (options.quiet) log += d;
      else {
        lastNews = Date.now();
        to.write(d);
      }
    };
    child.stdout.on("data", forward(process.stdout));
    child.stderr.on("data", forward(process.stderr));
    const { value: audited, code } = await whileChildRuns(child, () => {
      const n = auditBuild(auditDir, loaders);
      progress(`${n} published figures audited for disclosure after ${seconds(Date.now() - t0)}`);
      return n;
    });
    if (code !== 0 && options.quiet) process.stderr.write(log);
    if (code !== 0) throw new Error(`observable build failed (exit code ${code})`);
    const bytes = directorySize(building);
    if (bytes > MAX_DIST_BYTES) throw new Error(`the site is ${(bytes / 1e6).toFixed(1)} MB, over the 15 MB budget`);
    mkdirSync(path.dirname(outDir), { recursive: true });
    swapIn(building, outDir);
    return { ms: Date.now() - t0, bytes, outDir, audited };
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    rmSync(work, { recursive: true, force: true });
    rmSync(building, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSite()
    .then(({ ms, bytes, outDir }) => console.error(`site built in ${outDir} (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${(ms / 1000).toFixed(1)} s`))
    .catch((err: unknown) => {
      console.error(`build failed: ${(err as Error).message}`);
      process.exit(1);
    });
}
