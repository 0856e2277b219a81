/**
 * Where worker threads start (src/workers/map-jobs.ts): the `.mjs` entry beside the module from
 * the sources, the compiled twin once the compiled CLI names its folder. That the compiled
 * workers do the sources' work is test/scripts/build-cli.test.ts. Which waiting job a free
 * worker takes (`JobQueue`'s `pick`, and `addAll`, which queues jobs together).
 */
import { afterEach, describe, expect, it } from "vitest";
import { packOutcomes } from "../../src/matching/fit-jobs";
import { poolJob, type PoolJob } from "../../src/matching/replay-jobs";
import { JobQueue, useCompiledWorkers, workerUrl } from "../../src/workers/map-jobs";

describe("workerUrl", () => {
  afterEach(() => useCompiledWorkers(undefined));

  it("is the entry itself from the sources", () => {
    const entry = new URL("file:///x/src/matching/replay-worker.mjs");
    expect(workerUrl(entry).href).toBe(entry.href);
  });

  it("is the compiled worker of the same name in the compiled CLI's folder", () => {
    useCompiledWorkers(new URL("file:///x/build/cli/0123456789abcdef/"));
    expect(workerUrl(new URL("file:///x/src/matching/replay-worker.mjs")).href).toBe("file:///x/build/cli/0123456789abcdef/replay-worker.js");
    expect(workerUrl(new URL("file:///x/loaders/parse-worker.mjs")).href).toBe("file:///x/build/cli/0123456789abcdef/parse-worker.js");
    useCompiledWorkers(undefined);
    expect(workerUrl(new URL("file:///x/loaders/parse-worker.mjs")).href).toBe("file:///x/loaders/parse-worker.mjs");
  });
});

describe("JobQueue", () => {
  // Left-out fits of rows too few to fit: quick jobs whose result (null) is known.
  const rows = packOutcomes([{ round: "A", features: {} as never, completed: 1, partnerSatisfaction: [] }], "one row");
  const jobs: PoolJob[] = ["A", "B", "C", "D"].map((leaveOut) => ({ leaveOut, rows }));
  const entry = new URL("../../src/matching/replay-worker.mjs", import.meta.url);
  const describeJob = (j: PoolJob) => ("leaveOut" in j ? j.leaveOut : "?");

  it("with addAll, has every job waiting before a worker picks, and hands each free worker the job `pick` chooses", async () => {
    const seen: { waiting: string[]; worker: number }[] = [];
    const started: string[] = [];
    // every free worker takes the last job waiting: D, C, B, A
    const queue = new JobQueue<PoolJob, unknown>({
      entry,
      work: poolJob,
      threads: 2,
      describe: describeJob,
      pick: (waiting, worker) => {
        seen.push({ waiting: waiting.map(describeJob), worker });
        started.push(describeJob(waiting[waiting.length - 1]));
        return waiting.length - 1;
      },
    });
    try {
      expect(await Promise.all(queue.addAll(jobs))).toEqual([null, null, null, null]);
      // both workers free at first: worker 0 picks among all four, then worker 1 among the rest
      expect(seen.slice(0, 2)).toEqual([{ waiting: ["A", "B", "C", "D"], worker: 0 }, { waiting: ["A", "B", "C"], worker: 1 }]);
      expect(seen.map((s) => s.waiting.length)).toEqual([4, 3, 2, 1]);
      expect(started).toEqual(["D", "C", "B", "A"]);
    } finally {
      await queue.close();
    }
  }, 60_000);

  it("in this thread, runs jobs added together in the order given, without asking `pick`", async () => {
    const order: string[] = [];
    const queue = new JobQueue<PoolJob, unknown>({ entry, work: (j) => (order.push(describeJob(j)), poolJob(j)), threads: 0, describe: describeJob, pick: () => 3 });
    expect(await Promise.all(queue.addAll(jobs))).toEqual([null, null, null, null]);
    expect(order).toEqual(["A", "B", "C", "D"]);
    await queue.close();
  });
});
