/**
 * Replaying on worker threads (src/matching/replay-jobs.ts) gives exactly the reports of
 * replaying in this thread, keeps the jobs' order, and a failing replay names its round; so do
 * the compiled CLI's replay workers (scripts/build-cli.mjs).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { careerStage } from "../../src/domain/vocabulary";
import type { RoundData } from "../../src/matching/round-data";
import { replayLoadedRound } from "../../src/matching/replay";
import { ReplayPool, replayJobs, replayQueue, replayWork, type ReplayJob } from "../../src/matching/replay-jobs";
import { defaultWeights } from "../../src/matching/weights";
import { useCompiledWorkers } from "../../src/workers/map-jobs";

const COUNTRIES = ["AU", "US", "GB", "IN", "NG", "JP", "BR", "ZA"];
const SECTORS = ["academic", "public", "school", "special"];
const INTERESTS = ["a", "b", "c", "d", "e"];

/** A deterministic pool of `n` people (linear congruential choices), first half paired historically. */
function roundData(round: string, n: number, seed: number): RoundData {
  let s = seed;
  const next = (k: number) => ((s = (s * 1103515245 + 12345) >>> 0) % k);
  const people = Array.from({ length: n }, (_, i) => {
    const years = 1 + next(30);
    return {
      id: `${round}-${i}`,
      country: COUNTRIES[next(COUNTRIES.length)],
      sector: SECTORS[next(SECTORS.length)],
      years,
      stage: careerStage(years),
      interests: INTERESTS.filter(() => next(2) === 0),
      languages: next(3) === 0 ? ["english", "french"] : ["english"],
      prefSector: next(2) === 0 ? ("same" as const) : ("any" as const),
      prefCareer: (["any", "similar", "different"] as const)[next(3)],
      prefCountries: next(4) === 0 ? [COUNTRIES[next(COUNTRIES.length)]] : [],
      returning: next(2) === 0,
    };
  });
  const pairs: [string, string][] = [];
  for (let k = 0; k + 1 < n / 2; k += 2) pairs.push([people[k].id, people[k + 1].id]);
  return {
    pool: { round, people, earlierPartners: [] },
    name: round,
    start: "2020-01-01",
    synthetic: true,
    partnerships: pairs.length,
    notes: [],
    historical: { pairs, partnershipIds: pairs.map((_, k) => `${round}-p${k}`), statuses: pairs.map((_, k) => (k % 3 === 0 ? "dissolved" : "completed")) },
  };
}

describe("replayJobs", () => {
  const jobs: ReplayJob[] = [
    { data: roundData("R1", 60, 1), weights: defaultWeights(), model: null },
    { data: roundData("R2", 140, 2), weights: defaultWeights(), model: null },
    { data: roundData("R3", 25, 3), weights: { ...defaultWeights(), base: 1 }, model: null },
  ];

  it("gives on worker threads exactly the reports of replaying here, in the jobs' order", async () => {
    const here = jobs.map((j) => replayLoadedRound(j.data, j.weights, j.model));
    const done: string[] = [];
    const threaded = await replayJobs(jobs, { parallel: true, onDone: (j) => done.push(j.data.pool.round) });
    expect(threaded).toEqual(here);
    expect(threaded.map((r) => r.round)).toEqual(["R1", "R2", "R3"]);
    expect([...done].sort()).toEqual(["R1", "R2", "R3"]);
    // and in this thread when told so
    expect(await replayJobs(jobs, { parallel: false })).toEqual(here);
  });

  it("gives the same reports on the compiled CLI's workers", async () => {
    const root = path.resolve(__dirname, "../..");
    const r = spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, encoding: "utf8" });
    const dir = /compiled CLI in (\S+)/.exec(r.stderr)?.[1];
    expect(dir, r.stderr).toBeDefined();
    useCompiledWorkers(pathToFileURL(`${path.join(root, dir!)}/`));
    try {
      expect(await replayJobs(jobs, { parallel: true })).toEqual(jobs.map((j) => replayLoadedRound(j.data, j.weights, j.model)));
    } finally {
      useCompiledWorkers(undefined);
    }
  });

  it("replays jobs added to a queue while others run, on workers or in this thread", async () => {
    const here = jobs.map((j) => replayLoadedRound(j.data, j.weights, j.model));
    for (const parallel of [true, false]) {
      const queue = replayQueue(parallel);
      expect(queue.parallel).toBe(parallel);
      try {
        const first = queue.add(jobs[0]);
        await new Promise((r) => setTimeout(r, 10)); // the first may already run when the others come
        const rest = jobs.slice(1).map((j) => queue.add(j));
        expect(await Promise.all([first, ...rest])).toEqual(here);
        const bad = roundData("BAD", 10, 4);
        bad.pool.people[3] = { ...bad.pool.people[3], country: "XX" };
        await expect(queue.add({ data: bad, weights: defaultWeights(), model: null })).rejects.toThrow(/No UTC offset known for country code "XX"/);
        expect(await queue.add(jobs[2])).toEqual(here[2]); // a failed job does not stop the queue
      } finally {
        await queue.close();
      }
    }
  });

  it("replays one round under several weightings as one job: the reports of one job a weighting, on workers and here", async () => {
    const data = roundData("R4", 120, 5);
    const weightings = [defaultWeights(), { ...defaultWeights(), base: 1, weights: { ...defaultWeights().weights, career_gap: -0.05, same_sector: 2 } }, defaultWeights()];
    const separate = weightings.map((weights) => replayLoadedRound(data, weights, null, "matched", { maxCardinality: false }));
    for (const parallel of [true, false]) {
      const pool = new ReplayPool(parallel);
      try {
        const job = { data, weightings, model: null, maxCardinality: false };
        expect(await pool.replays(job)).toEqual(separate);
        const bad = roundData("BAD", 10, 4);
        bad.pool.people[3] = { ...bad.pool.people[3], country: "XX" };
        await expect(pool.replays({ data: bad, weightings, model: null })).rejects.toThrow(/No UTC offset known for country code "XX"/);
      } finally {
        await pool.close();
      }
    }
    // Its work: the first weighting's a replay's, each further one less (the features are computed once).
    expect(replayWork({ data, weightings: weightings.slice(0, 1), model: null })).toBe(replayWork({ data, weights: defaultWeights(), model: null }));
    expect(replayWork({ data, weightings, model: null })).toBeGreaterThan(replayWork(data.pool.people.length, 2));
    expect(replayWork({ data, weightings, model: null })).toBe(replayWork(data.pool.people.length, 3));
    expect(replayWork(data.pool.people.length, 2)).toBeLessThan(2 * replayWork(data.pool.people.length));
  });

  it("rejects with the round named when a replay fails in a worker", async () => {
    const bad = roundData("BAD", 10, 4);
    bad.pool.people[3] = { ...bad.pool.people[3], country: "XX" }; // no known UTC offset
    await expect(replayJobs([jobs[0], { data: bad, weights: defaultWeights(), model: null }], { parallel: true })).rejects.toThrow(/replaying round BAD failed in a worker: .*No UTC offset known for country code "XX"/s);
  });
});
