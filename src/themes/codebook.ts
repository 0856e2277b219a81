/**
 * The codebook of survey-comment themes (docs/themes.md): its zod schema, the default file
 * (`codebook.yaml` beside this module, which a coordinator can read and edit) and loading a
 * codebook from YAML or JSON with located errors.
 *
 * YAML because a coordinator edits it by hand: comments explain the rule syntax in the file itself,
 * and lists of phrases need no quotes or brackets. JSON is YAML too, so a `.json` codebook loads
 * the same way.
 */
import { fileURLToPath } from "node:url";
import path from "node:path";
import { LineCounter, isNode, parseDocument } from "yaml";
import { z } from "zod";
import { readInputText } from "../db/input-file";
import { InputError, type Problem } from "../domain/errors";

/** The theme ids every codebook must define (docs/themes.md), in display order. */
export const THEME_IDS = [
  "international_perspective",
  "new_ideas",
  "confidence",
  "motivation",
  "connection",
  "gratitude",
  "communication_barrier",
  "partner_unresponsive",
  "time_pressure",
  "suggestion",
  "negative_experience",
] as const;

const Phrase = z.string().trim().min(1, "a phrase may not be empty").max(200, "a phrase is at most 200 characters");
const Word = z.string().trim().min(1).regex(/^\S+$/, "one word, no spaces");

/** A rule that codes a theme only when its phrase is negated ("never replied"). */
export const NegatedRule = z.strictObject({
  /** Phrases that code the theme when a negation cue precedes them. */
  phrases: z.array(Phrase).min(1),
  /** When given, one of these words (form or lemma) must come before the negation cue in the same clause: who did not do it. */
  near: z.array(Word).optional(),
});

/** One theme of the codebook. */
export const Theme = z.strictObject({
  /** Identifier used in output (snake_case). */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "a theme id is lower-case letters, digits and underscores"),
  /** Short display label. */
  label: z.string().trim().min(1),
  /** What the theme means: the definition a human coder labels by. */
  definition: z.string().trim().min(1),
  /** Example comments (made up or paraphrased, never real quotes). */
  examples: z.array(z.string().trim().min(1)).min(1),
  /** Phrases that code the theme when they occur not negated. */
  phrases: z.array(Phrase).min(1),
  /** Rules that code the theme only when negated. */
  negated: z.array(NegatedRule).optional(),
});
/** One theme of the codebook. */
export type Theme = z.infer<typeof Theme>;

/** A whole codebook. */
export const Codebook = z
  .strictObject({
    version: z.literal(1),
    negation: z.strictObject({
      /** Negation cues, as words (lemmas): a cue within `window` words before a phrase negates it. */
      cues: z.array(Word).min(1),
      /** How many words before a phrase are searched for a cue (1..10). */
      window: z.number().int().min(1).max(10),
      /** Words across which a negation does not reach ("but", "although"). */
      breaks: z.array(Word).default([]),
    }),
    themes: z.array(Theme).min(1),
  })
  .superRefine((cb, ctx) => {
    const seen = new Set<string>();
    cb.themes.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: ["themes", i, "id"], message: `theme ${JSON.stringify(t.id)} is defined twice` });
      seen.add(t.id);
    });
    for (const id of THEME_IDS) {
      if (!seen.has(id)) ctx.addIssue({ code: "custom", path: ["themes"], message: `the codebook must define theme ${JSON.stringify(id)}` });
    }
  });
/** A whole codebook. */
export type Codebook = z.infer<typeof Codebook>;

/** Path of the default codebook shipped with the toolkit. */
export const DEFAULT_CODEBOOK_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "codebook.yaml");

/** A YAML error as one line; the package's words for an alias bomb or deep nesting made plain. */
function yamlMessage(message: string): string {
  if (/Excessive alias count/i.test(message)) return "not valid YAML for a codebook: its aliases (*name) expand to too much (an alias bomb?); write the lists out";
  if (/Maximum call stack size exceeded|too much recursion/i.test(message)) return "not valid YAML for a codebook: it is too deeply nested";
  return `not valid YAML: ${message.split("\n")[0]}`;
}

/**
 * Parses and validates a codebook from YAML (or JSON) text.
 * @param file the name used in error messages.
 * @returns the codebook, themes in file order.
 * @throws {InputError} with one `FILE:LINE:PATH: message` problem per syntax or schema error
 *   (LINE is the line of the offending value, PATH the dotted path such as `themes.3.phrases`),
 *   and for aliases that expand to too much or nesting too deep to read (LINE 0).
 */
export function parseCodebook(text: string, file: string): Codebook {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new InputError(doc.errors.map((e) => ({ file, row: e.linePos?.[0].line ?? 0, column: "*", message: yamlMessage(e.message) })));
  }
  let value: unknown;
  try {
    // maxAliasCount bounds what aliases may expand to (the yaml package's default, stated here).
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: yamlMessage((err as Error).message) }]);
  }
  const res = Codebook.safeParse(value);
  if (res.success) return res.data;
  const problems: Problem[] = res.error.issues.map((issue) => {
    const at = issue.path.length ? doc.getIn(issue.path as (string | number)[], true) : doc.contents;
    const offset = isNode(at) && at.range ? at.range[0] : undefined;
    return {
      file,
      row: offset === undefined ? 0 : lines.linePos(offset).line,
      column: issue.path.map(String).join(".") || "*",
      message: issue.message,
    };
  });
  throw new InputError(problems);
}

/**
 * Reads a codebook file (YAML or JSON); the default one when `file` is omitted.
 * @throws {InputError} when the file cannot be read, is not a regular file, is over 64 MiB
 *   (`readInputText`), or is not a valid codebook (see {@link parseCodebook}).
 */
export function loadCodebook(file: string = DEFAULT_CODEBOOK_PATH): Codebook {
  return parseCodebook(readInputText(file, { what: "the codebook" }), file);
}
