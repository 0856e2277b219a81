/**
 * Runs jobs on worker threads: each worker takes the next job of a shared queue when it is free,
 * so long and short jobs balance across threads. Node-only. The worker side is
 * {@link ./serve.ts}; a worker entry is a `.mjs` file that registers tsx and imports its `.ts`
 * module (Node cannot start a worker from TypeScript by itself). The compiled CLI
 * (scripts/build-cli.mjs) bundles each worker beside itself and starts them from there instead
 * ({@link useCompiledWorkers}), with no TypeScript to compile in each thread.
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** Folder of the compiled workers, once {@link useCompiledWorkers} has named it. */
let compiledWorkers: URL | undefined;

/**
 * Makes every later worker start from the compiled worker of the same name in `dir` (the
 * `.mjs` entry `replay-worker.mjs` -> `dir/replay-worker.js`). Called by the compiled CLI
 * (each program's entry in the bundle calls it first, with the bundle's folder); sources (tsx,
 * vitest) never call it. `undefined` undoes it.
 */
export function useCompiledWorkers(dir: URL | undefined): void {
  compiledWorkers = dir;
}

/** The file a worker whose entry is `entry` starts from: `entry`, or its compiled twin (see {@link useCompiledWorkers}). */
export function workerUrl(entry: URL): URL {
  if (!compiledWorkers) return entry;
  return new URL(`${path.posix.basename(entry.pathname, ".mjs")}.js`, compiledWorkers);
}

/** Threads worth starting for CPU-bound jobs on this machine: `min(2, cores)` unless `max` is lower. */
export function workerThreads(max = 2): number {
  return Math.max(1, Math.min(max, os.availableParallelism()));
}

/** How {@link mapJobs} runs a list of jobs. */
export interface MapJobsOptions<J, R> {
  /** The worker entry (`.mjs`) whose module serves `work`. */
  entry: URL;
  /** The work of one job, run in this thread when the jobs are not worth workers. */
  work: (job: J) => R;
  /** A job's size (bytes, pairs...): jobs run largest first, and the sizes' sum decides. */
  size: (job: J) => number;
  /** Below this total size the jobs run in this thread (each worker costs about half a second to start). */
  minWork: number;
  /** Forces (true) or forbids (false) worker threads; default by `minWork`. */
  parallel?: boolean;
  /** Names a job in errors. */
  describe: (job: J) => string;
  /** Called as each job finishes, in completion order. */
  onDone?: (job: J, result: R) => void;
}

/**
 * Runs `work` over `jobs`: on {@link workerThreads} workers when the total size reaches
 * `minWork` (or `parallel` says so), largest job first so the last to finish is a small one;
 * else in this thread, in order. Results keep the jobs' order.
 * @throws what `work` throws in this thread; from a worker, an Error naming the job (`describe`).
 */
export async function mapJobs<J, R>(jobs: readonly J[], opts: MapJobsOptions<J, R>): Promise<R[]> {
  const sizes = jobs.map(opts.size);
  const total = sizes.reduce((sum, x) => sum + x, 0);
  const threads = Math.min(workerThreads(), jobs.length);
  const parallel = opts.parallel ?? (total >= opts.minWork && threads > 1);
  const queue = new JobQueue<J, R>({ ...opts, threads: parallel ? Math.max(1, threads) : 0 });
  try {
    const results: Promise<R>[] = new Array(jobs.length);
    for (const i of jobs.map((_, k) => k).sort((a, b) => (parallel ? sizes[b] - sizes[a] : a - b))) results[i] = queue.add(jobs[i]);
    return await Promise.all(results);
  } finally {
    await queue.close();
  }
}

/** A job added to a {@link JobQueue}, with how to settle its promise. */
interface Pending<J, R> {
  job: J;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

/**
 * Jobs run as they are added, so a caller can hand out work while it prepares more: on `threads`
 * worker threads started from `entry` at once (each takes the next job, in the order added, as
 * soon as it is free), or with `threads` 0 in this thread, each when added. Call `close()` when
 * every job is added and settled (or one failed): it stops the workers.
 */
export class JobQueue<J, R> {
  private readonly workers: Worker[];
  private readonly idle: Worker[] = [];
  private readonly waiting: Pending<J, R>[] = [];
  private readonly running = new Map<Worker, Pending<J, R>>();
  private broken: Error | null = null;

  /**
   * @param opts.pick which waiting job a free worker takes: the index into `waiting` (the jobs
   *   not yet started, in the order added) for the worker numbered `worker` (0 .. threads − 1);
   *   default the first (jobs run in the order added).
   */
  constructor(
    private readonly opts: {
      entry: URL;
      work: (job: J) => R;
      threads: number;
      describe: (job: J) => string;
      onDone?: (job: J, result: R) => void;
      pick?: (waiting: readonly J[], worker: number) => number;
    },
  ) {
    this.workers = Array.from({ length: opts.threads }, () => this.start());
  }

  /** Whether jobs run on worker threads. */
  get parallel(): boolean {
    return this.workers.length > 0;
  }

  /**
   * Adds a job; resolves with its result.
   * @throws (rejects) what `work` throws in this thread; from a worker, an Error naming the job;
   *   once a worker has died, an Error saying so for every later job.
   */
  add(job: J): Promise<R> {
    if (!this.parallel) {
      try {
        const r = this.opts.work(job);
        this.opts.onDone?.(job, r);
        return Promise.resolve(r);
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Adds several jobs at once: every one is waiting before any is handed to a worker, so
   * `pick` chooses among all of them (with `add` one by one, a free worker takes each job as
   * it comes). In this thread they run in the order given. One promise per job, as {@link add}'s.
   */
  addAll(jobs: readonly J[]): Promise<R>[] {
    if (!this.parallel || this.broken) return jobs.map((job) => this.add(job));
    const settled = jobs.map((job) => new Promise<R>((resolve, reject) => this.waiting.push({ job, resolve, reject })));
    this.dispatch();
    return settled;
  }

  /** Stops the workers (jobs still waiting are dropped, never settled). */
  async close(): Promise<void> {
    this.waiting.length = 0;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private start(): Worker {
    const w = new Worker(workerUrl(this.opts.entry));
    const fail = (err: Error) => {
      this.broken ??= err;
      const p = this.running.get(w);
      this.running.delete(w);
      p?.reject(err);
      for (const q of this.waiting.splice(0)) q.reject(err);
    };
    w.on("message", (m: { result?: R; error?: string }) => {
      const p = this.running.get(w);
      if (!p) return;
      this.running.delete(w);
      this.idle.push(w);
      if (m.error !== undefined) p.reject(new Error(`${this.opts.describe(p.job)} failed in a worker: ${m.error}`));
      else {
        this.opts.onDone?.(p.job, m.result as R);
        p.resolve(m.result as R);
      }
      this.dispatch();
    });
    w.on("error", fail);
    w.on("exit", (code) => {
      if (code !== 0) fail(new Error(`a worker thread exited with code ${code}`));
    });
    this.idle.push(w);
    return w;
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.shift()!;
      const pick = this.opts.pick;
      const i = pick ? pick(this.waiting.map((q) => q.job), this.workers.indexOf(w)) : 0;
      if (!(Number.isInteger(i) && i >= 0 && i < this.waiting.length)) throw new RangeError(`pick chose job ${i} of ${this.waiting.length} waiting`);
      const [p] = this.waiting.splice(i, 1);
      this.running.set(w, p);
      w.postMessage({ id: 0, job: p.job });
    }
  }
}
