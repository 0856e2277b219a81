/**
 * A small three-round history inserted straight into a fresh database with parameterised SQL,
 * for the metric tests. Every expected value in test/metrics is worked out by hand from the
 * tables below (and said so where it is asserted).
 *
 * Rounds, deliberately with ids whose alphabetical order differs from their start order:
 *   Z0 2014-01-01..2014-04-30, A1 2014-07-01..2014-10-31, B2 2015-01-01..2015-04-30 (still "running").
 *
 * People (country, sector, years -> career stage, pref_sector, pref_career):
 *   p1 AU academic 25 senior same different   p6  JP public   1 early any any
 *   p2 US public 15.5 mid any any             p7  FR school   8 mid   any any
 *   p3 US academic 1 early same similar       p8  CA public   4 early any any
 *   p4 GB academic 2 early any different      p9  BR academic 4 early any any
 *   p5 NZ academic 4 early any any            p10 BR special  4 early any any
 * Registrations: Z0 p1-p5; A1 p1 p2 p5 p6 p7 p8; B2 p1 p6 p9 p10 (same attributes every round).
 * Partnerships:
 *   Z0-1 p1-p2 completed continued=yes; Z0-2 p3-p4 dissolved            (p5 registered, unmatched)
 *   A1-1 p1-p6 completed unknown; A1-2 p5-p7 completed no; A1-3 p2-p8 completed yes
 *   B2-1 p1-p9 active; B2-2 p6-p10 active
 * Events: A1 p8 intervention 2014-08-01, p2 contact_logged 2014-08-05;
 *         B2 p9 no_response_reported 2015-02-01; p6 contact_logged 2015-01-10 and 2015-01-20.
 * Survey (A1 only; blank = null):
 *   pid prog part contact            rec  again  continue
 *   p1  5    4    Weekly             10   Yes    Yes
 *   p6  4    -    Weekly             8    Yes    -
 *   p5  2    2    Less than monthly  5    No     No
 *   p7  -    3    -                  -    Maybe  Undecided
 *   p2  3    5    Monthly            9    Yes    Yes
 *   (p8 did not answer)
 */
import { sql, type Db } from "../../src/db";
import { freshDb } from "../helpers/rounds";

type Person = [pid: string, country: string, sector: string, years: number, prefSector: string, prefCareer: string];
const PEOPLE: Person[] = [
  ["p1", "AU", "academic", 25, "same", "different"],
  ["p2", "US", "public", 15.5, "any", "any"],
  ["p3", "US", "academic", 1, "same", "similar"],
  ["p4", "GB", "academic", 2, "any", "different"],
  ["p5", "NZ", "academic", 4, "any", "any"],
  ["p6", "JP", "public", 1, "any", "any"],
  ["p7", "FR", "school", 8, "any", "any"],
  ["p8", "CA", "public", 4, "any", "any"],
  ["p9", "BR", "academic", 4, "any", "any"],
  ["p10", "BR", "special", 4, "any", "any"],
];

/** Inserts a round. */
export async function addRound(db: Db, id: string, start: string, end: string): Promise<void> {
  await db.run(sql`INSERT INTO rounds VALUES (${id}, ${`Round ${id}`}, ${start}::DATE, ${end}::DATE, false)`);
}

/** Inserts a registration of `pid` in `round` with the given attributes. */
export async function addRegistration(db: Db, round: string, p: Person): Promise<void> {
  const [pid, country, sector, years, prefSector, prefCareer] = p;
  await db.run(sql`INSERT INTO registrations VALUES (${round}, ${pid}, '2014-01-01 00:00:00', ${country}, ${sector}, NULL,
    ${years}, NULL, []::VARCHAR[], ${prefSector}, ${prefCareer}, []::VARCHAR[], []::VARCHAR[], NULL, 2)`);
}

/** Inserts a partnership. */
export async function addPartnership(db: Db, round: string, id: string, a: string, b: string, status: string, opts: { matched?: string; ended?: string | null; replaces?: string | null; continued?: string } = {}): Promise<void> {
  await db.run(sql`INSERT INTO partnerships VALUES (${round}, ${id}, ${a}, ${b}, ${opts.matched ?? "2014-01-01"}::DATE, ${status},
    ${opts.ended ?? null}::DATE, ${opts.replaces ?? null}, ${opts.continued ?? "unknown"}, 2)`);
}

/** Inserts an event. */
export async function addEvent(db: Db, round: string, date: string, pid: string, type: string): Promise<void> {
  await db.run(sql`INSERT INTO events VALUES (${round}, ${date}::DATE, ${pid}, ${type}, NULL, 2)`);
}

/** A survey answer; omitted fields are blank (null). */
export interface Answer {
  prog?: number;
  part?: number;
  contact?: string;
  rec?: number;
  again?: string;
  cont?: string;
  outcomes?: [number | null, number | null, number | null, number | null];
}

/** Inserts a survey response; `pid` null for an anonymous survey's response. */
export async function addAnswer(db: Db, round: string, pid: string | null, a: Answer): Promise<void> {
  const [o1, o2, o3, o4] = a.outcomes ?? [null, null, null, null];
  await db.run(sql`INSERT INTO survey_responses VALUES (${round}, ${pid}, '2014-12-01 00:00:00', ${a.prog ?? null}, ${a.part ?? null},
    ${a.contact ?? null}, []::VARCHAR[], ${o1}, ${o2}, ${o3}, ${o4}, ${a.rec ?? null}, ${a.again ?? null}, ${a.cont ?? null}, NULL, 2)`);
}

