"""The Monte Carlo tables and p-values of src/metrics/homogeneity.ts and hypergeometric.ts, replicate
by replicate, in plain Python: mulberry32 (src/demo/random.ts) seeded 13 (or the seed given) drives
sequential univariate hypergeometric draws, the groups in increasing size (ties in input order),
the largest last keeping the ones left; each draw is inversion from the mode, stepping to the more
probable neighbour (probabilities by the pmf ratio recurrence, the mode's from a table of cumulative
math.log sums), no uniform when the count is determined, a fresh uniform when one falls in the
rounding gap; p = (1 + #{X^2 >= observed}) / (B + 1).
Pins the stream, so the TypeScript must give the same tables and p-values to the last digit.
(Python's math.log/exp may differ from V8's Math.log/exp in the last bit; that moves a draw only
when a uniform falls within about 1e-16 of a cumulative probability, which these cases do not hit.)
Run: python3 test/metrics/expected/homogeneity_stream.py"""
import math


def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def rand():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF
        t &= 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    return rand


def log_factorials(n):
    lf = [0.0] * (n + 1)
    for i in range(2, n + 1):
        lf[i] = lf[i - 1] + math.log(i)
    return lf


def draw(N, K, n, rand, lf):
    lo, hi = max(0, n - (N - K)), min(n, K)
    if lo == hi:
        return lo
    M = N - K - n
    m = min(max(math.floor(((n + 1) * (K + 1)) / (N + 2)), lo), hi)
    pm = math.exp(lf[K] - lf[m] - lf[K - m] + (lf[N - K] - lf[n - m] - lf[M + m]) - (lf[N] - lf[n] - lf[N - n]))
    while True:
        u = rand()
        if u < pm:
            return m
        u -= pm
        up, dn = m + 1, m - 1
        pu = pm * ((K - m) * (n - m)) / ((m + 1) * (M + m + 1)) if m < hi else 0.0
        pd = pm * (m * (M + m)) / ((K - m + 1) * (n - m + 1)) if m > lo else 0.0
        while pu > 0 or pd > 0:
            if pu >= pd:
                if u < pu:
                    return up
                u -= pu
                pu = pu * ((K - up) * (n - up)) / ((up + 1) * (M + up + 1)) if up < hi else 0.0
                up += 1
            else:
                if u < pd:
                    return dn
                u -= pd
                pd = pd * (dn * (M + dn)) / ((K - dn + 1) * (n - dn + 1)) if dn > lo else 0.0
                dn -= 1


def table_sampler(ns, ones, rand):
    order = sorted(range(len(ns)), key=lambda i: (ns[i], i))
    lf = log_factorials(sum(ns))

    def table():
        out = [0] * len(ns)
        left, ones_left = sum(ns), ones
        for g in order[:-1]:
            c = draw(left, ones_left, ns[g], rand, lf)
            out[g] = c
            left -= ns[g]
            ones_left -= c
        out[order[-1]] = ones_left
        return out
    return table


def x2(counts, ns, total, ones):
    s = 0.0
    for c, n in zip(counts, ns):
        e1 = n * ones / total
        e0 = n - e1
        s += (c - e1) ** 2 / e1 + (n - c - e0) ** 2 / e0
    return s


def p_value(groups, B=9999, seed=13):
    counts = [c for c, n in groups]
    ns = [n for c, n in groups]
    total, ones = sum(ns), sum(counts)
    obs = x2(counts, ns, total, ones)
    table = table_sampler(ns, ones, mulberry32(seed))
    at_least = 0
    for _ in range(B):
        if x2(table(), ns, total, ones) >= obs - 1e-9 * max(1, obs):
            at_least += 1
    return (1 + at_least) / (B + 1)


def checksum(ns, ones, seed, tables):
    """sum over tables b = 0.. and groups g of (b + 1) * (g + 1) * count: pins every table drawn."""
    table = table_sampler(ns, ones, mulberry32(seed))
    return sum((b + 1) * (g + 1) * c for b in range(tables) for g, c in enumerate(table()))


if __name__ == "__main__":
    print(repr(p_value([(5, 5), (3, 5), (1, 4), (9, 10)])))
    print(repr(p_value([(2, 5), (1, 4), (3, 6), (2, 3), (1, 2), (30, 60)], B=2000, seed=7)))
    print(checksum([5, 5, 4, 10], 18, 13, 1000))
    print(checksum([5, 4, 6, 3, 2, 60, 4, 60], 41, 99, 1000))
