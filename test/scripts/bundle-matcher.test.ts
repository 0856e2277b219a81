/**
 * The matcher bundle for the matching page (scripts/bundle-matcher.ts): browser ESM without Node
 * built-ins, exporting what the page imports.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleMatcher, nodeBuiltinsIn } from "../../scripts/bundle-matcher";

describe("nodeBuiltinsIn", () => {
  it("finds node: and bare built-in imports and requires, and nothing else", () => {
    expect(nodeBuiltinsIn(`import fs from "node:fs"; import {x} from "./a.js"; const p = require("path"); import("zod")`)).toEqual(["node:fs", "path"]);
    expect(nodeBuiltinsIn(`import * as d3 from "d3"; export {a} from "./b.js";`)).toEqual([]);
  });
});

describe("bundleMatcher", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "iln-bundle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one ESM file without Node built-ins that exports the matcher", async () => {
    const out = path.join(dir, "matcher.js");
    const bytes = await bundleMatcher(out);
    const code = readFileSync(out, "utf8");
    expect(bytes).toBe(Buffer.byteLength(code));
    expect(nodeBuiltinsIn(code)).toEqual([]);
    expect(code).not.toMatch(/\bprocess\.env\b/);
    const mod = (await import(out)) as Record<string, unknown>;
    for (const name of ["proposeMatching", "matchingQuality", "parseWeights", "defaultWeights", "predictCompletion", "PRINCIPLES", "PREFERENCES", "FEATURE_NAMES"]) {
      expect(mod[name], name).toBeDefined();
    }
    // The bundled matcher solves: four people from two countries pair across countries.
    const propose = mod.proposeMatching as (pool: unknown, w: unknown) => { pairs: [number, number][]; unmatched: string[] };
    const person = (id: string, country: string) => ({ id, country, sector: "academic", years: 5, stage: "mid", interests: [], languages: ["English"], prefSector: "any", prefCareer: "any", prefCountries: [], returning: false });
    const r = propose({ round: "T", people: [person("a", "AU"), person("b", "AU"), person("c", "US"), person("d", "US")], earlierPartners: [] }, (mod.defaultWeights as () => unknown)());
    expect(r.unmatched).toEqual([]);
    for (const [i, j] of r.pairs) expect(Math.floor(i / 2)).not.toBe(Math.floor(j / 2));
  });
});
