/**
 * What a command needs to know about the database before opening it: its default path and the
 * errors an open throws. Apart from connection.ts so the CLI can name them without loading
 * DuckDB's native module (`iln --help` never opens a database).
 */

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

/** Thrown when a read-only open (or one with `create: false`) finds no database file. */
export class DatabaseMissingError extends Error {
  constructor(readonly dbPath: string) {
    super(`no database at ${dbPath}: run \`iln ingest\` (or \`npm start\` for the demo) first`);
    this.name = "DatabaseMissingError";
  }
}

/**
 * Thrown when the database path names something that is not a DuckDB database: a folder, a pipe,
 * a SQLite file, a CSV, random bytes. A usage error of the path (the CLI exits 2); DuckDB is never
 * asked to open it, so it never tries to fetch an extension to read it.
 */
export class DatabaseInvalidError extends Error {
  constructor(readonly dbPath: string, readonly what: string) {
    super(`${dbPath} is not a DuckDB database (${what}): check --db / ILN_DB, or restore the database from a backup`);
    this.name = "DatabaseInvalidError";
  }
}
