/**
 * Synthetic is proven, not declared (src/privacy/synthetic.ts, loaders/synthetic.ts): only a round
 * folder whose export files are exactly those a valid marker signs is ingested as synthetic.
 * Digests expected here are computed by Python's hashlib (python3 -c "import hashlib; ...").
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql, type Db } from "../../src/db";
import { fileDigest, signSynthetic, syntheticProblem } from "../../src/privacy/synthetic";
import { ingest } from "../../loaders/ingest";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

const pseudonymise = testPseudonymiser();
const IDENTITY = { id: "T1", name: "Test round 1", start: "2016-08-01", end: "2016-11-30" };

/** The base round's export files (name -> text), without round.json. */
function exportsOf(): Record<string, string> {
  const { "round.json": _, ...rest } = baseRound();
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)]));
}

describe("fileDigest", () => {
  it("is the SHA-256 of the bytes", () => {
    const py = spawnSync("/usr/bin/python3", ["-c", "import hashlib,sys; print(hashlib.sha256('día\\n'.encode()).hexdigest())"], { encoding: "utf8" });
    expect(fileDigest("día\n")).toBe(py.stdout.trim());
  });
});

describe("syntheticProblem", () => {
  const files = () => Object.fromEntries(Object.entries(exportsOf()).map(([k, v]) => [k, Buffer.from(v)]));
  it("accepts the files a marker signs and nothing else", () => {
    const marker = signSynthetic(IDENTITY, exportsOf());
    expect(syntheticProblem(IDENTITY, marker, files())).toBeNull();
    expect(syntheticProblem({ ...IDENTITY, name: "Other" }, marker, files())).toMatch(/signature does not match/);
    expect(syntheticProblem(IDENTITY, { ...marker, signature: "0".repeat(64) }, files())).toMatch(/signature does not match/);
    expect(syntheticProblem(IDENTITY, { ...marker, files: { ...marker.files, "survey.csv": "0".repeat(64) } }, files())).toMatch(/signature does not match/);
    expect(syntheticProblem(IDENTITY, { ...marker, generator: "me" }, files())).toMatch(/generator "me"/);
    const edited = files();
    edited["survey.csv"] = Buffer.from(exportsOf()["survey.csv"].replace("Very satisfied", "Satisfied"));
    expect(syntheticProblem(IDENTITY, marker, edited)).toBe("survey.csv changed since the generator wrote it");
    const { "events.csv": _, ...fewer } = files();
    expect(syntheticProblem(IDENTITY, marker, fewer)).toBe("events.csv listed by the generator is missing");
    // A demo folder without events.csv, into which a real events.csv was dropped.
    const { "events.csv": __, ...three } = exportsOf();
    expect(syntheticProblem(IDENTITY, signSynthetic(IDENTITY, three), files())).toBe("the folder holds events.csv, which the generator did not write");
  });
});

describe("ingest of round.json's synthetic field", () => {
  let db: Db;
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    db = await freshDb(dir);
  });
  afterEach(() => db.close());
  const syntheticOf = async () => (await db.all<{ s: boolean }>(sql`SELECT synthetic AS s FROM rounds WHERE round_id = 'T1'`))[0].s;

  it("marks a round synthetic when the demo's marker verifies", async () => {
    const folder = writeRound(dir, "T1", { ...exportsOf(), "round.json": JSON.stringify({ ...IDENTITY, synthetic: signSynthetic(IDENTITY, exportsOf()) }) });
    const report = await ingest(db, folder, { pseudonymise });
    expect(await syntheticOf()).toBe(true);
    expect(report.warnings.filter((w) => /synthetic/.test(w))).toEqual([]);
  });

  it("ignores a hand-written \"synthetic\": true, with a warning", async () => {
    const folder = writeRound(dir, "T1", { ...exportsOf(), "round.json": JSON.stringify({ ...IDENTITY, synthetic: true }) });
    const report = await ingest(db, folder, { pseudonymise });
    expect(await syntheticOf()).toBe(false);
    expect(report.warnings).toContain(`${path.join(folder, "round.json")}: "synthetic": true is not proof (only \`iln demo\` writes a signed marker); the round is ingested as real data`);
  });

  it("treats a signed round as real once one of its files is edited", async () => {
    const marker = signSynthetic(IDENTITY, exportsOf());
    const folder = writeRound(dir, "T1", { ...exportsOf(), "round.json": JSON.stringify({ ...IDENTITY, synthetic: marker }) });
    await ingest(db, folder, { pseudonymise });
    expect(await syntheticOf()).toBe(true);
    writeFileSync(path.join(folder, "events.csv"), exportsOf()["events.csv"].replace("moved job", "moved house"));
    const report = await ingest(db, folder, { pseudonymise });
    expect(await syntheticOf()).toBe(false);
    expect(report.warnings.find((w) => /synthetic marker does not hold/.test(w))).toMatch(/events\.csv changed since the generator wrote it/);
  });

  it("makes a synthetic round real when a single file is ingested into it", async () => {
    const folder = writeRound(dir, "T1", { ...exportsOf(), "round.json": JSON.stringify({ ...IDENTITY, synthetic: signSynthetic(IDENTITY, exportsOf()) }) });
    await ingest(db, folder, { pseudonymise });
    const survey = exportsOf()["survey.csv"].replace(",10,Yes,Yes,", ",9,Yes,Yes,");
    const file = path.join(writeRound(dir, "extra", { "survey.csv": survey }), "survey.csv");
    await ingest(db, file, { pseudonymise, kind: "survey", round: "T1" });
    expect(await syntheticOf()).toBe(false);
  });
});
