import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MONTH_FIRST, baseRound, tempDir, writeRound } from "../helpers/rounds";

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
    const bad = writeRound(dir, "T2", { ...files, "round.json": JSON.stringify({ id: "T2", name: "T2", start: "2017-01-01", end: "2017-04-01" }), "mapping.json": MONTH_FIRST, "registrations.csv": String(files["registrations.csv"]).replace("Japan", "Japn") });
    const r = iln(["ingest", bad, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/registrations\.csv:6:Country where you work: unknown country "Japn"; suggestions: Japan \[JP\]/);
    expect(r.stderr).toContain("nothing was written");
  });

  it("--suggest-mapping writes the unknown countries for review and still exits 1; the reviewed file ingests", () => {
    const files = baseRound();
    const folder = writeRound(dir, "T2s", { ...files, "round.json": JSON.stringify({ id: "T2s", name: "T2s", start: "2017-01-01", end: "2017-04-01" }), "mapping.json": MONTH_FIRST, "registrations.csv": String(files["registrations.csv"]).replace("Japan", "Tokyo") });
    const file = path.join(dir, "suggested.json");
    const own = path.join(dir, "suggest.duckdb"); // its own database: the tests below count Ben's rounds
    const r = iln(["ingest", folder, "--db", own, "--suggest-mapping", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`wrote 1 unknown country value(s) with suggested codes to ${file}`);
    expect(r.stderr).toMatch(/unknown country "Tokyo"; suggestions: Japan \[JP\]/);
    expect(JSON.parse(readFileSync(file, "utf8")).countries).toEqual({ Tokyo: "JP" });
    const again = iln(["ingest", folder, "--db", own, "--mapping", file]);
    expect(again.stderr).toContain("4 file(s) ingested");
    expect(again.code).toBe(0);
  });

  it("says which rounds' surveys are anonymous and which files it left alone, in the ingest summary and the metrics", () => {
    const files = baseRound();
    const survey = String(files["survey.csv"]).trimEnd().split("\n").map((l) => l.replace(/^([^,]*),[^,]*,/, "$1,")).join("\n") + "\n";
    const folder = writeRound(dir, "T4", { ...files, "round.json": JSON.stringify({ id: "T4", name: "T4", start: "2018-01-01", end: "2018-04-01" }), "mapping.json": MONTH_FIRST, "survey.csv": survey });
    writeFileSync(path.join(folder, "notes.txt"), "coordinator's notes");
    const own = path.join(dir, "anon.duckdb");
    const r = iln(["ingest", folder, "--db", own]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("anonymous survey (no respondent key; counted in satisfaction and outcomes, linked to no partnership): T4");
    expect(r.stderr).toContain(`1 file(s) ignored, not an export kind: ${path.join(folder, "notes.txt")}`);
    expect(r.stdout).toMatch(/T4\tsurvey\twritten\t4\t.*survey\.csv\tanonymous/);
    const m = iln(["metrics", "--db", own]);
    expect(m.stdout).toMatch(/^T4\*/m);
    expect(m.stdout).toContain("* anonymous survey (T4)");
    const one = iln(["metrics", "--round", "T4", "--db", own]);
    expect(one.stdout).toContain("survey                ANONYMOUS");
    // A header-only survey would delete the four answers: exit 1, unless --allow-empty.
    writeFileSync(path.join(folder, "survey.csv"), survey.split("\n")[0] + "\n");
    const empty = iln(["ingest", folder, "--db", own]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("survey.csv:2:*: the file has a header but no data rows; it would delete the 4 survey row(s) round T4 holds");
    expect(iln(["ingest", folder, "--db", own, "--allow-empty"]).code).toBe(0);
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

  it("writes the internal at-risk list of a running round as spreadsheet-safe CSV", () => {
    const files = baseRound();
    const running = writeRound(dir, "T3", {
      ...files,
      "round.json": JSON.stringify({ id: "T3", name: "Running", start: "2017-02-01", end: "2017-06-01" }),
      // Dev typed a formula as his name; his partnership with Chloé is still active and he has gone quiet.
      "registrations.csv": String(files["registrations.csv"]).replace("Dev Patel", '"=HYPERLINK(""http://x.example"",""hi"")"'),
      "partnerships.csv": String(files["partnerships.csv"]).replace("T1-3,chloe@example.org,dev@example.org,2016-08-01,completed,2016-11-30", "T1-3,chloe@example.org,dev@example.org,2016-08-01,active,"),
      "events.csv": String(files["events.csv"]) + "2016-10-15,chloe@example.org,no_response_reported,Dev silent since September\n",
      "survey.csv": undefined,
    });
    const db3 = path.join(dir, "risk.duckdb");
    expect(iln(["ingest", running, "--db", db3]).code).toBe(0);
    const out = path.join(dir, "at-risk.csv");
    const r = iln(["metrics", "--round", "T3", "--at-risk", out, "--db", db3]);
    expect(r.code).toBe(0);
    const csv = readFileSync(out, "utf8");
    expect(csv).toContain("T1-3,at_risk");
    expect(csv).toContain("chloe@example.org");
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""hi"")"`);
    expect(iln(["metrics", "--at-risk", out, "--db", db3]).code).toBe(2);
  });

  it("--version prints the package's version", () => {
    const r = iln(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it("reports a mistyped option as unknown, before any missing one (exit 2)", () => {
    const r = iln(["match", "--rund", "T1", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--rund'");
    expect(r.stderr).not.toContain("required option");
    const missing = iln(["match", "--out", path.join(dir, "p.csv"), "--db", db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: required option '--round <id>' not specified");
  });

  it("checks output paths before long work: exit 2 naming the path, no stack trace", () => {
    const bad = path.join(dir, "no-such-folder", "w.json");
    for (const args of [["weights", "fit", "--out", bad], ["match", "--round", "T1", "--out", bad], ["metrics", "--round", "T1", "--at-risk", bad]]) {
      const r = iln([...args, "--db", db]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(`${bad}: the folder ${path.dirname(bad)} does not exist`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a damaged pseudonym key is bad input: one line naming it, exit 1, no stack trace, nothing written (an internal error, exit 3: test/cli/internal-error.test.ts)", () => {
    const own = path.join(dir, "damaged.duckdb");
    writeFileSync(`${own}.key`, "not a key\n");
    const r = iln(["ingest", writeRound(dir, "T1d", baseRound()), "--db", own]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^iln: pseudonym key file .*damaged.duckdb\.key is damaged \(expected 64 hex characters\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(own)).toBe(false);
  });

  it("--dry-run writes nothing at all: no database, key, folder or write-ahead log; an existing database unchanged", () => {
    const fresh = path.join(dir, "dry");
    mkdirSync(fresh);
    const folder = writeRound(dir, "T1dry", baseRound());
    const r = iln(["ingest", folder, "--dry-run", "--db", path.join(fresh, "sub", "x.duckdb")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("dry run: nothing written; 4 file(s) valid");
    expect(readdirSync(fresh)).toEqual([]);
    // Against an existing database: the file's bytes stay the same and no .wal appears.
    const hash = () => createHash("sha256").update(readFileSync(db)).digest("hex");
    const before = hash();
    const files = baseRound();
    const t4 = writeRound(dir, "T4", { ...files, "round.json": JSON.stringify({ id: "T4", name: "T4", start: "2017-08-01", end: "2017-11-30" }), "mapping.json": MONTH_FIRST });
    const again = iln(["ingest", t4, "--dry-run", "--db", db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("T4\tregistrations\tvalid (dry run)");
    expect(hash()).toBe(before);
    expect(existsSync(`${db}.wal`)).toBe(false);
  });

  it("warns once per file about rows dated outside the round's window, with a count", () => {
    const files = baseRound();
    // baseRound's files are dated July to December 2016; this round starts in June 2017.
    const late = writeRound(dir, "TW", { ...files, "round.json": JSON.stringify({ id: "TW", name: "TW", start: "2017-06-01", end: "2017-09-30" }), "mapping.json": MONTH_FIRST });
    const r = iln(["ingest", late, "--dry-run", "--db", db]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l.includes("outside round TW's window"));
    expect(lines.map((l) => l.replace(/: \d+ of .*/, "").replace(/.*\//, ""))).toEqual(["events.csv", "partnerships.csv", "registrations.csv", "survey.csv"]);
    expect(r.stderr).toMatch(/registrations\.csv: 7 of 7 rows registered outside round TW's window \(2017-03-03 to 2017-09-30: from 90 days before its start to its end\): earliest 2016-07-11 \(row 3\), latest 2016-07-21 \(row 9\)/);
  });

  it("ingests a survey without a submission-time column, with one warning saying the times are unknown", () => {
    const files = baseRound();
    // baseRound's survey without its first column (Timestamp); the round in a fresh database.
    const survey = String(files["survey.csv"]).trimEnd().split("\n").map((l) => l.replace(/^[^,]*,/, "")).join("\n") + "\n";
    const folder = writeRound(dir, "TN", { ...files, "survey.csv": survey });
    const r = iln(["ingest", folder, "--db", path.join(dir, "untimed.duckdb")]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l.includes("submission-time"));
    expect(lines).toEqual([expect.stringMatching(/^warning: .*TN\/survey\.csv: no submission-time column \(accepted headers: Timestamp \| .*\): every row's submission time is unknown and stored empty, so a respondent who answered twice counts once by file order \(the last row counts\), and no row can be checked against the round's window$/)]);
    expect(r.stderr).toContain("4 file(s) ingested, 0 unchanged");
  });

  it("forgets a participant", () => {
    const r = iln(["forget", "ben@example.org", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("erased: registrations 1");
  });
});
