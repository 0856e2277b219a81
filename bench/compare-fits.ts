/**
 * `npx tsx bench/compare-fits.ts BEFORE.json AFTER.json`: compares two dumps of the left-out fits
 * (`bench/fits.ts --dump`), e.g. before and after a change to the fitting code: per round the
 * chosen penalties and the fitted weights (as a weights file rounds them, to 1e-6) must be equal;
 * it also reports whether the full-precision estimates and fold scores are bit-identical, and the
 * largest relative difference if not. Exit 1 when a penalty or a weight differs.
 */
import { readFileSync } from "node:fs";

interface Dump {
  rounds: { round: string; penalty: unknown; utility: unknown; completion: [string, number, number][] | null }[];
  folds: Record<string, { total: number; count: number } | null>;
}
const [a, b] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, "utf8")) as Dump);
if (!a || !b) {
  console.error("usage: npx tsx bench/compare-fits.ts BEFORE.json AFTER.json");
  process.exit(2);
}
let maxRel = 0;
let identical = true;
const rel = (x: number, y: number) => (Object.is(x, y) ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
const walk = (x: unknown, y: unknown): void => {
  if (typeof x === "number" && typeof y === "number") {
    if (!Object.is(x, y)) identical = false;
    maxRel = Math.max(maxRel, rel(x, y));
  } else if (x && typeof x === "object" && y && typeof y === "object") {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]);
  } else if (x !== y) identical = false;
};
const byRound = new Map(b.rounds.map((r) => [r.round, r]));
let bad = 0;
for (const r of a.rounds) {
  const s = byRound.get(r.round);
  const pen = JSON.stringify(r.penalty) === JSON.stringify(s?.penalty);
  const w = JSON.stringify(r.utility) === JSON.stringify(s?.utility);
  if (!pen || !w) {
    bad++;
    console.log(`${r.round}: ${pen ? "" : "penalty differs "}${w ? "" : "weights differ"}`);
  }
  walk(r.completion, s?.completion);
}
// fold scores: those both runs computed
const common = Object.keys(a.folds).filter((k) => k in b.folds);
for (const k of common) walk(a.folds[k], b.folds[k]);
console.log(`${a.rounds.length} left-out fits: ${bad === 0 ? "penalties and weights identical" : `${bad} differ`}; estimates and the ${common.length} fold scores of both (of ${Object.keys(a.folds).length} and ${Object.keys(b.folds).length}) ${identical ? "bit-identical" : `not bit-identical (largest relative difference ${maxRel.toExponential(2)})`}`);
process.exit(bad === 0 && a.rounds.length === b.rounds.length ? 0 : 1);
