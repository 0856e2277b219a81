/**
 * `round.json`: a round's identity and dates (docs/formats.md).
 */
import { z } from "zod";

const isoDate = z.iso.date({ error: "expected a date as YYYY-MM-DD" });

export const RoundFile = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "expected letters, digits, '.', '_' or '-'"),
    name: z.string().min(1),
    start: isoDate,
    end: isoDate,
    // Only a marker written by `iln demo` can make a round synthetic (src/privacy/synthetic.ts,
    // verified by loaders/synthetic.ts); `true` is accepted but ignored with a warning.
    synthetic: z.union([z.boolean(), z.object({ generator: z.string(), files: z.record(z.string(), z.string()), signature: z.string() })]).optional(),
  })
  .refine((r) => r.start <= r.end, { message: "start is after end", path: ["end"] });

export type RoundFile = z.infer<typeof RoundFile>;
