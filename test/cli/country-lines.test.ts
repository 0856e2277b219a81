import { describe, expect, it } from "vitest";
import { countryLine, formatCountryLine } from "../../src/cli/country-lines";

describe("the lines of iln countries", () => {
  it("says what each value maps to, or its suggestions", () => {
    expect(formatCountryLine(countryLine("Spain / España"))).toBe("Spain / España -> ES");
    expect(formatCountryLine(countryLine("Boston, MA"))).toBe("Boston, MA -> ? (suggestions: United States [US], Morocco [MA])");
    expect(formatCountryLine(countryLine("Your mom"))).toBe("Your mom -> ? (no suggestion)");
    expect(countryLine("USA")).toEqual({ input: "USA", code: "US", suggestions: [] });
  });
});

describe("echoing stdin", () => {
  it("escapes control characters in the input it echoes", () => {
    expect(formatCountryLine(countryLine("Fr\u001b[2Jance"))).toMatch(/^Fr\\u001b\[2Jance -> \? /);
    expect(formatCountryLine(countryLine("Spain\u0007"))).toMatch(/^Spain\\u0007 -> /);
  });
});
