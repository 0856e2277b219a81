/**
 * `iln forget` through the real CLI process: it refuses (exit 1, nothing created or changed) when
 * the database or its key is missing, and erases otherwise, saying how to publish the rebuild.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/iln.js");

function iln(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ILN_REPLAY_CACHE: "0", ...env } });
  return { code: r.status, stderr: r.stderr };
}

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
/** Every entry of `dir` with the digest of each file: compares a folder before and after. */
const state = (dir: string) => readdirSync(dir).sort().map((n) => (n.endsWith(".duckdb") || n.endsWith(".key") ? `${n}:${digest(path.join(dir, n))}` : n));

describe("iln forget", () => {
  const dir = tempDir();
  const db = path.join(dir, "f.duckdb");
  beforeAll(() => {
    expect(iln(["ingest", writeRound(dir, "T1", baseRound()), "--db", db]).code).toBe(0);
  }, 120_000);

  it("refuses a database that does not exist, creating neither it nor a key", () => {
    const missing = path.join(dir, "nothing", "here.duckdb");
    const r = iln(["forget", "ana@example.org", "--db", missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no database at ${missing}`);
    expect(existsSync(path.join(dir, "nothing"))).toBe(false);
  });

  it("refuses what is not an email address with exit 2, changing nothing", () => {
    const before = state(dir);
    const r = iln(["forget", "not an email", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('forget: not a valid email address: "not an email"');
    expect(state(dir)).toEqual(before);
  });

  it("refuses when the key is missing, creating no key and changing nothing", () => {
    const before = state(dir);
    renameSync(`${db}.key`, `${db}.key.away`);
    try {
      const after = state(dir);
      const r = iln(["forget", "ana@example.org", "--db", db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`no pseudonym key at ${db}.key`);
      expect(state(dir)).toEqual(after);
    } finally {
      renameSync(`${db}.key.away`, `${db}.key`);
    }
    expect(state(dir)).toEqual(before);
  });

  it("erases, rewrites the file and says the site must be rebuilt", () => {
    const r = iln(["forget", "ana@example.org", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("erased: registrations 1, events 0, survey_responses 1, identities 1, partnerships 1");
    expect(r.stderr).toContain(`rewrote ${db} into a new file`);
    expect(r.stderr).toMatch(/rebuild it/);
    // ... and warns that publishing the rebuild beside the old site lets the person be worked out by difference.
    expect(r.stderr).toContain("by difference: publish it with the next round's results, not for this erasure alone");
    expect(readFileSync(db).includes(Buffer.from("ana@example.org"))).toBe(false);
  });
});
