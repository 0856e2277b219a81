/**
 * The one replay path (src/matching/replay-rounds.ts) that `iln replay` and the matching page's
 * loader share: each round replayed under the given weights and under weights fitted with that
 * round left out, with the left-out model's predictions; a store of finished results reused, and
 * each replay that ran reported as it finishes.
 * Expected reports are the pure replay of the same loaded round (src/matching/replay.ts) with the
 * same left-out fit, computed here step by step.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ingest } from "../../loaders/ingest";
import { roundIds, type Db } from "../../src/db";
import { writeDemo } from "../../src/demo";
import { UnknownRoundError } from "../../src/domain/errors";
import { fitLeavingOut } from "../../src/matching/fit";
import { replayLoadedRound, type ReplayReport } from "../../src/matching/replay";
import type { ReplayJob } from "../../src/matching/replay-jobs";
import { replayRound, replayRounds, type FitStore, type LeftOutFit, type ReplayStore, type ReplayWeights } from "../../src/matching/replay-rounds";
import { loadOutcomes, loadRoundData } from "../../src/matching/round-data";
import { defaultWeights } from "../../src/matching/weights";
import { baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

/** The number of weightings of each call of `replayLoadedRoundUnder` from outside replay.ts (the replays run as one job in this thread). */
const scoredTogether = vi.hoisted(() => [] as number[]);
vi.mock("../../src/matching/replay", async (importOriginal) => {
  const replay = await importOriginal<typeof import("../../src/matching/replay")>();
  return {
    ...replay,
    replayLoadedRoundUnder: (...args: Parameters<typeof replay.replayLoadedRoundUnder>) => {
      scoredTogether.push(args[1].length);
      return replay.replayLoadedRoundUnder(...args);
    },
  };
});

