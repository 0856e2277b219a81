/**
 * Property-based fuzzing of the ingest (fast-check, fixed seed): export files with random damage
 * either ingest exactly what a clean read of the same bytes gives, or are rejected whole with
 * located problems, and the database never changes partially. A longer run:
 *   FUZZ_RUNS=2000 npx vitest run test/loaders/fuzz.test.ts
 */
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, sql, type Db } from "../../src/db";
import { InputError } from "../../src/domain/errors";
import { ingest } from "../../loaders/ingest";
import { MONTH_FIRST, baseRound, dumpDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20161130);
const pseudonymise = testPseudonymiser();
const base = baseRound();
const REG = String(base["registrations.csv"]);

type Damage =
  | { op: "cut"; line: number; at: number }
  | { op: "quote"; line: number; at: number }
  | { op: "cell"; line: number; col: number; value: string }
  | { op: "rename"; col: number; name: string }
  | { op: "dropcol"; col: number }
  | { op: "shuffle"; perm: number[] }
  | { op: "latin1"; line: number }
  | { op: "huge"; line: number; col: number; size: number }
  | { op: "formula"; line: number; col: number };

const NCOL = 13;
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant("cut" as const), line: fc.nat(9), at: fc.nat(200) }),
  fc.record({ op: fc.constant("quote" as const), line: fc.nat(9), at: fc.nat(200) }),
  fc.record({ op: fc.constant("cell" as const), line: fc.integer({ min: 1, max: 9 }), col: fc.nat(NCOL - 1), value: fc.oneof(fc.string(), fc.constantFrom("", "12", "-3", "N/A", "Atlantis", "1/13/2016", "20+", "yes", "ÿ\u0000x", "a,b", '"', "\n")) }),
  fc.record({ op: fc.constant("rename" as const), col: fc.nat(NCOL - 1), name: fc.string({ maxLength: 12 }) }),
  fc.record({ op: fc.constant("dropcol" as const), col: fc.nat(NCOL - 1) }),
  fc.record({ op: fc.constant("shuffle" as const), perm: fc.shuffledSubarray([...Array(NCOL).keys()], { minLength: NCOL, maxLength: NCOL }) }),
  fc.record({ op: fc.constant("latin1" as const), line: fc.nat(9) }),
  fc.record({ op: fc.constant("huge" as const), line: fc.integer({ min: 1, max: 9 }), col: fc.nat(NCOL - 1), size: fc.integer({ min: 1000, max: 200_000 }) }),
  fc.record({ op: fc.constant("formula" as const), line: fc.integer({ min: 1, max: 9 }), col: fc.constantFrom(2, 5) }),
);

/** Splits a simple CSV line (the base file's quoting only) into cells. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    if (ch === "," && !q) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
const quoteCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Applies damage to the registrations file; returns its bytes. */
function apply(ds: Damage[]): Uint8Array {
  let lines = REG.replace(/\r\n$/, "").split("\r\n");
  const latin: Set<number> = new Set();
  for (const d of ds) {
    const li = "line" in d ? d.line % lines.length : 0;
    switch (d.op) {
      case "cut":
        lines[li] = lines[li].slice(0, d.at % (lines[li].length + 1));
        break;
      case "quote": {
        const at = d.at % (lines[li].length + 1);
        lines[li] = lines[li].slice(0, at) + '"' + lines[li].slice(at);
        break;
      }
      case "cell": {
        const c = cells(lines[li]);
        if (d.col < c.length) c[d.col] = quoteCell(d.value);
        lines[li] = c.join(",");
        break;
      }
      case "rename": {
        const c = cells(lines[0]);
        if (d.col < c.length) c[d.col] = quoteCell(d.name);
        lines[0] = c.join(",");
        break;
      }
      case "dropcol":
        lines = lines.map((l) => cells(l).filter((_, i) => i !== d.col).join(","));
        break;
      case "shuffle":
        lines = lines.map((l) => {
          const c = cells(l);
          return c.length === d.perm.length ? d.perm.map((i) => c[i]).join(",") : l;
        });
        break;
      case "latin1":
        latin.add(li);
        break;
      case "huge": {
        const c = cells(lines[li]);
        if (d.col < c.length) c[d.col] = quoteCell("x".repeat(d.size));
        lines[li] = c.join(",");
        break;
      }
      case "formula": {
        const c = cells(lines[li]);
        if (d.col < c.length) c[d.col] = quoteCell('=HYPERLINK("http://evil.example","click")');
        lines[li] = c.join(",");
        break;
      }
    }
  }
  const parts = lines.map((l, i) => (latin.has(i) ? iconv.encode(l + "\r\n", "win1252") : Buffer.from(l + "\r\n", "utf8")));
  return Buffer.concat(parts);
}

