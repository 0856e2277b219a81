/**
 * An internal error (a bug) is one line saying where to report it, exit 3, no stack trace
 * (src/cli/main.ts). No input reaches one on purpose any more (a damaged key, the old way to
 * provoke it from the command line, is now bad input, exit 1: test/e2e/cli.test.ts), so a command
 * is replaced by one that fails as a bug would.
 */
import type { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("../../src/cli/countries-command", () => ({
  countriesCommand: (program: Command) =>
    program.command("countries").action(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'code')\n    at somewhere (file.ts:1:1)");
    }),
}));

const { main } = await import("../../src/cli/main");

describe("an internal error", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is one line saying where to report it, exit 3, no stack trace (ILN_DEBUG adds it)", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
    const saved = process.env.ILN_DEBUG;
    delete process.env.ILN_DEBUG;
    try {
      expect(await main(["countries"])).toBe(3);
    } finally {
      if (saved !== undefined) process.env.ILN_DEBUG = saved;
    }
    expect(lines.join("")).toMatch(/^iln: internal error: Cannot read properties of undefined \(reading 'code'\); please report it at .+ with the command you ran\n$/);
  });
});
