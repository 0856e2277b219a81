/**
 * Pseudonyms and erasure hashes (src/privacy/pseudonym.ts). Expected HMACs are computed by
 * Python's hmac module (python3 -c ...), not by the code under test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createKey, isTombstone, keyCheck, KeyFileError, KeyMissingError, loadKey, loadOrCreateKey, newTombstone, normaliseEmail, pseudonymiser } from "../../src/privacy/pseudonym";
import { TEST_KEY, tempDir } from "../helpers/rounds";

function pyHmac(message: string): string {
  const code = `import hmac,hashlib,sys; print(hmac.new(bytes([7]*32), sys.argv[1].encode(), hashlib.sha256).hexdigest())`;
  return spawnSync("/usr/bin/python3", ["-c", code, message], { encoding: "utf8" }).stdout.trim();
}

describe("normaliseEmail", () => {
  it("folds Unicode form, spacing and case", () => {
    expect(normaliseEmail("  Zoe\u0301@Example.ORG ")).toBe("zo\u00e9@example.org");
    expect(normaliseEmail("zo\u00e9@example.org")).toBe("zo\u00e9@example.org");
  });
});

describe("pseudonymiser", () => {
  const p = pseudonymiser(TEST_KEY);
  it("is p_ and the first 20 hex characters of HMAC-SHA256(key, normalised email)", () => {
    expect(p(" Ana@Example.org")).toBe(`p_${pyHmac("ana@example.org").slice(0, 20)}`);
    expect(p("Zoe\u0301@example.org")).toBe(p("zo\u00e9@example.org"));
  });
  it("gives an erasure hash distinct from the pseudonym: HMAC-SHA256(key, 'erased:' + email)", () => {
    expect(p.erasureHash("ANA@example.org ")).toBe(pyHmac("erased:ana@example.org"));
    expect(p.erasureHash("ana@example.org")).not.toContain(p("ana@example.org").slice(2));
  });
});

describe("keys", () => {
  it("loadKey refuses a missing key and creates nothing; loadOrCreateKey creates it 0600", () => {
    const dir = tempDir();
    const file = path.join(dir, "sub", "db.key");
    expect(() => loadKey(file)).toThrow(KeyMissingError);
    expect(existsSync(path.dirname(file))).toBe(false);
    const key = loadOrCreateKey(file);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKey(file).equals(key)).toBe(true);
    writeFileSync(file, "not hex\n");
    expect(() => loadKey(file)).toThrow(KeyFileError);
    expect(() => loadKey(file)).toThrow(/damaged/);
    expect(() => createKey(file)).toThrow(/EEXIST/); // never overwritten
  });

  it("loadKey refuses a folder or a FIFO in the key's place as a KeyFileError, without hanging", () => {
    const dir = tempDir();
    const folder = path.join(dir, "folder.key");
    mkdirSync(folder);
    expect(() => loadKey(folder)).toThrow(KeyFileError);
    const fifo = path.join(dir, "fifo.key");
    execFileSync("mkfifo", [fifo]);
    expect(() => loadKey(fifo)).toThrow(/is not a file/);
  });

  it("keyCheck is HMAC-SHA256(key, 'iln:pseudonym-key-check') and differs between keys", () => {
    expect(keyCheck(TEST_KEY)).toBe(pyHmac("iln:pseudonym-key-check"));
    expect(keyCheck(Buffer.alloc(32, 8))).not.toBe(keyCheck(TEST_KEY));
  });
});

describe("tombstones", () => {
  it("are random, erased_ and 20 hex characters, and never an email or a pseudonym", () => {
    const a = newTombstone();
    expect(isTombstone(a)).toBe(true);
    expect(a).not.toBe(newTombstone());
    expect(isTombstone(pseudonymiser(TEST_KEY)("a@b.org"))).toBe(false);
    expect(isTombstone("erased_x@example.org")).toBe(false);
  });
});
