/**
 * `iln ingest` through the real CLI process: side inputs that are not regular files (a FIFO, a
 * device) are refused with exit 1 at once, before the database is opened or created.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");

function iln(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, ILN_REPLAY_CACHE: "0" } });
  return { code: r.status, stderr: r.stderr };
}

describe("iln ingest side inputs", () => {
  it("refuses a FIFO --mapping, a /dev/zero --respondents and a FIFO round.json at once, creating no database", () => {
    const dir = tempDir();
    const round = writeRound(dir, "T1", baseRound());
    const fifo = path.join(tempDir(), "mapping.json");
    execFileSync("mkfifo", [fifo]);
    const db = path.join(dir, "i.duckdb");
    const m = iln(["ingest", round, "--mapping", fifo, "--db", db]);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain(`${fifo}:0:*: cannot read the mapping file: it is not a regular file (a pipe, socket or device); give a file`);
    const r = iln(["ingest", round, "--respondents", "/dev/zero", "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/dev/zero:0:*: cannot read the respondents file: it is not a regular file");
    const bad = writeRound(dir, "T2", { ...baseRound(), "round.json": undefined });
    execFileSync("mkfifo", [path.join(bad, "round.json")]);
    const f = iln(["ingest", dir, "--db", db]); // a folder of rounds
    expect(f.code).toBe(1);
    expect(f.stderr).toContain(`${path.join(bad, "round.json")}:0:*: cannot read round.json: it is not a regular file`);
    const zero = writeRound(dir, "T3", { ...baseRound(), "round.json": undefined });
    symlinkSync("/dev/zero", path.join(zero, "round.json"));
    expect(iln(["ingest", zero, "--db", db]).code).toBe(1);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(`${db}.key`)).toBe(false);
  }, 120_000);
});

describe("iln ingest output", () => {
  it("prints file names with terminal escapes escaped, in warnings and in the summary", () => {
    const dir = tempDir();
    const round = writeRound(dir, "T1", baseRound());
    writeFileSync(path.join(round, "\u001b]0;PWNED\u0007\u001b[2Jx.csv"), "a\n");
    const r = iln(["ingest", round, "--db", path.join(dir, "o.duckdb"), "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stderr).toContain("1 file(s) ignored, not an export kind: " + path.join(round, "\\u001b]0;PWNED\\u0007\\u001b[2Jx.csv"));
  }, 60_000);
});

describe("iln ingest FILE --round R for a round the database does not hold", () => {
  it("is a usage error (exit 2) naming the rounds held, as for every command, and creates no database", () => {
    const dir = tempDir();
    const round = writeRound(dir, "T1", baseRound());
    const one = path.join(dir, "survey-late.csv");
    writeFileSync(one, String(baseRound()["survey.csv"]));
    const db = path.join(dir, "r.duckdb");
    const none = iln(["ingest", one, "--kind", "survey", "--round", "T9", "--db", db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`iln: unknown round "T9"; the database holds: no rounds; --round names the round of ${one}: ingest its round folder (with round.json) first`);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(`${db}.key`)).toBe(false);
    expect(iln(["ingest", round, "--db", db]).code).toBe(0);
    const held = iln(["ingest", one, "--kind", "survey", "--round", "T9", "--db", db]);
    expect(held.code).toBe(2);
    expect(held.stderr).toContain(`iln: unknown round "T9"; the database holds: T1;`);
    expect(held.stderr).not.toContain("rejected");
    const dry = iln(["ingest", one, "--kind", "survey", "--round", "T9", "--db", db, "--dry-run"]);
    expect(dry.code).toBe(2);
  }, 120_000);
});
