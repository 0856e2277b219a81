/**
 * The real labelled comments (test/fixtures/themes, sources in its SOURCES.md) and their fixed
 * development / held-out split.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashString } from "../../src/demo/random";
import { THEME_IDS } from "../../src/themes/codebook";
import { readCoding, readComments } from "../../src/themes/csv";

export const REAL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/themes");

/**
 * Which part of the 60/40 split a comment id belongs to: FNV-1a hash of `split:<id>` (seed
 * string fixed once, before any rule was evaluated) modulo 100, below 60 = development.
 */
export function splitOf(id: string): "dev" | "heldout" {
  return hashString(`split:${id}`) % 100 < 60 ? "dev" : "heldout";
}

/** The comments and the hand-coded labels. */
export function realSet(): { comments: { id: string; text: string }[]; labels: Map<string, string[]> } {
  return {
    comments: readComments(path.join(REAL_DIR, "real-comments.csv")),
    labels: readCoding(path.join(REAL_DIR, "real-labels.csv"), THEME_IDS),
  };
}
