/**
 * src/domain/json.ts: JSON read strictly, a key given twice in one object refused where
 * `JSON.parse` silently keeps the last (a hostile review ingested `{"id": "S1", ..., "id": "S9"}`
 * as round S9).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DuplicateKeyError, duplicateKey, parseJson } from "../../src/domain/json";

/** What parseJson throws for `text`, as "line:path: message" (first line), or "ok". */
function refusal(text: string): string {
  try {
    parseJson(text);
    return "ok";
  } catch (err) {
    if (err instanceof DuplicateKeyError) return `${err.line}:${err.path}: ${err.message}`;
    throw err;
  }
}

describe("parseJson", () => {
  it("refuses a key given twice in one object, naming the key, its path and both lines", () => {
    expect(refusal('{"id": "S1", "name": "x", "id": "S9"}')).toBe('1:id: the key "id" is given twice in one object (both on line 1); JSON would silently keep only the last: keep one');
    expect(refusal('{\n  "survey": {\n    "Email": "email",\n    "Email": null\n  }\n}')).toBe('4:survey.Email: the key "Email" is given twice in one object (lines 3 and 4); JSON would silently keep only the last: keep one');
    expect(refusal('[["a@x.org", "b@x.org"], {"email_a": "a@x.org", "email_b": "c@x.org", "email_a": "d@x.org"}]')).toMatch(/^1:1\.email_a: the key "email_a"/);
  });

  it("compares keys as JSON decodes them, and only within one object", () => {
    // "\u0061" is "a": the same key written two ways
    expect(refusal('{"a": 1, "\\u0061": 2}')).toMatch(/^1:a: the key "a"/);
    expect(refusal('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}')).toBe("ok");
    expect(refusal('{"A": 1, "a": 2, "a ": 3}')).toBe("ok");
  });

  it("is not misled by braces, commas, colons and quotes inside strings", () => {
    const text = '{"k": "}{,:\\"", "list": ["a,b", "{\\"k\\": 1}"], "\\"k": 1, "v": {"k": "k"}}';
    expect(refusal(text)).toBe("ok");
    expect(parseJson(text)).toEqual(JSON.parse(text));
    expect(refusal('{"k": "\\\\", "k": 1}')).toMatch(/^1:k:/); // a string ending in a backslash
  });

  it("returns what JSON.parse returns for any JSON it writes (no duplicates there), and passes its errors on", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(() => parseJson("{")).toThrow(SyntaxError);
    expect(() => parseJson('{"a": 1,}')).toThrow(SyntaxError);
  });

  it("scans a document nested 200,000 deep without recursion", () => {
    expect(duplicateKey("[".repeat(200_000) + "]".repeat(200_000))).toBeNull();
    expect(duplicateKey('{"a":'.repeat(100_000) + "1" + "}".repeat(100_000))).toBeNull();
  });
});
