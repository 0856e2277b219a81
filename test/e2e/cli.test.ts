import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
    expect(r.stderr).toMatch(/registrations\.csv:6:Country where you work: unknown country "Japn"; suggestions: Japan \[JP\]/);
    expect(r.stderr).toContain("nothing was written");
  });

  it("--suggest-mapping writes the unknown countries for review and still exits 1; the reviewed file ingests", () => {
    const files = baseRound();
    const folder = writeRound(dir, "T2s", { ...files, "round.json": JSON.stringify({ id: "T2s", name: "T2s", start: "2017-01-01", end: "2017-04-01" }), "registrations.csv": String(files["registrations.csv"]).replace("Japan", "Tokyo") });
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
    const folder = writeRound(dir, "T4", { ...files, "round.json": JSON.stringify({ id: "T4", name: "T4", start: "2018-01-01", end: "2018-04-01" }), "survey.csv": survey });
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

  it("forgets a participant", () => {
    const r = iln(["forget", "ben@example.org", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("erased: registrations 1");
  });
});