describe("replayRounds on a small synthetic history", () => {
  let db: Db;
  let rounds: string[];
  beforeAll(async () => {
    const dir = tempDir();
    await writeDemo(`${dir}/demo`, { scale: 0.15 });
    db = await freshDb(dir);
    await ingest(db, `${dir}/demo`, { pseudonymise: testPseudonymiser() });
    rounds = await roundIds(db);
  }, 120_000);
  afterAll(() => db.close());

  it("replays each round as the pure replay of its data with the model and weights fitted without it", async () => {
    const picked = rounds.slice(-2);
    const got = await replayRounds(db, picked, { fitted: true, parallel: false });
    expect(got.map((r) => r.round)).toEqual(picked);
    const outcomes = await loadOutcomes(db);
    for (const r of got) {
      const left = fitLeavingOut(outcomes, r.round);
      expect(left).not.toBeNull();
      expect(r.model).toEqual(left!.model);
      expect(r.model!.rounds).not.toContain(r.round);
      expect(r.fittedWeights).toEqual(left!.weights);
      // the default pool: the people of the round's historical first matching
      const data = await loadRoundData(db, r.round, { include: "matched" });
      expect(r.data).toEqual(data);
      expect(r.given).toEqual(replayLoadedRound(data, defaultWeights(), left!.model));
      expect(r.fitted).toEqual(replayLoadedRound(data, left!.weights, left!.model));
      expect(r.given.prediction?.fitted_on_rounds).toEqual(left!.model.rounds);
    }
  });

  it("replays a round under both weightings as one job when both must run, with the reports of two separate replays; alone when the store holds the other", async () => {
    const picked = rounds.slice(-2);
    scoredTogether.length = 0;
    const progress: string[] = [];
    const both = await replayRounds(db, picked, { fitted: true, parallel: false, onReplayed: (r, which, n) => progress.push(`${r}/${which}/${n}`) });
    expect(scoredTogether).toEqual([2, 2]); // one job a round, its pool scored once for both weightings
    // each replay reported as it would be from a job of its own, in the order of the rounds' sizes
    const bySize = [...picked].sort((a, b) => both.find((r) => r.round === b)!.data.pool.people.length - both.find((r) => r.round === a)!.data.pool.people.length);
    expect(progress).toEqual(bySize.flatMap((r, k) => [`${r}/given/${2 * k + 1}`, `${r}/fitted/${2 * k + 2}`]));
    const outcomes = await loadOutcomes(db);
    for (const r of both) {
      const left = fitLeavingOut(outcomes, r.round)!;
      expect(r.given).toEqual(replayLoadedRound(r.data, defaultWeights(), left.model));
      expect(r.fitted).toEqual(replayLoadedRound(r.data, left.weights, left.model));
      expect(r.fitted).not.toEqual(r.given);
    }
    // The store holds the replays under the given weights: the fitted ones run, each alone, and
    // are looked up and kept under the same key as before.
    const asked: string[] = [];
    const kept: string[] = [];
    const store: ReplayStore<ReplayReport> = {
      get: (job, which) => (asked.push(`${job.data.pool.round}/${which}`), which === "given" ? both.find((r) => r.round === job.data.pool.round)!.given : undefined),
      set: (job, which, value) => {
        kept.push(`${job.data.pool.round}/${which}`);
        expect(job.weights).toEqual(both.find((r) => r.round === job.data.pool.round)!.fittedWeights);
        expect(value).toEqual(both.find((r) => r.round === job.data.pool.round)![which]);
      },
    };
    scoredTogether.length = 0;
    const again = await replayRounds(db, picked, { fitted: true, parallel: false, store });
    expect(scoredTogether).toEqual([]);
    expect(asked).toEqual(bySize.flatMap((r) => [`${r}/given`, `${r}/fitted`]));
    expect(kept).toEqual(bySize.map((r) => `${r}/fitted`));
    expect(again).toEqual(both);
  });

  it("gives the same reports for a lone round on worker threads (its two replays then run as two jobs, side by side)", async () => {
    const [a] = rounds.slice(-1);
    const here = await replayRounds(db, [a], { fitted: true, parallel: false });
    expect(await replayRounds(db, [a], { fitted: true, parallel: true })).toEqual(here);
  });

  it("without predictions fits nothing, and without `fitted` replays the given weights only", async () => {
    const [r] = await replayRounds(db, rounds.slice(-1), { predictions: false, parallel: false });
    expect(r.model).toBeNull();
    expect(r.fittedWeights).toBeNull();
    expect(r.fitted).toBeNull();
    expect(r.given.prediction).toBeNull();
    expect(r.given.replayed.predicted_completion).toBeNull();
  });

  it("takes finished results from a store, and keeps what it computes there, finished", async () => {
    const kept = new Map<string, number>();
    const keyOf = (job: ReplayJob, which: ReplayWeights) => `${job.data.pool.round}/${which}`;
    const store: ReplayStore<number> = { get: (job, which) => kept.get(keyOf(job, which)), set: (job, which, v) => kept.set(keyOf(job, which), v) };
    let finished = 0;
    const finish = (rep: ReplayReport) => (finished++, rep.replayed.total);
    const progress: string[] = [];
    const counts: number[] = [];
    const first = await replayRounds(db, rounds.slice(-2), { fitted: true, parallel: false, store, finish, onReplayed: (r, which, n) => (progress.push(`${r}/${which}`), counts.push(n)) });
    expect(finished).toBe(4);
    expect(progress.sort()).toEqual(rounds.slice(-2).flatMap((r) => [`${r}/fitted`, `${r}/given`]).sort());
    expect(counts).toEqual([1, 2, 3, 4]);
    expect([...kept.keys()].sort()).toEqual(rounds.slice(-2).flatMap((r) => [`${r}/fitted`, `${r}/given`]).sort());
    const replayed: string[] = [];
    const again = await replayRounds(db, rounds.slice(-2), { fitted: true, parallel: false, store, finish, onReplayed: (r, which) => replayed.push(`${r}/${which}`) });
    expect(finished).toBe(4);
    expect(replayed).toEqual([]); // nothing computed, nothing reported
    expect(again.map((r) => [r.given, r.fitted])).toEqual(first.map((r) => [r.given, r.fitted]));
  });

  it("takes left-out fits from a store, and keeps those it fits there", async () => {
    const picked = rounds.slice(-2);
    const kept = new Map<string, LeftOutFit>();
    const fits: FitStore = { get: (_rows, round) => kept.get(round), set: (_rows, round, fit) => kept.set(round, fit) };
    const first = await replayRounds(db, picked, { fitted: true, parallel: false, fits });
    expect([...kept.keys()].sort()).toEqual([...picked].sort());
    for (const r of first) expect(kept.get(r.round)).toEqual({ model: r.model, weights: r.fittedWeights });
    // A stored fit is used as it is: here another round's fit, which no fitting would give.
    const [a, b] = picked;
    kept.set(a, kept.get(b)!);
    const again = await replayRounds(db, [a], { fitted: true, parallel: false, fits });
    expect(again[0].model).toEqual(first[1].model);
    expect(again[0].fittedWeights).toEqual(first[1].fittedWeights);
    // A round that could not be fitted is stored as null and replayed under the given weights only.
    kept.set(a, null);
    const none = await replayRounds(db, [a], { fitted: true, parallel: false, fits });
    expect(none[0].model).toBeNull();
    expect(none[0].fitted).toBeNull();
  });

  it("gives the same replays on worker threads, started while the rounds load", async () => {
    const picked = rounds.slice(-3);
    const here = await replayRounds(db, picked, { fitted: true, parallel: false });
    const threaded = await replayRounds(db, picked, { fitted: true, parallel: true });
    expect(threaded.map((r) => r.round)).toEqual(picked);
    expect(threaded).toEqual(here);
  });

  it("rejects an unknown round before any work, as a usage error listing the rounds", async () => {
    const err = await replayRounds(db, [rounds[0], "nope"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownRoundError);
    expect((err as Error).message).toContain(rounds.join(", "));
  });
});

describe("replayRound", () => {
  it("replays an ingested round: no emails or names in the report, invariant holds", async () => {
    const dir = tempDir();
    const db = await freshDb(dir);
    await ingest(db, writeRound(dir, "T1", baseRound()), { pseudonymise: testPseudonymiser() });
    const rep = await replayRound(db, "T1", defaultWeights());
    const all = await replayRound(db, "T1", defaultWeights(), { include: "registered" });
    db.close();
    const json = JSON.stringify(rep);
    expect(json).not.toMatch(/@|Ana|Lima|Chlo/);
    expect(rep.round).toBe("T1");
    // By default the pool is the people of the historical first matching T1-1, T1-2, T1-3 (T1-4
    // is a rematch): 6 of the 7 registrants (Gus joined only in the rematch). Like for like: no extra placements.
    expect(rep.pool).toMatchObject({ include: "matched", people: 6 });
    expect(rep.extra_placements).toMatchObject({ people: 0, pairs: 0, score: 0 });
    // Every registration: 7 people, still 3 pairs; if Gus is placed, that pair is reported apart.
    expect(all.pool).toMatchObject({ include: "registered", people: 7 });
    expect(all.replayed.pairs).toBe(3);
    expect(all.extra_placements.people).toBe(all.extra_placements.pairs);
    expect(all.extra_placements.score_gain_without).toBeCloseTo(all.replayed.total - all.extra_placements.score - all.historical.total, 9);
    expect(rep.historical.pairs).toBe(3);
    expect(rep.historical.observed).toMatchObject({ completed: 2, ended: 3 });
    expect(rep.replayed.pairs).toBe(3);
    expect(rep.replayed.total).toBeGreaterThanOrEqual(rep.historical.total);
    expect(rep.prediction).toBeNull(); // no other round to fit a model on
  });
});
