/**
 * The compiled Node programs: the `iln` CLI (src/cli/main.ts with everything of src/ and loaders/
 * it imports), the two worker entries and the dashboards' data loaders (reports/data/*.json.ts),
 * bundled by esbuild into `build/cli/<fingerprint>/`, so they start without compiling TypeScript:
 * bin/iln.js runs `iln.js`, scripts/build-site.ts runs `loader-<name>.json.js`. Plain
 * JavaScript, since the bin runs it before any TypeScript can load.
 *
 * - The fingerprint is a hash of the path, size and modification time of every file under src/,
 *   loaders/ and reports/data/, of package.json, package-lock.json, tsconfig.json and this
 *   script: any edit (or checkout) makes a new fingerprint, and the bin builds again before
 *   running (under a second). Each build has its own folder, written under a temporary name and
 *   renamed into place, so processes running an older build, or building at the same time, never
 *   see a half-written or replaced folder; all but the newest few builds are removed.
 * - npm packages stay outside the bundle (Node loads them from node_modules as from the sources),
 *   except JSON files, which the bundle inlines (Node's ESM loader would ask for an import
 *   attribute). Split chunks: a command's code loads when the command runs.
 * - In every bundled module `import.meta.url` is its source file's URL (relative to the bundle,
 *   so the checkout can move), so files read beside a module (src/themes/codebook.yaml, the
 *   sources the replay cache hashes, worker entries) resolve as from the sources; and each
 *   program's entry first calls `useCompiledWorkers` (src/workers/map-jobs.ts) with the bundle's
 *   folder, so its worker threads start from the compiled workers there, not through tsx.
 *
 * `node scripts/build-cli.mjs` (`npm run build:cli`) builds when the sources changed and says
 * where; npm's `prepare` (`--prepare`, run by `npm install` and `npm ci`) does the same but never
 * fails the install, and links `node_modules/.bin/iln` to the bin (`linkBin`).
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The project root (the folder of package.json). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Where the builds live, one folder per fingerprint. */
export const BUILD_DIR = path.join(ROOT, "build", "cli");
/** The worker entries: output name -> source file. */
const WORKERS = {
  "replay-worker": "src/matching/replay-worker.ts",
  "parse-worker": "loaders/parse-worker.ts",
};
/** Folder of the data loaders. */
const LOADERS = "reports/data";
/** Source folders whose every file counts in the fingerprint. */
const SOURCE_DIRS = ["src", "loaders", LOADERS];
/** Single files that count in the fingerprint. */
const SOURCE_FILES = ["package.json", "package-lock.json", "tsconfig.json", "scripts/build-cli.mjs"];
/** Builds kept besides the current one (older ones are removed when a new one is made). */
const KEEP = 3;

/**
 * The bundle's entries: output name -> source file (the CLI, the workers, and every data loader
 * `reports/data/<name>.json.ts` as `loader-<name>.json`).
 * @returns {Record<string, string>}
 */
export function entries() {
  const loaders = readdirSync(path.join(ROOT, LOADERS)).filter((f) => f.endsWith(".json.ts"));
  return {
    iln: "src/cli/main.ts",
    ...WORKERS,
    ...Object.fromEntries(loaders.map((f) => [`loader-${f.replace(/\.ts$/, "")}`, `${LOADERS}/${f}`])),
  };
}

/**
 * The compiled data loader `file` (e.g. `reports/data/metrics.json.ts`) in the build `dir`.
 * @param {string} dir @param {string} file @returns {string}
 */
export function compiledLoader(dir, file) {
  return path.join(dir, `loader-${path.basename(file).replace(/\.ts$/, "")}.js`);
}

/** @param {string} dir @returns {string[]} files under `dir`, relative to ROOT, sorted. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = `${d}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  if (existsSync(path.join(ROOT, dir))) walk(dir);
  return out.sort();
}

/**
 * The fingerprint of the sources as they are now: 16 hex digits of a SHA-256 over each source
 * file's path, size and modification time (milliseconds).
 * @returns {string}
 */
