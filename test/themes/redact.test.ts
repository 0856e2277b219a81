import { describe, expect, it } from "vitest";
import { REDACTED, redact } from "../../src/themes/redact";

describe("redact", () => {
  it("removes identity names and emails (any case), proper nouns, country names, emails and URLs", () => {
    const text = "working with anne-marie was great; Dupont wrote from anne@lib.example. See https://example.org. We compared libraries in kenya and the US, and the University of Ghana.";
    const out = redact(text, ["Anne-Marie Dupont", "anne@lib.example"]);
    for (const gone of ["anne-marie", "Dupont", "anne@lib.example", "https://example.org", "kenya", "US", "University", "Ghana"]) expect(out).not.toContain(gone);
    expect(out).toContain(`working with ${REDACTED} was great`);
    expect(out).toContain("We compared libraries in");
  });

  it("keeps ordinary words, including 'us' (only the capitalised US is a country)", () => {
    expect(redact("we continue to write us every month", [])).toBe("we continue to write us every month");
  });
});