/** A fresh database holding the three-round history described in the module comment. */
export async function historyDb(): Promise<Db> {
  const db = await freshDb();
  const person = (pid: string) => PEOPLE.find((p) => p[0] === pid)!;
  // Inserted out of start order on purpose.
  await addRound(db, "B2", "2015-01-01", "2015-04-30");
  await addRound(db, "Z0", "2014-01-01", "2014-04-30");
  await addRound(db, "A1", "2014-07-01", "2014-10-31");
  for (const pid of ["p1", "p2", "p3", "p4", "p5"]) await addRegistration(db, "Z0", person(pid));
  for (const pid of ["p1", "p2", "p5", "p6", "p7", "p8"]) await addRegistration(db, "A1", person(pid));
  for (const pid of ["p1", "p6", "p9", "p10"]) await addRegistration(db, "B2", person(pid));
  await addPartnership(db, "Z0", "Z0-1", "p1", "p2", "completed", { matched: "2014-01-10", ended: "2014-04-30", continued: "yes" });
  await addPartnership(db, "Z0", "Z0-2", "p3", "p4", "dissolved", { matched: "2014-01-10", ended: "2014-02-15" });
  await addPartnership(db, "A1", "A1-1", "p1", "p6", "completed", { matched: "2014-07-05", ended: "2014-10-31" });
  await addPartnership(db, "A1", "A1-2", "p5", "p7", "completed", { matched: "2014-07-05", ended: "2014-10-31", continued: "no" });
  await addPartnership(db, "A1", "A1-3", "p2", "p8", "completed", { matched: "2014-07-05", ended: "2014-10-31", continued: "yes" });
  await addPartnership(db, "B2", "B2-1", "p1", "p9", "active", { matched: "2015-01-05" });
  await addPartnership(db, "B2", "B2-2", "p6", "p10", "active", { matched: "2015-01-05" });
  await addEvent(db, "A1", "2014-08-01", "p8", "intervention");
  await addEvent(db, "A1", "2014-08-05", "p2", "contact_logged");
  await addEvent(db, "B2", "2015-02-01", "p9", "no_response_reported");
  await addEvent(db, "B2", "2015-01-10", "p6", "contact_logged");
  await addEvent(db, "B2", "2015-01-20", "p6", "contact_logged");
  await addAnswer(db, "A1", "p1", { prog: 5, part: 4, contact: "Weekly", rec: 10, again: "Yes", cont: "Yes" });
  await addAnswer(db, "A1", "p6", { prog: 4, contact: "Weekly", rec: 8, again: "Yes" });
  await addAnswer(db, "A1", "p5", { prog: 2, part: 2, contact: "Less than monthly", rec: 5, again: "No", cont: "No" });
  await addAnswer(db, "A1", "p7", { part: 3, again: "Maybe", cont: "Undecided" });
  await addAnswer(db, "A1", "p2", { prog: 3, part: 5, contact: "Monthly", rec: 9, again: "Yes", cont: "Yes" });
  await db.run(sql`INSERT INTO identities VALUES ('p1', 'p1@example.org', 'Person One'), ('p9', 'p9@example.org', 'Person Nine')`);
  return db;
}

/** Rounds every number in a JSON-like value to 10 decimals, so float results compare with toEqual. */
export function rounded<T>(v: T): T {
  if (typeof v === "number") return (Math.round(v * 1e10) / 1e10) as T;
  if (Array.isArray(v)) return v.map(rounded) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)])) as T;
  return v;
}

/** Wilson 95% intervals used by the tests, computed in Python 3 by the formula (see test/metrics/stats.test.ts). */
export const W = {
  "0/1": [0, 0.7934506856227626],
  "1/1": [0.20654931437723745, 1],
  "0/2": [0, 0.6576197724933469],
  "1/2": [0.09453120573423074, 0.9054687942657693],
  "2/2": [0.34238022750665303, 1],
  "1/3": [0.06149194472039621, 0.7923403991979522],
  "2/3": [0.2076596008020477, 0.9385080552796037],
  "0/4": [0, 0.4898908364545973],
  "1/4": [0.04558726080970055, 0.6993581574175981],
  "2/4": [0.15003898915214947, 0.8499610108478506],
  "3/4": [0.30064184258240184, 0.9544127391902995],
  "3/5": [0.2307242812760128, 0.882379225767352],
  "2/6": [0.09677141110578041, 0.700006684861608],
  "5/6": [0.43649717781352987, 0.9699466302516935],
  "4/7": [0.2504583645276572, 0.8417801447485302],
  "3/3": [0.4385029682449546, 1],
  "0/3": [0, 0.5614970317550454],
  "1/6": [0.030053369748306635, 0.5635028221864702],
  "0/6": [0, 0.3903342879021653],
  "1/5": [0.03622410863243014, 0.6244653702374747],
  "7/7": [0.6456695649333126, 1],
  "0/7": [0, 0.35433043506668743],
} as const satisfies Record<string, readonly [number, number]>;

/** A Proportion as the metrics give it, with the Wilson interval from {@link W} (null when n = 0). */
export function prop(count: number, n: number) {
  return { n, count, share: n ? count / n : null, ci: n ? [...W[`${count}/${n}` as keyof typeof W]] : null };
}
