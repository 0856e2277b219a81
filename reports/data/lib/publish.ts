/**
 * What the dashboards publish: metric outputs of `src/metrics` turned into aggregates that are
 * safe on the open web (docs/privacy.md). Pure functions; the data loaders call them, the
 * pages only format what they get.
 *
 * Rules (the minimum cell size `min` comes from `minCellSize()`, default 5):
 * - a count of people (or partnerships) between 1 and min-1 is published as `null`;
 * - a share is published only when its base n >= min and neither the count it stands for nor
 *   its complement (n - count) is a small cell, since with n either would give the small count
 *   back; its interval goes with it;
 * - a mean is published only when its n >= min;
 * - breakdowns (sectors, Likert answers) merge small cells with `mergeSmallCells`.
 */
import type { Interval, ItemSummary, Nps, Proportion, SurveyItem } from "../../../src/metrics";
import { dominated, mergeSmallCells, shareAllowed, suppressCount } from "../../../src/privacy/suppress";

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
 * A 1-5 item summary: n (null when small), mean when n >= min, top-2 share under the share rule.
 * An item the round's survey did not ask is published as such (`asked: false`, every figure null).
 */
export function publishSummary(item: ItemSummary | SurveyItem, min: number): Omit<ItemSummary, "n"> & { n: number | null; asked?: boolean } {
  if ("asked" in item && !item.asked) return item;
  const s = item as ItemSummary;
  const top = s.top2 === null ? 0 : Math.round(s.top2 * s.n);
  const shareOk = s.top2 !== null && shareAllowed(top, s.n, min);
  return {
    ...("asked" in item ? { asked: true } : {}),
    n: suppressCount(s.n, min) as number,
    mean: s.n >= min ? s.mean : null,
    top2: shareOk ? s.top2 : null,
    top2_ci: shareOk ? s.top2_ci : null,
  };
}

/** Net Promoter Score when at least `min` answered, else null. */
export function publishNps(nps: Nps | null, min: number): { n: number; score: number } | null {
  return nps && nps.n >= min ? { n: nps.n, score: nps.score } : null;
}

/**
 * A breakdown of people by category (sector, answer, reason) as rows in input order, small cells
 * merged into one row labelled `otherLabel` (its count null when even the merged cell is small).
 */
export function publishBreakdown(
  counts: readonly { key: string; count: number }[],
  min: number,
  otherLabel = "other (small groups merged)",
): { key: string; count: number | null; merged?: number }[] {
  return mergeSmallCells<{ key: string; count: number | null }>(
    counts.map((c) => ({ key: c.key, count: c.count })),
    (r) => r.count ?? 0,
    min,
    (count) => ({ key: otherLabel, count }),
  );
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

/** A 1-5 item summary of a segment: {@link publishSummary}, plus `top2_band` when the top-2 share is coded rather than hidden. */
export function publishSegmentSummary(s: ItemSummary, min: number): ReturnType<typeof publishSummary> & { top2_band: { bound: "at_least" | "below"; value: number } | null } {
  const top = s.top2 === null ? 0 : Math.round(s.top2 * s.n);
  const p = publishSummary(s, min);
  return { ...p, top2_band: p.top2 === null ? codedShare(top, s.n, min) : null };
}

/**
 * A share weighted for non-response, published under the rule of the respondents' share it
 * corrects (base, count and complement all >= min), else null; its effective n is rounded.
 */
export function publishWeighted(w: { share: number | null; ci: Interval | null; n_eff: number } | null, s: ItemSummary | SurveyItem, min: number): { share: number | null; ci: Interval | null; n_eff: number } | null {
  if (!w || w.share === null) return null;
  if (publishSummary(s, min).top2 === null) return null;
  return { share: w.share, ci: w.ci, n_eff: Math.round(w.n_eff) };
}

/**
 * Net Promoter Score with its delta-method interval and the promoter and detractor shares: the
 * score when at least `min` answered; the shares under the share rule; the score's interval only
 * when both shares are publishable (with the score, the interval's width gives both counts back).
 */
export function publishNpsFull(nps: Nps | null, min: number): { n: number; score: number; ci: Interval | null; promoters: PublishedShare; detractors: PublishedShare } | null {
  if (!nps || nps.n < min) return null;
  const count = (share: number) => Math.round(share * nps.n);
  const pro = publishShare({ n: nps.n, count: count(nps.promoters), share: nps.promoters, ci: nps.promoters_ci }, min);
  const det = publishShare({ n: nps.n, count: count(nps.detractors), share: nps.detractors, ci: nps.detractors_ci }, min);
  return { n: nps.n, score: nps.score, ci: pro.share !== null && det.share !== null ? nps.ci : null, promoters: pro, detractors: det };
}
