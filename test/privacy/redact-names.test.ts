import { describe, expect, it } from "vitest";
import { redactEmails, redactNeedles } from "../../src/privacy/redact-names";

describe("redactNeedles", () => {
  it("matches case-insensitively across Unicode forms and spacing, and leaves other text alone", () => {
    expect(redactNeedles("Thanks to CHLOE\u0301  martin!", ["Chloé Martin"])).toBe("Thanks to [erased]!");
    expect(redactNeedles("nothing here", ["Chloé Martin"])).toBe("nothing here");
    expect(redactNeedles("mail a.b+c@x.org now", ["A.B+C@X.ORG"])).toBe("mail [erased] now");
    expect(redactNeedles("Ana Limatova", ["  "])).toBe("Ana Limatova");
  });
});

describe("redactEmails", () => {
  it("blanks only the email-shaped tokens the predicate marks", () => {
    const erased = (e: string) => e.toLowerCase() === "ana@example.org";
    expect(redactEmails("write to ANA@example.org, or (ben@example.org).", erased)).toBe("write to [erased], or (ben@example.org).");
    expect(redactEmails("no address here", erased)).toBe("no address here");
  });
});
