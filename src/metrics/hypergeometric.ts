/**
 * Random k × 2 tables with fixed margins, the null distribution behind a Monte Carlo test of
 * homogeneity (`homogeneityTest`): `ones` of `total` units have the outcome, group g holds n_g of
 * the units, and under the null hypothesis the units' outcomes fall over the groups as a random
 * permutation deals them. The groups' counts then have the multivariate hypergeometric
 * distribution, drawn here one group after another: group g's count is
 * Hypergeometric(units left, ones left, n_g), a univariate draw, and the last group keeps what the
 * others leave. That is the same distribution as dealing every unit (a permutation's first n_1
 * units to group 1, ...) at a cost per table that depends on the number of groups and the spread of
 * their counts, not on the number of units.
 *
 * Each univariate draw is exact inversion (one uniform) by a search that starts at the mode and
 * steps to the more probable neighbour, the probabilities by the recurrence
 * f(x + 1) / f(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1)): inversion by sequential search
 * from the mode in L. Devroye, Non-Uniform Random Variate Generation (Springer, 1986), §III.2.2,
 * used for the hypergeometric by V. Kachitvichyanukul and B. W. Schmeiser, "Computer generation of
 * hypergeometric random variates", J. Statist. Comput. Simul. 22 (1985) 127-145 (their HIN starts
 * from 0; from the mode the expected number of steps is of the order of the standard deviation).
 * The probability at the mode is exp of a difference of log-factorials (a table of cumulative
 * Math.log sums); a table sampler remembers it per group and ones left (each group is always drawn
 * from the same number of units left), so a repeated draw skips the exp and is otherwise the same
 * computation, bit for bit. Rounding can leave the probabilities summing to a hair under 1; a uniform that
 * falls in that gap (about 1e-15) is drawn again, so the draw follows the computed probabilities.
 *
 * Node and browser safe; no dependencies.
 */

/** ln(i!) for i = 0..n as cumulative sums of Math.log(i). @throws {RangeError} unless n is an integer >= 0. */
export function logFactorials(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`need an integer n >= 0, got ${n}`);
  const lf = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf;
}

// One exact draw, arguments unchecked (the caller's loop is hot): ones among n units drawn
// without replacement from N of which K are ones. lf = logFactorials(>= N).
function draw(N: number, K: number, n: number, rand: () => number, lf: Float64Array, cache?: Float64Array, at = 0): number {
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (lo === hi) return lo; // no randomness left: no uniform drawn
  const M = N - K - n; // f(x+1)/f(x) = (K-x)(n-x) / ((x+1)(M+x+1))
  let m = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  if (m < lo) m = lo;
  else if (m > hi) m = hi;
  let pm = cache ? cache[at] : NaN;
  if (pm !== pm) {
    pm = Math.exp(lf[K] - lf[m] - lf[K - m] + (lf[N - K] - lf[n - m] - lf[M + m]) - (lf[N] - lf[n] - lf[N - n]));
    if (cache) cache[at] = pm;
  }
  for (;;) {
    let u = rand();
    if (u < pm) return m;
    u -= pm;
    // Next candidates above and below the mode with their probabilities (0 past the support).
    let up = m + 1;
    let pu = m < hi ? (pm * ((K - m) * (n - m))) / ((m + 1) * (M + m + 1)) : 0;
    let dn = m - 1;
    let pd = m > lo ? (pm * (m * (M + m))) / ((K - m + 1) * (n - m + 1)) : 0;
    while (pu > 0 || pd > 0) {
      if (pu >= pd) {
        if (u < pu) return up;
        u -= pu;
        pu = up < hi ? (pu * ((K - up) * (n - up))) / ((up + 1) * (M + up + 1)) : 0;
        up++;
      } else {
        if (u < pd) return dn;
        u -= pd;
        pd = dn > lo ? (pd * (dn * (M + dn))) / ((K - dn + 1) * (n - dn + 1)) : 0;
        dn--;
      }
    }
    // u fell in the rounding gap of the probabilities: draw again.
  }
}

/**
 * One hypergeometric variate: how many of `n` units drawn without replacement from `total` units,
 * `ones` of which have the outcome, have it. Exact inversion from the mode (module doc), one
 * uniform from `rand` (none when the count is determined, more in the rare rounding gap).
 * @param lf log-factorials of at least 0..total ({@link logFactorials}); built when omitted.
 * @throws {RangeError} unless 0 <= ones <= total and 0 <= n <= total are integers and lf is long enough.
 */
export function hypergeometric(total: number, ones: number, n: number, rand: () => number, lf?: Float64Array): number {
  if (![total, ones, n].every(Number.isInteger) || ones < 0 || n < 0 || ones > total || n > total) throw new RangeError(`need integers 0 <= ones, n <= total, got total=${total}, ones=${ones}, n=${n}`);
  const table = lf ?? logFactorials(total);
  if (table.length <= total) throw new RangeError(`log-factorial table covers ${table.length - 1}, need ${total}`);
  return draw(total, ones, n, rand, table);
}

/**
 * A sampler of k × 2 tables with fixed margins: each call fills `out[g]` with group g's count of
 * ones, the groups of sizes `ns` holding `ones` ones in all, multivariate hypergeometric (the
 * distribution of a random permutation dealt to the groups). Groups are drawn in increasing size,
 * the largest last: it costs nothing (it keeps what the others leave), and the second largest is
 * drawn from the fewest units left. Uses `rand` for one uniform per group drawn whose count is not
 * already determined (more in the rare rounding gap); the same `rand` stream gives the same tables.
 * @throws {RangeError} unless every n_g is an integer >= 0 and ones an integer in 0..Σ n_g.
 */
export function tableSampler(ns: readonly number[], ones: number, rand: () => number): (out: number[]) => void {
  if (!ns.every((n) => Number.isInteger(n) && n >= 0)) throw new RangeError(`need integer group sizes >= 0, got ${ns.join(", ")}`);
  const total = ns.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(ones) || ones < 0 || ones > total) throw new RangeError(`need an integer 0 <= ones <= ${total}, got ${ones}`);
  const order = ns.map((_, i) => i).sort((a, b) => ns[a] - ns[b] || a - b);
  const lf = logFactorials(total);
  const k = ns.length;
  const kmin: number[] = [];
  const caches: Float64Array[] = [];
  for (let j = 0, left = total; j < k - 1; left -= ns[order[j]], j++) {
    kmin.push(Math.max(0, ones - (total - left)));
    caches.push(new Float64Array(Math.min(ones, left) - kmin[j] + 1).fill(NaN));
  }
  return (out) => {
    let left = total;
    let onesLeft = ones;
    for (let j = 0; j < k - 1; j++) {
      const g = order[j];
      const c = draw(left, onesLeft, ns[g], rand, lf, caches[j], onesLeft - kmin[j]);
      out[g] = c;
      left -= ns[g];
      onesLeft -= c;
    }
    if (k > 0) out[order[k - 1]] = onesLeft;
  };
}
