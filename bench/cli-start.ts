/**
 * `npx tsx bench/cli-start.ts`: how long `iln --help` takes to start and print, as a user runs it:
 *   - `node bin/iln.js --help`: the compiled CLI (scripts/build-cli.mjs), built beforehand;
 *   - `npx iln --help`: the same through npm's `npx` (npm's own start, its look at package.json
 *     and a shell come on top: that part is npm's), from `node_modules/.bin/iln`, which npm's
 *     `prepare` links (`linkBin`);
 *   - `npm --version`: npm's own start, the floor under any `npx` command;
 *   - the same sources through tsx, as bin/iln.js runs them when the CLI cannot be compiled
 *     (TypeScript compiled at start; tsx's own cache of compiled files warm);
 *   - `node -e 0`: Node's own start on this machine, the floor.
 * Each runs `BENCH_RUNS` times (default 10), alternating, under GNU time; prints the median and
 * range of the wall time, the median CPU time (user + system: less sensitive to other processes
 * on a shared machine) and the load average, as markdown table rows.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib";

const runs = Number(process.env.BENCH_RUNS ?? 10);
const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-cli.mjs")], { cwd: ROOT, encoding: "utf8" });
if (build.status !== 0) throw new Error(`the CLI does not compile: ${build.stderr}`);

const variants: { label: string; command: string; args: string[] }[] = [
  { label: "`node bin/iln.js --help` (compiled CLI)", command: process.execPath, args: [path.join(ROOT, "bin/iln.js"), "--help"] },
  { label: "`npx iln --help` (compiled CLI, through npx)", command: "npx", args: ["iln", "--help"] },
  {
    label: "the same sources through tsx (the fallback when the CLI cannot be compiled)",
    command: process.execPath,
    args: ["--import", "tsx", "-e", `const { main } = await import(${JSON.stringify(path.join(ROOT, "src/cli/main.ts"))}); process.exitCode = await main(["--help"]);`, "--input-type=module"],
  },
  { label: "`npm --version` (npm's own start, under any `npx` command)", command: "npm", args: ["--version"] },
  { label: "`node -e 0` (Node's own start)", command: process.execPath, args: ["-e", "0"] },
];

const wall = new Map(variants.map((v) => [v.label, [] as number[]]));
const cpu = new Map(variants.map((v) => [v.label, [] as number[]]));
const load0 = os.loadavg()[0];
for (let k = 0; k < runs; k++) {
  for (const v of variants) {
    const t0 = performance.now();
    const r = spawnSync("/usr/bin/time", ["-f", "__CPU=%U %S", v.command, ...v.args], { cwd: ROOT, encoding: "utf8" });
    wall.get(v.label)!.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`${v.label} failed (${r.status}): ${r.stderr}`);
    const m = /__CPU=([\d.]+) ([\d.]+)/.exec(r.stderr);
    cpu.get(v.label)!.push(m ? Number(m[1]) + Number(m[2]) : NaN);
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`| start of \`iln --help\` (${runs} runs each, alternating; load average ${load0.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after) | wall median s | wall range s | CPU median s |`);
console.log("|---|---:|---:|---:|");
for (const [label, t] of wall) {
  console.log(`| ${label} | ${median(t).toFixed(2)} | ${Math.min(...t).toFixed(2)}-${Math.max(...t).toFixed(2)} | ${median(cpu.get(label)!).toFixed(2)} |`);
}
