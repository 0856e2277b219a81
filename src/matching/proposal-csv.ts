/**
 * The proposal file the matching page offers for review (docs/matching.md): one row per proposed
 * pair with both people, the pair's score, the principles and preferences it meets and whether it
 * was locked, formula-looking cells neutralised for spreadsheets. (`iln match` writes the round's
 * ingestable partnerships file and the introductions instead: it holds the identities.) Pure, no Node, so the page's worker bundles
 * it. The page has no identities, so the identity columns name each person by their position in
 * the published pool.
 */
import { toSafeCsv } from "../privacy/csv-safe";
import type { Proposal } from "./propose";
import { PREFERENCES, PRINCIPLES } from "./quality";
import type { PoolPerson } from "./score";

/** Columns of the proposal CSV. */
export const MATCH_COLUMNS = [
  "pair", "email_a", "name_a", "country_a", "sector_a", "stage_a", "email_b", "name_b", "country_b", "sector_b", "stage_b",
  "score", "principles_met", "preferences_met", "locked",
] as const;

/** Who a pool person is, for the identity columns. */
export type Identify = (person: PoolPerson) => { email: string; name: string };

/**
 * The rows of the proposal CSV, locked pairs first (as `proposeMatching` orders them): scores to
 * 3 decimals ("" for a pair breaking a hard rule), principles and preferences met as "; " lists.
 */
export function proposalRows(proposal: Pick<Proposal, "pairQuality" | "locked">, people: readonly PoolPerson[], identify: Identify): Record<(typeof MATCH_COLUMNS)[number], string | number>[] {
  return proposal.pairQuality.map((q, k) => {
    const a = people[q.a];
    const b = people[q.b];
    const ia = identify(a);
    const ib = identify(b);
    return {
      pair: k + 1,
      email_a: ia.email, name_a: ia.name, country_a: a.country, sector_a: a.sector, stage_a: a.stage,
      email_b: ib.email, name_b: ib.name, country_b: b.country, sector_b: b.sector, stage_b: b.stage,
      score: q.score === null ? "" : q.score.toFixed(3),
      principles_met: PRINCIPLES.filter((p) => q.principles[p]).map((p) => p.replace(/_/g, " ")).join("; "),
      preferences_met: PREFERENCES.filter((p) => q.preferences[p]).map((p) => p.replace("_pref", "")).join("; "),
      locked: k < proposal.locked ? "yes" : "no",
    };
  });
}

/** The proposal CSV text (RFC 4180, CRLF; see {@link proposalRows}). */
export function proposalCsv(proposal: Pick<Proposal, "pairQuality" | "locked">, people: readonly PoolPerson[], identify: Identify): string {
  return toSafeCsv(MATCH_COLUMNS, proposalRows(proposal, people, identify));
}
