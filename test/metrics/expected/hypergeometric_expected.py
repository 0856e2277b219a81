"""Expected values of test/metrics/hypergeometric.test.ts and the large-table case of
homogeneity.test.ts.

Run with Debian's python3 (python3-scipy, python3-numpy):
    /usr/bin/python3 test/metrics/expected/hypergeometric_expected.py
"""
import numpy as np
from scipy import special, stats

# ln n! = gammaln(n + 1), for logFactorials.
print("gammaln(11), gammaln(1001):", repr(special.gammaln(11.0)), repr(special.gammaln(1001.0)))

# Hypergeometric pmfs, scipy.stats.hypergeom(M=total, n=ones, N=draws).pmf(k) for k = lo..hi:
# the marginals of the tables of ns = [12, 3, 40, 7, 20] with 30 ones (groups of 7, 20 and the
# largest, 40) and two univariate draws.
def pmf(total, ones, n):
    lo, hi = max(0, n - (total - ones)), min(n, ones)
    return lo, stats.hypergeom(total, ones, n).pmf(np.arange(lo, hi + 1)).tolist()

for name, args in [("g7", (82, 30, 7)), ("g20", (82, 30, 20)), ("g40", (82, 30, 40)), ("u1000_30_400", (1000, 30, 400)), ("u50_45_40", (50, 45, 40))]:
    lo, p = pmf(*args)
    print(f"{name}: lo={lo} pmf={p!r}")

# Large table (40 groups, 4,000 units, shares near 0.95 so expected counts of the rest are small):
# the p-value by 200,000 numpy permutations of the units over the groups (fixed margins), as in
# stats_expected.py. Sizes and counts drawn once with numpy seeds 2024 and 201 (Beta(150, 8) shares).
rng = np.random.default_rng(2024)
sizes = list(rng.integers(40, 121, size=39))
sizes.insert(17, 4000 - sum(sizes))
sizes = np.array(sizes)
r = np.random.default_rng(201)
counts = r.binomial(sizes, r.beta(150, 8, size=40))
tab = np.column_stack([counts, sizes - counts])
chi2, _, _, e = stats.chi2_contingency(tab, correction=False)
print("sizes", sizes.tolist())
print("counts", counts.tolist())
print("chi2", repr(chi2), "min expected", e.min(), "share of expected < 5", (e < 5).mean())
ones = counts.sum()
units = np.concatenate([np.ones(ones, dtype=np.int32), np.zeros(sizes.sum() - ones, dtype=np.int32)])
starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
e1 = sizes * ones / sizes.sum()
e0 = sizes - e1
sim = np.random.default_rng(3)
B, batch, hits = 200_000, 2_000, 0
for _ in range(B // batch):
    perm = sim.permuted(np.tile(units, (batch, 1)), axis=1)
    k = np.add.reduceat(perm, starts, axis=1)
    x2 = (((k - e1) ** 2) / e1 + (((sizes - k) - e0) ** 2) / e0).sum(axis=1)
    hits += int((x2 >= chi2 - 1e-9 * max(1, chi2)).sum())
print("p_mc", repr((hits + 1) / (B + 1)), "from", B)
