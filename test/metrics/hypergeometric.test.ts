import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/demo/random";
import { chiSquaredSf } from "../../src/metrics/homogeneity";
import { hypergeometric, logFactorials, tableSampler } from "../../src/metrics/hypergeometric";

// Expected pmfs: test/metrics/expected/hypergeometric_expected.py, scipy.stats.hypergeom(M=total,
// n=ones, N=draws).pmf(k) for k = lo..hi. The stream pins: test/metrics/expected/homogeneity_stream.py
// (the sampler in plain Python, `checksum`).

/** Pearson goodness of fit of `draws` (values lo..) to `pmf`, bins merged until each expects >= 5; its p-value. */
function goodnessOfFit(draws: number[], lo: number, pmf: number[]): number {
  const seen = new Array<number>(pmf.length).fill(0);
  for (const x of draws) seen[x - lo]++;
  expect(seen.reduce((a, b) => a + b, 0), "draws outside the support").toBe(draws.length);
  const bins: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < pmf.length; i++) {
    o += seen[i];
    e += pmf[i] * draws.length;
    if (e >= 5) {
      bins.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  bins[bins.length - 1].o += o;
  bins[bins.length - 1].e += e;
  const x2 = bins.reduce((s, b) => s + (b.o - b.e) ** 2 / b.e, 0);
  return chiSquaredSf(x2, bins.length - 1);
}

const G7 = [0.03519019402739199, 0.1606508857772243, 0.29737504388550023, 0.28911462599979193, 0.15930805922437516, 0.04970411447800506, 0.008121587333007363, 0.0005354892747037821];
const G20 = [2.0293007938476804e-5, 0.0003689637806995783, 0.0029896918112568764, 0.01435052069403301, 0.04574228471223021, 0.10285832670425822, 0.16917487944779314, 0.20821523624343766, 0.19455111136496211, 0.13919103902533875, 0.07655507146393631, 0.03237000907566018, 0.010483468848367213, 0.0025805461780596217, 0.0004768400546414519, 6.493141169585727e-5, 6.340958173423563e-6, 4.2628290241502944e-7, 1.8472259104651273e-8, 4.5751725336597585e-10, 4.839124795217052e-12];
const G40 = [4.97694738630957e-13, 4.5941052796703716e-11, 1.8556903826097104e-9, 4.387676815770516e-8, 6.84888927961679e-7, 7.54183572437802e-6, 6.11028357299145e-5, 0.0003748865710948138, 0.0017783681716310228, 0.006624186205440425, 0.019601569180644166, 0.04648593481575691, 0.0889366322343127, 0.1379201927572111, 0.17391584746032937, 0.17863948776172103, 0.14953082122911918, 0.10191147248069783, 0.05642875976246046, 0.025292347329863435, 0.009128956614372585, 0.0026346195135274414, 0.0006022993807663, 0.0001077405103482574, 1.483926010583638e-5, 1.5400745623354512e-6, 1.1690849410441179e-7, 6.21735581182057e-9, 2.1649721130446626e-10, 4.3700025831010854e-12, 3.815081620167614e-14];
const U1000 = [1.6412953695557443e-7, 3.449307256509445e-6, 3.488805442750944e-5, 0.0002261736349855527, 0.0010559038298824648, 0.003781421159119954, 0.010804841998353451, 0.025296010382874542, 0.04944866735527744, 0.08183559916943245, 0.11585381116900172, 0.14139567002319095, 0.14963565251165578, 0.13788829623187812, 0.11095488024822978, 0.07809200460547773, 0.04809954421892426, 0.025912731708681913, 0.012190050186841203, 0.004993225811498531, 0.001773441472541554, 0.0005429923129206273, 0.00014221028711396347, 3.153045738196536e-5, 5.836761856832672e-6, 8.852258654799668e-7, 1.0711141570566191e-7, 9.94098131991254e-9, 6.643548791795348e-10, 2.845432215241346e-11, 5.86475195474744e-13];
const U50 = [0.31056278200456877, 0.4313371972285676, 0.20983971757065453, 0.04417678264645358, 0.003964583058015065, 0.00011893749174045196];

describe("tableSampler", () => {
  it("draws tables whose groups have the hypergeometric distribution (chi-squared goodness of fit to scipy's pmf)", () => {
    // 82 units, 30 ones, groups of 12, 3, 40, 7 and 20: drawn 3, 7, 12, 20 and the largest (40) last.
    const ns = [12, 3, 40, 7, 20];
    const next = tableSampler(ns, 30, mulberry32(5));
    const cols: number[][] = ns.map(() => []);
    const out: number[] = [];
    let offMargin = 0;
    for (let b = 0; b < 20000; b++) {
      next(out);
      if (out.reduce((a, c) => a + c, 0) !== 30) offMargin++;
      out.forEach((c, g) => cols[g].push(c));
    }
    expect(offMargin).toBe(0);
    expect(goodnessOfFit(cols[3], 0, G7)).toBeGreaterThan(0.001);
    expect(goodnessOfFit(cols[4], 0, G20)).toBeGreaterThan(0.001);
    expect(goodnessOfFit(cols[2], 0, G40)).toBeGreaterThan(0.001);
    // a draw with replacement (binomial, variance larger by (N − 1)/(N − n) = 81/42) fails the same test
    const rand = mulberry32(5);
    const binomial = cols[2].map(() => Array.from({ length: 40 }, () => (rand() < 30 / 82 ? 1 : 0) as number).reduce((a, b) => a + b, 0));
    expect(goodnessOfFit(binomial, 0, G40)).toBeLessThan(1e-6);
  });

  it("draws the same tables as the Python reimplementation, to the last digit", () => {
    // homogeneity_stream.py checksum(ns, ones, seed, 1000): Σ over tables b and groups g of (b + 1)(g + 1)·count.
    const checksum = (ns: number[], ones: number, seed: number) => {
      const next = tableSampler(ns, ones, mulberry32(seed));
      const out: number[] = [];
      let s = 0;
      for (let b = 0; b < 1000; b++) {
        next(out);
        out.forEach((c, g) => (s += (b + 1) * (g + 1) * c));
      }
      return s;
    };
    expect(checksum([5, 5, 4, 10], 18, 13)).toBe(25123556);
    expect(checksum([5, 4, 6, 3, 2, 60, 4, 60], 41, 99)).toBe(131301953);
  });

  it("draws group by group exactly as single hypergeometric draws from the same stream (its remembered mode probabilities change nothing)", () => {
    // 3 groups drawn (sizes 5, 9, 30; 90 the largest, last), 2,000 tables: every count, and the
    // number of uniforms used, equal a loop of `hypergeometric` calls on a second copy of the stream.
    const ns = [30, 5, 90, 9];
    const ones = 47;
    const total = 134;
    let used = 0;
    let usedAgain = 0;
    const a = mulberry32(21);
    const b = mulberry32(21);
    const next = tableSampler(ns, ones, () => (used++, a()));
    const again = () => (usedAgain++, b());
    const lf = logFactorials(total);
    const out: number[] = [];
    for (let t = 0; t < 2000; t++) {
      next(out);
      let left = total;
      let onesLeft = ones;
      const want = [0, 0, 0, 0];
      for (const g of [1, 3, 0]) {
        want[g] = hypergeometric(left, onesLeft, ns[g], again, lf);
        left -= ns[g];
        onesLeft -= want[g];
      }
      want[2] = onesLeft;
      expect(out).toEqual(want);
    }
    expect(used).toBe(usedAgain);
  });

  it("rejects sizes that are not counts and ones outside 0..total", () => {
    expect(() => tableSampler([3, -1], 1, Math.random)).toThrow(RangeError);
    expect(() => tableSampler([3, 1.5], 1, Math.random)).toThrow(RangeError);
    expect(() => tableSampler([3, 4], 8, Math.random)).toThrow(RangeError);
  });
});

describe("hypergeometric", () => {
  it("has scipy's pmf: a skewed draw and one whose support ends at the mode's side", () => {
    const rand = mulberry32(11);
    const lf = logFactorials(1000);
    const a = Array.from({ length: 20000 }, () => hypergeometric(1000, 30, 400, rand, lf));
    expect(goodnessOfFit(a, 0, U1000)).toBeGreaterThan(0.001);
    const b = Array.from({ length: 20000 }, () => hypergeometric(50, 45, 40, rand, lf));
    expect(goodnessOfFit(b, 35, U50)).toBeGreaterThan(0.001);
  });

  it("draws no uniform when the count is determined", () => {
    let calls = 0;
    const rand = () => (calls++, 0.5);
    expect(hypergeometric(10, 10, 3, rand)).toBe(3);
    expect(hypergeometric(10, 0, 3, rand)).toBe(0);
    expect(hypergeometric(10, 4, 10, rand)).toBe(4);
    expect(calls).toBe(0);
  });

  it("rejects impossible arguments and a short log-factorial table", () => {
    expect(() => hypergeometric(10, 11, 3, Math.random)).toThrow(RangeError);
    expect(() => hypergeometric(10, 3, 11, Math.random)).toThrow(RangeError);
    expect(() => hypergeometric(10, 3, 2, Math.random, logFactorials(5))).toThrow(RangeError);
    expect(() => logFactorials(-1)).toThrow(RangeError);
  });
});

describe("logFactorials", () => {
  it("equals ln n! (scipy.special.gammaln(n + 1))", () => {
    const lf = logFactorials(1000);
    expect(lf[0]).toBe(0);
    expect(lf[1]).toBe(0);
    expect(lf[10]).toBeCloseTo(15.104412573075516, 12);
    expect(Math.abs(lf[1000] / 5912.128178488164 - 1)).toBeLessThan(1e-13);
  });
});
