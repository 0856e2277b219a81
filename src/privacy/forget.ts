/**
 * Erasure (`iln forget EMAIL`, docs/privacy.md "Erasure"): removes a person for good, physically.
 *
 * 1. Who: every pseudonym whose identity's email equals the given one once both are normalised
 *    (`normaliseEmail`: NFKC, trimmed, lower-case), and the pseudonym of the normalised email
 *    itself, so a person stored under another Unicode form or case is found all the same.
 * 2. In one transaction, over the tables and columns `PID_COLUMNS` (src/db/schema.ts) names:
 *    rows that are the person's alone (registrations, events, survey responses, identity) are
 *    deleted; in rows shared with someone else (partnerships) their pseudonym is replaced by a
 *    tombstone (`newTombstone`: random, derived from nothing; one per erasure and round, so the
 *    round still counts them once while nothing links their rounds or leads back to them). The
 *    partner keeps their own record of having had a partnership.
 * 3. In the same transaction, the free-text columns of the rows that remain (`FREE_TEXT_COLUMNS`:
 *    coordinators' notes, others' survey comments, typed-in roles) have every occurrence of the
 *    person's full name and email replaced by `[erased]` (case-insensitive, after Unicode NFC
 *    normalisation, any run of spaces in the name matching any other). In the rows near the person
 *    (`nearOf`: every row of a round they took part in, anonymous responses included, and every
 *    row of anyone who was ever their partner, in any round) each of their single names
 *    (`nameParts`: given and family names of two letters or more, no particles or titles) is
 *    replaced too, as a whole word ("Maria and I met weekly"). The person's erasure hash joins
 *    `erased_people`, so a later ingest of an export that still holds them skips them.
 * 4. The database is rewritten into a new file and swapped in (`Db.rewriteAndClose`): no byte of
 *    what was deleted or overwritten survives in the database's free blocks or its write-ahead
 *    log. The ingest's staging folder, the replay cache, Framework's loader cache and the working
 *    folders of builds (src/privacy/derived-files.ts: leftovers of killed ones, and that of a build
 *    running meanwhile, which then fails rather than publish figures computed with the person) are
 *    removed: all were made with the person.
 *    A site built before the erasure still holds aggregates computed with them: rebuild it.
 */
import { ident, PID_COLUMNS, FREE_TEXT_COLUMNS, sql, stagingDirOf, type Db, type Sql } from "../db";
import { leftoversOf, removeAll } from "./derived-files";
import { isTombstone, newTombstone, normaliseEmail, type Pseudonymiser } from "./pseudonym";
import { nameParts, redactNeedles, redactWords } from "./redact-names";

/** What an erasure did. */
export interface ForgetReport {
  /** True when the person had rows in the database. */
  found: boolean;
  /** True when their erasure hash was already on the list of erased people. */
  alreadyErased: boolean;
  /** Rows deleted or anonymised, by table, in the order of `PID_COLUMNS`. */
  rows: Record<string, number>;
  /** Rows of other people whose free text named the person and was redacted, by table. */
  redacted: Record<string, number>;
  /** Derived files and folders removed after the rewrite. */
  removed: string[];
}

/** Where the derived files `forget` removes live (null: none of that kind). */
export interface DerivedFiles {
  replayCache: string | null;
  loaderCache: string | null;
}

/** The pseudonyms and full names of the person with `email` (see module doc, step 1). */
async function whoIs(db: Db, email: string, pseudonymise: Pseudonymiser): Promise<{ pids: string[]; names: string[] }> {
  const target = normaliseEmail(email);
  const pids = new Set([pseudonymise(email)]);
  const names = new Set<string>();
  for (const r of await db.all<{ pid: string; email: string; name: string | null }>(sql`SELECT pid, email, name FROM identities`)) {
    if (r.pid === pseudonymise(email) || normaliseEmail(r.email) === target) {
      pids.add(r.pid);
      if (r.name && r.name.trim()) names.add(r.name.trim());
    }
  }
  return { pids: [...pids], names: [...names] };
}

/** `column` is one of `values` (false for none: DuckDB cannot bind an empty list of no type). */
function among(values: readonly string[], column: string): Sql {
  return values.length ? sql`list_contains(${values}::VARCHAR[], ${ident(column)})` : sql`false`;
}

/** The rounds the person took part in and the people who were ever their partners. */
interface Near {
  rounds: string[];
  partners: string[];
}

/**
 * What is near the person with pseudonyms `pids`, read before anything is erased: the rounds of
 * every row of `PID_COLUMNS` that holds them (tables with a `round_id`), and the other pseudonyms
 * of the shared rows (partnerships) that hold them, tombstones aside.
 */
