/** Exit codes of every `iln` command (docs/README.md). */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;
