/**
 * Binary min-heap of (key, item) pairs over typed arrays, for the matching solver's event queue:
 * `key` a float64 (the dual-adjustment total at which an event fires), `item` an int32 (an event
 * code). No decrease-key and no delete: callers push a fresh entry when a key changes and skip
 * stale entries when they surface (lazy deletion), which keeps every operation a plain sift.
 *
 * Pure TypeScript, no Node imports.
 */
export class EventHeap {
  private keys: Float64Array;
  private items: Int32Array;
  /** Number of entries, stale ones included. */
  size = 0;

  /** @param capacity initial capacity (grows by doubling). */
  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.keys = new Float64Array(cap);
    this.items = new Int32Array(cap);
  }

  /** Adds an entry. O(log size). */
  push(key: number, item: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk <= key) break;
      keys[i] = pk;
      items[i] = items[parent];
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** Smallest key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0];
  }

  /** Item of the smallest key (the heap must not be empty). */
  topItem(): number {
    return this.items[0];
  }

  /** Removes the smallest entry (the heap must not be empty). O(log size). */
  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const keys = this.keys;
    const items = this.items;
    const key = keys[n];
    const item = items[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      items[i] = items[c];
      i = c;
    }
    keys[i] = key;
    items[i] = item;
  }

  /**
   * Keeps only the entries for which `keep(key, item)` is true and restores the heap order in
   * O(size). Used to drop stale entries when they pile up.
   */
  filter(keep: (key: number, item: number) => boolean): void {
    const keys = this.keys;
    const items = this.items;
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (keep(keys[r], items[r])) {
        keys[w] = keys[r];
        items[w] = items[r];
        w++;
      }
    }
    this.size = w;
    for (let i = (w >> 1) - 1; i >= 0; i--) {
      const key = keys[i];
      const item = items[i];
      let j = i;
      for (;;) {
        let c = 2 * j + 1;
        if (c >= w) break;
        if (c + 1 < w && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= key) break;
        keys[j] = keys[c];
        items[j] = items[c];
        j = c;
      }
      keys[j] = key;
      items[j] = item;
    }
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.keys = keys;
    this.items = items;
  }
}
