/**
 * `PairSource.bestFree` of the sources that can read any pair's weight (a dense matrix or
 * triangle): each free vertex's heaviest pair to another free vertex. Pure TypeScript.
 */

/**
 * For every vertex v with `mate[v] === -1`, writes to `best[v]` the id `i * n + j` (i < j) of its
 * heaviest pair to another such vertex with weight > `floor`, ties to the first found; vertices
 * with none keep what `best` held (-1). `weight(i, j)`, i < j, is the pair's weight, NaN when the
 * pair is missing (never heavier than anything). O(free²) weight reads, not O(free · n).
 * @throws never.
 */
export function denseBestFree(n: number, mate: Int32Array, floor: number, best: Int32Array, weight: (i: number, j: number) => number): void {
  const free: number[] = [];
  for (let v = 0; v < n; v++) if (mate[v] === -1) free.push(v);
  for (let a = 0; a < free.length; a++) {
    const i = free[a];
    let bw = floor;
    for (let b = 0; b < free.length; b++) {
      if (b === a) continue;
      const j = free[b];
      const x = i < j ? weight(i, j) : weight(j, i);
      if (x > bw) {
        bw = x;
        best[i] = i < j ? i * n + j : j * n + i;
      }
    }
  }
}
