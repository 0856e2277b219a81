/**
 * Reliability of the real `iln` process: killed mid-write (SIGKILL) the database is exactly as
 * before and the next ingest works; a second writer gets a clear "database is busy" error naming
 * the process that holds it.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db";
import { MONTH_FIRST, baseRound, dumpDb, tempDir, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/iln.js");

function iln(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });
}

async function dump(db: string): Promise<string> {
  const h = await openDatabase(db);
  try {
    return await dumpDb(h);
  } finally {
    h.close();
  }
}

describe("ingest under failure", () => {
  const dir = tempDir();
  const demo = path.join(dir, "demo");
  const db = path.join(dir, "r.duckdb");

  beforeAll(() => {
    expect(iln(["demo", "--out", demo]).status).toBe(0);
    const t0 = writeRound(dir, "T0", { ...baseRound(), "round.json": JSON.stringify({ id: "T0", name: "Earlier", start: "2012-01-01", end: "2012-05-01" }), "mapping.json": MONTH_FIRST });
    expect(iln(["ingest", t0, "--db", db]).status).toBe(0);
  }, 120_000);

  it("a SIGKILL in the middle of the write leaves the database exactly as before; the next ingest works", async () => {
    const before = await dump(db);
    const child = spawn(process.execPath, [BIN, "ingest", demo, "--db", db], { cwd: ROOT });
    let stderr = "";
    const killedAt = await new Promise<string>((resolve) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        // The write phase has begun (rows of one kind written inside the open transaction).
        if (/wrote registrations/.test(stderr) && !child.killed) {
          child.kill("SIGKILL");
          resolve("mid-write");
        }
      });
      child.on("exit", () => resolve("exited"));
    });
    expect(killedAt).toBe("mid-write");
    await new Promise((r) => child.on("close", r));
    expect(await dump(db)).toBe(before);
    // The staged rows (pseudonyms, comments) live only beside the database, owner-only ...
    if (existsSync(`${db}.staging`)) expect(statSync(`${db}.staging`).mode & 0o077).toBe(0);
    const again = iln(["ingest", demo, "--db", db]);
    expect(again.status).toBe(0);
    expect(await dump(db)).not.toBe(before);
    expect(existsSync(`${db}.staging`)).toBe(false);
    // ... and the next ingest clears what a killed one left there, even when it has nothing to
    // write itself (every file unchanged). Whether the kill above left a file depends on timing,
    // so one is planted.
    mkdirSync(`${db}.staging`, { recursive: true });
    writeFileSync(`${db}.staging/survey_responses.csv`, "a staged row a killed ingest left\n");
    const unchanged = iln(["ingest", demo, "--db", db]);
    expect(unchanged.status).toBe(0);
    expect(existsSync(`${db}.staging`)).toBe(false);
  }, 120_000);

  it("a second writer gets 'database is busy' naming the holder", async () => {
    const holder = spawn(process.execPath, ["--import", "tsx", "-e", `import("./src/db/index.ts").then(async (m) => { const d = await m.openDatabase(${JSON.stringify(db)}); console.log("open"); setTimeout(() => d.close(), 8000); })`], { cwd: ROOT });
    await new Promise<void>((resolve) => holder.stdout.on("data", (d: Buffer) => d.toString().includes("open") && resolve()));
    const r = iln(["ingest", demo, "--db", db]);
    holder.kill("SIGKILL");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`database is busy: ${db} is held by another process (PID ${holder.pid}`);
  }, 60_000);
});
