import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkOutputFile, checkOutputFiles } from "../../src/cli/output-files";
import { openDatabase } from "../../src/db";
import { UsageError } from "../../src/domain/errors";

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "iln-out-"));
  db = path.join(dir, "iln.duckdb");
  (await openDatabase(db)).close();
  writeFileSync(`${db}.key`, `${"ab".repeat(32)}\n`);
  writeFileSync(path.join(dir, "locks.csv"), "a@x.org,b@y.org\n");
  writeFileSync(path.join(dir, "registrations.csv"), "email\n");
  writeFileSync(path.join(dir, "proposal.csv"), "an earlier proposal\n");
});

/** The usage error `checkOutputFile` throws, or null. */
function refusal(file: string, flag: string, kept = {}): string | null {
  try {
    checkOutputFile(file, flag, kept);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
}

describe("checkOutputFile", () => {
  it("refuses the database, its key and its write-ahead log, by any spelling of their path", () => {
    expect(refusal(db, "--out", { db })).toMatch(/--out .*iln\.duckdb: is the database; give another file name/);
    expect(refusal(path.join(dir, ".", "iln.duckdb"), "--at-risk", { db: path.relative(process.cwd(), db) })).toMatch(/is the database/);
    expect(refusal(`${db}.key`, "--unmatched", { db })).toMatch(/is the database's pseudonym key/);
    expect(refusal(`${db}.wal`, "--out", { db })).toMatch(/is the database's write-ahead log/);
    const link = path.join(dir, "link-to-db");
    symlinkSync(db, link);
    expect(refusal(link, "--out", { db })).toMatch(/is the database/);
  });

  it("refuses the command's inputs", () => {
    const locks = path.join(dir, "locks.csv");
    expect(refusal(locks, "--out", { db, inputs: [["--weights", undefined], ["--locks", locks]] })).toMatch(/is this command's --locks file/);
    expect(readFileSync(locks, "utf8")).toBe("a@x.org,b@y.org\n");
  });

  it("refuses any DuckDB database, pseudonym key or round export it would replace, even not the command's own", () => {
    expect(refusal(db, "--out")).toMatch(/is a DuckDB database, which an output never replaces/);
    expect(refusal(`${db}.key`, "--out")).toMatch(/is a pseudonym key file/);
    expect(refusal(path.join(dir, "registrations.csv"), "--out")).toMatch(/is a round's registrations export/);
  });

  it("lets an output replace an earlier output, or be a new file named like an export", () => {
    expect(refusal(path.join(dir, "proposal.csv"), "--out", { db })).toBeNull();
    expect(refusal(path.join(dir, "survey.csv"), "--out", { db })).toBeNull();
    expect(refusal(path.join(dir, "partnerships.csv"), "--out", { db })).toBeNull();
  });

  it("refuses a path written as a folder (trailing separator) before any work, even when nothing is there", () => {
    expect(refusal(`${path.join(dir, "talk.pptx")}/`, "--out", { db })).toMatch(/--out .*talk\.pptx\/: ends with a folder separator; give a file name/);
    expect(refusal(`${dir}/`, "--out", { db })).toMatch(/ends with a folder separator/);
  });

  it("checkOutputFiles passes the kept files to every output", () => {
    expect(() => checkOutputFiles([["--out", path.join(dir, "p.csv")], ["--unmatched", `${db}.key`]], { db })).toThrow(/--unmatched .*: is the database's pseudonym key/);
  });
});
