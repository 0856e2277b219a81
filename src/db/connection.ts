/**
 * The one module that opens the database. Everything else receives a `Db`.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { DuckDBInstance, DuckDBConnection, listValue } from "@duckdb/node-api";
import { fsyncDir, fsyncFile, makePrivate } from "./files";
import { rowValue } from "./rows";
import { MIGRATIONS, SCHEMA_SQL, SCHEMA_VERSION } from "./schema";
import { sql, type Sql, type SqlValue } from "./sql";
import { DatabaseBusyError, DatabaseInvalidError, DatabaseMissingError, defaultDbPath } from "./errors";

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
  /**
   * Rewrites the whole database into a new file and swaps it in for this one, then closes this
   * handle (docs/privacy.md, "Erasure"): a checkpoint, `COPY FROM DATABASE` into a fresh file
   * beside it (mode 0600), that file flushed to disk and renamed over the database while this
   * handle still holds the lock, the folder flushed. The new file holds only what the tables
   * hold now: nothing deleted or overwritten earlier survives in free blocks, as it does in the
   * old file (DuckDB reuses free blocks without zeroing them). The old file's bytes are
   * unlinked, not wiped: what the file system or backups keep of them is beyond this.
   * @throws Error for an in-memory database, inside a transaction, or from DuckDB or the file
   *   system, in which case the database file is unchanged and the temporary file removed.
   */
  rewriteAndClose(): Promise<void>;
  close(): void;
}

const LOCK_RE = /Conflicting lock is held in (.*?) \(PID (\d+)\)/;

function busyOrSame(err: unknown, dbPath: string): unknown {
  const m = LOCK_RE.exec(String((err as Error).message));
  return m ? new DatabaseBusyError(dbPath, `PID ${m[2]}: ${m[1]}`) : err;
}

/**
 * Owner-only files while a writable database is open: DuckDB creates the database file and,
 * on every first write after a checkpoint, its write-ahead log with the process's umask, so the
 * umask is narrowed to 077 while any writable database is open (and restored when the last one
 * closes); files created meanwhile by this process are owner-only too. In a worker thread the
 * umask cannot be changed: there the files are set to 0600 after opening, after each
 * transaction and on closing.
 */
let writers = 0;
let savedUmask: number | null = null;
function narrowUmask(): void {
  if (!isMainThread) return;
  if (writers++ === 0) savedUmask = process.umask(process.umask() | 0o077);
}
function restoreUmask(): void {
  if (!isMainThread) return;
  if (--writers === 0 && savedUmask !== null) {
    process.umask(savedUmask);
    savedUmask = null;
  }
}

/**
 * DuckDB settings of every instance this module creates: no extension is installed or loaded
 * behind the toolkit's back. With DuckDB's defaults, opening a file DuckDB recognises as another
 * engine's (a SQLite database) downloads and loads a native extension from the network. External
 * access (local files) stays on: the ingest reads its staged CSV files with `read_csv`, and the
 * snapshot and the rewrite attach files.
 */
export const DUCKDB_SETTINGS: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  allow_community_extensions: "false",
  allow_unsigned_extensions: "false",
};

/** DuckDB's magic, at byte 8 of every database file it writes (after the header's checksum). */
const DUCKDB_MAGIC = "DUCK";

/** Recognisable other file kinds, for the message of {@link DatabaseInvalidError}. */
function describeBytes(bytes: Buffer): string {
  const text = bytes.toString("latin1");
  if (text.startsWith("SQLite format 3")) return "it is a SQLite database";
  if (text.startsWith("PK\u0003\u0004")) return "it is a ZIP file (a workbook?)";
  if (bytes.length === 0) return "it is empty";
  return "its first bytes are not DuckDB's";
}

/**
 * Refuses a database path that exists but is not a DuckDB database file, before DuckDB opens it
 * (a folder, a pipe or device, a file without DuckDB's magic). A path that does not exist passes.
 * @throws DatabaseInvalidError naming the path and what it is.
 */
export function checkDatabaseFile(dbPath: string): void {
  if (dbPath === ":memory:" || !existsSync(dbPath)) return;
  let fd: number;
  try {
    fd = openSync(dbPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EISDIR") throw new DatabaseInvalidError(dbPath, "it is a folder");
    throw err;
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new DatabaseInvalidError(dbPath, "it is a folder");
    if (!st.isFile()) throw new DatabaseInvalidError(dbPath, "it is a pipe or device, not a file");
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n < 12 || head.subarray(8, 12).toString("latin1") !== DUCKDB_MAGIC) throw new DatabaseInvalidError(dbPath, describeBytes(head.subarray(0, n)));
  } finally {
    closeSync(fd);
  }
}

