/**
 * `npm start`: the dashboards on http://127.0.0.1:3000 (PORT overrides).
 *
 * 1. When the database (`ILN_DB`, default data/iln.duckdb) does not exist, generates the demo
 *    exports (`iln demo`, into data/demo) and ingests them (`iln ingest data/demo`).
 * 2. Builds the site offline (scripts/build-site.ts); its npm cache and matcher bundle are made
 *    while step 1 runs.
 * 3. Serves dist/ with a small static server bound to 127.0.0.1 and prints the address.
 *
 * Before all that, `PORT` is checked (digits, 0-65535, and free on 127.0.0.1): a wrong or busy one
 * exits with code 2 at once, naming it, with nothing generated or built.
 *
 * Progress goes to stderr: a line as each step starts and as it ends with its duration, and
 * within the longer steps the lines of the CLI and of the site build as their parts finish.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite, prepareAssets } from "./build-site";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/**
 * Maps a URL path to a file of `dir` the way Framework's clean URLs expect: `/` -> index.html,
 * `/coverage` -> coverage.html, `/rounds/` -> rounds/index.html. Null when there is no such file
 * or the path escapes `dir`.
 */
export function resolveStatic(dir: string, urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const base = path.resolve(dir);
  const candidates = p.endsWith("/") ? [path.join(p, "index.html")] : [p, `${p}.html`, path.join(p, "index.html")];
  for (const c of candidates) {
    const full = path.resolve(base, `.${c}`);
    if (full !== base && !full.startsWith(base + path.sep)) return null;
    if (existsSync(full) && statSync(full).isFile()) return full;
  }
  return null;
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0 picks a free port). Resolves with the server and its URL.
 * @throws (rejects) when the port is taken.
 */
export function serveStatic(dir: string, port: number): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    const file = resolveStatic(dir, req.url ?? "/");
    if (!file) {
      const notFound = path.join(dir, "404.html");
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(existsSync(notFound) ? readFileSync(notFound) : "Not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    res.end(req.method === "HEAD" ? undefined : readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

/**
 * A `PORT` that `npm start` cannot serve on: not a port number, or in use or refused on
 * 127.0.0.1. Found before any work (the demo, the build), and the process exits with code 2, as
 * the CLI does for wrong usage.
 */
export class PortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PortError";
  }
}

/** The port `npm start` serves on when `PORT` is unset or empty. */
export const DEFAULT_PORT = 3000;

/**
 * The port `npm start` serves on: `PORT` written in decimal digits, 0 to 65535 (0 picks a free
 * port), or {@link DEFAULT_PORT} when it is unset or empty.
 * @throws PortError naming the variable and its value for anything else (`abc`, `0x10`, `3e3`,
 *   ` 80`, `70000`), which `Number` would partly accept.
 * @example portFromEnv("8080") // 8080
 */
export function portFromEnv(value: string | undefined = process.env.PORT): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new PortError(`PORT must be a port number from 1 to 65535 (or 0 for any free port), written in digits; got ${JSON.stringify(value)}. Unset it to serve on ${DEFAULT_PORT}`);
  }
  return port;
}

/**
 * Checks that 127.0.0.1:`port` can be listened on now, by listening and closing at once, so a
 * port in use is reported before minutes of work rather than after (another program could still
 * take it meanwhile: `serveStatic` then fails as before).
 * @throws PortError (rejects) when the port is in use or refused (a port below 1024 without the
 *   right to it).
 */
export function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      const why = err.code === "EADDRINUSE" ? "is in use by another program" : err.code === "EACCES" ? "needs rights this user lacks" : `cannot be listened on (${err.message})`;
      reject(new PortError(`port ${port} on 127.0.0.1 ${why}; set PORT to another port (PORT=${port === 3001 ? 3002 : 3001} npm start)`));
    });
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** Runs the iln CLI; its stdout (ingest's table of files) is not shown. @throws (rejects) Error when it exits non-zero. */
function iln(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT, "bin", "iln.js"), ...args], { cwd: PROJECT, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`iln ${args.join(" ")} failed (exit code ${code})`))));
  });
}

/** Longest silence on stderr during a step before it says it is still working, ms. */
export const QUIET_MS = 1500;

/** When this process last wrote to stderr (the CLI's and the site build's lines come through it too). */
let lastOutput = Date.now();

/** Keeps {@link lastOutput} as stderr is written (called once, by `main`). */
function watchOutput(): void {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((...args: Parameters<typeof process.stderr.write>) => {
    lastOutput = Date.now();
    return write(...args);
  }) as typeof process.stderr.write;
}

/**
 * Says on stderr that step `what` starts, runs it, and says how long it took; meanwhile, whenever
 * nothing has been written for {@link QUIET_MS}, a line that it is still working.
 */
async function step<T>(what: string, work: () => T | Promise<T>): Promise<T> {
  const t0 = Date.now();
  console.error(`npm start: ${what}...`);
  const timer = setInterval(() => {
    if (Date.now() - lastOutput >= QUIET_MS) console.error(`npm start: ${what}: still working (${((Date.now() - t0) / 1000).toFixed(0)} s so far)`);
  }, 250);
  try {
    const result = await work();
    console.error(`npm start: ${what}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  // PORT first: a wrong or busy one fails at once, not after the demo and the build.
  const port = portFromEnv();
  await checkPortFree(port);
  watchOutput();
  const dbPath = path.resolve(PROJECT, process.env.ILN_DB || path.join("data", "iln.duckdb"));
  // The npm cache and the matcher bundle do not need the database: they are made meanwhile.
  const assets = prepareAssets((line) => console.error(line));
  assets.catch(() => {}); // awaited by buildSite; this only keeps an early failure from going unhandled
  if (!existsSync(dbPath)) {
    console.error(`npm start: no database at ${dbPath}: generating and ingesting the synthetic demo`);
    const demoDir = path.join(PROJECT, "data", "demo");
    await step(`generating the synthetic demo into ${path.relative(PROJECT, demoDir)}`, () => iln(["demo", "--out", demoDir]));
    await step(`ingesting it into ${path.relative(PROJECT, dbPath)}`, () => iln(["ingest", demoDir, "--db", dbPath]));
  }
  const { bytes } = await step("building the dashboards into dist/", () => buildSite({ dbPath, assets }));
  console.error(`npm start: dist/ is ${(bytes / 1024 / 1024).toFixed(1)} MB; ready ${((Date.now() - t0) / 1000).toFixed(1)} s after start`);
  const { url } = await serveStatic(path.join(PROJECT, "dist"), port);
  console.log(`ILN dashboards: ${url}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    if (err instanceof PortError) {
      console.error(`npm start: ${err.message}; nothing was generated or built`);
      process.exit(2);
    }
    console.error(`start failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
