/**
 * The result converter (src/db/rows.ts) through a real in-memory DuckDB: what each column type
 * becomes in JavaScript. Expected values are DuckDB's own results of the literals written in the
 * queries (BIGINT 2^53 - 1 is 9007199254740991; the DECIMAL 2.5 summed over two rows is 5).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, safeInteger, sql, type Db } from "../../src/db";

let db: Db;
beforeAll(async () => {
  db = await openDatabase(":memory:");
});
afterAll(() => db.close());

describe("Db.all converts every value once", () => {
  it("gives integers of every width as numbers", async () => {
    const [row] = await db.all(sql`SELECT 7::TINYINT AS t, 7::INTEGER AS i, 9007199254740991::BIGINT AS b, count(*) AS n,
      sum(x) AS s, 3::UBIGINT AS u, 12::HUGEINT AS h FROM (VALUES (1), (2), (3)) v(x)`);
    expect(row).toEqual({ t: 7, i: 7, b: 9007199254740991, n: 3, s: 6, u: 3, h: 12 });
    for (const v of Object.values(row)) expect(typeof v).toBe("number");
  });

  it("gives decimals as numbers and keeps doubles", async () => {
    const [row] = await db.all(sql`SELECT 0.5 AS d, sum(2.5) AS s, 0.1::DOUBLE AS f, avg(x) AS a FROM (VALUES (1), (2)) v(x)`);
    expect(row).toEqual({ d: 0.5, s: 5, f: 0.1, a: 1.5 });
  });

  it("gives dates and timestamps as text, lists and structs converted inside", async () => {
    const [row] = await db.all(sql`SELECT DATE '2016-08-01' AS d, TIMESTAMP '2016-08-01 09:30:00' AS ts,
      [1::BIGINT, 2::BIGINT] AS l, {'n': 4::BIGINT, 'w': 'x'} AS st, NULL::BIGINT AS nothing, ['a', 'b'] AS v, true AS yes`);
    expect(row).toEqual({ d: "2016-08-01", ts: "2016-08-01 09:30:00", l: [1, 2], st: { n: 4, w: "x" }, nothing: null, v: ["a", "b"], yes: true });
  });

  it("refuses an integer beyond the safe range rather than round it", async () => {
    await expect(db.all(sql`SELECT 9007199254740993::BIGINT AS b`)).rejects.toThrow(RangeError);
    await expect(db.all(sql`SELECT -9007199254740993::HUGEINT AS h`)).rejects.toThrow(/9007199254740993/);
    expect(safeInteger(-9007199254740991n)).toBe(-9007199254740991);
    expect(() => safeInteger(2n ** 64n)).toThrow(RangeError);
  });
});

describe("Db.appender", () => {
  it("appends whole rows of scalar cells behind the Db interface", async () => {
    await db.run(sql`CREATE TABLE appended (s VARCHAR, x DOUBLE, b BOOLEAN)`);
    const a = await db.appender("appended");
    a.row(["one", 1.5, true]);
    a.row([null, null, false]);
    a.close();
    expect(await db.all(sql`SELECT * FROM appended ORDER BY s NULLS LAST`)).toEqual([
      { s: "one", x: 1.5, b: true },
      { s: null, x: null, b: false },
    ]);
  });
});
