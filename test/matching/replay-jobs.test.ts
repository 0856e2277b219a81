/**
 * Replaying on worker threads (src/matching/replay-jobs.ts) gives exactly the reports of
 * replaying in this thread, keeps the jobs' order, and a failing replay names its round.
 */
import { describe, expect, it } from "vitest";
import { careerStage } from "../../src/domain/vocabulary";
import type { RoundData } from "../../src/matching/round-data";
import { replayLoadedRound } from "../../src/matching/replay";
import { replayJobs, type ReplayJob } from "../../src/matching/replay-jobs";
import { defaultWeights } from "../../src/matching/weights";

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

  it("rejects with the round named when a replay fails in a worker", async () => {
    const bad = roundData("BAD", 10, 4);
    bad.pool.people[3] = { ...bad.pool.people[3], country: "XX" }; // no known UTC offset
    await expect(replayJobs([jobs[0], { data: bad, weights: defaultWeights(), model: null }], { parallel: true })).rejects.toThrow(/replaying round BAD failed in a worker: .*No UTC offset known for country code "XX"/s);
  });
});
