/**
 * Small-cell suppression for published aggregates (docs/privacy.md): no published breakdown
 * shows a cell of fewer than `min` people (default 5, env `ILN_MIN_CELL`). Pure functions: the
 * dashboards' data loaders apply them before anything is written to a page.
 *
 * Conventions: a count of 0 is not disclosive and is kept; a count of 1..min-1 is suppressed
 * (`null`); a share or mean computed from fewer than `min` people is suppressed too, since with
 * its base it would reveal the small count.
 */

/** Default minimum cell size. */
export const DEFAULT_MIN_CELL = 5;

/**
 * The minimum cell size: `ILN_MIN_CELL` from `env` when set, else 5. Only a whole number written
 * in decimal digits (surrounding spaces aside) is accepted: `0x10`, `1e1`, `5.0` and `abc` are not.
 * @throws RangeError naming the variable when `ILN_MIN_CELL` is set but is not a decimal integer >= 1
 *   (the CLI reports it as a usage error, src/cli/context.ts `checkMinCell`).
 */
export function minCellSize(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.ILN_MIN_CELL;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MIN_CELL;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`ILN_MIN_CELL must be a whole number of at least 1 written in digits (default ${DEFAULT_MIN_CELL}), got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * A count of people, or `null` when it is between 1 and `min - 1` (a small cell).
 * @throws RangeError when `count` is negative or not an integer, or `min` < 1.
 */
export function suppressCount(count: number, min: number): number | null {
  checkMin(min);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a non-negative integer, got ${count}`);
  return count > 0 && count < min ? null : count;
}

/** True when a statistic computed from `n` people may be published (`n` >= `min`). */
export function publishable(n: number, min: number): boolean {
  checkMin(min);
  return n >= min;
}

/**
 * The share rule: a share of `count` out of `n` may be published when `n` >= `min` and neither
 * `count` nor `n - count` is a small cell (1..min-1), since with `n` either would give the small
 * count back.
 * @throws RangeError when `min` < 1.
 */
export function shareAllowed(count: number, n: number, min: number): boolean {
  checkMin(min);
  const small = (c: number) => c > 0 && c < min;
  return n >= min && !small(count) && !small(n - count);
}

/**
 * Dominance: in a group of fewer than `2 × min` people, a share of 0% or 100% (the only ones the
 * share rule lets through there) says what every member answered, so anyone who knows one member
 * learns their answer. True when `count` is 0 or `n` and `0 < n < 2 × min`.
 */
export function dominated(count: number, n: number, min: number): boolean {
  return n > 0 && n < 2 * min && (count === 0 || count === n);
}

/**
 * The share rule for people's answers (survey answers, whether they answered): {@link shareAllowed}
 * and not {@link dominated}.
 * @throws RangeError when `min` < 1.
 */
export function answerShareAllowed(count: number, n: number, min: number): boolean {
  return shareAllowed(count, n, min) && !dominated(count, n, min);
}

/**
 * Whether a mean of `n` answers on the scale `low..high` (their total `sum`) may be published:
 * `n` >= `min`, and, in a group of fewer than `2 × min`, the total is more than one point from
 * either end of the scale (a mean at an end says what every member answered; one point from it,
 * all but one, and the one who answered differently learns everyone else's answer).
 * @throws RangeError when `min` < 1.
 */
export function meanAllowed(sum: number, n: number, min: number, low = 1, high = 5): boolean {
  checkMin(min);
  if (n < min) return false;
  if (n >= 2 * min) return true;
  const eps = 1e-9;
  return sum - low * n > 1 + eps && high * n - sum > 1 + eps;
}

/**
 * Returns `value` when its base `n` is at least `min`, else `null` (for shares, means and
 * intervals computed from `n` people).
 * @throws RangeError when `min` < 1.
 */
export function suppressStat<T>(value: T, n: number, min: number): T | null {
  return publishable(n, min) ? value : null;
}

/** One row of a breakdown after {@link mergeSmallCells}. */
export type MergedRow<T> = T & { merged?: number };

/**
 * Merges the small cells of a breakdown into one "other" row: every row whose `count` is 1..min-1
 * goes into the other row; while the other row is itself below `min` (and rows remain), the next
 * smallest row joins it, so no small count can be recovered by subtracting the rest from the
 * total. When even everything merged stays below `min`, the other row's count is `null`.
 * Rows with count 0 are kept as they are. Order: kept rows in input order, then the other row
 * (absent when nothing was merged). `merged` on the other row counts the rows it holds.
 * @param rows the breakdown; not modified.
 * @param count reads a row's count of people.
 * @param makeOther builds the other row from the merged count (`null` when suppressed) and how
 *   many rows it holds.
 * @throws RangeError when a count is negative or not an integer, or `min` < 1.
 */
export function mergeSmallCells<T>(
  rows: readonly T[],
  count: (row: T) => number,
  min: number,
  makeOther: (count: number | null, merged: number) => T,
): MergedRow<T>[] {
  checkMin(min);
  const counts = rows.map((r) => {
    const c = count(r);
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`a count must be a non-negative integer, got ${c}`);
    return c;
  });
  const mergedIdx = new Set<number>();
  let total = 0;
  counts.forEach((c, i) => {
    if (c > 0 && c < min) {
      mergedIdx.add(i);
      total += c;
    }
  });
  if (mergedIdx.size === 0) return rows.slice() as MergedRow<T>[];
  const rest = counts
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => c > 0 && !mergedIdx.has(i))
    .sort((a, b) => a.c - b.c || a.i - b.i);
  while (total < min && rest.length > 0) {
    const next = rest.shift()!;
    mergedIdx.add(next.i);
    total += next.c;
  }
  const kept = rows.filter((_, i) => !mergedIdx.has(i)) as MergedRow<T>[];
  const other: MergedRow<T> = { ...makeOther(total >= min ? total : null, mergedIdx.size), merged: mergedIdx.size };
  return [...kept, other];
}

/**
 * Suppresses the small cells of a breakdown whose total is published elsewhere, keeping the
 * categories: counts of 1..min-1 become `null`; then, while the hidden cells sum to 1..min-1
 * (so the hidden total, hence a small count, could be recovered by subtraction), the smallest
 * remaining non-zero cell is hidden too (complementary suppression). Zeros stay.
 * @returns a new array, same order and length.
 * @throws RangeError when a count is negative or not an integer, or `min` < 1.
 */
export function suppressBreakdown(counts: readonly number[], min: number): (number | null)[] {
  const merged = mergeSmallCells(
    counts.map((c, i) => ({ i, c })),
    (r) => r.c,
    min,
    () => ({ i: -1, c: 0 }),
  );
  const kept = new Set(merged.filter((r) => r.i >= 0).map((r) => r.i));
  return counts.map((c, i) => (c === 0 || kept.has(i) ? c : null));
}

function checkMin(min: number): void {
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`the minimum cell size must be an integer >= 1, got ${min}`);
}
