import { Command } from "commander";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/domain/errors";
import { metricsCommand } from "../../src/cli/metrics-command";
import { DatabaseMissingError } from "../../src/db";
import { historyDb } from "../metrics/fixture";

let dbPath: string;
beforeAll(async () => {
  const db = await historyDb();
  dbPath = db.path;
  db.close();
});
afterEach(() => vi.restoreAllMocks());

/** Runs `iln metrics ...args` in process and returns what it wrote on stdout. */
async function run(args: string[]): Promise<string> {
  const program = new Command("iln").exitOverride();
  metricsCommand(program);
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await program.parseAsync(["metrics", ...args], { from: "user" });
  vi.restoreAllMocks();
  return out;
}

describe("iln metrics", () => {
  it("--json prints one document with the keys of docs/metrics.md", async () => {
    const doc = JSON.parse(await run(["--db", dbPath, "--json"]));
    expect(doc.rounds.map((r: { round: string }) => r.round)).toEqual(["Z0", "A1", "B2"]);
    const a1 = doc.rounds[1];
    for (const key of ["registered", "participants", "partnerships", "countries", "sectors", "new_countries", "returning_share", "completion_rate",
      "dissolution_rate", "continued_share", "response_rate", "program_satisfaction", "partner_satisfaction", "nps", "health"]) {
      expect(a1, key).toHaveProperty(key);
    }
    // Fixture, by hand: A1 program satisfaction 5, 4, 2, 3 -> n 4, mean 3.5, top2 0.5.
    expect(a1.program_satisfaction).toMatchObject({ n: 4, mean: 3.5, top2: 0.5 });
    expect(a1.program_satisfaction.top2_ci).toHaveLength(2);
    expect(doc.overall).toMatchObject({ participants: 10, countries: 8 });
  });

  it("--round restricts the rounds", async () => {
    const doc = JSON.parse(await run(["--db", dbPath, "--json", "--round", "A1"]));
    expect(doc.rounds).toHaveLength(1);
    expect(doc.rounds[0].round).toBe("A1");
  });

  it("prints a readable table by default, with the round's detail for one round", async () => {
    const all = await run(["--db", dbPath]);
    expect(all).toMatch(/^round\s+stage\s+registered\s+participants/m);
    expect(all).toMatch(/^A1\s+surveyed\s+6\s+6\s+3\s+6\s+4\s+33%/m);
    // B2 is matched, its partnerships all active and no survey: no completion or response yet ("-", not 0%).
    expect(all).toMatch(/^B2\s+matched\s+4\s+4\s+2\s+3\s+1\s+50%\s+-\s+-\s+-\s/m);
    expect(all).toContain("Overall (3 rounds): 10 participants matched (10 registered), 8 countries, 7 partnerships");
    const one = await run(["--db", dbPath, "--round", "Z0"]);
    expect(one).toContain("largest country       US 40% of 5 applicants (cap 20%, OVER)");
    // Z0 had no survey: its survey figures say so, not "not asked" (which is about a survey's questions).
    expect(one).toContain("NPS                   no survey yet");
    expect(one).toContain("program satisfaction  no survey yet");
    expect(one).toContain("participate again     no survey yet");
    expect(one).toContain("Round Z0 (Round Z0, 2014-01-01 to 2014-04-30): matched, survey not yet ingested");
    expect(one).toContain("response rate         - (no survey yet)");
  });

  it("turns an unknown round into a usage error (exit 2) and a missing database into an error", async () => {
    await expect(run(["--db", dbPath, "--round", "nope"])).rejects.toThrow(UsageError);
    await expect(run(["--db", `${dbPath}.missing`])).rejects.toThrow(DatabaseMissingError);
  });
});
