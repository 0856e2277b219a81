/**
 * Fills Observable Framework's npm cache (`reports/.observablehq/cache/_npm/`) from
 * `node_modules`, so that `observable build` never asks a CDN or the npm registry.
 *
 * Framework 1.13 resolves every `npm:` import (and the implicit `Plot`, `d3`, `html`, `Inputs`,
 * `topojson`) to `/_npm/<name>@<version>/_esm.js` and looks in that cache folder before it
 * fetches anything. Its client bundle also names many libraries a page may never use (lodash,
 * arquero, leaflet, ...): for each one a version folder must exist or Framework asks the registry
 * which version is latest. So this script:
 * - bundles each package of `BUNDLED` with esbuild into `<name>@<installed version>/_esm.js`,
 *   leaving imports of other `BUNDLED` packages as relative links to their cached files (one
 *   copy of d3 shared by Plot and pages);
 * - creates an empty version folder for every other `npm:` name that Framework's client code
 *   mentions, so version resolution succeeds; using one of those in a page fails the build
 *   loudly (the CDN is unreachable) instead of silently.
 *
 * Run: `npx tsx scripts/framework-offline.ts` (build-site.ts runs it). The output is git-ignored.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Packages bundled from node_modules into the cache: everything pages and components import. */
export const BUNDLED: readonly string[] = Object.freeze([
  "@observablehq/plot",
  "d3",
  "d3-dsv",
  "htl",
  "isoformat",
  "topojson-client",
]);

/** Placeholder version for libraries Framework mentions but no page uses. */
const PLACEHOLDER_VERSION = "0.0.0-offline";

/** esbuild options of every browser bundle the site ships (npm cache entries, the matcher). */
export const BROWSER_ESM = Object.freeze({
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  legalComments: "none",
} as const);

/** Installed version of a package, read from its package.json. @throws when it is not installed. */
function installedVersion(name: string): string {
  const pkgPath = path.join(PROJECT, "node_modules", name, "package.json");
  return (JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string }).version;
}

/** Name of the package a bare specifier belongs to (`d3-array/src/x.js` -> `d3-array`). */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** `npm:` names mentioned by Framework's client code (the libraries it may ask versions of). */
function frameworkNpmNames(): string[] {
  const clientDir = path.join(PROJECT, "node_modules", "@observablehq", "framework", "dist", "client");
  const names = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const p = path.join(dir, entry);
      if (statSync(p).isDirectory()) visit(p);
      else if (p.endsWith(".js")) {
        for (const m of readFileSync(p, "utf8").matchAll(/["']npm:((?:@[\w.-]+\/)?[\w.-]+)/g)) names.add(m[1]);
      }
    }
  };
  visit(clientDir);
  // Implicit imports added by the page resolver (libraries.js), not named in the client code.
  for (const n of ["htl", "isoformat", "d3-dsv", "apache-arrow", "arquero", "parquet-wasm", "@observablehq/sample-datasets"]) names.add(n);
  return [...names].sort();
}

/** esbuild plugin: imports of other cached packages become relative links to their `_esm.js`. */
function linkCached(self: string, versions: ReadonlyMap<string, string>, fromDir: string): Plugin {
  return {
    name: "link-cached",
    setup(b) {
      b.onResolve({ filter: /^[@\w]/ }, (args) => {
        const name = packageName(args.path);
        if (name === self || args.path !== name) return undefined; // own files and deep imports: bundle
        const version = versions.get(name);
        if (!version) return undefined;
        const target = path.posix.relative(fromDir, `${name}@${version}/_esm.js`);
        return { path: target.startsWith(".") ? target : `./${target}`, external: true };
      });
    },
  };
}

/** Whether an installed package has a default export. */
async function hasDefaultExport(name: string): Promise<boolean> {
  return "default" in ((await import(name)) as Record<string, unknown>);
}

/**
 * Fills the cache under `root/.observablehq/cache/_npm` and returns the folders written.
 * Idempotent: a package whose `_esm.js` exists is left alone.
 * @throws when a `BUNDLED` package is not installed or esbuild fails.
 */
export async function fillFrameworkNpmCache(root: string = path.join(PROJECT, "reports")): Promise<string[]> {
  const cache = path.join(root, ".observablehq", "cache", "_npm");
  const versions = new Map<string, string>(BUNDLED.map((n) => [n, installedVersion(n)]));
  const written: string[] = [];
  for (const [name, version] of versions) {
    const dir = `${name}@${version}`;
    const outFile = path.join(cache, dir, "_esm.js");
    if (existsSync(outFile)) continue;
    const bundle = (withDefault: boolean) =>
      build({
        stdin: {
          contents: `export * from ${JSON.stringify(name)};\n` + (withDefault ? `export { default } from ${JSON.stringify(name)};\n` : ""),
          resolveDir: PROJECT,
          loader: "js",
        },
        ...BROWSER_ESM,
        target: [...BROWSER_ESM.target],
        define: { "process.env.NODE_ENV": '"production"' },
        outfile: outFile,
        plugins: [linkCached(name, versions, dir)],
        logLevel: "silent",
      });
    // Node's view of a package (its CommonJS "main") may have a default export that the ES module
    // esbuild picks for the browser ("module") lacks (topojson-client): try with it, then without.
    if (await hasDefaultExport(name)) {
      try {
        await bundle(true);
      } catch (err) {
        if (!/No matching export .* for import "default"/.test(String((err as Error).message))) throw err;
        await bundle(false);
      }
    } else {
      await bundle(false);
    }
    written.push(dir);
  }
  for (const name of frameworkNpmNames()) {
    if (versions.has(name)) continue;
    const base = path.join(cache, name.startsWith("@") ? name.split("/")[0] : "");
    const existing = existsSync(base) ? readdirSync(base).filter((e) => e.startsWith(`${name.split("/").pop()}@`)) : [];
    if (existing.length > 0) continue;
    // duckdb-wasm is pinned by Framework to an exact version and never needs a folder.
    if (name === "@duckdb/duckdb-wasm") continue;
    const dir = `${name}@${PLACEHOLDER_VERSION}`;
    mkdirSync(path.join(cache, dir), { recursive: true });
    written.push(dir);
  }
  writeFileSync(path.join(cache, ".offline-filled"), `${[...versions].map(([n, v]) => `${n}@${v}`).join("\n")}\n`);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  fillFrameworkNpmCache()
    .then((dirs) => console.error(`framework-offline: ${dirs.length} cache folder(s) written in ${Date.now() - t0} ms`))
    .catch((err: unknown) => {
      console.error(`framework-offline: ${(err as Error).message}`);
      process.exit(1);
    });
}
