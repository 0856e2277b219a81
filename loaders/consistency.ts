/**
 * Consistency of a round's files with each other (docs/formats.md, "Bad input"):
 * every partner and every logged person is registered in the round; nobody is in two
 * partnerships that overlap in time; a rematch's `replaces` names a partnership of the round;
 * partnership ids are unique; survey respondents are participants of the round (matched, when
 * the round's partnerships are known; registered otherwise).
 *
 * Works on pseudonyms, so a file can be checked against what the database already holds for the
 * round's other kinds. Rows from files carry their location; rows from the database do not.
 */
import { showValue, type Problem } from "../src/domain/errors";
import { isTombstone } from "../src/privacy/pseudonym";

/** Where a row came from, when it came from a file of this run. */
export interface Loc {
  file: string;
  row: number;
  /** Header of a field in that file. */
  headerOf: (field: string) => string;
}

export interface PartnershipFacts {
  id: string;
  a: string;
  b: string;
  /** Emails, when from a file (for messages). */
  emailA?: string;
  emailB?: string;
  start: string;
  end: string | null;
  replaces: string | null;
  loc?: Loc;
}

export interface PersonFact {
  pid: string;
  email?: string;
  loc?: Loc;
}

/** The state of one round after the run, kind by kind (undefined: the round has none). */
export interface RoundFacts {
  roundId: string;
  roundEnd: string;
  registered: { pids: Set<string>; loc?: { file: string } };
  partnerships?: PartnershipFacts[];
  events?: PersonFact[];
  survey?: PersonFact[];
}

/** Where a problem is: the row and column of a file's row, or, for a row already in the database, the run's file as a whole (row 0, column "*"). */
function where(loc: Loc | undefined, field: string, fallbackFile: string): Pick<Problem, "file" | "row" | "column"> {
  return loc ? { file: loc.file, row: loc.row, column: loc.headerOf(field) } : { file: fallbackFile, row: 0, column: "*" };
}

/**
 * Checks a round's facts. Problems found in rows already in the database are reported against
 * the registrations file of the run (row 0), since it is the file that broke them.
 */
export function checkRound(f: RoundFacts): Problem[] {
  const problems: Problem[] = [];
  const regFile = f.registered.loc?.file ?? `round ${f.roundId} (database)`;
  const who = (email: string | undefined, pid: string) => (email ? showValue(email) : `participant ${pid} (already in the database)`);
  const parts = f.partnerships ?? [];
  const ids = new Map<string, PartnershipFacts>();
  const byPerson = new Map<string, PartnershipFacts[]>();
  for (const p of parts) {
    const dup = ids.get(p.id);
    if (dup) problems.push({ ...where(p.loc, "partnership_id", regFile), message: `partnership id ${showValue(p.id)} appears twice${dup.loc ? ` (first at row ${dup.loc.row})` : ""}` });
    ids.set(p.id, p);
    if (p.a === p.b) problems.push({ ...where(p.loc, "email_b", regFile), message: `a partnership of ${who(p.emailA, p.a)} with themselves` });
    for (const [pid, email, field] of [[p.a, p.emailA, "email_a"], [p.b, p.emailB, "email_b"]] as const) {
      // A tombstone is the side of a person erased by `iln forget` (loaders/erased.ts): no registration by design.
      if (!f.registered.pids.has(pid) && !isTombstone(pid)) {
        problems.push({ ...where(p.loc, field, regFile), message: `${who(email, pid)} is in partnership ${showValue(p.id)} but not registered in round ${f.roundId}` });
      }
      const list = byPerson.get(pid) ?? [];
      list.push(p);
      byPerson.set(pid, list);
    }
    if (p.end !== null && p.end < p.start) problems.push({ ...where(p.loc, "ended_on", regFile), message: `ended on ${p.end}, before it was matched on ${p.start}` });
  }
  for (const p of parts) {
    if (p.replaces !== null && !ids.has(p.replaces)) {
      problems.push({ ...where(p.loc, "replaces", regFile), message: `replaces partnership ${showValue(p.replaces)}, which is not in round ${f.roundId}` });
    }
  }
  for (const [pid, list] of byPerson) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [x, y] = [sorted[i], sorted[j]];
        const xEnd = x.end ?? f.roundEnd;
        if (y.start < xEnd) {
          const email = x.a === pid ? x.emailA : x.emailB;
          problems.push({
            ...where(y.loc, "matched_on", regFile),
            message: `${who(email, pid)} is in partnership ${showValue(y.id)} from ${y.start} while still in ${showValue(x.id)} (${x.start} to ${x.end ?? `the round's end, ${f.roundEnd}: give its ended_on`})`,
          });
        }
      }
    }
  }
  for (const e of f.events ?? []) {
    if (!f.registered.pids.has(e.pid)) problems.push({ ...where(e.loc, "email", regFile), message: `${who(e.email, e.pid)} is not registered in round ${f.roundId}` });
  }
  if (f.survey) {
    const matched = f.partnerships ? new Set(parts.flatMap((p) => [p.a, p.b])) : null;
    for (const s of f.survey) {
      const ok = matched ? matched.has(s.pid) : f.registered.pids.has(s.pid);
      if (!ok) {
        problems.push({ ...where(s.loc, "email", regFile), message: `respondent ${who(s.email, s.pid)} is not a ${matched ? "matched participant" : "registered participant"} of round ${f.roundId}` });
      }
    }
  }
  return problems;
}