describe("fuzzed registrations files", () => {
  const dir = tempDir();
  let db: Db;
  let before: string;
  beforeAll(async () => {
    db = await openDatabase(":memory:");
    // T0 holds other people (emails at t0.example), so nothing T1 does may touch its rows or identities.
    const other = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, String(v).replace(/@example\.org/gi, "@t0.example")]));
    const t0 = writeRound(dir, "T0", { ...other, "round.json": JSON.stringify({ id: "T0", name: "Earlier", start: "2012-01-01", end: "2012-05-01" }), "mapping.json": MONTH_FIRST });
    await ingest(db, t0, { pseudonymise });
    before = await dumpDb(db);
  });
  afterAll(() => db.close());

  it(`never corrupts or partially changes the database (${RUNS} cases, seed ${SEED})`, async () => {
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 4 }), async (ds) => {
        const bytes = apply(ds);
        // Only registrations vary; the other files keep their partners, so most damage to a
        // partner's row shows as a located consistency problem too.
        const folder = writeRound(dir, `F${accepted + rejected}`, { ...base, "registrations.csv": bytes, events: undefined } as never);
        await db.run(sql`DELETE FROM ingest_log WHERE round_id = 'T1'`);
        let outcome: "ok" | "rejected";
        try {
          await ingest(db, folder, { pseudonymise });
          outcome = "ok";
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          outcome = "rejected";
          expect(err.problems.length).toBeGreaterThan(0);
          for (const p of err.problems) {
            expect(p.file).toMatch(/\.(csv|json)$/);
            expect(p.row).toBeGreaterThanOrEqual(0);
            expect(p.column.length).toBeGreaterThan(0);
            expect(p.message.length).toBeGreaterThan(0);
          }
        }
        const regs = await db.all<{ n: number }>(sql`SELECT count(*)::INTEGER AS n FROM registrations WHERE round_id = 'T1'`);
        if (outcome === "ok") {
          accepted++;
          // Seven people in the base file; damage may drop or merge rows only by changing an email.
          expect(regs[0].n).toBeGreaterThan(0);
          const t0 = await db.all(sql`SELECT * FROM registrations WHERE round_id = 'T0' ORDER BY ALL`);
          expect(JSON.stringify(t0)).toBe(JSON.stringify(JSON.parse(before).registrations));
        } else {
          rejected++;
        }
        // Whatever happened, round T1 is all-or-nothing and T0 is untouched: reset T1 for the next case.
        await db.run(sql`DELETE FROM registrations WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM partnerships WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM events WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM survey_responses WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM round_surveys WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM ingest_log WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM rounds WHERE round_id = 'T1'`);
        await db.run(sql`DELETE FROM identities WHERE pid NOT IN (SELECT pid FROM registrations)`);
        expect(await dumpDb(db)).toBe(before);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fuzz: ${accepted} accepted, ${rejected} rejected`);
    expect(accepted + rejected).toBe(RUNS);
  }, Math.max(170_000, RUNS * 1_000));

  it("shuffled columns ingest to the same rows as the original order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...Array(NCOL).keys()], { minLength: NCOL, maxLength: NCOL }), async (perm) => {
        const a = await openDatabase(":memory:");
        const b = await openDatabase(":memory:");
        try {
          await ingest(a, writeRound(tempDir(), "T1", base), { pseudonymise });
          await ingest(b, writeRound(tempDir(), "T1", { ...base, "registrations.csv": apply([{ op: "shuffle", perm }]) }), { pseudonymise });
          const q = sql`SELECT * EXCLUDE (source_row) FROM registrations ORDER BY ALL`;
          expect(JSON.stringify(await b.all(q))).toBe(JSON.stringify(await a.all(q)));
        } finally {
          a.close();
          b.close();
        }
      }),
      { numRuns: 10, seed: SEED },
    );
  }, 60_000);
});
