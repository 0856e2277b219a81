import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { ingest } from "../../loaders/ingest";
import { keyPathFor, loadOrCreateKey, pseudonymiser } from "../../src/privacy/pseudonym";
import { formatFit, weightsCommand } from "../../src/cli/weights-command";
import { openDatabase } from "../../src/db";
import { UsageError } from "../../src/domain/errors";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

/** The pseudonymiser of the database at `db`, its key created when absent (a test database). */
const pseudonymiserFor = (db: string) => pseudonymiser(loadOrCreateKey(keyPathFor(db)));

describe("iln weights fit", () => {
  it("says that one small round has too few outcomes, as a usage error (exit 2)", async () => {
    const dir = tempDir();
    const db = path.join(dir, "w.duckdb");
    const handle = await openDatabase(db);
    await ingest(handle, writeRound(dir, "T1", baseRound()), { pseudonymise: pseudonymiserFor(db) });
    handle.close();
    const program = new Command("iln").exitOverride();
    weightsCommand(program);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const run = program.parseAsync(["weights", "fit", "--db", db], { from: "user" });
      await expect(run).rejects.toThrow(UsageError);
      await expect(run).rejects.toThrow(/^too few outcomes to fit weights from 4 partnership\(s\) in 1 round\(s\) \(.+\); keep the default weights until more rounds have outcomes$/);
    } finally {
      err.mockRestore();
    }
  });

  it("a weights file that is a FIFO or a device is refused at once (exit 1), by replay and match alike", () => {
    const dir = tempDir();
    const fifo = path.join(dir, "w.json");
    execFileSync("mkfifo", [fifo]);
    const iln = (args: string[]) => spawnSync(process.execPath, [path.join(__dirname, "../../bin/iln.js"), ...args], { encoding: "utf8", timeout: 30_000 });
    const r = iln(["replay", "--round", "T1", "--weights", fifo, "--db", path.join(dir, "none.duckdb")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${fifo}:0:: cannot read the weights file: it is not a regular file`);
    const m = iln(["match", "--round", "T1", "--out", path.join(dir, "p.csv"), "--weights", "/dev/zero", "--db", path.join(dir, "none.duckdb")]);
    expect(m.status).toBe(1);
    expect(m.stderr).toContain("/dev/zero:0:: cannot read the weights file: it is not a regular file");
  }, 60_000);
});

describe("formatFit", () => {
  it("with no round to hold out, says why each validation has no folds and claims no comparison with the baseline", async () => {
    const { simulateHistory } = await import("../../src/demo/history");
    const { defaultPlans } = await import("../../src/demo/rounds");
    const { fitOutcomes, weightsFromFit } = await import("../../src/matching/fit");
    const last = simulateHistory(defaultPlans(), 2013).at(-1)!;
    const rows = last.partnerships.map((p) => ({ round: last.plan.id, features: p.features, completed: (p.status === "completed" ? 1 : 0) as 0 | 1, partnerSatisfaction: [] }));
    const fit = fitOutcomes(rows);
    const text = formatFit(fit, weightsFromFit(fit));
    expect(text).toContain("Time-ordered validation (fit on the earlier rounds, score the next; baseline = the earlier rounds' rate or answer distribution):\n  none: it needs 3 rounds with outcomes (two to learn from, one to predict); there is 1\n");
    expect(text).toContain("Leave-one-round-out validation (fit on the other rounds, score the held-out one):\n  none: it needs 2 rounds with outcomes; there is 1\n");
    expect(text).toContain("  Completion: not validated: no round could be held out");
    expect(text).toContain("  CAUTION: the model could not be checked on held-out rounds");
    expect(text).not.toMatch(/barely beats|better;/);
  });
});
