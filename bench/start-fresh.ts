/**
 * `npx tsx bench/start-fresh.ts [RUNS]`: `npm start` as a newcomer runs it. Clones this checkout's
 * committed HEAD into a temporary folder, runs `npm ci --prefer-offline` there (timed on its own:
 * it is the install, not the start; it also compiles the CLI through npm's `prepare`), then times
 * `npm start` (PORT=0) from launch to the line with the dashboards' address: in all, each
 * `npm start: ...` step, and the longest stretch without any output (the progress the user sees:
 * a partial line counts, as Framework writes "load /page " and the time it took later). RUNS (default 2) starts on fresh databases and caches, reusing the install. Prints
 * markdown table rows with the load average.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib";

const runs = Number(process.argv[2] ?? 2);
const tmp = mkdtempSync(path.join(os.tmpdir(), "iln-bench-start-"));
const clone = path.join(tmp, "clone");

/** Runs `npm start` in the clone until it prints the address; resolves with its output lines and when each came (s). */
function start(): Promise<{ lines: { t: number; text: string }[]; chunks: number[]; total: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("npm", ["start"], { cwd: clone, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const lines: { t: number; text: string }[] = [];
    const chunks: number[] = [];
    let done = false;
    const on = (stream: NodeJS.ReadableStream) => {
      let partial = "";
      stream.on("data", (d: Buffer) => {
        if (String(d).trim()) chunks.push((performance.now() - t0) / 1000);
        const parts = (partial + d).split(/\r?\n|\r/);
        partial = parts.pop() ?? "";
        for (const text of parts) {
          if (!text.trim()) continue;
          const t = (performance.now() - t0) / 1000;
          lines.push({ t, text });
          if (text.includes("ILN dashboards:") && !done) {
            done = true;
            process.kill(-child.pid!, "SIGTERM");
            resolve({ lines, chunks, total: t });
          }
        }
      });
    };
    on(child.stdout!);
    on(child.stderr!);
    child.on("error", reject);
    child.on("close", (code) => {
      if (!done) reject(new Error(`npm start exited (${code}) before serving:\n${lines.map((l) => l.text).join("\n")}`));
    });
  });
}

try {
  const cloned = spawnSync("git", ["clone", "--quiet", ROOT, clone], { encoding: "utf8" });
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  const t0 = performance.now();
  const ci = spawnSync("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: clone, encoding: "utf8" });
  const install = (performance.now() - t0) / 1000;
  if (ci.status !== 0) {
    console.log(`(npm ci failed, exit ${ci.status}: no figure)\n\n${ci.stderr.slice(-2000)}`);
  } else {
    console.log(`\`npm ci --prefer-offline\` in the fresh clone (the install, CLI compiled by \`prepare\`): ${install.toFixed(1)} s\n`);
    console.log("| run | load average (1 min) before | `npm start` to the address | demo generated | demo ingested | dashboards built | longest time without output |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (let k = 1; k <= runs; k++) {
      for (const p of ["data/iln.duckdb", "data/iln.duckdb.wal", "data/iln.duckdb.key", "dist", "reports/.observablehq/cache"]) rmSync(path.join(clone, p), { recursive: true, force: true });
      const load = os.loadavg()[0];
      const { lines, chunks, total } = await start();
      const stepTime = (what: RegExp) => {
        const m = lines.map((l) => new RegExp(`npm start: ${what.source}.*: done in ([\\d.]+) s`).exec(l.text)).find(Boolean);
        return m ? `${m[1]} s` : "-";
      };
      let gap = 0;
      let at = "";
      chunks.forEach((t, i) => {
        const g = t - (i === 0 ? 0 : chunks[i - 1]);
        const before = lines.filter((l) => l.t <= (i === 0 ? 0 : chunks[i - 1])).pop();
        if (g > gap) [gap, at] = [g, before ? `after "${before.text.slice(0, 60)}"` : "before any output"];
      });
      console.log(`| ${k} | ${load.toFixed(1)} | ${total.toFixed(1)} s | ${stepTime(/generating/)} | ${stepTime(/ingesting/)} | ${stepTime(/building/)} | ${gap.toFixed(1)} s (${at.replace(/\|/g, "/")}) |`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
