import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the real `iln` binary as a user would. */
function iln(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("iln CLI", () => {
  const dir = tempDir();
  const db = path.join(dir, "cli.duckdb");

  it("ingests a round folder (exit 0), then reports it unchanged", () => {
    const folder = writeRound(dir, "T1", baseRound());
    const first = iln(["ingest", folder, "--db", db]);
    expect(first.stderr).toContain("4 file(s) ingested, 0 unchanged");
    expect(first.code).toBe(0);
    expect(existsSync(`${db}.key`)).toBe(true);
    const again = iln(["ingest", folder, "--db", db]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("0 file(s) ingested, 4 unchanged");
  });

  it("rejects bad input with exit 1 and FILE:ROW:COLUMN lines", () => {
    const files = baseRound();
    const bad = writeRound(dir, "T2", { ...files, "round.json": JSON.stringify({ id: "T2", name: "T2", start: "2017-01-01", end: "2017-04-01" }), "registrations.csv": String(files["registrations.csv"]).replace("Japan", "Japn") });
    const r = iln(["ingest", bad, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/registrations\.csv:6:Country where you work: unknown country "Japn"; closest known names: Japan/);
    expect(r.stderr).toContain("nothing was written");
  });

  it("exits 2 on wrong usage", () => {
    expect(iln(["ingest"]).code).toBe(2);
    expect(iln(["frobnicate"]).code).toBe(2);
    const one = path.join(dir, "one.csv");
    writeFileSync(one, "a,b\n1,2\n");
    const r = iln(["ingest", one, "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("needs --kind");
    expect(iln(["ingest", path.join(dir, "missing-folder"), "--db", db]).code).toBe(2);
  });

  it("prints help with exit 0", () => {
    const r = iln(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ingest");
  });

  it("forgets a participant", () => {
    const r = iln(["forget", "ben@example.org", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("erased: registrations 1");
  });
});
