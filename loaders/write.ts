/**
 * The transactional write of validated rows into DuckDB: a round's rows of one kind are
 * replaced whole (delete, then bulk append), identities upserted, the ingest logged. Callers run
 * it inside `db.transaction`, so a failure anywhere leaves the database as it was.
 */
import { LIST, VARCHAR, type DuckDBAppender } from "@duckdb/node-api";
import { ident, sql, type Db } from "../src/db";
import { KIND_TABLES } from "../src/db/schema";
import type { Pseudonymiser } from "../src/privacy/pseudonym";
import type { CanonicalRow } from "./canonicalise";
import type { Kind } from "./kinds";
import type { EventRow } from "./kinds/events";
import type { PartnershipRow } from "./kinds/partnerships";
import type { RegistrationRow } from "./kinds/registrations";
import type { RoundFile } from "./kinds/round";
import type { SurveyRow } from "./kinds/survey";

type Cell = string | number | boolean | null | string[];
const LIST_VARCHAR = LIST(VARCHAR);

function appendRow(a: DuckDBAppender, cells: readonly Cell[]): void {
  for (const c of cells) {
    if (c === null) a.appendNull();
    else if (Array.isArray(c)) a.appendList(c, LIST_VARCHAR);
    else if (typeof c === "number") a.appendDouble(c);
    else if (typeof c === "boolean") a.appendBoolean(c);
    else a.appendVarchar(c);
  }
  a.endRow();
}

async function appendAll(db: Db, table: string, rows: Iterable<readonly Cell[]>): Promise<void> {
  const a = await db.appender(table);
  for (const r of rows) appendRow(a, r);
  a.closeSync();
}

/** Inserts or updates a round's identity and dates. */
export async function upsertRound(db: Db, r: RoundFile, synthetic: boolean): Promise<void> {
  await db.run(sql`INSERT OR REPLACE INTO rounds VALUES (${r.id}, ${r.name}, ${r.start}::DATE, ${r.end}::DATE, ${synthetic})`);
}

/** Rows of one kind for one round, ready to append, plus identities to upsert. */
function tableRows(kind: Kind, roundId: string, rows: CanonicalRow<unknown>[], pid: Pseudonymiser, partnershipId: (row: number) => string): Cell[][] {
  switch (kind) {
    case "registrations":
      return (rows as CanonicalRow<RegistrationRow>[]).map(({ row, value: v }) => [
        roundId, pid(v.email), v.timestamp, v.country, v.sector, v.role, v.years_experience.years, v.years_experience.range,
        v.interests, v.pref_sector, v.pref_career, v.pref_countries, v.languages, v.participated_before, row,
      ]);
    case "partnerships":
      return (rows as CanonicalRow<PartnershipRow>[]).map(({ row, value: v }) => [
        roundId, v.partnership_id ?? partnershipId(row), pid(v.email_a), pid(v.email_b), v.matched_on, v.status, v.ended_on, v.replaces, v.continued, row,
      ]);
    case "events":
      return (rows as CanonicalRow<EventRow>[]).map(({ row, value: v }) => [roundId, v.date, pid(v.email), v.type, v.note, row]);
    case "survey":
      return (rows as CanonicalRow<SurveyRow>[]).map(({ row, value: v }) => [
        roundId, pid(v.email), v.submitted, v.program_satisfaction, v.partner_satisfaction, v.contact_frequency, v.methods,
        v.outcome_perspective, v.outcome_ideas, v.outcome_confidence, v.outcome_motivation, v.recommend,
        v.participate_again, v.continue_partnership, v.comments, row,
      ]);
  }
}

/** The id given to a partnership row without one: the round id and its spreadsheet row. */
export function defaultPartnershipId(roundId: string, row: number): string {
  return `${roundId}-row${row}`;
}

/**
 * Replaces round `roundId`'s rows of `kind` with `rows`, upserts identities (registrations:
 * email and name), and logs the file. Must run inside a transaction.
 */
export async function replaceKind(db: Db, args: { kind: Kind; roundId: string; rows: CanonicalRow<unknown>[]; pid: Pseudonymiser; file: string; hash: string }): Promise<void> {
  const { kind, roundId, rows, pid, file, hash } = args;
  const table = KIND_TABLES[kind];
  await db.run(sql`DELETE FROM ${ident(table)} WHERE round_id = ${roundId}`);
  await appendAll(db, table, tableRows(kind, roundId, rows, pid, (row) => defaultPartnershipId(roundId, row)));
  if (kind === "registrations") {
    await db.run(sql`CREATE OR REPLACE TEMP TABLE incoming_identities (pid VARCHAR, email VARCHAR, name VARCHAR)`);
    await appendAll(db, "incoming_identities", (rows as CanonicalRow<RegistrationRow>[]).map(({ value: v }) => [pid(v.email), v.email, v.name]));
    await db.run(sql`INSERT INTO identities SELECT pid, any_value(email), any_value(name) FROM incoming_identities GROUP BY pid
                     ON CONFLICT (pid) DO UPDATE SET email = excluded.email, name = coalesce(excluded.name, identities.name)`);
    await db.run(sql`DROP TABLE incoming_identities`);
  }
  await db.run(sql`INSERT INTO ingest_log VALUES (${file}, ${hash}, ${kind}, ${roundId}, ${rows.length}, now()::TIMESTAMP)`);
}
