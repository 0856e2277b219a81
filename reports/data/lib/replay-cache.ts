/**
 * Content-keyed cache of the matching page's published replays and of the left-out fits they use,
 * so a rebuild over an unchanged database skips both (at 20 rounds of 5,000 people they are
 * minutes of work).
 *
 * Key: SHA-256 of the code (every `.ts`/`.mjs`/`.json` file under src/ and reports/data/lib/),
 * the minimum cell size and the replay's inputs (the round's pool and history, the weights and
 * the prediction model), so any change to data, weights, code or suppression misses. Value: the
 * PUBLISHED replay (aggregates after suppression, the same JSON the page ships); a fit's key is
 * that of the outcome rows it was fitted from and the round left out, its value the fitted model
 * (coefficients, their covariance, the penalty) and weights: aggregates of every other round, no
 * row of anyone. A fit holding a number JSON cannot write (NaN, infinity) is not kept. Files are written to a temporary name and renamed (two
 * builds at once cannot leave half a file); an entry unused for {@link MAX_AGE_DAYS} days is
 * removed at the end of a build.
 *
 * Folder: `ILN_REPLAY_CACHE`, default `reports/.observablehq/cache/_replays` (Framework's cache,
 * git-ignored; `npm run build` keeps it while it clears the loaders' output); `ILN_REPLAY_CACHE=0`
 * turns the cache off.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ReplayJob } from "../../../src/matching/replay-jobs";
import type { OutcomeRow } from "../../../src/matching/fit";
import type { FitStore, LeftOutFit, ReplayStore, ReplayWeights } from "../../../src/matching/replay-rounds";
import { DEFAULT_REPLAY_CACHE, PROJECT_ROOT as PROJECT, replayCacheDir } from "../../../src/privacy/derived-files";

/** Default folder of the cache (`iln forget` empties it: src/privacy/derived-files.ts). */
export { DEFAULT_REPLAY_CACHE };

/** Entries not read or written for this many days are removed by {@link ReplayCache.prune}. */
export const MAX_AGE_DAYS = 14;

/**
 * SHA-256 (hex) of the contents of every `.ts`, `.mjs` and `.json` file under `dirs`, in sorted
 * path order (paths relative to the project included, so a moved file changes it).
 */
export function codeHash(dirs: readonly string[] = [path.join(PROJECT, "src"), path.join(PROJECT, "reports", "data", "lib")]): string {
  const h = createHash("sha256");
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : /\.(ts|mjs|json)$/.test(e.name) ? [p] : [];
    });
  for (const file of dirs.flatMap(walk).sort()) {
    h.update(path.relative(PROJECT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return h.digest("hex");
}

/** A cache folder (or none: every lookup misses and nothing is written). */
export class ReplayCache {
  hits = 0;
  misses = 0;
  private constructor(
    readonly dir: string | null,
    private readonly salt: string,
  ) {}

  /**
   * The cache named by `env.ILN_REPLAY_CACHE` (default {@link DEFAULT_REPLAY_CACHE}; "0" for
   * none), salted with the code hash and `min`.
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>, min: number): ReplayCache {
    const dir = replayCacheDir(env);
    return dir === null ? new ReplayCache(null, "") : new ReplayCache(dir, `${codeHash()}\0${min}`);
  }

  /** The key of an input (any JSON value). */
  key(input: unknown): string {
    return createHash("sha256").update(this.salt).update("\0").update(JSON.stringify(input)).digest("hex");
  }

  /** The cached value of `key`, or undefined (also for an unreadable entry, which is then rewritten). */
  get<T>(key: string): T | undefined {
    if (!this.dir) return undefined;
    const file = path.join(this.dir, `${key}.json`);
    try {
      const value = JSON.parse(readFileSync(file, "utf8")) as T;
      const now = new Date();
      utimesSync(file, now, now);
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /** Stores `value` under `key` (atomically). */
  set(key: string, value: unknown): void {
    if (!this.dir) return;
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${key}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
  }

  /**
   * This cache as the store of finished replays that `replayRounds` takes: a replay's key is that
   * of `{ which, ...job }` (its round data, weights, model and pool choice, and which weights),
   * the round data in it by the SHA-256 of its JSON.
   */
  replays<T>(): ReplayStore<T> {
    // A job's key hashes its whole round: computed once for the lookup and the store that follows,
    // and the round's data (most of it) hashed once for the jobs of all its weightings.
    const keys = new WeakMap<ReplayJob, Partial<Record<ReplayWeights, string>>>();
    const digests = new WeakMap<ReplayJob["data"], string>();
    const keyOf = (job: ReplayJob, which: ReplayWeights) => {
      const known = keys.get(job) ?? {};
      keys.set(job, known);
      let data = digests.get(job.data);
      if (data === undefined) digests.set(job.data, (data = createHash("sha256").update(JSON.stringify(job.data)).digest("hex")));
      return (known[which] ??= this.key({ which, ...job, data }));
    };
    return {
      get: (job, which) => this.get<T>(keyOf(job, which)),
      set: (job, which, value) => this.set(keyOf(job, which), value),
    };
  }

  /**
   * This cache as the store of left-out fits that `replayRounds` takes: a fit's key is that of
   * `{ fit: round, outcomes }`, the outcome rows hashed once per set of rows.
   */
  fits(): FitStore {
    const digests = new WeakMap<readonly OutcomeRow[], string>();
    const keyOf = (outcomes: readonly OutcomeRow[], round: string) => {
      let digest = digests.get(outcomes);
      if (digest === undefined) {
        digest = createHash("sha256").update(JSON.stringify(outcomes)).digest("hex");
        digests.set(outcomes, digest);
      }
      return this.key({ fit: round, outcomes: digest });
    };
    return {
      get: (outcomes, round) => this.get<{ fit: LeftOutFit }>(keyOf(outcomes, round))?.fit,
      set: (outcomes, round, fit) => {
        if (allFinite(fit)) this.set(keyOf(outcomes, round), { fit });
      },
    };
  }

  /** Removes entries (and stray temporary files) untouched for `days` days. */
  prune(days: number = MAX_AGE_DAYS, now: number = Date.now()): void {
    if (!this.dir || !existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      if (now - statSync(file).mtimeMs > days * 86_400_000) rmSync(file, { force: true });
    }
  }
}

/** Whether every number in `value` (any JSON-like value) is finite, so JSON keeps it as it is. */
function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}