/** The files of a database on disk: the file and its write-ahead log. */
function databaseFiles(dbPath: string): string[] {
  return dbPath === ":memory:" ? [] : [dbPath, `${dbPath}.wal`];
}

/**
 * Opens the DuckDB database at `dbPath` and, when writable, ensures the schema. A writable open
 * creates the file (mode 0600, its folder too) unless `create` is false. The database file and
 * its write-ahead log are kept at mode 0600 (see above).
 * DuckDB runs with {@link DUCKDB_SETTINGS} (no extension is installed or loaded).
 * @throws DatabaseBusyError when another process holds the file; DatabaseMissingError when a
 *   read-only open, or one with `create: false`, finds no file (nothing is created then);
 *   DatabaseInvalidError when the path is not a DuckDB database file (`checkDatabaseFile`).
 */
export async function openDatabase(dbPath: string = defaultDbPath(), options: { readOnly?: boolean; create?: boolean } = {}): Promise<Db> {
  const readOnly = options.readOnly ?? false;
  if (dbPath !== ":memory:") {
    if ((readOnly || options.create === false) && !existsSync(dbPath)) throw new DatabaseMissingError(dbPath);
    checkDatabaseFile(dbPath);
    mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  }
  if (!readOnly) narrowUmask();
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, readOnly ? { ...DUCKDB_SETTINGS, access_mode: "READ_ONLY" } : { ...DUCKDB_SETTINGS });
  } catch (err) {
    if (!readOnly) restoreUmask();
    throw busyOrSame(err, dbPath);
  }
  const conn = await instance.connect();
  const db = wrap(dbPath, readOnly, instance, conn);
  if (!readOnly) {
    databaseFiles(dbPath).forEach(makePrivate);
    await ensureSchema(db);
  } else if (dbPath !== ":memory:" && (await storedVersion(db)) < SCHEMA_VERSION) {
    // Written by an earlier version: upgrade it once with a writable open, then read.
    db.close();
    (await openDatabase(dbPath)).close();
    return openDatabase(dbPath, options);
  }
  return db;
}

/** A file path as a SQL string literal, for the statements DuckDB cannot bind a parameter in (ATTACH). */
function pathLiteral(file: string): string {
  if (!path.isAbsolute(file) || /[\u0000-\u001f]/.test(file)) throw new Error(`not a plain absolute path: ${JSON.stringify(file)}`);
  return `'${file.replace(/'/g, "''")}'`;
}

/** A catalog name as a quoted SQL identifier (DuckDB names an attached file after its stem). */
function quotedName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A fresh temporary path beside `file`, on the same file system (so a rename swaps it in). */
function siblingTemp(file: string, what: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${what}-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/**
 * Copies the database at `src` into a new file `dest` (mode 0600) through `COPY FROM DATABASE`,
 * reading `src` read-only: while the copy runs no writer can hold `src`, so the copy is one
 * consistent state of it (its write-ahead log included). `dest` must not exist.
 * @throws DatabaseMissingError when `src` does not exist; DatabaseInvalidError when it is not a
 *   DuckDB database; DatabaseBusyError when a writer holds it; Error when `dest` exists or from DuckDB (then `dest` is removed).
 */
export async function snapshotDatabase(src: string, dest: string): Promise<void> {
  const from = path.resolve(src);
  const to = path.resolve(dest);
  if (!existsSync(from)) throw new DatabaseMissingError(src);
  checkDatabaseFile(from);
  if (existsSync(to)) throw new Error(`snapshot target ${to} already exists`);
  narrowUmask();
  const instance = await DuckDBInstance.create(":memory:", { ...DUCKDB_SETTINGS });
  const conn = await instance.connect();
  try {
    try {
      await conn.run(`ATTACH ${pathLiteral(from)} AS iln_source (READ_ONLY)`);
    } catch (err) {
      throw busyOrSame(err, src);
    }
    await conn.run(`ATTACH ${pathLiteral(to)} AS iln_snapshot`);
    await conn.run("COPY FROM DATABASE iln_source TO iln_snapshot");
    await conn.run("CHECKPOINT iln_snapshot");
    await conn.run("DETACH iln_snapshot");
    await conn.run("DETACH iln_source");
    makePrivate(to);
  } catch (err) {
    for (const f of databaseFiles(to)) rmSync(f, { force: true });
    throw err;
  } finally {
    conn.closeSync();
    instance.closeSync();
    restoreUmask();
  }
}

/** The schema version a database records (0 when it records none: created before `meta`, or empty). */
async function storedVersion(db: Db): Promise<number> {
  const has = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`);
  if (!has[0].n) return 0;
  const rows = await db.all<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'schema_version'`);
  return rows.length ? Number(rows[0].value) : 0;
}

