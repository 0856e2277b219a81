/**
 * Exit codes of every `iln` command, as README.md ("The `iln` command") and docs/README.md state
 * them: 0 done; 1 input rejected, the database busy, or its pseudonym key missing, damaged or not
 * its own: nothing written; 2 wrong usage: an unknown or missing option or argument, a round the
 * database does not hold (also the `--round` of one file to ingest), an output path that cannot be
 * written, a file the machine refuses, a database path that is not a DuckDB database; 3 an
 * internal error (a bug, to be reported).
 */
export const EXIT = { ok: 0, rejected: 1, usage: 2, internal: 3 } as const;
