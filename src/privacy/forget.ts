/**
 * Erasure (`iln forget EMAIL`, DESIGN section 7): removes a person from every table for good.
 * Their registrations, events, survey responses and identity are deleted; in partnerships their
 * pseudonym is replaced by a fresh random tombstone (`erased_<hex>`, one per erasure, not derived
 * from the email or the pseudonym), so the partner keeps their own record of having had a
 * partnership while nothing links it to the erased person.
 *
 * Re-ingesting an export that still holds the person brings them back: coordinators must also
 * remove them from the exports. An unchanged file is skipped by the ingest (same content hash),
 * so a plain re-run of the same folder does not undo the erasure.
 */
import { randomBytes } from "node:crypto";
import { ident, sql, type Db } from "../db";
import type { Pseudonymiser } from "./pseudonym";

/** What an erasure removed, by table. */
export interface ForgetReport {
  found: boolean;
  rows: Record<string, number>;
}

const DELETE_FROM = ["registrations", "events", "survey_responses", "identities"] as const;

/**
 * Erases the person with `email` (any case or spacing) in one transaction.
 * @returns whether they were found and how many rows of each table changed.
 */
export async function forget(db: Db, email: string, pseudonymise: Pseudonymiser): Promise<ForgetReport> {
  const pid = pseudonymise(email);
  return db.transaction(async () => {
    const rows: Record<string, number> = {};
    for (const table of DELETE_FROM) {
      const n = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)} WHERE pid = ${pid}`);
      rows[table] = n[0].n;
      await db.run(sql`DELETE FROM ${ident(table)} WHERE pid = ${pid}`);
    }
    const tombstone = `erased_${randomBytes(10).toString("hex")}`;
    const p = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM partnerships WHERE pid_a = ${pid} OR pid_b = ${pid}`);
    rows.partnerships = p[0].n;
    await db.run(sql`UPDATE partnerships SET pid_a = ${tombstone} WHERE pid_a = ${pid}`);
    await db.run(sql`UPDATE partnerships SET pid_b = ${tombstone} WHERE pid_b = ${pid}`);
    return { found: Object.values(rows).some((n) => n > 0), rows };
  });
}
