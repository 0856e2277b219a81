import path from "node:path";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { ingest } from "../../loaders/ingest";
import { keyPathFor, loadOrCreateKey, pseudonymiser } from "../../src/privacy/pseudonym";

const pseudonymiserFor = (db: string) => pseudonymiser(loadOrCreateKey(keyPathFor(db)));
import { weightsCommand } from "../../src/cli/weights-command";
import { openDatabase } from "../../src/db";
import { UsageError } from "../../src/domain/errors";
import { baseRound, tempDir, writeRound } from "../helpers/rounds";

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
});
