/**
 * scripts/start.ts (`npm start`): PORT is checked before anything else, so a wrong or busy one
 * fails at once with exit 2 instead of after generating the demo and building the site (about a
 * minute), as a hostile review found with PORT=abc.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPortFree, DEFAULT_PORT, PortError, portFromEnv } from "../../scripts/start";
import { tempDir } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");

/** `npm start`'s script with `env` added, its exit code, stderr and time taken; killed after 60 s. */
function start(env: Record<string, string>) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stderr: r.stderr, ms: Date.now() - t0 };
}

describe("portFromEnv", () => {
  it("reads decimal digits 0-65535, and the default when unset or empty", () => {
    expect(portFromEnv(undefined)).toBe(DEFAULT_PORT);
    expect(portFromEnv("")).toBe(DEFAULT_PORT);
    expect(portFromEnv("8080")).toBe(8080);
    expect(portFromEnv("0")).toBe(0);
    expect(portFromEnv("65535")).toBe(65535);
  });

  it("refuses anything else, naming the variable and the value, where Number() would read some", () => {
    for (const bad of ["abc", "0x10", "3e3", " 80", "80 ", "-1", "65536", "70000", "1.5", "123456"]) {
      expect(() => portFromEnv(bad), bad).toThrow(PortError);
      expect(() => portFromEnv(bad), bad).toThrow(`PORT must be a port number from 1 to 65535 (or 0 for any free port), written in digits; got ${JSON.stringify(bad)}`);
    }
  });
});

describe("checkPortFree", () => {
  it("passes a free port and refuses one in use, naming it", async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(checkPortFree(port)).rejects.toThrow(PortError);
      await expect(checkPortFree(port)).rejects.toThrow(`port ${port} on 127.0.0.1 is in use by another program; set PORT to another port`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(checkPortFree(port)).resolves.toBeUndefined();
  });
});

describe("npm start", () => {
  it("with PORT=abc, or a port in use, exits 2 at once: no demo generated, no database, nothing built", async () => {
    const dir = tempDir("iln-start-");
    const db = path.join(dir, "none.duckdb");
    const demo = path.join(ROOT, "data", "demo");
    const before = existsSync(demo) ? readdirSync(demo).sort() : [];
    const bad = start({ PORT: "abc", ILN_DB: db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('npm start: PORT must be a port number from 1 to 65535 (or 0 for any free port), written in digits; got "abc". Unset it to serve on 3000; nothing was generated or built');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.ms).toBeLessThan(20_000); // tsx's start; the demo and the build take a minute or more
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const busy = start({ PORT: String(port), ILN_DB: db });
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`npm start: port ${port} on 127.0.0.1 is in use by another program`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(existsSync(db)).toBe(false);
    expect(existsSync(demo) ? readdirSync(demo).sort() : []).toEqual(before);
  }, 150_000);
});
