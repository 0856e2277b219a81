/**
 * Benchmark of the matching solvers on ILN-shaped pools.
 *
 *   npx tsx bench/blossom.ts [sizes, comma-separated; default 800,1600,3200,6400] [--no-networkx] [--no-plain]
 *
 * Env: BENCH_NO_NETWORKX=1 skips networkx; BENCH_NX_MAX (default 1600) is the largest N given to
 * networkx (it needs minutes there: ~2.5 min at 800 and much longer at 1600 on 2 cores);
 * BENCH_PLAIN_MAX (default 1600) is the largest N for the plain solver on the full edge list.
 * Prints a markdown table on stdout. Times are wall-clock, single run, JIT cold for the first N.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { maxWeightMatching } from "../src/matching/blossom";
import { maxWeightMatchingDense } from "../src/matching/dense-matching";
import { mulberry32 } from "../src/demo/random";

/** Seeded PRNG in [0, 1) (mulberry32). */
const prng = mulberry32;

/**
 * An ILN-shaped pool: N participants in C = N/10 countries (Zipf-like sizes, none above 20%),
 * weight matrix with -1 for same-country pairs and integer scores 0..40 otherwise
 * (same sector +10, career gap, shared interests), so ties are many.
 */
export function ilnPool(N: number, seed: number): { w: Int32Array; countries: Int32Array } {
  const rand = prng(seed);
  const C = Math.max(2, Math.round(N / 10));
  const raw = Array.from({ length: C }, (_, c) => 1 / Math.pow(c + 1, 0.8));
  const sum = raw.reduce((a, b) => a + b, 0);
  const cap = Math.floor(0.2 * N);
  const sizes = raw.map((r) => Math.max(1, Math.min(cap, Math.floor((r / sum) * N))));
  let total = sizes.reduce((a, b) => a + b, 0);
  for (let c = C - 1; total < N; c = (c - 1 + C) % C) {
    if (sizes[c] < cap) {
      sizes[c]++;
      total++;
    }
  }
  for (let c = 0; total > N; c = (c + 1) % C) {
    if (sizes[c] > 1) {
      sizes[c]--;
      total--;
    }
  }
  const countries = new Int32Array(N);
  let at = 0;
  sizes.forEach((s, c) => {
    for (let i = 0; i < s; i++) countries[at++] = c;
  });
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = countries[i];
    countries[i] = countries[j];
    countries[j] = t;
  }
  const sector = Array.from({ length: N }, () => Math.floor(rand() * 8));
  const years = Array.from({ length: N }, () => Math.floor(rand() * 30));
  const interests = Array.from({ length: N }, () => {
    let m = 0;
    for (let k = 0; k < 3; k++) m |= 1 << Math.floor(rand() * 12);
    return m;
  });
  const popcount = (x: number) => {
    let c = 0;
    while (x) {
      x &= x - 1;
      c++;
    }
    return c;
  };
  const w = new Int32Array(N * N).fill(-1);
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      if (countries[i] === countries[j]) continue;
      const s = (sector[i] === sector[j] ? 10 : 0) + Math.max(0, 15 - Math.abs(years[i] - years[j])) + 5 * popcount(interests[i] & interests[j]);
      const v = Math.min(40, s);
      w[i * N + j] = v;
      w[j * N + i] = v;
    }
  }
  return { w, countries };
}

function fullEdges(N: number, w: Int32Array): [number, number, number][] {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) if (w[i * N + j] >= 0) edges.push([i, j, w[i * N + j]]);
  return edges;
}

function totalOf(mate: ArrayLike<number>, N: number, w: Int32Array): number {
  let t = 0;
  for (let v = 0; v < N; v++) if (mate[v] > v) t += w[v * N + mate[v]];
  return t;
}

const NX = `
import json, sys, time
import networkx as nx
inst = json.load(open(sys.argv[1]))
G = nx.Graph()
G.add_weighted_edges_from(inst["edges"])
t = time.time()
m = nx.max_weight_matching(G)
dt = time.time() - t
print(json.dumps({"total": sum(G[u][v]["weight"] for u, v in m), "seconds": dt}))
`;

function main(): void {
  const args = process.argv.slice(2);
  const sizesArg = args.find((a) => !a.startsWith("--"));
  const sizes = (sizesArg ?? "800,1600,3200,6400").split(",").map(Number);
  const noNx = args.includes("--no-networkx") || process.env.BENCH_NO_NETWORKX === "1";
  const noPlain = args.includes("--no-plain");
  const plainMax = Number(process.env.BENCH_PLAIN_MAX ?? 1600);
  const nxMax = Number(process.env.BENCH_NX_MAX ?? 1600);
  const nxOk = !noNx && spawnSync("python3", ["-c", "import networkx"], { stdio: "ignore" }).status === 0;
  const tmp = mkdtempSync(path.join(tmpdir(), "blossom-bench-"));
  console.log("| N | edges | plain s | dense s | dense rounds | networkx s | weights equal | speed-up vs networkx |");
  console.log("|---|---|---|---|---|---|---|---|");
  try {
    for (const N of sizes) {
      const { w } = ilnPool(N, 1000 + N);
      let edgeCount = 0;
      for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) if (w[i * N + j] >= 0) edgeCount++;
      let plainS = "skipped";
      let plainTotal: number | null = null;
      if (!noPlain && N <= plainMax) {
        const edges = fullEdges(N, w);
        const t0 = performance.now();
        const mate = maxWeightMatching(edges);
        plainS = ((performance.now() - t0) / 1000).toFixed(2);
        plainTotal = totalOf(mate, N, w);
      }
      const t1 = performance.now();
      const dense = maxWeightMatchingDense(N, w, { forbidden: -1 });
      const denseSec = (performance.now() - t1) / 1000;
      const denseTotal = totalOf(dense.mate, N, w);
      let nxS = "skipped";
      let nxTotal: number | null = null;
      if (nxOk && N <= nxMax) {
        const file = path.join(tmp, `pool-${N}.json`);
        writeFileSync(file, JSON.stringify({ edges: fullEdges(N, w) }));
        const r = spawnSync("python3", ["-c", NX, file], { encoding: "utf8", maxBuffer: 1 << 26 });
        if (r.status === 0) {
          const o = JSON.parse(r.stdout) as { total: number; seconds: number };
          nxS = o.seconds.toFixed(2);
          nxTotal = o.total;
        } else {
          nxS = "failed";
        }
      }
      const totals = [denseTotal, plainTotal, nxTotal].filter((x): x is number => x !== null);
      const equal = totals.every((t) => t === denseTotal) ? (totals.length > 1 ? "yes" : "n/a (one solver)") : `NO (${totals.join(" / ")})`;
      const ratio = nxTotal !== null ? `${(Number(nxS) / denseSec).toFixed(0)}x` : "-";
      console.log(`| ${N} | ${edgeCount} | ${plainS} | ${denseSec.toFixed(2)} | ${dense.iterations} | ${nxS} | ${equal} | ${ratio} |`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("blossom.ts")) main();
