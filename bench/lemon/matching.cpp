// LEMON 1.3.1 reference for bench/blossom.ts: maximum-weight matching of an edge list.
//
//   matching FILE
//
// FILE (little-endian): int32 n, int32 m, int32 integral (1: every weight is an integer), then
// m records of int32 u, int32 v, float64 w. Prints one JSON line:
//   {"total": <matching weight>, "pairs": <matched pairs>, "seconds": <MaxWeightedMatching::run>,
//    "cpu_seconds": <its CPU time>, "build_seconds": <graph construction>}
// Integer weights run with a 64-bit integer value type (exact); others with double.
#include <lemon/smart_graph.h>
#include <lemon/matching.h>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <vector>

using namespace lemon;

template <typename V>
static int solve(int32_t n, const std::vector<int32_t>& eu, const std::vector<int32_t>& ev, const std::vector<double>& ew) {
  auto t0 = std::chrono::steady_clock::now();
  SmartGraph g;
  g.reserveNode(n);
  g.reserveEdge(static_cast<int>(eu.size()));
  std::vector<SmartGraph::Node> nodes(n);
  for (int32_t i = 0; i < n; i++) nodes[i] = g.addNode();
  SmartGraph::EdgeMap<V> weight(g);
  for (size_t k = 0; k < eu.size(); k++) {
    SmartGraph::Edge e = g.addEdge(nodes[eu[k]], nodes[ev[k]]);
    weight[e] = static_cast<V>(ew[k]);
  }
  auto t1 = std::chrono::steady_clock::now();
  MaxWeightedMatching<SmartGraph, SmartGraph::EdgeMap<V>> mwm(g, weight);
  std::clock_t c1 = std::clock();
  mwm.run();
  std::clock_t c2 = std::clock();
  auto t2 = std::chrono::steady_clock::now();
  double total = static_cast<double>(mwm.matchingWeight());
  std::printf("{\"total\": %.17g, \"pairs\": %d, \"seconds\": %.6f, \"cpu_seconds\": %.6f, \"build_seconds\": %.6f}\n", total, mwm.matchingSize(),
              std::chrono::duration<double>(t2 - t1).count(), static_cast<double>(c2 - c1) / CLOCKS_PER_SEC,
              std::chrono::duration<double>(t1 - t0).count());
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 1;
  }
  int32_t head[3];
  if (std::fread(head, sizeof(int32_t), 3, f) != 3 || head[0] < 0 || head[1] < 0) {
    std::fprintf(stderr, "%s: bad header\n", argv[1]);
    return 1;
  }
  const int32_t n = head[0], m = head[1];
  struct Record {
    int32_t u, v;
    double w;
  };
  static_assert(sizeof(Record) == 16, "record layout");
  std::vector<Record> rec(m);
  if (std::fread(rec.data(), sizeof(Record), m, f) != static_cast<size_t>(m)) {
    std::fprintf(stderr, "%s: truncated edge list\n", argv[1]);
    return 1;
  }
  std::vector<int32_t> eu(m), ev(m);
  std::vector<double> ew(m);
  for (int32_t k = 0; k < m; k++) {
    if (rec[k].u < 0 || rec[k].u >= n || rec[k].v < 0 || rec[k].v >= n) {
      std::fprintf(stderr, "%s: bad edge record %d\n", argv[1], k);
      return 1;
    }
    eu[k] = rec[k].u;
    ev[k] = rec[k].v;
    ew[k] = rec[k].w;
  }
  std::fclose(f);
  return head[2] ? solve<long long>(n, eu, ev, ew) : solve<double>(n, eu, ev, ew);
}
