/**
 * `iln demo`: writes a synthetic history of the ILN's rounds in the real export layouts.
 * See data/demo/README.md for what is simulated and the planted outcome model.
 */
import { lstat, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../domain/errors";
import { parseJson } from "../domain/json";
import { syntheticProblem, type SyntheticMarker } from "../privacy/synthetic";
import { simulateHistory, type RoundData } from "./history";
import { defaultPlans, syntheticPlans, type RoundPlan } from "./rounds";
import { eventsCsv, partnershipsCsv, plantedSatisfactionCsv, plantedThemesCsv, registrationsCsv, roundJson, surveyCells, surveyCsv } from "./writers";

export { PLANTED_COMPLETION, PLANTED_SATISFACTION } from "./planted-model";
export { HEURISTIC_WEIGHTS } from "./heuristic-match";

/** Default seed of `iln demo`. */
export const DEFAULT_SEED = 2013;

/** Figures of one written round. */
export interface RoundSummary {
  id: string;
  /** Rows in registrations.csv (duplicates included). */
  registrationRows: number;
  /** Distinct registrants. */
  registered: number;
  /** Distinct matched participants. */
  participants: number;
  /** Partnerships, rematches included. */
  partnerships: number;
  /** Distinct countries of matched participants. */
  countries: number;
  /** Matched participants who were matched in an earlier round. */
  returning: number;
  rematches: number;
  dissolved: number;
  withdrawn: number;
  /** Registrants never matched. */
  unmatched: number;
  /** Applicants turned away by the 20% country cap (never registered). */
  turnedAway: number;
  /** Rows in survey.csv (answering twice included) and non-blank answer cells. */
  surveyRows: number;
  surveyCells: number;
}

/** What `writeDemo` / `writeSyntheticHistory` wrote. */
export interface DemoSummary {
  seed: number;
  outDir: string;
  rounds: RoundSummary[];
  /** Distinct matched participants and their countries over the whole history. */
  participants: number;
  countries: number;
  registrationRows: number;
  surveyRows: number;
  surveyCells: number;
  /** Files written, relative to outDir. */
  files: string[];
  /** The side file of planted comment themes, relative to outDir (not an export: never ingested). */
  plantedThemes: string;
  /** The side file of the true satisfaction among all participants (respondents or not), relative to outDir (not an export). */
  plantedSatisfaction: string;
}

/** Name of the side file holding the comments' planted themes. */
export const PLANTED_THEMES_FILE = "planted-themes.csv";

/** Name of the side file holding the true item shares among all participants (`plantedSatisfactionCsv`). */
export const PLANTED_SATISFACTION_FILE = "planted-satisfaction.csv";

function summarise(d: RoundData): RoundSummary {
  const matched = new Set<number>();
  const countries = new Set<string>();
  let returning = 0;
  for (const p of d.partnerships) {
    for (const r of [p.a, p.b]) {
      if (matched.has(r.person.id)) continue;
      matched.add(r.person.id);
      countries.add(r.person.country.code);
      if (r.returning) returning++;
    }
  }
  return {
    id: d.plan.id,
    registrationRows: d.rows.length,
    registered: d.registrations.length,
    participants: matched.size,
    partnerships: d.partnerships.length,
    countries: countries.size,
    returning,
    rematches: d.partnerships.filter((p) => p.replaces !== "").length,
    dissolved: d.partnerships.filter((p) => p.status === "dissolved").length,
    withdrawn: d.partnerships.filter((p) => p.status === "withdrawn").length,
    unmatched: d.unmatched.length,
    turnedAway: d.turnedAway,
    surveyRows: d.survey.length,
    surveyCells: surveyCells(d),
  };
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
}

/** Largest file of a round folder read to check it is the demo's (the demo's own are a few MB). */
const MAX_DEMO_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Why the round folder `dir` may not be replaced, or null when it may: it does not exist, is
 * empty, or is exactly what `iln demo` wrote (its round.json's synthetic marker verifies against
 * the folder's files, `syntheticProblem`, so no file was added or edited since).
 */
async function notReplaceable(dir: string): Promise<string | null> {
  let st;
  try {
    st = await lstat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  if (!st.isDirectory()) return st.isSymbolicLink() ? "it is a symbolic link" : "it is not a folder";
  const names = await readdir(dir);
  if (names.length === 0) return null;
  if (!names.includes("round.json")) return "it holds no round.json written by iln demo";
  const files: Record<string, Uint8Array> = {};
  for (const name of names) {
    const f = await lstat(path.join(dir, name));
    if (!f.isFile()) return `${name} in it is not a file the demo wrote`;
    if (f.size > MAX_DEMO_FILE_BYTES) return `${name} in it is larger than any file the demo writes`;
    if (name !== "round.json") files[name] = await readFile(path.join(dir, name));
  }
  let round: { id?: unknown; name?: unknown; start?: unknown; end?: unknown; synthetic?: unknown };
  try {
    // A key given twice is no round.json the demo wrote (and JSON.parse would keep the last silently).
    round = parseJson((await readFile(path.join(dir, "round.json"), "utf8")).replace(/^\uFEFF/, "")) as typeof round;
  } catch {
    return "its round.json is not one iln demo wrote";
  }
  const marker = round?.synthetic as SyntheticMarker | undefined;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  if (!marker || typeof marker !== "object" || typeof marker.files !== "object" || marker.files === null || typeof marker.signature !== "string") {
    return "its round.json carries no iln demo marker (a real round?)";
  }
  const problem = syntheticProblem({ id: text(round.id), name: text(round.name), start: text(round.start), end: text(round.end) }, marker, files);
  return problem ? `it is not as iln demo wrote it: ${problem}` : null;
}

/**
 * Checks, before anything is written, that every round folder the demo would replace is absent,
 * empty or the demo's own, unchanged.
 * @throws UsageError naming the first folder that is not, and why.
 */
async function checkReplaceable(outDir: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const dir = path.join(outDir, id);
    const why = await notReplaceable(dir);
    if (why) throw new UsageError(`${dir} exists and ${why}; iln demo replaces only round folders it wrote itself: move it away or choose another --out (nothing was written)`);
  }
}

async function writeRounds(outDir: string, plans: RoundPlan[], seed: number): Promise<DemoSummary> {
  await checkReplaceable(outDir, plans.map((p) => p.id));
  const history = simulateHistory(plans, seed);
  const files: string[] = [];
  const people = new Set<number>();
  const countries = new Set<string>();
  for (const d of history) {
    const dir = path.join(outDir, d.plan.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const exports: [string, string][] = [
      ["registrations.csv", registrationsCsv(d)],
      ["partnerships.csv", partnershipsCsv(d)],
      ["events.csv", eventsCsv(d)],
      ["survey.csv", surveyCsv(d)],
    ];
    const contents: [string, string][] = [["round.json", roundJson(d, Object.fromEntries(exports))], ...exports];
    for (const [name, text] of contents) {
      await writeFile(path.join(dir, name), text, "utf8");
      files.push(`${d.plan.id}/${name}`);
    }
    for (const p of d.partnerships) for (const r of [p.a, p.b]) { people.add(r.person.id); countries.add(r.person.country.code); }
  }
  await writeFile(path.join(outDir, PLANTED_THEMES_FILE), plantedThemesCsv(history), "utf8");
  await writeFile(path.join(outDir, PLANTED_SATISFACTION_FILE), plantedSatisfactionCsv(history), "utf8");
  const rounds = history.map(summarise);
  return {
    seed, outDir, rounds, participants: people.size, countries: countries.size,
    registrationRows: rounds.reduce((s, r) => s + r.registrationRows, 0),
    surveyRows: rounds.reduce((s, r) => s + r.surveyRows, 0),
    surveyCells: rounds.reduce((s, r) => s + r.surveyCells, 0),
    files,
    plantedThemes: PLANTED_THEMES_FILE,
    plantedSatisfaction: PLANTED_SATISFACTION_FILE,
  };
}

/**
 * Writes the default demo history (8 rounds, 2013P to 2016B, calibrated to the program's published
 * figures) into `outDir/<roundId>/` (round.json, registrations.csv, partnerships.csv, events.csv,
 * survey.csv). Each round folder is replaced, but only when it is the demo's own, unchanged
 * (its signed round.json verifies against its files) or empty; other files in outDir (README.md)
 * are left alone. Deterministic for a seed.
 * @param options.seed integer, default 2013.
 * @param options.scale multiplies round sizes (default 1; the calibration figures hold at 1 only).
 * @throws {UsageError} before writing anything when a round folder exists that the demo did not write
 *   (a real round, an added or edited file); {Error} on a non-integer seed or a scale that is not a
 *   positive number; file-system errors propagate.
 */
export async function writeDemo(outDir: string, options: { seed?: number; scale?: number } = {}): Promise<DemoSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  checkSeed(seed);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  return writeRounds(outDir, defaultPlans(scale), seed);
}

/**
 * Writes a large synthetic history for benchmarks: `rounds` rounds (default 20, 2013A onwards)
 * with about `registrations` registration rows in all (default 100,000), in the same layouts;
 * `responseBase` sets the survey's base response rate (default 0.62).
 * @throws {UsageError} as {@link writeDemo}; {Error} on a non-integer seed, rounds < 1, or fewer than 20 registrations per round.
 */
export async function writeSyntheticHistory(
  outDir: string,
  options: { seed?: number; rounds?: number; registrations?: number; responseBase?: number } = {},
): Promise<DemoSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  checkSeed(seed);
  return writeRounds(outDir, syntheticPlans(options.rounds ?? 20, options.registrations ?? 100_000, options.responseBase), seed);
}
