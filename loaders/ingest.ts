/**
 * `iln ingest`: reads a round folder, a folder of round folders, or one file; validates every
 * row and the files' consistency with each other and with what the database holds; then, only
 * when nothing at all is wrong, writes everything in one transaction. A file whose content (and
 * mapping) was already ingested for its round and kind is skipped, so ingesting the same files
 * twice changes nothing; a changed file replaces that round's rows of its kind. A file with a
 * header but no rows replaces nothing unless `allowEmpty` says to clear the round's rows.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readInputFile } from "../src/db/input-file";
import { MAX_EXPORT_BYTES } from "./formats/read-export";
import path from "node:path";
import { ident, roundIds, sql, type Db } from "../src/db";
import type { Pseudonymiser } from "../src/privacy/pseudonym";
import { headerLookup, type CanonicalRow, type RespondentKey } from "./canonicalise";
import { checkRound, type PartnershipFacts, type PersonFact, type RoundFacts } from "./consistency";
import { discover, type FileInput, type RoundInput } from "./discover";
import { passTombstones, skipErased } from "./erased";
import { markReal, provenSynthetic } from "./synthetic";
import { KIND_TABLES } from "../src/db/schema";
import { InputError, UnknownRoundError, type Problem } from "../src/domain/errors";
import { KINDS, type Kind } from "./kinds";
import { readMapping, writeSuggestedMapping } from "./mapping-file";
import type { ParseJob } from "./parse-file";
import { parseFiles } from "./parse-files";
import type { EventRow } from "./kinds/events";
import type { PartnershipRow } from "./kinds/partnerships";
import type { RegistrationRow } from "./kinds/registrations";
import type { RoundFile } from "./kinds/round";
import type { SurveyRow } from "./kinds/survey";
import { clearStaging, defaultPartnershipId, replaceKind, upsertRound } from "./write";
import { ROUND_WINDOWS, roundWindow, windowWarning } from "./window";

export interface IngestOptions {
  kind?: string;
  round?: string;
  mapping?: string;
  /** A CSV/TSV/XLSX of respondent id -> email for surveys that identify respondents by id. */
  respondents?: string;
  /** Let a file with a header but no rows clear its round's rows of its kind (otherwise an error). */
  allowEmpty?: boolean;
  /** When country values are unknown, write them with their first suggestions to this mapping file. */
  suggestMapping?: string;
  dryRun?: boolean;
  pseudonymise: Pseudonymiser;
  /** Parse files on worker threads: true, false, or by total size when absent (parse-files.ts). */
  parallel?: boolean;
  /** Called with a line of progress (the CLI prints it on stderr). */
  progress?: (line: string) => void;
  /** Today's date, YYYY-MM-DD, for the warning about partnerships still active after their round ended (default: today, UTC). */
  today?: string;
}

/** What happened to each file. */
export interface FileReport {
  file: string;
  kind: Kind;
  round: string;
  rows: number;
  status: "written" | "unchanged" | "valid (dry run)";
  /** For a survey written (or valid) in this run: true when it has no respondent key. */
  anonymous?: boolean;
}

export interface IngestReport {
  files: FileReport[];
  warnings: string[];
  /** Files in round folders that are no export kind and were left alone (each also a warning). */
  ignored: string[];
  /** Rounds whose survey, written in this run, is anonymous. */
  anonymousSurveys: string[];
  dryRun: boolean;
}

interface Parsed {
  input: FileInput;
  hash: string;
  /** Set when the file parsed without any problem. */
  canonical?: { rows: CanonicalRow<unknown>[]; headerOf: (field: string) => string; present: string[]; key: RespondentKey };
}

function hashOf(bytes: Uint8Array, input: FileInput, window: { from: string; to: string }): string {
  const h = createHash("sha256").update(bytes).update(JSON.stringify(input.mapping));
  // the round's dates decide how ambiguous day/month dates read and which rows fall outside it
  h.update(`window:${window.from}..${window.to}`);
  if (input.countries) h.update(JSON.stringify(input.countries));
  if (input.respondents) h.update(JSON.stringify(input.respondents));
  if (input.dateOrder) h.update(`date_order:${input.dateOrder}`);
  return h.digest("hex");
}

