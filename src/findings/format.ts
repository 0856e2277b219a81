/**
 * How a finding says a number aloud: shares as whole percentages, intervals as "83–88%", counts
 * with thousands separators, and the "n = 774, 95% CI 83–88%" parenthesis a coordinator reads out
 * (docs/README.md, "Dashboards"). Pure; no Node. The dashboards (through the bundle of
 * scripts/bundle-matcher.ts) and the slide deck use the same functions, so a page and its slide
 * say the same thing.
 */

/** A 95% interval as [low, high], shares 0..1. */
export type Interval = readonly [number, number];

/**
 * A share 0..1 as a whole percentage ("86%"), `digits` decimals when given; "–" when missing.
 * Rounds half away from zero as `toFixed` does.
 */
export function pct(share: number | null | undefined, digits = 0): string {
  return share == null || !Number.isFinite(share) ? "–" : `${(share * 100).toFixed(digits)}%`;
}

/**
 * An interval as "83–88%" (one % sign, en dash); "" when missing. When both ends round to the
 * same whole percentage a decimal is added, so an interval never reads "86–86%".
 */
export function range(ci: Interval | null | undefined): string {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return "";
  let d = 0;
  while (d < 2 && (ci[0] * 100).toFixed(d) === (ci[1] * 100).toFixed(d) && ci[0] !== ci[1]) d++;
  return `${(ci[0] * 100).toFixed(d)}–${(ci[1] * 100).toFixed(d)}%`;
}

/**
 * A count with thousands separators ("1,458"); "a hidden number of" when suppressed (null), which
 * is true whether it was small or hidden beside a small one so that it cannot be worked out ("fewer
 * than 5" was false for the second: a round of 12 read "matched fewer than 5 people"); "–" when
 * undefined. `_min` is kept for callers that pass the minimum cell.
 */
export function count(n: number | null | undefined, _min = 5): string {
  if (n === undefined || (n !== null && !Number.isFinite(n))) return "–";
  return n === null ? "a hidden number of" : Math.round(n).toLocaleString("en-GB");
}

/**
 * The parenthesis that goes with a share: "(n = 774, 95% CI 83–88%)", or "(n = 774)" without an
 * interval; "" when n is missing too.
 */
export function basis(n: number | null | undefined, ci?: Interval | null): string {
  const parts = [n != null && Number.isFinite(n) ? `n = ${count(n)}` : "", ci ? `95% CI ${range(ci)}` : ""].filter(Boolean);
  return parts.length ? `(${parts.join(", ")})` : "";
}

/** "86% (n = 774, 95% CI 83–88%)": a share with its basis. "–" when the share is missing. */
export function shareWithBasis(share: number | null | undefined, n: number | null | undefined, ci?: Interval | null): string {
  if (share == null || !Number.isFinite(share)) return "–";
  const b = basis(n, ci);
  return b ? `${pct(share)} ${b}` : pct(share);
}

/** A signed change in percentage points: "+3.0 points", "−1.5 points" (true minus sign). */
export function points(diff: number | null | undefined, digits = 1): string {
  if (diff == null || !Number.isFinite(diff)) return "–";
  const v = (diff * 100).toFixed(digits);
  return `${diff > 0 ? "+" : diff < 0 ? "−" : ""}${v.replace("-", "")} points`;
}

/** Joins words as a list: "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
