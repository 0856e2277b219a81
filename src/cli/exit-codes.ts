/** Exit codes of every `iln` command (DESIGN section 6). */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;