/**
 * What `ensureSchema` records in `meta` as `schema_digest`: a digest of `SCHEMA_VERSION` and the
 * text of `SCHEMA_SQL`, so an open by the same code finds the schema as it would make it.
 */
const SCHEMA_DIGEST = createHash("sha256").update(`${SCHEMA_VERSION}\n${SCHEMA_SQL.map((q) => q.text).join(";\n")}`).digest("hex").slice(0, 32);

/** The tables and views `SCHEMA_SQL` creates, read off its statements. */
const SCHEMA_OBJECTS: readonly string[] = SCHEMA_SQL.map((q) => /^\s*CREATE (?:OR REPLACE )?(?:TABLE|VIEW)(?: IF NOT EXISTS)? (\w+)/i.exec(q.text)?.[1]).filter((n): n is string => n !== undefined);

/**
 * Whether the database holds the schema this code makes: its version and digest recorded, and
 * every table and view there. Reads only.
 */
async function schemaCurrent(db: Db): Promise<boolean> {
  const present = new Set((await db.all<{ name: string }>(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'`)).map((r) => r.name));
  if (!SCHEMA_OBJECTS.every((t) => present.has(t))) return false;
  const rows = await db.all<{ key: string; value: string }>(sql`SELECT key, value FROM meta WHERE key IN ('schema_version', 'schema_digest')`);
  const recorded = new Map(rows.map((r) => [r.key, r.value]));
  return recorded.get("schema_version") === String(SCHEMA_VERSION) && recorded.get("schema_digest") === SCHEMA_DIGEST;
}

/**
 * Creates what is missing of the schema and upgrades a database of an earlier version
 * (`MIGRATIONS` above its stored version), in one transaction, then records `SCHEMA_VERSION` and
 * the schema's digest. A database already holding this schema is left alone: nothing is written,
 * so a writable open that then writes nothing (a rejected ingest) leaves the file's bytes as they
 * were (a committed transaction, even of the same rows, would be checkpointed into it on close).
 */
async function ensureSchema(db: Db): Promise<void> {
  if (await schemaCurrent(db)) return;
  await db.transaction(async () => {
    const fresh = (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`))[0].n === 0;
    for (const ddl of SCHEMA_SQL) await db.run(ddl);
    const from = fresh ? SCHEMA_VERSION : await storedVersion(db);
    for (let v = Math.max(from, 1) + 1; v <= SCHEMA_VERSION; v++) for (const q of MIGRATIONS[v] ?? []) await db.run(q);
    await db.run(sql`INSERT OR REPLACE INTO meta VALUES ('schema_version', ${String(SCHEMA_VERSION)})`);
    await db.run(sql`INSERT OR REPLACE INTO meta VALUES ('schema_digest', ${SCHEMA_DIGEST})`);
  });
}

function bind(params: readonly SqlValue[]): unknown[] | undefined {
  return params.length ? params.map((p) => (Array.isArray(p) ? listValue([...p]) : p)) : undefined;
}

function wrap(dbPath: string, readOnly: boolean, instance: DuckDBInstance, conn: DuckDBConnection): Db {
  let inTransaction = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    conn.closeSync();
    instance.closeSync();
    if (!readOnly) {
      databaseFiles(dbPath).forEach(makePrivate);
      restoreUmask();
    }
  };
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
        if (!isMainThread) databaseFiles(dbPath).forEach(makePrivate);
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
    async rewriteAndClose() {
      if (dbPath === ":memory:" || readOnly) throw new Error("only a writable database file can be rewritten");
      if (inTransaction) throw new Error("cannot rewrite the database inside a transaction");
      const file = path.resolve(dbPath);
      const temp = siblingTemp(file, "rewrite");
      try {
        await conn.run("CHECKPOINT");
        const [{ name }] = (await conn.runAndReadAll("SELECT current_database() AS name")).getRowObjectsJS() as { name: string }[];
        await conn.run(`ATTACH ${pathLiteral(temp)} AS iln_rewrite`);
        await conn.run(`COPY FROM DATABASE ${quotedName(name)} TO iln_rewrite`);
        await conn.run("CHECKPOINT iln_rewrite");
        await conn.run("DETACH iln_rewrite");
        if (existsSync(`${temp}.wal`)) throw new Error(`the rewritten database ${temp} kept a write-ahead log`);
        if (existsSync(`${file}.wal`)) throw new Error(`${file}.wal is still there after a checkpoint`);
        makePrivate(temp);
        fsyncFile(temp);
        renameSync(temp, file);
        fsyncDir(path.dirname(file));
      } catch (err) {
        for (const f of databaseFiles(temp)) rmSync(f, { force: true });
        throw err;
      } finally {
        close();
      }
    },
    close,
  };
  return db;
}
