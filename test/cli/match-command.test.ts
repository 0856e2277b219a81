import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { ingest } from "../../loaders/ingest";
import { matchCommand } from "../../src/cli/match-command";
import { replayCommand } from "../../src/cli/replay-command";
import { keyPathFor, loadOrCreateKey, pseudonymiser } from "../../src/privacy/pseudonym";
import { openDatabase, sql } from "../../src/db";
import { UsageError } from "../../src/domain/errors";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

/** The pseudonymiser of the database at `db`, its key created when absent (a test database). */
const pseudonymiserFor = (db: string) => pseudonymiser(loadOrCreateKey(keyPathFor(db)));

/** Runs one of our commands through commander, capturing stdout and stderr. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  try {
    const program = new Command("iln").exitOverride();
    matchCommand(program);
    replayCommand(program);
    await program.parseAsync(args, { from: "user" });
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { stdout: out.join(""), stderr: err.join("") };
}

describe("iln match / replay (commands)", async () => {
  const dir = tempDir();
  const db = path.join(dir, "m.duckdb");
  const files = baseRound();
  // a registrations-only round: nothing matched yet
  const folder = writeRound(dir, "T1", { "round.json": files["round.json"], "registrations.csv": files["registrations.csv"] });
  const handle = await openDatabase(db);
  await ingest(handle, folder, { pseudonymise: pseudonymiserFor(db) });
  handle.close();
  const weights = path.join(__dirname, "../../src/matching/weights.default.json");

  it("writes the round's partnerships.csv (canonical layout, status active) and the introductions; honours locks", async () => {
    const out = path.join(dir, "partnerships.csv");
    const locks = path.join(dir, "locks.csv");
    writeFileSync(locks, "email_a,email_b\nBen@example.org,emi@example.org\n");
    // No --weights: the defaults, as `iln replay` uses.
    const r = await run(["match", "--round", "T1", "--out", out, "--locks", locks, "--matched-on", "2016-07-25", "--db", db]);
    const csv = readFileSync(out, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("partnership_id,email_a,email_b,matched_on,status,ended_on,replaces,continued");
    // 7 registrants: 3 pairs, 1 unmatched; the locked pair first.
    expect(csv).toHaveLength(4);
    expect(csv[1]).toBe("T1-1,ben@example.org,emi@example.org,2016-07-25,active,,,");
    for (const line of csv.slice(2)) expect(line).toMatch(/^T1-[23],[a-z]+@example\.org,[a-z]+@example\.org,2016-07-25,active,,,$/);
    expect(r.stderr).toContain("Proposed 3 partnerships for round T1 (1 locked); 1 unmatched of 7");
    expect(r.stderr).toMatch(/Unmatched \(1\):\n {2}\S+@example\.org/);

    const intro = readFileSync(path.join(dir, "introductions.csv"), "utf8").trim().split("\r\n");
    expect(intro[0]).toBe("pair,partnership_id,name_a,email_a,country_a,sector_a,name_b,email_b,country_b,sector_b,shared_languages,shared_interests,timezone_gap_hours,why,score,locked");
    expect(intro).toHaveLength(4);
    // Ben (US, public, 11-20 = 15.5 years, took part before) and Emi (JP, school, 20+ = 25 years);
    // US -5 and JP +9 are 14 hours one way, 10 the other.
    expect(intro[1]).toBe(
      "1,T1-1,Ben Cole,ben@example.org,United States,public,Emi Sato,emi@example.org,Japan,school,English,Outreach,10," +
        "locked by a coordinator; different sectors (public and school); different career stages (15.5 and 25 years); share English; " +
        "both interested in Outreach; 10 h apart; Ben has taken part before," +
        `${intro[1].split(",").at(-2)},yes`,
    );
    // Personal data: readable by the owner only.
    for (const f of [out, path.join(dir, "introductions.csv")]) expect(statSync(f).mode & 0o777).toBe(0o600);

    // The proposal is the round's partnerships file as it is: ingested for the round, unchanged.
    const h = await openDatabase(db);
    try {
      const report = await ingest(h, out, { kind: "partnerships", round: "T1", pseudonymise: pseudonymiserFor(db) });
      expect(report.files.map((f) => [f.kind, f.status, f.rows])).toEqual([["partnerships", "written", 3]]);
      const rows = await h.all<{ n: number; active: number; on: string }>(sql`SELECT count(*) AS n, count(*) FILTER (WHERE status = 'active') AS active, min(matched_on)::VARCHAR AS on FROM partnerships WHERE round_id = 'T1'`);
      expect(rows).toEqual([{ n: 3, active: 3, on: "2016-07-25" }]);
      await h.run(sql`DELETE FROM partnerships WHERE round_id = 'T1'`);
      await h.run(sql`DELETE FROM ingest_log WHERE kind = 'partnerships'`);
    } finally {
      h.close();
    }
  });

  it("checks every output path before solving: a bad --out or introductions path is a usage error naming it", async () => {
    const missing = path.join(dir, "no-such-folder", "partnerships.csv");
    await expect(run(["match", "--round", "T1", "--out", missing, "--db", db])).rejects.toThrow(UsageError);
    await expect(run(["match", "--round", "T1", "--out", missing, "--db", db])).rejects.toThrow(`--out ${missing}: the folder ${path.dirname(missing)} does not exist`);
    await expect(run(["match", "--round", "T1", "--out", dir, "--db", db])).rejects.toThrow(`--out ${dir}: is a folder; give a file name`);
    const out = path.join(dir, "p2.csv");
    await expect(run(["match", "--round", "T1", "--out", out, "--introductions", out, "--db", db])).rejects.toThrow("--out and --introductions both name");
    await expect(run(["match", "--round", "T1", "--out", out, "--unmatched", path.join(missing, "u.csv"), "--db", db])).rejects.toThrow("--unmatched");
    expect(existsSync(out)).toBe(false);
  });

  it("never writes over the database or its key, and locates a lock it cannot honour at its row", async () => {
    const before = readFileSync(db);
    await expect(run(["match", "--round", "T1", "--out", db, "--db", db])).rejects.toThrow(`--out ${db}: is the database; give another file name`);
    await expect(run(["match", "--round", "T1", "--out", path.join(dir, "p.csv"), "--unmatched", `${db}.key`, "--db", db])).rejects.toThrow("is the database's pseudonym key");
    expect(readFileSync(db).equals(before)).toBe(true);
    const locks = path.join(dir, "twice.csv");
    writeFileSync(locks, "email_a,email_b\nben@example.org,emi@example.org\nben@example.org,fay@example.org\n");
    await expect(run(["match", "--round", "T1", "--out", path.join(dir, "p.csv"), "--locks", locks, "--db", db])).rejects.toThrow(
      `${locks}:3:email_a/email_b: lock ben@example.org + fay@example.org: ben@example.org is locked twice`,
    );
  });

  it("replay --json prints one JSON document without emails; a round without history needs --pool registered", async () => {
    const like = JSON.parse((await run(["replay", "--round", "T1", "--json", "--db", db])).stdout);
    expect(like).toMatchObject({ round: "T1", pool: { include: "matched", people: 0 }, replayed: { pairs: 0 } });
    expect(like.notes.join(" ")).toMatch(/--pool registered/);
    const r = await run(["replay", "--round", "T1", "--pool", "registered", "--json", "--db", db]);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ round: "T1", historical: { pairs: 0, total: 0 }, replayed: { pairs: 3 }, max_cardinality: true });
    // nobody was placed by history: all six placed people are extra placements, reported apart
    expect(doc.extra_placements).toMatchObject({ people: 6, pairs: 3 });
    expect(doc.extra_placements.score).toBeCloseTo(doc.replayed.total, 6);
    expect(r.stdout).not.toContain("@");
    expect(doc.notes).toContain("round T1 is not matched yet: there is no historical matching to compare with; `iln match --round T1` proposes its partnerships");
  });

  it("replay refuses weights fitted on the replayed round, naming the ways out", async () => {
    const fitted = path.join(dir, "fitted.json");
    const w = JSON.parse(readFileSync(weights, "utf8"));
    writeFileSync(fitted, JSON.stringify({ ...w, fitted: { rounds: ["T0", "T1"] } }));
    await expect(run(["replay", "--round", "T1", "--weights", fitted, "--db", db])).rejects.toThrow(/fitted on rounds that include T1.*--fitted.*--rounds T0/);
    writeFileSync(fitted, JSON.stringify({ ...w, fitted: { rounds: ["T0"] } }));
    await expect(run(["replay", "--round", "T1", "--pool", "registered", "--weights", fitted, "--db", db])).resolves.toBeDefined();
    // --fitted refits without the round; here there is no other round to fit on
    await expect(run(["replay", "--round", "T1", "--fitted", "--db", db])).rejects.toThrow(/cannot be fitted on the rounds other than T1/);
  });
});
