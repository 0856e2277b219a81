/**
 * `PairSource.bestFree` of the sources that can read any pair's weight (a dense matrix or
 * triangle): each free vertex's heaviest pair to another free vertex. Pure TypeScript.
 */

/**
 * For every vertex v with `mate[v] === -1`, writes to `best[v]` the id `i * n + j` (i < j) of its
 * heaviest pair to another such vertex with weight > `floor`, ties to the partner of smallest
 * index; vertices with none keep what `best` held (-1). `weight(i, j)`, i < j, is the pair's
 * weight, NaN when the pair is missing (never heavier than anything). Each pair of free vertices
 * is read once, row by row (i < j, both increasing): O(free²/2) weight reads, not O(free · n),
 * in the order a matrix is laid out.
 * @throws never.
 */
export function denseBestFree(n: number, mate: Int32Array, floor: number, best: Int32Array, weight: (i: number, j: number) => number): void {
  const free: number[] = [];
  for (let v = 0; v < n; v++) if (mate[v] === -1) free.push(v);
  const bw = new Float64Array(free.length).fill(floor);
  for (let a = 0; a < free.length; a++) {
    const i = free[a];
    for (let b = a + 1; b < free.length; b++) {
      const j = free[b];
      const x = weight(i, j);
      // each vertex meets its partners in increasing order (those below it first, as rows end
      // at it), so a strict > keeps the first of equal weights
      if (x > bw[a]) {
        bw[a] = x;
        best[i] = i * n + j;
      }
      if (x > bw[b]) {
        bw[b] = x;
        best[j] = i * n + j;
      }
    }
  }
}
