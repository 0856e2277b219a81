import { createHash } from "node:crypto";
/**
 * The matching page's content-keyed replay cache (reports/data/lib/replay-cache.ts): a key moves
 * with any input, the minimum cell size and the code; entries are read back as written; old
 * entries are pruned; "0" turns it off.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeHash, DEFAULT_REPLAY_CACHE, ReplayCache } from "../../../../reports/data/lib/replay-cache";
import type { OutcomeRow } from "../../../../src/matching/fit";
import type { ReplayJob } from "../../../../src/matching/replay-jobs";
import type { LeftOutFit } from "../../../../src/matching/replay-rounds";
import { tempDir } from "../../../helpers/rounds";

describe("ReplayCache", () => {
  it("keys by content: equal inputs share a key, any change (input, min cell) moves it", () => {
    const dir = tempDir();
    const a = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: dir }, 5);
    const b = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: dir }, 5);
    const c = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: dir }, 10);
    const input = { which: "default", rp: { people: [{ id: "x", country: "AU" }] }, weights: { base: 4 } };
    expect(a.key(input)).toBe(b.key(structuredClone(input)));
    expect(a.key({ ...input, weights: { base: 5 } })).not.toBe(a.key(input));
    expect(a.key({ ...input, which: "fitted" })).not.toBe(a.key(input));
    expect(c.key(input)).not.toBe(a.key(input));
    expect(a.key(input)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads back what was written, counts hits and misses, and treats a damaged entry as a miss", () => {
    const dir = tempDir();
    const cache = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: dir }, 5);
    const key = cache.key({ round: "2016B" });
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, { total: 12.5, groups: [null, 3] });
    expect(cache.get(key)).toEqual({ total: 12.5, groups: [null, 3] });
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    expect(readdirSync(dir)).toEqual([`${key}.json`]); // no temporary file left
    writeFileSync(path.join(dir, `${key}.json`), "{ half");
    expect(cache.get(key)).toBeUndefined();
  });

  it("serves replayRounds as a store keyed by the job and its weights", () => {
    const cache = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: tempDir() }, 5);
    const store = cache.replays<{ total: number }>();
    const job = { data: { pool: { round: "R", people: [], earlierPartners: [] } }, weights: { base: 4 }, model: null } as unknown as ReplayJob;
    expect(store.get(job, "given")).toBeUndefined();
    store.set(job, "given", { total: 3 });
    expect(store.get(structuredClone(job), "given")).toEqual({ total: 3 });
    expect(store.get(job, "fitted")).toBeUndefined();
    // the round data keyed by the SHA-256 of its JSON (hashed once for every weighting)
    const data = createHash("sha256").update(JSON.stringify(job.data)).digest("hex");
    expect(cache.get(cache.key({ which: "given", ...job, data }))).toEqual({ total: 3 });
    const moved = structuredClone(job);
    moved.data.pool.round = "S";
    expect(store.get(moved, "given")).toBeUndefined();
  });

  it("serves replayRounds as a store of left-out fits keyed by the outcome rows and the round; a fit with NaN is not kept", () => {
    const cache = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: tempDir() }, 5);
    const fits = cache.fits();
    const row = (round: string, completed: number) => ({ round, completed, satisfaction: [], features: {} }) as unknown as OutcomeRow;
    const outcomes = [row("A", 1), row("B", 0)];
    const fit = { model: { fit: { coefficients: [], cov: [[0.25]], covariance: "model", n: 2, iterations: 3, converged: true, dropped: [], penalty: 1 }, rounds: ["A"] }, weights: { base: 1, weights: {} } } as unknown as LeftOutFit;
    expect(fits.get(outcomes, "B")).toBeUndefined();
    fits.set(outcomes, "B", fit);
    fits.set(outcomes, "A", null); // could not be fitted: kept as such
    expect(cache.fits().get([row("A", 1), row("B", 0)], "B")).toEqual(fit); // same rows, another array
    expect(cache.fits().get(outcomes, "A")).toBeNull();
    expect(cache.fits().get([row("A", 1), row("B", 1)], "B")).toBeUndefined(); // one outcome changed
    fits.set(outcomes, "C", { ...fit!, model: { ...fit!.model, fit: { ...fit!.model.fit, cov: [[Number.NaN]] } } });
    expect(fits.get(outcomes, "C")).toBeUndefined();
  });

  it("prunes entries untouched for 14 days and keeps the rest", () => {
    const dir = tempDir();
    const cache = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: dir }, 5);
    cache.set("old", 1);
    cache.set("new", 2);
    const longAgo = new Date(Date.now() - 15 * 86_400_000);
    utimesSync(path.join(dir, "old.json"), longAgo, longAgo);
    cache.prune();
    expect(readdirSync(dir)).toEqual(["new.json"]);
  });

  it("is off with ILN_REPLAY_CACHE=0 and defaults to Framework's cache folder", () => {
    const off = ReplayCache.fromEnv({ ILN_REPLAY_CACHE: "0" }, 5);
    off.set("k", 1);
    expect(off.dir).toBeNull();
    expect(off.get("k")).toBeUndefined();
    expect(ReplayCache.fromEnv({}, 5).dir).toBe(DEFAULT_REPLAY_CACHE);
    expect(DEFAULT_REPLAY_CACHE.split(path.sep).slice(-4)).toEqual(["reports", ".observablehq", "cache", "_replays"]);
  });

  it("codeHash changes when a source file changes, is added or is renamed", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "sub", "a.ts"), "export const a = 1;");
    writeFileSync(path.join(dir, "notes.txt"), "ignored");
    const h0 = codeHash([dir]);
    expect(codeHash([dir])).toBe(h0);
    writeFileSync(path.join(dir, "notes.txt"), "still ignored");
    expect(codeHash([dir])).toBe(h0);
    writeFileSync(path.join(dir, "sub", "a.ts"), "export const a = 2;");
    const h1 = codeHash([dir]);
    expect(h1).not.toBe(h0);
    writeFileSync(path.join(dir, "b.mjs"), "");
    expect(codeHash([dir])).not.toBe(h1);
  });
});