/** Rows the database holds for a round and kind. */
async function existingRows(db: Db, roundId: string, kind: Kind): Promise<number> {
  const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(KIND_TABLES[kind])} WHERE round_id = ${roundId}`);
  return rows[0].n;
}

/**
 * Writes the unknown country values of a rejected run to `file` as a mapping to review (keeping
 * the mapping in use: `--mapping`, or a round folder's mapping.json) and says so; when there are
 * none, says in one line that nothing needs mapping (or, when the values of the `unread` files were
 * not read, unparseable or stopped at their headers, that none was found in the others) and
 * writes nothing.
 */
function suggestMapping(file: string, unknown: string[], unread: string[], target: string, opts: IngestOptions, progress: (line: string) => void): void {
  if (!unknown.length) {
    progress(
      unread.length
        ? `--suggest-mapping: no unknown country value in the files whose values were read (not read, for the problems below: ${unread.join(", ")}); nothing to suggest, ${file} not written`
        : `--suggest-mapping: no unknown country value (every one read was recognised or is mapped already; a file without a country column has none); nothing needs mapping, ${file} not written`,
    );
    return;
  }
  const own = existsSync(target) && statSync(target).isDirectory() ? path.join(target, "mapping.json") : undefined;
  const base = opts.mapping ? readMapping(opts.mapping) : own && existsSync(own) ? readMapping(own) : undefined;
  const n = writeSuggestedMapping(file, unknown, base);
  progress(`wrote ${n} unknown country value(s) with suggested codes to ${file}: check each (null = no suggestion), then ingest again with --mapping ${file}`);
}

async function lastHash(db: Db, roundId: string, kind: Kind): Promise<string | null> {
  const rows = await db.all<{ h: string }>(sql`SELECT content_hash AS h FROM ingest_log WHERE round_id = ${roundId} AND kind = ${kind} ORDER BY ingested_at DESC, rowid DESC LIMIT 1`);
  return rows[0]?.h ?? null;
}

async function dbRound(db: Db, roundId: string): Promise<RoundFile | null> {
  const rows = await db.all<RoundFile>(sql`SELECT round_id AS id, name, start_date::VARCHAR AS start, end_date::VARCHAR AS "end", synthetic FROM rounds WHERE round_id = ${roundId}`);
  return rows[0] ?? null;
}

/** The round's facts after the run: this run's rows where it brings a kind, the database's otherwise. */
async function roundFacts(db: Db, round: RoundFile, parsed: Parsed[], pid: Pseudonymiser): Promise<RoundFacts> {
  const id = round.id;
  const fresh = (k: Kind) => parsed.find((p) => p.input.kind === k && p.canonical);
  const loc = (p: Parsed, row: number) => ({ file: p.input.path, row, headerOf: p.canonical!.headerOf });
  const reg = fresh("registrations");
  const registered = reg
    ? { pids: new Set((reg.canonical!.rows as { value: RegistrationRow }[]).map((r) => pid(r.value.email))), loc: { file: reg.input.path } }
    : { pids: new Set((await db.all<{ pid: string }>(sql`SELECT pid FROM registrations WHERE round_id = ${id}`)).map((r) => r.pid)) };
  const facts: RoundFacts = { roundId: id, roundEnd: round.end, registered };
  const par = fresh("partnerships");
  if (par) {
    facts.partnerships = (par.canonical!.rows as { row: number; value: PartnershipRow }[]).map(({ row, value: v }): PartnershipFacts => ({
      id: v.partnership_id ?? defaultPartnershipId(id, row), a: pid(v.email_a), b: pid(v.email_b), emailA: v.email_a, emailB: v.email_b,
      start: v.matched_on, end: v.ended_on, replaces: v.replaces, loc: loc(par, row),
    }));
  } else {
    // With the partners' emails (identities), so a problem names people, not pseudonyms.
    const rows = await db.all<PartnershipFacts>(sql`SELECT p.partnership_id AS id, p.pid_a AS a, p.pid_b AS b, ia.email AS "emailA", ib.email AS "emailB", p.matched_on::VARCHAR AS start, p.ended_on::VARCHAR AS "end", p.replaces
      FROM partnerships p LEFT JOIN identities ia ON ia.pid = p.pid_a LEFT JOIN identities ib ON ib.pid = p.pid_b WHERE p.round_id = ${id}`);
    for (const r of rows) {
      if (r.emailA === null) delete r.emailA;
      if (r.emailB === null) delete r.emailB;
    }
    if (rows.length) facts.partnerships = rows;
  }
  const people = async (k: "events" | "survey", table: "events" | "survey_responses"): Promise<PersonFact[] | undefined> => {
    const p = fresh(k);
    if (p) {
      // An anonymous survey's rows have no email: they are nobody to check.
      return (p.canonical!.rows as { row: number; value: EventRow | SurveyRow }[]).flatMap(({ row, value }) =>
        value.email === null ? [] : [{ pid: pid(value.email), email: value.email, loc: loc(p, row) }],
      );
    }
    const rows = table === "events"
      ? await db.all<PersonFact>(sql`SELECT DISTINCT e.pid, i.email FROM events e LEFT JOIN identities i ON i.pid = e.pid WHERE e.round_id = ${id}`)
      : await db.all<PersonFact>(sql`SELECT s.pid, i.email FROM survey_responses s LEFT JOIN identities i ON i.pid = s.pid WHERE s.round_id = ${id} AND s.pid IS NOT NULL`);
    for (const r of rows) if (r.email === null) delete r.email;
    return rows.length ? rows : undefined;
  };
  facts.events = await people("events", "events");
  facts.survey = await people("survey", "survey_responses");
  return facts;
}

/**
 * The warning for an anonymous survey with more responses than the round has participants (people
 * in its partnerships, from the file ingested with it or the database), or null: another round's or
 * another survey's file, a link shared beyond the round, or people answering twice. The metrics
 * then publish no response rate (`response_rate_impossible`); an anonymous survey cannot be
 * checked row by row, so it is written all the same.
 */
function anonymousExcess(roundId: string, parsed: Parsed[], facts: RoundFacts): string | null {
  const survey = parsed.find((p) => p.input.kind === "survey" && p.canonical && p.canonical.key === null);
  if (!survey || !facts.partnerships) return null;
  const participants = new Set(facts.partnerships.flatMap((x) => [x.a, x.b])).size;
  const answers = survey.canonical!.rows.length;
  if (answers <= participants) return null;
  return `${survey.input.path}: ${answers} anonymous responses for the ${participants} participants of round ${roundId}: more answers than people (another round's or another survey's file, a link shared beyond the round, or people answering twice?); the round's response rate will not be published`;
}

