/**
 * Erasure (`iln forget EMAIL`, docs/privacy.md "Erasure"): removes a person from every table for
 * good, the tables and columns being those `PID_COLUMNS` (src/db/schema.ts) names. Rows that are
 * the person's alone (registrations, events, survey responses, identity) are deleted; in rows
 * shared with someone else (partnerships) their pseudonym is replaced by a fresh random tombstone
 * (`erased_<hex>`, one per erasure, not derived from the email or the pseudonym), so the partner
 * keeps their own record of having had a partnership while nothing links it to the erased person.
 *
 * Re-ingesting an export that still holds the person brings them back: coordinators must also
 * remove them from the exports. An unchanged file is skipped by the ingest (same content hash),
 * so a plain re-run of the same folder does not undo the erasure.
 */
import { randomBytes } from "node:crypto";
import { ident, PID_COLUMNS, sql, type Db, type Sql } from "../db";
import type { Pseudonymiser } from "./pseudonym";

/** What an erasure removed, by table. */
export interface ForgetReport {
  found: boolean;
  /** Rows deleted or anonymised, by table, in the order of `PID_COLUMNS`. */
  rows: Record<string, number>;
}

/**
 * Erases the person with `email` (any case or spacing) in one transaction, from every table and
 * column of `PID_COLUMNS`.
 * @returns whether they were found and how many rows of each table changed.
 */
export async function forget(db: Db, email: string, pseudonymise: Pseudonymiser): Promise<ForgetReport> {
  const pid = pseudonymise(email);
  return db.transaction(async () => {
    const rows: Record<string, number> = {};
    const tombstone = `erased_${randomBytes(10).toString("hex")}`;
    for (const [table, { columns, erase }] of Object.entries(PID_COLUMNS)) {
      const holds = columns.map((c) => sql`${ident(c)} = ${pid}`).reduce((a: Sql, b) => sql`${a} OR ${b}`);
      const [{ n }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)} WHERE ${holds}`);
      rows[table] = n;
      if (erase === "delete") await db.run(sql`DELETE FROM ${ident(table)} WHERE ${holds}`);
      else for (const c of columns) await db.run(sql`UPDATE ${ident(table)} SET ${ident(c)} = ${tombstone} WHERE ${ident(c)} = ${pid}`);
    }
    return { found: Object.values(rows).some((n) => n > 0), rows };
  });
}