async function nearOf(db: Db, pids: readonly string[]): Promise<Near> {
  const rounds = new Set<string>();
  const partners = new Set<string>();
  const withRound = new Set((await db.all<{ t: string }>(sql`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'main' AND column_name = 'round_id'`)).map((r) => r.t));
  for (const [table, { columns, erase }] of Object.entries(PID_COLUMNS)) {
    const holds = columns.map((c) => sql`list_contains(${pids}::VARCHAR[], ${ident(c)})`).reduce((a: Sql, b) => sql`${a} OR ${b}`);
    if (withRound.has(table)) {
      for (const r of await db.all<{ round_id: string }>(sql`SELECT DISTINCT round_id FROM ${ident(table)} WHERE ${holds}`)) rounds.add(r.round_id);
    }
    if (erase !== "tombstone") continue;
    for (const c of columns) {
      for (const r of await db.all<{ pid: string }>(sql`SELECT DISTINCT ${ident(c)} AS pid FROM ${ident(table)} WHERE ${holds}`)) {
        if (!pids.includes(r.pid) && !isTombstone(r.pid)) partners.add(r.pid);
      }
    }
  }
  return { rounds: [...rounds], partners: [...partners] };
}

/**
 * Erases the person with `email` (any case, spacing or Unicode form) as the module doc says,
 * then rewrites the database into a new file and CLOSES `db` (reopen it to read on). Erasing
 * someone the database does not hold still records their erasure hash, so a later ingest skips
 * them.
 * @param derived where the replay cache and the loader cache live (both removed afterwards).
 * @throws Error from DuckDB or the file system; when it is thrown before the rewrite, the
 *   transaction is rolled back and the database unchanged.
 */
export async function forget(db: Db, email: string, pseudonymise: Pseudonymiser, derived: DerivedFiles): Promise<ForgetReport> {
  const dbPath = db.path;
  const report = await db.transaction(async () => {
    const { pids, names } = await whoIs(db, email, pseudonymise);
    const near = await nearOf(db, pids);
    const rows: Record<string, number> = {};
    for (const [table, { columns, erase }] of Object.entries(PID_COLUMNS)) {
      const holds = columns.map((c) => sql`list_contains(${pids}::VARCHAR[], ${ident(c)})`).reduce((a: Sql, b) => sql`${a} OR ${b}`);
      const [{ n }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)} WHERE ${holds}`);
      rows[table] = n;
      if (n === 0) continue;
      if (erase === "delete") {
        await db.run(sql`DELETE FROM ${ident(table)} WHERE ${holds}`);
        continue;
      }
      const rounds = await db.all<{ round_id: string }>(sql`SELECT DISTINCT round_id FROM ${ident(table)} WHERE ${holds}`);
      for (const { round_id } of rounds) {
        const tombstone = newTombstone();
        for (const c of columns) {
          await db.run(sql`UPDATE ${ident(table)} SET ${ident(c)} = ${tombstone} WHERE round_id = ${round_id} AND list_contains(${pids}::VARCHAR[], ${ident(c)})`);
        }
      }
    }
    const redacted: Record<string, number> = {};
    const needles = [normaliseEmail(email), ...names];
    const parts = [...new Set(names.flatMap(nameParts))];
    for (const [table, columns] of Object.entries(FREE_TEXT_COLUMNS)) {
      redacted[table] = 0;
      for (const c of columns) {
        const texts = await db.all<{ id: number; text: string; near: boolean }>(sql`
          SELECT rowid AS id, ${ident(c)} AS text, coalesce(${among(near.rounds, "round_id")} OR ${among(near.partners, "pid")}, false) AS near
          FROM ${ident(table)} WHERE ${ident(c)} IS NOT NULL`);
        for (const { id, text, near: isNear } of texts) {
          const full = redactNeedles(text, needles);
          const clean = isNear ? redactWords(full, parts) : full;
          if (clean === text) continue;
          await db.run(sql`UPDATE ${ident(table)} SET ${ident(c)} = ${clean} WHERE rowid = ${id}`);
          redacted[table]++;
        }
      }
    }
    const hash = pseudonymise.erasureHash(email);
    const [{ n: listed }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM erased_people WHERE hash = ${hash}`);
    if (!listed) await db.run(sql`INSERT INTO erased_people VALUES (${hash})`);
    return { found: Object.values(rows).some((n) => n > 0), alreadyErased: listed > 0, rows, redacted };
  });
  await db.rewriteAndClose();
  const removed = removeAll([stagingDirOf(dbPath), derived.replayCache, derived.loaderCache, ...leftoversOf(dbPath)]);
  return { ...report, removed };
}
