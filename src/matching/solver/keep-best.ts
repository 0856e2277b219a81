/**
 * Bounded top lists in flat typed arrays, for candidate and pricing passes.
 *
 * Pure TypeScript, no Node imports.
 */

/**
 * Keeps the `len` largest offers of slot `base..base+len` in `keys` (descending) with their ids
 * in `ids`: inserts offer `id` with value `x` when it beats the smallest kept value (ties keep the
 * earlier offer). O(len).
 */
export function keepBest(ids: Int32Array, keys: Float64Array, base: number, len: number, id: number, x: number): void {
  if (!(x > keys[base + len - 1])) return;
  let s = base + len - 1;
  while (s > base && keys[s - 1] < x) {
    keys[s] = keys[s - 1];
    ids[s] = ids[s - 1];
    s--;
  }
  keys[s] = x;
  ids[s] = id;
}