export function fingerprint() {
  const hash = createHash("sha256");
  for (const rel of [...SOURCE_DIRS.flatMap(filesUnder), ...SOURCE_FILES]) {
    let line = `${rel}\tmissing`;
    try {
      const st = statSync(path.join(ROOT, rel));
      line = `${rel}\t${st.size}\t${st.mtimeMs}`;
    } catch {
      // a missing single file (no package-lock.json) counts as missing
    }
    hash.update(`${line}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The esbuild plugin that gives every bundled project module its source's `import.meta.url`,
 * starts each program's workers from the bundle, and keeps npm packages (but their JSON files)
 * outside the bundle.
 * @param {string} outdir where the build will live (the relative source URLs start there).
 * @param {Set<string>} programs absolute paths of the entries that get the workers' prologue.
 */
function projectPlugin(outdir, programs) {
  const mapJobs = path.join(ROOT, "src/workers/map-jobs.ts");
  const prologue = `import { useCompiledWorkers as __ilnWorkers } from ${JSON.stringify(mapJobs)};\n__ilnWorkers(new URL(".", import.meta.url));\n`;
  return {
    name: "iln-sources",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.endsWith(".json") || args.kind === "entry-point" || path.isAbsolute(args.path) ? undefined : { path: args.path, external: true },
      );
      build.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const loader = args.path.endsWith(".ts") ? "ts" : "js";
        const rel = path.relative(outdir, args.path).split(path.sep).join("/");
        const text = readFileSync(args.path, "utf8").replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        return { contents: programs.has(args.path) ? prologue + text : text, loader };
      });
    },
  };
}

/**
 * Builds the programs for fingerprint `fp` into BUILD_DIR/`fp` (nothing when that build exists).
 * @param {{ fp?: string, quiet?: boolean }} [opts] quiet: no esbuild messages (the bin's builds).
 * @returns {Promise<string>} the build's folder.
 * @throws Error from esbuild when the sources do not compile (then nothing is written).
 */
export async function buildCli(opts = {}) {
  const fp = opts.fp ?? fingerprint();
  const dir = path.join(BUILD_DIR, fp);
  if (existsSync(path.join(dir, "iln.js"))) return dir;
  const { build } = await import("esbuild");
  const entryPoints = entries();
  const workers = new Set(Object.values(WORKERS));
  const programs = new Set(Object.values(entryPoints).filter((f) => !workers.has(f)).map((f) => path.join(ROOT, f)));
  const temp = `${dir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints,
      outdir: temp,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      logLevel: opts.quiet ? "silent" : "warning",
      plugins: [projectPlugin(dir, programs)],
    });
    try {
      renameSync(temp, dir);
    } catch (err) {
      // Another process made the same build meanwhile: theirs is as good as ours.
      if (!existsSync(path.join(dir, "iln.js"))) throw err;
      rmSync(temp, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  prune(fp);
  return dir;
}

/** Removes all builds but `current` and the KEEP newest others (and temporary folders over an hour old). */
function prune(current) {
  const now = Date.now();
  const builds = readdirSync(BUILD_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== current)
    .map((e) => ({ name: e.name, mtime: statSync(path.join(BUILD_DIR, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  let kept = 0;
  for (const b of builds) {
    const temporary = b.name.includes(".tmp-");
    if (temporary ? now - b.mtime < 3600_000 : kept++ < KEEP) continue;
    rmSync(path.join(BUILD_DIR, b.name), { recursive: true, force: true });
  }
}

/**
 * The URL of the compiled CLI's entry for the sources as they are now, building it first when
 * needed.
 * @param {{ quiet?: boolean }} [opts]
 * @returns {Promise<URL>}
 * @throws Error when it cannot be built (esbuild missing, a source that does not compile, a
 *   read-only checkout).
 */
export async function compiledCli(opts = {}) {
  const dir = await buildCli(opts);
  return pathToFileURL(path.join(dir, "iln.js"));
}

/**
 * Makes `node_modules/.bin/iln` under `root` a relative symbolic link to `bin/iln.js`, so that
 * `npx iln` finds the command in the checkout's own bin folder. package.json declares no `bin`
 * on purpose: with one, npm 11's `npx iln` first "installs" the checkout into its npx cache
 * (reading the whole dependency tree, about 1.5 s) before it runs anything; with the link alone it
 * runs the command straight away. Does nothing when the link is already there or there is no
 * node_modules folder.
 * @param {string} [root] the checkout (default: this one).
 * @returns {boolean} whether a link was made.
 * @throws Error from the file system when the link cannot be made (the caller decides).
 */
export function linkBin(root = ROOT) {
  const bins = path.join(root, "node_modules", ".bin");
  const link = path.join(bins, "iln");
  const target = path.join("..", "..", "bin", "iln.js");
  if (!existsSync(path.join(root, "node_modules"))) return false;
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === target) return false;
    rmSync(link, { force: true });
  } catch {
    // no link yet
  }
  mkdirSync(bins, { recursive: true });
  symlinkSync(target, link);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  if (process.argv.includes("--prepare")) {
    try {
      linkBin();
    } catch (err) {
      console.error(`could not link node_modules/.bin/iln (run the CLI as \`node bin/iln.js\`): ${err.message}`);
    }
  }
  try {
    const dir = await buildCli();
    console.error(`compiled CLI in ${path.relative(ROOT, dir)} (${Date.now() - t0} ms)`);
  } catch (err) {
    // Under npm's `prepare` (--prepare) a source that does not compile must not fail the install:
    // bin/iln.js then runs the sources through tsx, which reports the error where it is.
    console.error(`could not compile the CLI${process.argv.includes("--prepare") ? " (iln runs from the TypeScript sources until it compiles)" : ""}: ${err.message}`);
    if (!process.argv.includes("--prepare")) process.exitCode = 1;
  }
}
