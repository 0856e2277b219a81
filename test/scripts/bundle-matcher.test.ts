/**
 * The matcher bundle for the matching page (scripts/bundle-matcher.ts): browser ESM without Node
 * built-ins, exporting what the page imports.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleFindings, bundleMatcher, bundleWorker, nodeBuiltinsIn } from "../../scripts/bundle-matcher";

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

  it("writes the matching page's worker: a classic script that answers a re-match without Node's Buffer", async () => {
    const out = path.join(dir, "worker.js");
    await bundleWorker(out);
    const code = readFileSync(out, "utf8");
    expect(nodeBuiltinsIn(code)).toEqual([]);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    const answers: { type: string; id: number; result?: { pairs: unknown[]; csv: string }; message?: string }[] = [];
    const self: { postMessage: (m: (typeof answers)[number]) => void; onmessage?: (e: { data: unknown }) => void } = { postMessage: (m) => answers.push(m) };
    // Run as a worker would: a global `self`, and no Buffer (browsers have none).
    new Function("self", "Buffer", code)(self, undefined);
    const person = (country: string) => ({ country, sector: "academic", years: 5, stage: "mid", interests: [], languages: ["English"], prefSector: "any", prefCareer: "any", prefCountries: [], returning: false });
    self.onmessage!({ data: { type: "pool", key: "k", label: "k", published: { round: "T", people: [person("AU"), person("US")], earlierPartners: [], historical: [], model: null } } });
    self.onmessage!({ data: { type: "match", id: 7, key: "k", values: { base: 4, same_sector: 0, career_gap: 0, sector_pref_met: 3, career_pref_met: 2, country_pref_met: 1, shared_interests: 1, shared_language: 2, timezone_gap: -0.1, both_new: 0 }, edits: { locks: [], forbids: [] } } });
    self.onmessage!({ data: { type: "match", id: 8, key: "nope", values: {}, edits: { locks: [], forbids: [] } } });
    expect(answers[0]).toMatchObject({ type: "result", id: 7 });
    expect(answers[0].result!.pairs.length).toBe(1);
    expect(answers[0].result!.csv).toContain("pool #1");
    expect(answers[1]).toEqual({ type: "error", id: 8, message: "unknown pool nope" });
  });

  it("writes the findings bundle the pages lead with", async () => {
    const out = path.join(dir, "findings.js");
    await bundleFindings(out);
    const mod = (await import(out)) as Record<string, unknown>;
    for (const name of ["reachFinding", "satisfactionFinding", "retentionFinding", "networkFinding", "shareWithBasis", "range"]) expect(mod[name], name).toBeDefined();
  });
});
