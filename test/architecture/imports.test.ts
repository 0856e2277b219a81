/**
 * The project's floors, checked by reading every import (README.md, "Layout"): data flows
 * one way, src/domain -> src/db -> loaders/ -> src/ metrics and matching -> reports/ and the CLI.
 * Every `import`, `import type`, `export ... from` and `import("...")` of the TypeScript and
 * JavaScript files under src/, loaders/, reports/ (pages' ```js cells included), scripts/ and
 * bench/ is read with TypeScript's own `preProcessFile`, resolved to a file, and the graph must
 * hold these rules:
 * - no import cycle, type-only imports included;
 * - src/domain imports nothing of the project outside itself;
 * - nothing in src/ but the CLI (src/cli) imports loaders/;
 * - loaders/ stands on src/domain and src/db, plus the utilities that stand on them alone
 *   (src/workers, the job runner; src/privacy/pseudonym, the key of every row it writes;
 *   src/privacy/synthetic, the demo's signature it verifies before marking a round synthetic;
 *   src/privacy/redact-names, which blanks an erased person out of an old export's notes);
 * - nothing in src/ or loaders/ imports reports/, scripts/ or bench/;
 * - pages and reports/components never reach node-only code (a `node:` module or a Node
 *   built-in, directly or through a project file) or src/db.
 * The rules are checked on planted graphs too, so the test can fail.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const FOLDERS = ["src", "loaders", "reports", "scripts", "bench"];
const SKIP = new Set([".observablehq", "_generated", "out", "node_modules"]);
const BUILTINS = new Set(builtinModules);

/** Project files (paths relative to the root, with `/`) and what each imports. */
interface Graph {
  /** file -> project files it imports. */
  edges: Map<string, string[]>;
  /** file -> external specifiers it imports (npm packages, `node:` modules). */
  external: Map<string, string[]>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|js|mjs|md)$/.test(e.name) ? [p] : [];
  });
}

/** The code of a file: for a Markdown page, its ```js cells. */
function codeOf(file: string): string {
  const text = readFileSync(file, "utf8");
  if (!file.endsWith(".md")) return text;
  return [...text.matchAll(/```js[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]).join("\n");
}

/** The project file a relative specifier names, or null (a generated file). */
function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.mjs`, `${base}.json`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** Reads the import graph of the project. */
function readGraph(): Graph {
  const files = [...FOLDERS.flatMap((f) => walk(path.join(ROOT, f))), path.join(ROOT, "observablehq.config.ts")];
  const edges = new Map<string, string[]>();
  const external = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const specs = ts.preProcessFile(codeOf(file), true, true).importedFiles.map((f) => f.fileName);
    const local: string[] = [];
    const outside: string[] = [];
    for (const spec of specs) {
      if (!spec.startsWith(".")) {
        outside.push(spec);
        continue;
      }
      const target = resolve(file, spec);
      if (target) local.push(rel(target));
      else if (!spec.includes("_generated/")) unresolved.push(`${rel(file)} -> ${spec}`);
    }
    edges.set(rel(file), [...new Set(local)]);
    external.set(rel(file), [...new Set(outside)]);
  }
  if (unresolved.length) throw new Error(`imports that name no file:\n${unresolved.join("\n")}`);
  return { edges, external };
}

/** Every cycle of the graph (strongly connected components of more than one file, or a self-import), as file lists. */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

const under = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);
const isNodeBuiltin = (spec: string) => spec.startsWith("node:") || BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0]);

/** What loaders/ may import from src/. */
const LOADERS_MAY_USE = ["src/domain", "src/db", "src/workers", "src/privacy/pseudonym.ts", "src/privacy/synthetic.ts", "src/privacy/redact-names.ts"];

