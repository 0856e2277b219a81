/**
 * People erased by `iln forget` in the exports being ingested (docs/privacy.md, "Erasure"): an old
 * export can still hold them, and ingesting it must not bring them back. Their rows are skipped
 * (registrations, events, survey responses), with a warning naming the rows; in a partnership
 * their side becomes a tombstone (`newTombstone`, one per person and round in this run) and the
 * row is kept, so the partner keeps their partnership and a round holding an erased person can
 * still be corrected. People are recognised by their erasure hash (src/privacy/pseudonym.ts),
 * the only trace the database keeps of them. The free text of the rows kept (`FREE_TEXT_COLUMNS`:
 * notes, comments, roles) has the erased people's emails (any email-shaped text whose erasure hash
 * is listed) and the full names their skipped registration rows give replaced by `[erased]`
 * (src/privacy/redact-names.ts), and, as `iln forget` does, their single names (`nameParts`) in
 * the rows near them: every row of a round of the run that held them, and every row of a
 * partner of theirs in the run's partnerships.
 */
import { FREE_TEXT_COLUMNS, KIND_TABLES, sql, type Db } from "../src/db";
import { isTombstone, newTombstone, type Pseudonymiser } from "../src/privacy/pseudonym";
import { nameParts, redactEmails, redactNeedles, redactWords } from "../src/privacy/redact-names";
import type { CanonicalRow } from "./canonicalise";
import type { Kind } from "./kinds";

/** One parsed file of the run: its rows are filtered (or their erased side tombstoned) in place. */
export interface ParsedFile {
  file: string;
  kind: Kind;
  roundId: string;
  rows: CanonicalRow<unknown>[];
}

/** Names spreadsheet rows: "row 2", "rows 2, 5, 7". */
function rowList(rows: number[]): string {
  return `${rows.length === 1 ? "row" : "rows"} ${rows.join(", ")}`;
}

/**
 * Skips or tombstones erased people in `files` (see module doc).
 * @returns one warning per file that held an erased person, naming the rows.
 */
export async function skipErased(db: Db, files: readonly ParsedFile[], pseudonymise: Pseudonymiser): Promise<string[]> {
  const erased = new Set((await db.all<{ hash: string }>(sql`SELECT hash FROM erased_people`)).map((r) => r.hash));
  if (erased.size === 0) return [];
  const isErased = (email: string) => erased.has(pseudonymise.erasureHash(email));
  const tombstones = new Map<string, string>();
  const tombstoneOf = (roundId: string, email: string) => {
    const key = `${roundId}\u0000${pseudonymise(email)}`;
    let t = tombstones.get(key);
    if (t === undefined) tombstones.set(key, (t = newTombstone()));
    return t;
  };
  const warnings: string[] = [];
  const needles = new Set<string>();
  const names = new Set<string>();
  // What is near an erased person of the run: the rounds that held them, their partners' pseudonyms.
  const nearRounds = new Set<string>();
  const partners = new Set<string>();
  for (const f of files) {
    const hit: number[] = [];
    if (f.kind === "partnerships") {
      for (const r of f.rows as CanonicalRow<{ email_a: string; email_b: string }>[]) {
        let erasedSide = false;
        for (const side of ["email_a", "email_b"] as const) {
          if (isTombstone(r.value[side]) || !isErased(r.value[side])) continue;
          r.value[side] = tombstoneOf(f.roundId, r.value[side]);
          erasedSide = true;
        }
        if (!erasedSide) continue;
        hit.push(r.row);
        nearRounds.add(f.roundId);
        for (const side of ["email_a", "email_b"] as const) if (!isTombstone(r.value[side])) partners.add(pseudonymise(r.value[side]));
      }
      if (hit.length) warnings.push(`${f.file}: ${rowList(hit)} ${hit.length === 1 ? "holds" : "hold"} a person erased by \`iln forget\`: their side of the partnership is kept as an anonymous tombstone`);
      continue;
    }
    // An anonymous survey's rows have no email (null): nobody to recognise there.
    const kept = (f.rows as CanonicalRow<{ email: string | null; name?: string | null }>[]).filter((r) => {
      if (typeof r.value.email !== "string" || !isErased(r.value.email)) return true;
      hit.push(r.row);
      nearRounds.add(f.roundId);
      needles.add(r.value.email);
      if (f.kind === "registrations" && r.value.name) {
        needles.add(r.value.name);
        names.add(r.value.name);
      }
      return false;
    });
    if (hit.length) {
      f.rows.length = 0;
      for (const r of kept) f.rows.push(r);
      warnings.push(`${f.file}: ${rowList(hit)} ${hit.length === 1 ? "belongs" : "belong"} to a person erased by \`iln forget\`: skipped (remove them from the export)`);
    }
  }
  let redacted = 0;
  const parts = [...new Set([...names].flatMap(nameParts))];
  const fullNeedles = [...needles];
  const clean = (text: string | null, near: boolean) => {
    if (!text) return text;
    const full = redactEmails(redactNeedles(text, fullNeedles), isErased);
    return near ? redactWords(full, parts) : full;
  };
  for (const f of files) {
    const fields = FREE_TEXT_COLUMNS[KIND_TABLES[f.kind as keyof typeof KIND_TABLES]] ?? [];
    for (const r of f.rows as CanonicalRow<Record<string, string | null>>[]) {
      const email = r.value.email;
      const near = nearRounds.has(f.roundId) || (typeof email === "string" && partners.has(pseudonymise(email)));
      for (const field of fields) {
        const text = r.value[field];
        const after = clean(text, near);
        if (after !== text) {
          r.value[field] = after;
          redacted++;
        }
      }
    }
  }
  if (redacted) warnings.push(`${redacted} note(s), comment(s) or role(s) of other people named a person erased by \`iln forget\`: the name or email is replaced by [erased]`);
  return warnings;
}

/**
 * The pseudonymiser the write uses after {@link skipErased}: a tombstone stands for itself, any
 * other value is pseudonymised by `base`.
 */
export function passTombstones(base: Pseudonymiser): Pseudonymiser {
  return Object.assign((email: string) => (isTombstone(email) ? email : base(email)), { erasureHash: base.erasureHash });
}
