/**
 * How the dashboards publish a share (docs/privacy.md): pure functions the data loaders call (the
 * network page's shares, the satisfaction page's bands); the pages only format what they get.
 *
 * Rules (the minimum cell size `min` comes from `minCellSize()`, default 5):
 * - a count of people (or partnerships) between 1 and min-1 is published as `null`;
 * - a share is published only when its base n >= min and neither the count it stands for nor
 *   its complement (n - count) is a small cell, since with n either would give the small count
 *   back; its interval goes with it;
 * - a share the rule (or dominance) hides may be published as a band instead (`codedShare`).
 */
import type { Interval, Proportion } from "../../../src/metrics";
import { dominated, shareAllowed, suppressCount } from "../../../src/privacy/suppress";

/** A published share: `n` may be null (small), `share`/`ci`/`count` null when suppressed. */
export interface PublishedShare {
  n: number | null;
  count: number | null;
  share: number | null;
  ci: Interval | null;
}

const small = (c: number, min: number): boolean => c > 0 && c < min;

/**
 * A share of `count` out of `n` when publishable (see the module rules), else nulls.
 * @throws RangeError when `min` < 1 or a count is negative.
 */
export function publishShare(p: Proportion, min: number): PublishedShare {
  const ok = shareAllowed(p.count, p.n, min) && p.share !== null;
  return { n: suppressCount(p.n, min), count: ok ? p.count : null, share: ok ? p.share : null, ci: ok ? p.ci : null };
}

/**
 * A share whose count or complement is a small cell, or a share of 0% or 100% of fewer than
 * 2 × min (src/privacy/suppress.ts `dominated`), published as a band instead of being hidden
 * (top- and bottom-coding, docs/privacy.md): "`value` or more" when the complement n − count is
 * 1..min−1 (or 0), "below `value`" when the count is. The bound lies on a 5-point grid and is chosen so
 * that every small count (0..min−1) falls inside the band, so the band says no more than
 * "a small cell" does, and no interval is published with it (its ends would give the count back).
 * Needs n >= min (the base itself is published).
 * @returns the band, or null when the share is publishable as it is, n < min, or n = 0.
 */
export function codedShare(count: number, n: number, min: number): { bound: "at_least" | "below"; value: number } | null {
  if (n < min || n === 0) return null;
  const c = n - count;
  // A share of 100% (0%) of fewer than 2 × min answers is coded too (dominance): its band holds
  // every small complement (count), so it no longer says that every member answered alike.
  const dominant = dominated(count, n, min);
  if (small(c, min) || (dominant && c === 0)) return { bound: "at_least", value: Math.floor(((n - (min - 1)) / n) * 20) / 20 };
  if (small(count, min) || (dominant && count === 0)) return { bound: "below", value: (Math.floor(((min - 1) / n) * 20) + 1) / 20 };
  return null;
}