/** The rule each import breaks, as `from -> to: rule` lines (empty when the graph keeps every rule). */
function violationsOf(g: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of g.edges) {
    for (const to of targets) {
      const bad = (rule: string) => out.push(`${from} -> ${to}: ${rule}`);
      if (under(from, "src/domain") && !under(to, "src/domain")) bad("src/domain imports nothing of the project");
      if (under(from, "src") && !under(from, "src/cli") && under(to, "loaders")) bad("only the CLI in src/ imports loaders/");
      if ((under(from, "src") || under(from, "loaders")) && (under(to, "reports") || under(to, "scripts") || under(to, "bench"))) bad("src/ and loaders/ never import reports/, scripts/ or bench/");
      if (under(from, "loaders") && under(to, "src") && !LOADERS_MAY_USE.some((f) => (f.endsWith(".ts") ? to === f : under(to, f)))) bad(`loaders/ imports from src/ only ${LOADERS_MAY_USE.join(", ")}`);
    }
  }
  // Browser code: pages (reports/**/*.md) and components, with everything they reach.
  const browser = [...g.edges.keys()].filter((f) => (under(f, "reports") && f.endsWith(".md")) || under(f, "reports/components"));
  for (const start of browser) {
    const seen = new Set<string>([start]);
    const queue = [start];
    while (queue.length) {
      const f = queue.shift()!;
      for (const spec of g.external.get(f) ?? []) if (isNodeBuiltin(spec)) out.push(`${start}${f === start ? "" : ` (through ${f})`} imports ${spec}: browser code never uses Node`);
      for (const to of g.edges.get(f) ?? []) {
        if (under(to, "src/db")) out.push(`${start} reaches ${to}: browser code never uses src/db`);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
  }
  return out;
}

describe("the import graph", () => {
  const graph = readGraph();

  it("reads every file of the floors", () => {
    const files = [...graph.edges.keys()];
    for (const f of ["src/domain/errors.ts", "src/db/sql.ts", "loaders/ingest.ts", "src/cli/main.ts", "reports/matching.md", "reports/components/chartCard.js", "scripts/build-site.ts"]) expect(files).toContain(f);
    expect(graph.edges.get("src/cli/main.ts")).toContain("src/domain/errors.ts");
  });

  it("has no cycle, type-only imports included", () => {
    expect(cyclesOf(graph.edges)).toEqual([]);
  });

  it("keeps every floor rule", () => {
    expect(violationsOf(graph)).toEqual([]);
  });

  it("fails on planted bad imports", () => {
    const planted = (from: string, to: string, ext: string[] = []): Graph => {
      const edges = new Map([...graph.edges].map(([k, v]) => [k, [...v]]));
      edges.get(from)!.push(to);
      const external = new Map(graph.external);
      external.set(from, [...(graph.external.get(from) ?? []), ...ext]);
      return { edges, external };
    };
    expect(cyclesOf(planted("src/domain/vocabulary.ts", "src/domain/errors.ts").edges)).toEqual([]);
    expect(cyclesOf(planted("src/domain/errors.ts", "src/cli/main.ts").edges).flat()).toContain("src/cli/main.ts");
    expect(violationsOf(planted("src/domain/errors.ts", "src/db/sql.ts"))).toEqual(["src/domain/errors.ts -> src/db/sql.ts: src/domain imports nothing of the project"]);
    expect(violationsOf(planted("src/metrics/base.ts", "loaders/ingest.ts"))).toEqual(["src/metrics/base.ts -> loaders/ingest.ts: only the CLI in src/ imports loaders/"]);
    expect(violationsOf(planted("src/cli/main.ts", "loaders/ingest.ts"))).toEqual([]);
    expect(violationsOf(planted("loaders/ingest.ts", "src/metrics/base.ts"))[0]).toMatch(/^loaders\/ingest.ts -> src\/metrics\/base.ts: loaders\/ imports from src\/ only/);
    expect(violationsOf(planted("src/matching/fit.ts", "reports/data/lib/publish.ts"))).toEqual(["src/matching/fit.ts -> reports/data/lib/publish.ts: src/ and loaders/ never import reports/, scripts/ or bench/"]);
    expect(violationsOf(planted("reports/components/format.js", "src/db/sql.ts"))).toContain("reports/components/format.js reaches src/db/sql.ts: browser code never uses src/db");
    expect(violationsOf(planted("reports/components/format.js", "src/domain/vocabulary.ts", ["node:fs"]))).toContain("reports/components/format.js imports node:fs: browser code never uses Node");
  });
});
