/**
 * The published documents the deck is built from: the very JSON the dashboards publish, made by
 * running the site's own data loaders (reports/data/<name>.json.ts, through tsx, as
 * scripts/build-site.ts does) on the database, so the deck holds exactly what the published site
 * holds, with the same small-cell suppression (docs/privacy.md), and nothing is queried here.
 * The loaders are run as programs, not imported: src/ never imports reports/.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The site documents the deck reads. */
export const DECK_DOCUMENTS = ["metrics", "retention", "health", "themes", "network"] as const;
/** One of {@link DECK_DOCUMENTS}. */
export type DeckDocument = (typeof DECK_DOCUMENTS)[number];

/**
 * Runs the data loader `reports/data/<name>.json.ts` on the database `dbPath` and parses what it
 * writes. `env` adds to the process environment (ILN_MIN_CELL, ILN_CODEBOOK, ...); an internal
 * build's extras are never asked for (ILN_INTERNAL_BUILD is removed).
 * @throws Error naming the loader and its last lines of stderr when it fails or writes no JSON.
 */
export function runSiteLoader(name: DeckDocument, dbPath: string, env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  const loader = path.join(PROJECT, "reports", "data", `${name}.json.ts`);
  const tsx = path.join(PROJECT, "node_modules", "tsx", "dist", "cli.mjs");
  if (!existsSync(loader)) return Promise.reject(new Error(`the site's data loader ${path.relative(PROJECT, loader)} is missing`));
  const childEnv: NodeJS.ProcessEnv = { ...env, ILN_DB: path.resolve(dbPath) };
  delete childEnv.ILN_INTERNAL_BUILD;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, loader], { cwd: PROJECT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const tail = err.trim().split("\n").slice(-5).join("\n");
      if (code !== 0) return reject(new Error(`the site's ${name}.json loader failed (exit code ${code}):\n${tail}`));
      try {
        resolve(JSON.parse(Buffer.concat(out).toString("utf8")));
      } catch {
        reject(new Error(`the site's ${name}.json loader wrote no JSON:\n${tail}`));
      }
    });
  });
}

/**
 * Every document of {@link DECK_DOCUMENTS}, two loaders at a time.
 * @throws Error from {@link runSiteLoader}.
 */
export async function loadPublished(dbPath: string, env: NodeJS.ProcessEnv = process.env): Promise<Record<DeckDocument, unknown>> {
  const queue = [...DECK_DOCUMENTS];
  const out = {} as Record<DeckDocument, unknown>;
  await Promise.all(
    [0, 1].map(async () => {
      for (let name = queue.shift(); name; name = queue.shift()) out[name] = await runSiteLoader(name, dbPath, env);
    }),
  );
  return out;
}
