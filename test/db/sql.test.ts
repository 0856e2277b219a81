/**
 * The `sql` tag (src/db/sql.ts): values become positional parameters, fragments nest with their
 * parameters renumbered, and nothing else can make a `Sql`.
 */
import { describe, expect, it } from "vitest";
import { ident, sql, type Sql } from "../../src/db";

describe("Sql", () => {
  it("is made only by the sql tag", () => {
    // @ts-expect-error: a Sql cannot be written by hand (the brand is private to src/db/sql.ts)
    const forged: Sql = { text: "SELECT 1", params: [] };
    expect(forged.text).toBe("SELECT 1");
    const q = sql`SELECT ${1} AS one, ${sql`${"a"} AS a`} FROM ${ident("rounds")} WHERE x = ${null}`;
    expect([q.text, q.params]).toEqual(['SELECT $1 AS one, $2 AS a FROM "rounds" WHERE x = $3', [1, "a", null]]);
    expect(() => ident("rounds; DROP TABLE x")).toThrow(/not a plain identifier/);
    expect(Object.isFrozen(q)).toBe(true);
  });
});
