/**
 * Exit codes of every `iln` command (docs/README.md): 0 done; 1 input rejected or the database
 * busy, nothing written; 2 wrong usage (including an output path that cannot be written and a
 * round the database does not hold); 3 an internal error (a bug, to be reported).
 */
export const EXIT = { ok: 0, rejected: 1, usage: 2, internal: 3 } as const;
