/** `parseVocab`: a closed vocabulary by folded labels, and the survey tools' "Other (please specify)". */
import { describe, expect, it } from "vitest";
import { parseVocab } from "../../../loaders/normalise/values";

describe("parseVocab", () => {
  const SECTORS = { academic: "academic", public: "public", other: "other" } as const;
  it("reads labels case- and spacing-insensitively; blank is null, unknown undefined", () => {
    expect(parseVocab("  Academic ", SECTORS)).toBe("academic");
    expect(parseVocab("   ", SECTORS)).toBeNull();
    expect(parseVocab("Corporate", SECTORS)).toBeUndefined();
  });
  it("reads a tool's label of an Other choice that asks for text as the vocabulary's other, when it has one", () => {
    expect(parseVocab("Other (please specify)", SECTORS)).toBe("other");
    expect(parseVocab("Other - please describe", SECTORS)).toBe("other");
    expect(parseVocab("Other (please specify)", { academic: "academic" })).toBeUndefined();
  });
});
