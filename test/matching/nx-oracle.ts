/**
 * Test oracle: networkx's `max_weight_matching` (Debian's python3-networkx) on a batch of graphs,
 * run once in a python3 subprocess, plus a describe that skips with a message when python3 with
 * networkx is missing.
 */
import { spawnSync } from "node:child_process";
import { describe } from "vitest";

/** A graph for the oracle: vertices 0..n-1, edges `[u, v, w]`. */
export interface NxInstance {
  n: number;
  edges: [number, number, number][];
  maxCard: boolean;
}

const NX_SCRIPT = `
import json, sys
import networkx as nx
out = []
for inst in json.load(sys.stdin):
    G = nx.Graph()
    G.add_nodes_from(range(inst["n"]))
    for u, v, w in inst["edges"]:
        if u != v and (not G.has_edge(u, v) or G[u][v]["weight"] < w):
            G.add_edge(u, v, weight=w)
    m = nx.max_weight_matching(G, maxcardinality=inst["maxCard"])
    out.append({"total": sum(G[u][v]["weight"] for u, v in m), "card": len(m)})
json.dump(out, sys.stdout)
`;

export const hasNetworkx = spawnSync("python3", ["-c", "import networkx"], { stdio: "ignore" }).status === 0;

/** `describe` that skips with a message when python3 with networkx is not installed. */
export const describeNx: typeof describe = hasNetworkx
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: python3 with networkx not found; apt-get install -y python3-networkx)`, fn)) as typeof describe);

/**
 * Optimum total weight and cardinality of each instance per networkx (parallel edges: the
 * heaviest counts; self-loops ignored).
 * @throws Error when the python subprocess fails.
 */
export function networkxOptima(instances: NxInstance[]): { total: number; card: number }[] {
  const res = spawnSync("python3", ["-c", NX_SCRIPT], { input: JSON.stringify(instances), encoding: "utf8", maxBuffer: 1 << 28 });
  if (res.status !== 0) throw new Error(`networkx failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as { total: number; card: number }[];
}

/** Equal totals: exactly for integer weights, to 1e-9 relative for floats. */
export function sameTotal(a: number, b: number, float: boolean): boolean {
  return float ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;
}
