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

  it("replay --json prints one JSON document without emails", async () => {
    const r = await run(["replay", "--round", "T1", "--json", "--db", db]);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ round: "T1", historical: { pairs: 0, total: 0 }, replayed: { pairs: 3 } });
    expect(doc.replayed.total).toBeGreaterThanOrEqual(doc.historical.total);
    expect(r.stdout).not.toContain("@");
  });
});
