/**
 * `round.json`: a round's identity and dates (docs/formats.md).
 */
import { z } from "zod";

const isoDate = z.iso.date({ error: "expected a date as YYYY-MM-DD" });

/**
 * Characters a round name may not hold: control characters (a vertical tab made the slide deck's
 * XML unreadable), bidirectional overrides and isolates (they make a name display as other text)
 * and lone surrogates.
 */
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

export const RoundFile = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "expected letters, digits, '.', '_' or '-'"),
    name: z
      .string()
      .min(1)
      .max(200, "a round name of more than 200 characters; shorten it")
      .superRefine((n, ctx) => {
        const bad = n.match(UNSAFE_NAME)?.[0];
        if (bad) ctx.addIssue({ code: "custom", message: `the name holds a control or text-direction character (U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}); remove it` });
      }),
    start: isoDate,
    end: isoDate,
    // Only a marker written by `iln demo` can make a round synthetic (src/privacy/synthetic.ts,
    // verified by loaders/synthetic.ts); `true` is accepted but ignored with a warning.
    synthetic: z.union([z.boolean(), z.object({ generator: z.string(), files: z.record(z.string(), z.string()), signature: z.string() })]).optional(),
  })
  .refine((r) => r.start <= r.end, { message: "start is after end", path: ["end"] });

export type RoundFile = z.infer<typeof RoundFile>;
