/**
 * Benchmark helpers: run a step in a child process and read its wall time and peak memory.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = path.join(ROOT, "bench/out");

export interface Measured {
  seconds: number;
  peakMB: number;
  /** User plus system CPU seconds of the process and the children it waited for (every thread). */
  cpuSeconds: number;
  stdout: string;
}

/**
 * Runs `node ...args` from the project root under GNU time; returns wall seconds, CPU seconds
 * (user + system, children included: the figure to compare on a shared machine) and the peak
 * resident set size of the process tree's largest process.
 * @throws Error when the command fails.
 */
export function measure(args: string[], env: Record<string, string> = {}): Measured {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "__PEAK_KB=%M __CPU=%U+%S", process.execPath, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const m = /__PEAK_KB=(\d+)/.exec(r.stderr);
  const c = /__CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr);
  return { seconds, peakMB: m ? Number(m[1]) / 1024 : NaN, cpuSeconds: c ? Number(c[1]) + Number(c[2]) : NaN, stdout: r.stdout };
}

/** Formats a number with `d` decimals. */
export function fmt(n: number, d = 1): string {
  return n.toFixed(d);
}
