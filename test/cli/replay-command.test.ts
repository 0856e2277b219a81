/**
 * `iln replay` through the real CLI process: an unknown `--round` is a usage error (exit 2) naming
 * the rounds the database holds, as for every command, before any progress line.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../loaders/ingest";
import { openDatabase } from "../../src/db";
import { baseRound, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/iln.js");

function iln(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ILN_REPLAY_CACHE: "0" }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("iln replay", () => {
  const dir = tempDir();
  const db = path.join(dir, "r.duckdb");
  beforeAll(async () => {
    const h = await openDatabase(db);
    try {
      await ingest(h, writeRound(dir, "T1", baseRound()), { pseudonymise: testPseudonymiser() });
    } finally {
      h.close();
    }
  }, 120_000);

  it("refuses an unknown round with exit 2, naming the rounds held, before saying it is replaying", () => {
    const r = iln(["replay", "--round", "T9", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('iln: unknown round "T9"; the database holds: T1\n');
    expect(r.stdout).toBe("");
  }, 120_000);

  it("says it is replaying a round the database holds, then prints the replay", () => {
    const r = iln(["replay", "--round", "T1", "--no-predictions", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^replaying round T1\.\.\.\n/);
    expect(r.stdout).toContain("Replay of round T1 (Test round 1)");
  }, 120_000);
});
