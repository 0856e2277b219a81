/**
 * Observable Framework configuration of the ILN outcomes dashboards (docs/README.md).
 *
 * The site is built offline: `globalStylesheets: []` stops the default Google Fonts request, and
 * scripts/framework-offline.ts fills the npm cache before `observable build` (scripts/build-site.ts).
 * The round pages (`/rounds/<id>`) are listed from the database named by `ILN_DB`
 * (default data/iln.duckdb), opened read-only; when any round is synthetic every page carries a
 * banner saying so. `ILN_SITE_OUT` overrides the output folder (default dist/).
 */
import { existsSync } from "node:fs";
import { defaultDbPath, openDatabase, sql } from "./src/db";
import { minCellSize } from "./src/privacy/suppress";

interface SiteRound {
  round_id: string;
  name: string;
  synthetic: boolean;
}

/** Rounds in start order, read once when the config loads; none when there is no database yet. */
async function readRounds(): Promise<SiteRound[]> {
  const dbPath = defaultDbPath();
  if (!existsSync(dbPath)) return [];
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return await db.all<SiteRound>(sql`SELECT round_id, name, synthetic FROM rounds ORDER BY start_date, round_id`);
  } finally {
    db.close();
  }
}

const rounds = await readRounds();
const synthetic = rounds.some((r) => r.synthetic === true);

const BANNER = `<div class="synthetic-banner" role="note"><strong>Synthetic data.</strong> Every figure on this page comes from the
generated demo history (<code>iln demo</code>), not from real ILN participants. See <a href="/methods#planted-model">Methods</a>.</div>`;

export default {
  root: "reports",
  // The build output; tests build into a temporary folder through ILN_SITE_OUT.
  output: process.env.ILN_SITE_OUT || "dist",
  title: "ILN outcomes",
  style: "theme.css",
  globalStylesheets: [],
  search: false,
  toc: false,
  pager: false,
  pages: [
    { name: "Overview", path: "/" },
    {
      name: "Rounds",
      open: false,
      pages: rounds.map((r) => ({ name: r.name, path: `/rounds/${r.round_id}` })),
    },
    { name: "Satisfaction", path: "/satisfaction" },
    { name: "Retention", path: "/retention" },
    { name: "Coverage", path: "/coverage" },
    { name: "Partnership health", path: "/health" },
    { name: "Comment themes", path: "/themes" },
    { name: "Matching", path: "/matching" },
    { name: "Methods", path: "/methods" },
  ],
  dynamicPaths: rounds.map((r) => `/rounds/${r.round_id}`),
  // An empty icon: browsers otherwise request /favicon.ico, which the site does not have.
  head: `<link rel="icon" href="data:,">`,
  header: synthetic ? BANNER : "",
  footer: `International Librarians Network outcomes toolkit. Only aggregates are published; cells of fewer than
${minCellSize()} people are suppressed or merged.`,
};
