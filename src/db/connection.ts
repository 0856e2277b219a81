/**
 * The one module that opens the database. Everything else receives a `Db`.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, DuckDBConnection, listValue } from "@duckdb/node-api";
import { rowValue } from "./rows";
import { MIGRATIONS, SCHEMA_SQL, SCHEMA_VERSION } from "./schema";
import { sql, type Sql, type SqlValue } from "./sql";

/** Default database path, relative to the working directory: `ILN_DB` or `data/iln.duckdb`. */
export function defaultDbPath(): string {
  return process.env.ILN_DB || "data/iln.duckdb";
}

/** Thrown when another process holds the database open for writing. */
export class DatabaseBusyError extends Error {
  constructor(readonly dbPath: string, readonly holder: string) {
    super(`database is busy: ${dbPath} is held by another process (${holder}); try again when it has finished`);
    this.name = "DatabaseBusyError";
  }
}

/** Thrown when a read-only open finds no database file. */
export class DatabaseMissingError extends Error {
  constructor(readonly dbPath: string) {
    super(`no database at ${dbPath}: run \`iln ingest\` (or \`npm start\` for the demo) first`);
    this.name = "DatabaseMissingError";
  }
}

/** One cell for an {@link Appender}: NULL, a DOUBLE, a BOOLEAN or text (VARCHAR). */
export type AppendCell = string | number | boolean | null;

/** A bulk appender on one table: whole rows of scalar cells in the table's column order. */
export interface Appender {
  /** Appends one row. @throws Error from DuckDB when a cell does not fit its column. */
  row(cells: readonly AppendCell[]): void;
  /** Flushes the rows and closes the appender (call once, after the last row). */
  close(): void;
}

/** An open database: parameterised queries, transactions and bulk appends. */
export interface Db {
  readonly path: string;
  readonly readOnly: boolean;
  /** Runs a statement for its effect. */
  run(q: Sql): Promise<void>;
  /**
   * Runs a query and returns its rows as plain objects, every value converted by `rowValue`
   * (src/db/rows.ts): integers of any width as numbers, dates as `YYYY-MM-DD` text.
   * @throws RangeError when an integer is beyond JavaScript's safe range.
   */
  all<T = Record<string, unknown>>(q: Sql): Promise<T[]>;
  /** Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** A bulk appender on `table` (part of the current transaction, if any). */
  appender(table: string): Promise<Appender>;
  close(): void;
}

const LOCK_RE = /Conflicting lock is held in (.*?) \(PID (\d+)\)/;

/**
 * Opens (creating when writable) the DuckDB database at `dbPath` and ensures the schema.
 * @throws DatabaseBusyError when another process holds the file; DatabaseMissingError when a
 *   read-only open finds no file.
 */
export async function openDatabase(dbPath: string = defaultDbPath(), options: { readOnly?: boolean } = {}): Promise<Db> {
  const readOnly = options.readOnly ?? false;
  if (dbPath !== ":memory:") {
    if (readOnly && !existsSync(dbPath)) throw new DatabaseMissingError(dbPath);
    mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (err) {
    const m = LOCK_RE.exec(String((err as Error).message));
    if (m) throw new DatabaseBusyError(dbPath, `PID ${m[2]}: ${m[1]}`);
    throw err;
  }
  const conn = await instance.connect();
  const db = wrap(dbPath, readOnly, instance, conn);
  if (!readOnly) {
    await ensureSchema(db);
  } else if (dbPath !== ":memory:" && (await storedVersion(db)) < SCHEMA_VERSION) {
    // Written by an earlier version: upgrade it once with a writable open, then read.
    db.close();
    (await openDatabase(dbPath)).close();
    return openDatabase(dbPath, options);
  }
  return db;
}

/** The schema version a database records (0 when it records none: created before `meta`, or empty). */
async function storedVersion(db: Db): Promise<number> {
  const has = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`);
  if (!has[0].n) return 0;
  const rows = await db.all<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'schema_version'`);
  return rows.length ? Number(rows[0].value) : 0;
}

/**
 * Creates what is missing of the schema and upgrades a database of an earlier version
 * (`MIGRATIONS` above its stored version), in one transaction, then records `SCHEMA_VERSION`.
 */
async function ensureSchema(db: Db): Promise<void> {
  await db.transaction(async () => {
    const fresh = (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`))[0].n === 0;
    for (const ddl of SCHEMA_SQL) await db.run(ddl);
    const from = fresh ? SCHEMA_VERSION : await storedVersion(db);
    for (let v = Math.max(from, 1) + 1; v <= SCHEMA_VERSION; v++) for (const q of MIGRATIONS[v] ?? []) await db.run(q);
    await db.run(sql`INSERT OR REPLACE INTO meta VALUES ('schema_version', ${String(SCHEMA_VERSION)})`);
  });
}

function bind(params: readonly SqlValue[]): unknown[] | undefined {
  return params.length ? params.map((p) => (Array.isArray(p) ? listValue([...p]) : p)) : undefined;
}

function wrap(dbPath: string, readOnly: boolean, instance: DuckDBInstance, conn: DuckDBConnection): Db {
  let inTransaction = false;
  const db: Db = {
    path: dbPath,
    readOnly,
    async run(q) {
      await conn.run(q.text, bind(q.params) as never);
    },
    async all<T>(q: Sql) {
      const reader = await conn.runAndReadAll(q.text, bind(q.params) as never);
      return reader.convertRowObjects(rowValue) as unknown as T[];
    },
    async transaction(fn) {
      if (inTransaction) return fn();
      await conn.run("BEGIN TRANSACTION");
      inTransaction = true;
      try {
        const result = await fn();
        await conn.run("COMMIT");
        return result;
      } catch (err) {
        await conn.run("ROLLBACK");
        throw err;
      } finally {
        inTransaction = false;
      }
    },
    async appender(table) {
      const a = await conn.createAppender(table);
      return {
        row(cells) {
          for (const c of cells) {
            if (c === null) a.appendNull();
            else if (typeof c === "number") a.appendDouble(c);
            else if (typeof c === "boolean") a.appendBoolean(c);
            else a.appendVarchar(c);
          }
          a.endRow();
        },
        close() {
          a.closeSync();
        },
      };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return db;
}
