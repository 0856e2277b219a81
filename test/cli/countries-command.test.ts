import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countryLine, formatCountryLine } from "../../src/cli/countries-command";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the real `iln countries` with `input` on stdin. */
function iln(args: string[], input: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "countries", ...args], { cwd: ROOT, encoding: "utf8", input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("iln countries", () => {
  it("says what each value maps to, or its suggestions", () => {
    expect(formatCountryLine(countryLine("Spain / España"))).toBe("Spain / España -> ES");
    expect(formatCountryLine(countryLine("Boston, MA"))).toBe("Boston, MA -> ? (suggestions: United States [US], Morocco [MA])");
    expect(formatCountryLine(countryLine("Your mom"))).toBe("Your mom -> ? (no suggestion)");
    expect(countryLine("USA")).toEqual({ input: "USA", code: "US", suggestions: [] });
  });
  it("reads stdin one value a line (CRLF too) and prints one line each", () => {
    const r = iln([], "Amsterdam\r\nAtlanta, GA\nUSA\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Amsterdam -> ? (suggestions: Netherlands [NL])\nAtlanta, GA -> ? (suggestions: United States [US], Gabon [GA])\nUSA -> US\n");
  });
  it("--json prints exactly one object a line and nothing else", () => {
    const r = iln(["--json"], "Perth, WA\nDeutschland (Germany)\n\n");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { input: "Perth, WA", code: null, suggestions: [{ code: "AU", name: "Australia" }, { code: "US", name: "United States" }] },
      { input: "Deutschland (Germany)", code: "DE", suggestions: [] },
      { input: "", code: null, suggestions: [] },
    ]);
  });
});