/**
 * The warning for a round that has ended (its end date before `today`, YYYY-MM-DD) while some of
 * its partnerships are still `active`, or null. The completion rate counts every partnership, so
 * an active one counts as not completed: a coordinator who only marked the ones that ended early
 * would publish 0% completed. Statuses come from this run's partnerships file, else the database.
 */
async function stillActive(db: Db, round: RoundFile, parsed: Parsed[], today: string): Promise<string | null> {
  if (round.end >= today) return null;
  const file = parsed.find((p) => p.input.kind === "partnerships" && p.canonical);
  const statuses = file
    ? (file.canonical!.rows as { value: { status: string } }[]).map((r) => r.value.status)
    : (await db.all<{ status: string }>(sql`SELECT status FROM partnerships WHERE round_id = ${round.id}`)).map((r) => r.status);
  const active = statuses.filter((st) => st === "active").length;
  if (!active) return null;
  const where = file ? `${file.input.path}: ` : "";
  return `${where}${active} of the ${statuses.length} partnerships of round ${round.id} are still "active" though the round ended on ${round.end}: the completion rate counts them as not completed; mark those that finished "completed" (or "dissolved"/"withdrawn") in partnerships.csv and ingest it again`;
}

/**
 * Ingests `target` into `db`.
 * @throws UsageError (exit 2) for wrong usage, UnknownRoundError (one, exit 2) when one file's
 *   `round` is not in the database; InputError (exit 1) listing every problem of
 *   every file when anything is invalid, in which case nothing was written.
 */
export async function ingest(db: Db, target: string, options: IngestOptions): Promise<IngestReport> {
  const progress = options.progress ?? (() => {});
  let suggested = false;
  try {
    return await ingestRun(db, target, options, () => (suggested = true));
  } catch (err) {
    // --suggest-mapping always says what became of its file, also when the run stopped before reading a value.
    if (options.suggestMapping && !suggested) progress(`--suggest-mapping: the run stopped (see below) before any suggestion could be made; ${options.suggestMapping} not written`);
    throw err;
  }
}

