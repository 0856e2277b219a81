"""The Monte Carlo p-value of src/metrics/homogeneity.ts, replicate by replicate, in plain Python:
mulberry32 (src/demo/random.ts) seeded 13 deals a partial Fisher-Yates shuffle of the 0/1 units
(carried over from one replicate to the next) to the groups in order, the last group keeping the
rest; p = (1 + #{X² >= observed}) / (B + 1). Pins the stream, so a faster loop must give the
same p-value to the last digit. Run: python3 test/metrics/expected/homogeneity_stream.py"""
from fractions import Fraction

def mulberry32(seed):
    a = seed & 0xFFFFFFFF
    def rand():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF
        t &= 0xFFFFFFFF
        return Fraction((t ^ (t >> 14)) & 0xFFFFFFFF, 4294967296)
    return rand

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
    rand = mulberry32(seed)
    units = [1] * ones + [0] * (total - ones)
    at_least = 0
    for _ in range(B):
        pos, sim = 0, []
        for g, n in enumerate(ns):
            c = 0
            for _ in range(n):
                if g < len(ns) - 1:
                    j = pos + int(rand() * (total - pos))
                    units[pos], units[j] = units[j], units[pos]
                c += units[pos]
                pos += 1
            sim.append(c)
        if x2(sim, ns, total, ones) >= obs - 1e-9 * max(1, obs):
            at_least += 1
    return (1 + at_least) / (B + 1)

if __name__ == "__main__":
    print(repr(p_value([(5, 5), (3, 5), (1, 4), (9, 10)])))
    print(repr(p_value([(2, 5), (1, 4), (3, 6), (2, 3), (1, 2), (30, 60)], B=2000, seed=7)))
