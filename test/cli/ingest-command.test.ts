/**
 * `iln ingest` through the real CLI process: side inputs that are not regular files (a FIFO, a
 * device) are refused with exit 1 at once, before the database is opened or created.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "../../src/db";
import { baseRound, MONTH_FIRST, tempDir, writeRound } from "../helpers/rounds";

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

describe("JSON side inputs giving a key twice", () => {
  it("are refused with exit 1, located at the key, the database's data unchanged: round.json, mapping.json and a weights file", async () => {
    const { openDatabase } = await import("../../src/db");
    const { readFileSync } = await import("node:fs");
    const dir = tempDir();
    const db = path.join(dir, "j.duckdb");
    expect(iln(["ingest", writeRound(dir, "T1", baseRound()), "--db", db]).code).toBe(0);
    const rounds = async () => {
      const h = await openDatabase(db, { readOnly: true });
      try {
        return await h.all<{ round_id: string; n: number }>(sql`SELECT round_id, (SELECT count(*) FROM registrations r WHERE r.round_id = rounds.round_id)::INTEGER AS n FROM rounds ORDER BY round_id`);
      } finally {
        h.close();
      }
    };
    const before = await rounds();
    const roundJson = '{\n  "id": "T2",\n  "name": "Test round 2",\n  "start": "2016-08-01",\n  "end": "2016-11-30",\n  "id": "T1"\n}\n';
    const twice = writeRound(dir, "T2", { ...baseRound(), "round.json": roundJson, "mapping.json": MONTH_FIRST });
    const r = iln(["ingest", twice, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(twice, "round.json")}:6:id: the key "id" is given twice in one object (lines 2 and 6); JSON would silently keep only the last: keep one`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const mapped = writeRound(dir, "T3", { ...baseRound(), "mapping.json": '{"date_order": "month-first", "date_order": "day-first"}' });
    const m = iln(["ingest", mapped, "--db", db]);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain(`${path.join(mapped, "mapping.json")}:1:date_order: the key "date_order" is given twice in one object (both on line 1)`);
    expect(await rounds()).toEqual(before);
    const weights = JSON.parse(readFileSync(path.join(ROOT, "src/matching/weights.default.json"), "utf8")) as { base: number };
    const wfile = path.join(dir, "w.json");
    writeFileSync(wfile, JSON.stringify(weights, null, 2).replace('"base":', '"base": 1,\n  "base":'));
    const w = iln(["replay", "--round", "T1", "--weights", wfile, "--db", db]);
    expect(w.code).toBe(1);
    expect(w.stderr).toMatch(new RegExp(`${wfile.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:0:base: the key "base" is given twice in one object \\(lines \\d+ and \\d+\\)`));
  }, 120_000);
});

describe("iln ingest --suggest-mapping with no unknown country value", () => {
  it("says so in one line and writes nothing: every value recognised, a file whose values were not read, a run stopped before reading", () => {
    const dir = tempDir();
    const db = path.join(dir, "s.duckdb");
    const out = path.join(dir, "suggested.json");
    const said = (r: { stderr: string }) => r.stderr.split("\n").filter((l) => l.includes("--suggest-mapping"));
    const ok = iln(["ingest", writeRound(dir, "T1", baseRound()), "--dry-run", "--suggest-mapping", out, "--db", db]);
    expect(ok.code).toBe(0);
    expect(said(ok)).toEqual([`--suggest-mapping: no unknown country value (every one read was recognised or is mapped already; a file without a country column has none); nothing needs mapping, ${out} not written`]);
    // A registrations file without its country column: its values were never read, so "every value recognised" would be untrue.
    const reg = String(baseRound()["registrations.csv"]).replace("Country where you work,", "Where,");
    const headless = writeRound(dir, "T2", { ...baseRound(), "registrations.csv": reg });
    const h = iln(["ingest", headless, "--dry-run", "--suggest-mapping", out, "--db", db]);
    expect(h.code).toBe(1);
    expect(said(h)).toEqual([`--suggest-mapping: no unknown country value in the files whose values were read (not read, for the problems below: ${path.join(headless, "registrations.csv")}); nothing to suggest, ${out} not written`]);
    // A round folder refused before any file is read (a survey in a format not read).
    const xls = writeRound(dir, "T3", { ...baseRound() });
    writeFileSync(path.join(xls, "survey.xls"), "x");
    const x = iln(["ingest", xls, "--dry-run", "--suggest-mapping", out, "--db", db]);
    expect(x.code).toBe(1);
    expect(said(x)).toEqual([`--suggest-mapping: the run stopped (see below) before any suggestion could be made; ${out} not written`]);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe("a refused ingest leaves the database file as it was, byte for byte", () => {
  it("after a bad value, a key given twice, an unknown round and an ingest of unchanged files; and creates none where there was none", async () => {
    const { createHash } = await import("node:crypto");
    const { readFileSync, statSync } = await import("node:fs");
    const dir = tempDir();
    const db = path.join(dir, "b.duckdb");
    const fingerprint = () => ({ sha256: createHash("sha256").update(readFileSync(db)).digest("hex"), size: statSync(db).size, mtime: statSync(db).mtimeMs, wal: existsSync(`${db}.wal`) });
    const ok = writeRound(dir, "T1", baseRound());
    expect(iln(["ingest", ok, "--db", db]).code).toBe(0);
    const before = fingerprint();
    const reg = String(baseRound()["registrations.csv"]).replace("Academic,Librarian,3-5", "Academia,Librarian,3-5");
    const bad = iln(["ingest", writeRound(dir, "T2", { ...baseRound(), "registrations.csv": reg }), "--db", db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('registrations.csv:2:Library sector: not a valid library sector: "Academia"');
    expect(fingerprint()).toEqual(before);
    const twice = writeRound(dir, "T3", { ...baseRound(), "round.json": '{"id": "T3", "id": "T4", "name": "x", "start": "2016-08-01", "end": "2016-11-30"}' });
    expect(iln(["ingest", twice, "--db", db]).code).toBe(1);
    expect(fingerprint()).toEqual(before);
    const one = path.join(dir, "late.csv");
    writeFileSync(one, String(baseRound()["survey.csv"]));
    expect(iln(["ingest", one, "--kind", "survey", "--round", "T9", "--db", db]).code).toBe(2);
    expect(fingerprint()).toEqual(before);
    expect(iln(["ingest", ok, "--db", db]).code).toBe(0); // every file unchanged: nothing to write
    expect(fingerprint()).toEqual(before);
    // No database before: a refused ingest leaves none (nor a key).
    const none = path.join(dir, "none.duckdb");
    expect(iln(["ingest", path.join(dir, "T2"), "--db", none]).code).toBe(1);
    expect(existsSync(none)).toBe(false);
    expect(existsSync(`${none}.key`)).toBe(false);
  }, 120_000);
});
