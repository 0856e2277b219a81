/**
 * The layout of an upper weight triangle: the pairs {i, j}, i < j, of n vertices in one array of
 * n(n - 1)/2 entries, row by row (row i holds j = i + 1 ... n - 1). The dense API's half matrix,
 * the weight triangle an edge list is copied into, and its packed codes all use it.
 *
 * Pure TypeScript, no Node imports.
 */

/** Start of row i: the pair {i, j}, i < j, is at `triangleRowStart(n, i) + j - i - 1`. @throws never. */
export function triangleRowStart(n: number, i: number): number {
  return i * n - (i * (i + 1)) / 2;
}

/** Row i's offset by j: the pair {i, j}, i < j, is at `triangleRowBase(n, i) + j`. @throws never. */
export function triangleRowBase(n: number, i: number): number {
  return triangleRowStart(n, i) - i - 1;
}
