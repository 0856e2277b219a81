/**
 * The compiled programs (scripts/build-cli.mjs, bin/iln.js): one build per state of the sources, the
 * compiled workers doing the sources' work, a rebuild after an edit, and the TypeScript sources
 * through tsx when it cannot be built. How fast it starts is BENCHMARKS.md, not a test.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { discover } from "../../loaders/discover";
import { parseFile } from "../../loaders/parse-file";
import { parseFiles } from "../../loaders/parse-files";
import { useCompiledWorkers } from "../../src/workers/map-jobs";
import { linkBin } from "../../scripts/build-cli.mjs";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");

/** Runs `node args` in `cwd`. */
function node(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Builds the CLI of the checkout at `root` (when needed) and returns its folder. */
function build(root = ROOT): string {
  const r = node([path.join(root, "scripts/build-cli.mjs")], root);
  expect(r.code, r.stderr).toBe(0);
  const m = /compiled CLI in (\S+)/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return path.join(root, m![1]);
}

describe("scripts/build-cli.mjs", () => {
  it("builds the CLI, both workers and the data loaders once for a state of the sources", () => {
    const dir = build();
    for (const f of ["iln.js", "replay-worker.js", "parse-worker.js", "loader-matching.json.js", "loader-metrics.json.js"]) expect(existsSync(path.join(dir, f))).toBe(true);
    const made = statSync(path.join(dir, "iln.js")).mtimeMs;
    expect(build()).toBe(dir);
    expect(statSync(path.join(dir, "iln.js")).mtimeMs).toBe(made);
  });

  it("starts the CLI with commander and Node's own modules only: DuckDB, the loaders and the models load when a command runs", () => {
    const dir = build();
    const external = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      // static imports only: `import ... from "x"`, `import "x"`, `export ... from "x"` (not `import("x")`)
      for (const m of readFileSync(path.join(dir, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith("./")) walk(spec.slice(2));
        else external.add(spec);
      }
    };
    walk("iln.js");
    expect([...external].filter((s) => !s.startsWith("node:"))).toEqual(["commander"]);
  });

  it("compiles parse workers that parse as the sources do", async () => {
    const folder = writeRound(tempDir(), "T1", baseRound());
    const jobs = discover(folder).rounds.flatMap((r) => r.files);
    expect(jobs.length).toBe(4);
    useCompiledWorkers(pathToFileURL(`${build()}/`));
    try {
      expect(await parseFiles(jobs, { parallel: true })).toEqual(jobs.map((j) => parseFile(j)));
    } finally {
      useCompiledWorkers(undefined);
    }
  });
});

describe("npx iln", () => {
  it("prepare links node_modules/.bin/iln to the bin, once", () => {
    const root = tempDir("iln-link-");
    try {
      expect(linkBin(root)).toBe(false); // no node_modules: nothing to link into
      mkdirSync(path.join(root, "node_modules"));
      mkdirSync(path.join(root, "bin"));
      writeFileSync(path.join(root, "bin/iln.js"), "");
      expect(linkBin(root)).toBe(true);
      expect(readlinkSync(path.join(root, "node_modules/.bin/iln"))).toBe(path.join("..", "..", "bin", "iln.js"));
      expect(realpathSync(path.join(root, "node_modules/.bin/iln"))).toBe(realpathSync(path.join(root, "bin/iln.js")));
      expect(linkBin(root)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("runs the checkout's CLI from that link; package.json declares no bin, which would make npx install the checkout first", () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).bin).toBeUndefined();
    linkBin(ROOT); // what npm's prepare did at install
    const r = spawnSync("npx", ["--no-install", "iln", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("ILN outcomes toolkit");
  });
});

describe("bin/iln.js in a copy of the checkout", () => {
  const copy = tempDir("iln-bin-");
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  for (const p of ["bin", "scripts/build-cli.mjs", "src", "loaders", "reports/data", "package.json", "package-lock.json", "tsconfig.json"]) cpSync(path.join(ROOT, p), path.join(copy, p), { recursive: true });
  const builds = () => (existsSync(path.join(copy, "build/cli")) ? readdirSync(path.join(copy, "build/cli")).sort() : []);
  const main = path.join(copy, "src/cli/main.ts");
  const bin = path.join(copy, "bin/iln.js");

  it("runs the compiled CLI, and builds again after a source changes", () => {
    symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
    const first = node([bin, "--help"], copy);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("ILN outcomes toolkit");
    expect(first.stderr).toBe("");
    expect(builds()).toHaveLength(1);
    writeFileSync(main, readFileSync(main, "utf8").replace("ILN outcomes toolkit:", "ILN outcomes toolkit (edited):"));
    const second = node([bin, "--help"], copy);
    expect(second.stdout).toContain("ILN outcomes toolkit (edited):");
    expect(builds()).toHaveLength(2);
  });

  it("runs the sources through tsx, saying nothing more, when the CLI cannot be built", () => {
    // node_modules without esbuild: nothing can be compiled, tsx (with its own esbuild) still runs.
    rmSync(path.join(copy, "node_modules"));
    rmSync(path.join(copy, "build"), { recursive: true, force: true });
    mkdirSync(path.join(copy, "node_modules"));
    for (const e of readdirSync(path.join(ROOT, "node_modules"))) {
      if (e !== "esbuild") symlinkSync(path.join(ROOT, "node_modules", e), path.join(copy, "node_modules", e));
    }
    writeFileSync(main, readFileSync(main, "utf8").replace("(edited):", "(from sources):"));
    const r = node([bin, "--help"], copy);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ILN outcomes toolkit (from sources):");
    expect(r.stderr).toBe("");
    expect(builds()).toEqual([]);
    const bad = node([bin, "frobnicate"], copy);
    expect(bad.code).toBe(2);
  });
});