/** {@link ingest}'s work; `said` is called once `--suggest-mapping`'s outcome has been reported. */
async function ingestRun(db: Db, target: string, options: IngestOptions, said: () => void): Promise<IngestReport> {
  const opts = { ...options, pseudonymise: passTombstones(options.pseudonymise) };
  const progress = opts.progress ?? (() => {});
  const { rounds, warnings, ignored } = discover(target, opts);
  const problems: Problem[] = [];
  const plan: { input: RoundInput; round: RoundFile; parsed: Parsed[] }[] = [];
  const report: FileReport[] = [];

  for (const input of rounds) {
    const round = input.round ?? (await dbRound(db, input.roundId));
    // Only one file's --round can name a round without its round.json: a usage error (exit 2),
    // as for every command given a round the database does not hold, found before any file is read.
    if (!round) throw new UnknownRoundError(input.roundId, await roundIds(db), `--round names the round of ${input.files[0].path}: ingest its round folder (with round.json) first`);
    const pending: { input: FileInput; hash: string }[] = [];
    for (const f of input.files) {
      const bytes = readInputFile(f.path, { maxBytes: MAX_EXPORT_BYTES });
      const hash = hashOf(bytes, f, roundWindow(f.kind, round));
      if ((await lastHash(db, round.id, f.kind)) === hash) {
        report.push({ file: f.path, kind: f.kind, round: round.id, rows: 0, status: "unchanged" });
      } else {
        pending.push({ input: f, hash });
      }
    }
    plan.push({ input, round, parsed: pending });
  }
  const jobs: ParseJob[] = plan.flatMap((p) =>
    p.parsed.map((x) => ({ ...x.input, window: { round: p.round.id, field: ROUND_WINDOWS[x.input.kind].field, ...roundWindow(x.input.kind, p.round) } })),
  );
  const results = await parseFiles(jobs, {
    parallel: opts.parallel,
    onDone: (job, r) => progress(`${job.path}: ${r.format ?? "unreadable"}, ${r.rowCount} rows${r.problems.length ? `, ${r.problems.length} problems` : ""}`),
  });
  let k = 0;
  const unknownCountries: string[] = [];
  const unread: string[] = []; // files whose values were not read (unparseable, or stopped at the headers)
  for (const p of plan) {
    for (const x of p.parsed) {
      const r = results[k++];
      problems.push(...r.problems);
      warnings.push(...r.warnings);
      unknownCountries.push(...r.unknownCountries);
      if (!r.valuesRead) unread.push(x.input.path);
      if (r.rows) {
        x.canonical = { rows: r.rows, headerOf: headerLookup(r.headers), present: r.present, key: r.key };
        const late = windowWarning(x.input.path, x.input.kind, p.round, r.rows);
        if (late) warnings.push(late);
      }
      if (r.rows && r.rowCount === 0 && !opts.allowEmpty) {
        const n = await existingRows(db, p.round.id, x.input.kind);
        problems.push({
          file: x.input.path,
          row: 2,
          column: "*",
          message: `the file has a header but no data rows; ${n ? `it would delete the ${n} ${x.input.kind} row(s) round ${p.round.id} holds` : `round ${p.round.id} would have no ${x.input.kind}`}. Remove the file, or pass --allow-empty to ${n ? "clear them" : "ingest it so"}`,
        });
      }
    }
  }
  const parsedFiles = plan.flatMap(({ round, parsed }) => parsed.filter((p) => p.canonical).map((p) => ({ file: p.input.path, kind: p.input.kind, roundId: round.id, rows: p.canonical!.rows })));
  warnings.push(...(await skipErased(db, parsedFiles, opts.pseudonymise)));
  for (const { round, parsed } of plan) {
    if (!parsed.length || parsed.some((p) => !p.canonical)) continue;
    const facts = await roundFacts(db, round, parsed, opts.pseudonymise);
    problems.push(...checkRound(facts));
    const excess = anonymousExcess(round.id, parsed, facts);
    if (excess) warnings.push(excess);
    const active = await stillActive(db, round, parsed, opts.today ?? new Date().toISOString().slice(0, 10));
    if (active) warnings.push(active);
  }
  progress(`checked consistency of ${plan.length} round(s)`);
  if (opts.suggestMapping) {
    said(); // from here a failure (the file cannot be written) speaks for itself
    suggestMapping(opts.suggestMapping, unknownCountries, unread, target, opts, progress);
  }
  if (problems.length) throw new InputError(problems);

  const status = opts.dryRun ? "valid (dry run)" : "written";
  const anonymousSurveys: string[] = [];
  for (const { round, parsed } of plan) {
    for (const p of parsed) {
      const f: FileReport = { file: p.input.path, kind: p.input.kind, round: round.id, rows: p.canonical!.rows.length, status };
      if (p.input.kind === "survey") {
        f.anonymous = p.canonical!.key === null;
        if (f.anonymous) anonymousSurveys.push(round.id);
      }
      report.push(f);
    }
  }
  if (!opts.dryRun) {
    clearStaging(db); // files an ingest killed mid-write left behind
    await db.transaction(async () => {
      for (const { input, round, parsed } of plan) {
        if (input.round) await upsertRound(db, round, provenSynthetic(input, warnings));
        else if (parsed.length) await markReal(db, round.id);
      }
      for (const kind of KINDS) {
        const batches = plan.flatMap(({ round, parsed }) =>
          parsed.filter((p) => p.input.kind === kind).map((p) => ({
            roundId: round.id, rows: p.canonical!.rows, file: p.input.path, hash: p.hash, present: p.canonical!.present, key: p.canonical!.key,
          })),
        );
        await replaceKind(db, kind, batches, opts.pseudonymise);
        if (batches.length) progress(`wrote ${kind} of ${batches.length} round(s)`);
      }
    });
  }
  return { files: report, warnings, ignored, anonymousSurveys, dryRun: opts.dryRun ?? false };
}
