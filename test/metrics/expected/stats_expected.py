"""Expected values of test/metrics/stats-extra.test.ts, homogeneity.test.ts and pooling.test.ts.

Run with Debian's python3 (python3-scipy, python3-statsmodels, python3-numpy):
    /usr/bin/python3 test/metrics/expected/stats_expected.py
Each block prints what the tests paste, named as in the tests.
"""
import json
import numpy as np
from scipy import optimize, stats
from scipy.special import betaln
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

out = {}
z = stats.norm.ppf(0.975)

# NPS: the mean of per-answer scores +1 (9-10), 0 (7-8), -1 (0-6); delta-method SE sqrt(var/n), var with ddof=0.
def nps(pro, det, n):
    s = np.array([1.0] * pro + [0.0] * (n - pro - det) + [-1.0] * det)
    m, se = s.mean(), np.sqrt(s.var(ddof=0) / n)
    return [100 * m, 100 * (m - z * se), 100 * (m + z * se)]
out["nps_436_100_771"] = nps(436, 100, 771)   # 2016B of the demo before non-response was planted (the 43.6 [38.6, 48.6])
out["nps_2_1_4"] = nps(2, 1, 4)

# Holm and Benjamini-Hochberg adjusted p-values (statsmodels multipletests).
p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04]
out["holm"] = list(multipletests(p, method="holm")[1])
out["bh"] = list(multipletests(p, method="fdr_bh")[1])

# Wilson interval on an effective sample size: proportion_confint accepts a non-integer count.
out["wilson_eff"] = list(proportion_confint(0.8 * 412.6, 412.6, method="wilson"))

# Chi-squared homogeneity, asymptotic: scipy chi2_contingency without continuity correction.
tab = np.array([[40, 10], [30, 20], [55, 25], [12, 8]])
chi2, pval, dof, _ = stats.chi2_contingency(tab, correction=False)
out["chi2_asym"] = [chi2, pval, dof]
out["chi2_sf_10_3"] = stats.chi2.sf(10, 3)
out["chi2_sf_200_5"] = stats.chi2.sf(200, 5)

# Monte Carlo (small expected counts): the statistic from scipy, the p-value by 200,000 numpy
# permutations of the units over the groups (fixed margins), as R's chisq.test(simulate.p.value=TRUE).
small = np.array([[5, 0], [3, 2], [1, 3], [9, 1]])
chi2s = stats.chi2_contingency(small, correction=False)[0]
rng = np.random.default_rng(1)
units = np.concatenate([np.ones(small[:, 0].sum()), np.zeros(small[:, 1].sum())])
sizes = small.sum(axis=1)
def stat(counts):
    n, k = sizes, counts
    p1 = units.mean()
    e1 = n * p1
    return (((k - e1) ** 2) / e1 + (((n - k) - (n - e1)) ** 2) / (n - e1)).sum()
B = 200_000
hits = 0
cuts = np.cumsum(sizes)[:-1]
for _ in range(B):
    perm = rng.permutation(units)
    counts = np.array([g.sum() for g in np.split(perm, cuts)])
    hits += stat(counts) >= chi2s - 1e-9
out["chi2_mc"] = [chi2s, (hits + 1) / (B + 1)]

# Beta-binomial empirical Bayes: maximise sum_g [betaln(k+a, n-k+b) - betaln(a, b)] (scipy Nelder-Mead
# on logit mean and log strength, tight tolerances), then the posterior mean and the 2.5%/97.5% Beta quantiles.
k = np.array([18, 40, 7, 30, 2, 55, 9, 12])
n = np.array([30, 50, 20, 33, 10, 60, 25, 14])
def nll(x):
    m = 1 / (1 + np.exp(-x[0])); s = np.exp(x[1])
    a, b = m * s, (1 - m) * s
    return -(betaln(k + a, n - k + b) - betaln(a, b)).sum()
r = optimize.minimize(nll, [0.0, np.log(10)], method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
r = optimize.minimize(nll, r.x, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
m = 1 / (1 + np.exp(-r.x[0])); s = np.exp(r.x[1]); a, b = m * s, (1 - m) * s
post = [[(kk + a) / (nn + a + b), stats.beta.ppf(0.025, kk + a, nn - kk + b), stats.beta.ppf(0.975, kk + a, nn - kk + b)] for kk, nn in [(2, 10), (55, 60)]]
out["eb"] = {"alpha": a, "beta": b, "loglik": -r.fun, "post_2_10": post[0], "post_55_60": post[1]}

print(json.dumps(out, indent=1))
