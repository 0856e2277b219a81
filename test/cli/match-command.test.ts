import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { ingest } from "../../loaders/ingest";
import { matchCommand } from "../../src/cli/match-command";
import { replayCommand } from "../../src/cli/replay-command";
import { pseudonymiserFor } from "../../src/cli/context";
import { openDatabase } from "../../src/db";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

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

  it("writes the proposal CSV with emails, the unmatched list and a summary on stderr; honours locks", async () => {
    const out = path.join(dir, "proposal.csv");
    const locks = path.join(dir, "locks.csv");
    writeFileSync(locks, "email_a,email_b\nBen@example.org,emi@example.org\n");
    const r = await run(["match", "--round", "T1", "--weights", weights, "--out", out, "--locks", locks, "--db", db]);
    const csv = readFileSync(out, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("pair,email_a,name_a,country_a,sector_a,stage_a,email_b,name_b,country_b,sector_b,stage_b,score,principles_met,preferences_met,locked");
    // 7 registrants: 3 pairs, 1 unmatched; the locked pair first
    expect(csv.length).toBe(4);
    expect(csv[1]).toMatch(/ben@example\.org.*emi@example\.org.*,yes$/);
    expect(r.stderr).toContain("Proposed 3 partnerships for round T1 (1 locked); 1 unmatched of 7");
    expect(r.stderr).toMatch(/Unmatched \(1\):\n {2}\S+@example\.org/);
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
