/**
 * Bounded "best k" lists in flat typed arrays, for the candidate and pricing passes: vertex v owns
 * the slot `v * len .. v * len + len` of `keys` (values) and `ids` (what they belong to).
 *
 * During a pass each slot is a min-heap padded with -Infinity, so an offer that beats the
 * smallest kept value costs O(log len) and `thr[v]` (the slot's minimum, kept in a compact array)
 * is what hot loops compare against. {@link sortSlots} then orders every slot, best first.
 *
 * Pure TypeScript, no Node imports.
 */

/** `thr[v]` = smallest kept value of v's slot of width `len`. */
export function thresholds(keys: Float64Array, n: number, len: number): Float64Array {
  const thr = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let m = Infinity;
    for (let s = v * len; s < v * len + len; s++) if (keys[s] < m) m = keys[s];
    thr[v] = m;
  }
  return thr;
}

/**
 * Offers `id` with value `x` to vertex v's slot (a min-heap, see the module comment): when x
 * beats the slot's minimum it replaces it. Keeps `thr[v]` current. O(log len).
 */
export function offer(ids: Int32Array, keys: Float64Array, thr: Float64Array, v: number, len: number, id: number, x: number): void {
  const base = v * len;
  if (!(x > keys[base])) return;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= len) break;
    if (c + 1 < len && keys[base + c + 1] < keys[base + c]) c++;
    if (keys[base + c] >= x) break;
    keys[base + i] = keys[base + c];
    ids[base + i] = ids[base + c];
    i = c;
  }
  keys[base + i] = x;
  ids[base + i] = id;
  thr[v] = keys[base];
}

/**
 * Makes every slot a min-heap (needed before {@link offer} when the slots were not filled by it;
 * slots of -Infinity and ids -1 already are) and returns the thresholds.
 */
export function heapify(ids: Int32Array, keys: Float64Array, n: number, len: number): Float64Array {
  for (let v = 0; v < n; v++) {
    const base = v * len;
    for (let i = (len >> 1) - 1; i >= 0; i--) {
      const x = keys[base + i];
      const id = ids[base + i];
      let j = i;
      for (;;) {
        let c = 2 * j + 1;
        if (c >= len) break;
        if (c + 1 < len && keys[base + c + 1] < keys[base + c]) c++;
        if (keys[base + c] >= x) break;
        keys[base + j] = keys[base + c];
        ids[base + j] = ids[base + c];
        j = c;
      }
      keys[base + j] = x;
      ids[base + j] = id;
    }
  }
  return thresholds(keys, n, len);
}

/**
 * Sorts every slot by value, best first, equal values by id (-Infinity padding, id -1, last):
 * heapsort on the slot's min-heap (made one first), then an insertion pass that orders ties,
 * all in place without comparator calls. O(n len log len).
 */
export function sortSlots(ids: Int32Array, keys: Float64Array, n: number, len: number): void {
  heapify(ids, keys, n, len);
  for (let v = 0; v < n; v++) {
    const base = v * len;
    // Move the minimum behind the shrinking heap: the slot ends up in decreasing order.
    for (let end = len - 1; end > 0; end--) {
      const k = keys[base + end];
      const id = ids[base + end];
      keys[base + end] = keys[base];
      ids[base + end] = ids[base];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= end) break;
        if (c + 1 < end && keys[base + c + 1] < keys[base + c]) c++;
        if (keys[base + c] >= k) break;
        keys[base + i] = keys[base + c];
        ids[base + i] = ids[base + c];
        i = c;
      }
      keys[base + i] = k;
      ids[base + i] = id;
    }
    // Equal values by increasing id.
    for (let r = base + 1; r < base + len; r++) {
      const k = keys[r];
      const id = ids[r];
      let s = r - 1;
      while (s >= base && keys[s] === k && ids[s] > id) {
        keys[s + 1] = keys[s];
        ids[s + 1] = ids[s];
        s--;
      }
      keys[s + 1] = k;
      ids[s + 1] = id;
    }
  }
}

/**
 * The pair statistics of a scan that kept each vertex's `len` heaviest pairs in `ids` (slots
 * `v * len ...`, -1 for an empty slot): the weights' range and integrality as the scan found
 * them, and how many vertices have at least one allowed pair (a kept one).
 */
export function pairStats(ids: Int32Array, n: number, len: number, minW: number, maxW: number, allInt: boolean): { maxAbs: number; minW: number; maxW: number; allInt: boolean; nonIsolated: number } {
  let nonIsolated = 0;
  for (let v = 0; v < n; v++) {
    for (let s = v * len; s < v * len + len; s++) {
      if (ids[s] >= 0) {
        nonIsolated++;
        break;
      }
    }
  }
  const maxAbs = maxW >= minW ? Math.max(Math.abs(minW), Math.abs(maxW)) : 0;
  return { maxAbs, minW, maxW, allInt, nonIsolated };
}
