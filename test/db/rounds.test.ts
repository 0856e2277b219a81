/**
 * The rounds of a database (src/db/rounds.ts): ids in start order (ties by id), and the check
 * that a named round exists. Expected orders worked out by hand from the dates below.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRound, openDatabase, roundIds, sql, type Db } from "../../src/db";
import { UnknownRoundError, UsageError } from "../../src/domain/errors";

let db: Db;
beforeAll(async () => {
  db = await openDatabase(":memory:");
  await db.run(sql`INSERT INTO rounds VALUES ('B', 'b', DATE '2014-02-01', DATE '2014-06-01', false),
    ('A2', 'a2', DATE '2013-09-01', DATE '2013-12-01', false), ('A1', 'a1', DATE '2013-09-01', DATE '2013-12-01', false)`);
});
afterAll(() => db.close());

describe("rounds", () => {
  it("lists ids by start date, then id", async () => {
    expect(await roundIds(db)).toEqual(["A1", "A2", "B"]);
  });

  it("checks a named round, and accepts none", async () => {
    await expect(checkRound(db, "B")).resolves.toBeUndefined();
    await expect(checkRound(db, undefined)).resolves.toBeUndefined();
    const err = await checkRound(db, "C").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownRoundError);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe('unknown round "C"; the database holds: A1, A2, B');
  });
});
