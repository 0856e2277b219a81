/**
 * The program as a network of countries (docs/metrics.md, "Network"): countries are nodes, and two
 * countries are linked when at least one partnership joined a participant of each. Per round: the
 * countries and distinct country pairs, the pairs new that round (never linked in an earlier
 * round), and the share of partnerships that crossed world regions; to date: the graph of every
 * round so far, its density (graphology-metrics), each country's number of partner countries
 * (degree) and partnerships (weighted degree), and partnerships between world regions.
 *
 * A partnership counts once per round it belongs to (rematches included), between the countries
 * of its partners' registrations in that round. Partnerships with a partner whose country is
 * unknown, or whose partners share a country (a hard-rule violation of a hand matching), are left
 * out of the graph and counted.
 */
import { UndirectedGraph } from "graphology";
import { density } from "graphology-metrics/graph/density.js";
import { checkRound, sql, type Db } from "../db";
import { MATCHED, ROUND_ORDER, regionOrUnknown, roundIs, type RoundOpts } from "./base";
import { proportion, type Proportion } from "./stats";

/** Partnerships between two countries in one round (`a` < `b`, ISO alpha-2). */
export interface CountryPairRow {
  round: string;
  a: string;
  b: string;
  partnerships: number;
}

/**
 * Partnerships per round and unordered pair of different countries.
 * @returns rows ordered by round start, then `a`, then `b`; plus, per round, the partnerships left
 *   out (a partner without a registration in the round, or both partners from one country).
 * @throws {UnknownRoundError} when `opts.round` is not in the database.
 */
export async function countryPairs(db: Db, opts: RoundOpts = {}): Promise<{ pairs: CountryPairRow[]; excluded: { round: string; partnerships: number }[] }> {
  await checkRound(db, opts.round);
  const rows = await db.all<{ round: string; ca: string | null; cb: string | null; n: number }>(sql`WITH ${ROUND_ORDER}
    SELECT p.round_id AS round, least(ga.country, gb.country) AS ca, greatest(ga.country, gb.country) AS cb, count(*) AS n, min(o.ord) AS ord
    FROM partnerships p JOIN round_order o USING (round_id)
    LEFT JOIN registrations ga ON ga.round_id = p.round_id AND ga.pid = p.pid_a
    LEFT JOIN registrations gb ON gb.round_id = p.round_id AND gb.pid = p.pid_b
    WHERE ${roundIs(opts.round, sql`p.round_id`)}
    GROUP BY 1, 2, 3 ORDER BY ord, ca NULLS LAST, cb NULLS LAST`);
  const pairs: CountryPairRow[] = [];
  const excluded = new Map<string, number>();
  for (const r of rows) {
    if (!excluded.has(r.round)) excluded.set(r.round, 0);
    if (r.ca === null || r.cb === null || r.ca === r.cb) excluded.set(r.round, excluded.get(r.round)! + r.n);
    else pairs.push({ round: r.round, a: r.ca, b: r.cb, partnerships: r.n });
  }
  return { pairs, excluded: [...excluded].map(([round, partnerships]) => ({ round, partnerships })) };
}

/** One round of the network. */
export interface NetworkRound {
  round: string;
  /** Countries with a partnership in the graph this round. */
  countries: number;
  /** Distinct country pairs linked this round. */
  pairs: number;
  /** Country pairs linked this round and in no earlier round. */
  new_pairs: number;
  /** Partnerships in the graph this round. */
  partnerships: number;
  /** Share of this round's partnerships whose partners are from different world regions (UN M49), with its Wilson interval. */
  cross_region: Proportion;
  /** The graph of this and every earlier round: countries, distinct pairs and density (pairs / possible pairs). */
  to_date: { countries: number; pairs: number; density: number };
}

/** A country in the graph to date. */
export interface NetworkCountry {
  country: string;
  region: string;
  /** Distinct matched participants from the country to date (its registration's country in each round they were matched); 0 when not given. */
  participants: number;
  /** Distinct partner countries (degree). */
  countries_met: number;
  /** Partnerships with a participant of another country (weighted degree). */
  partnerships: number;
}

/** The network of countries, per round and to date. */
export interface CountryNetwork {
  rounds: NetworkRound[];
  /** Every country of the graph to date (all rounds), most partner countries first. */
  countries: NetworkCountry[];
  /** Partnerships to date per unordered pair of countries (`a` < `b`), most first. */
  pairs: { a: string; b: string; partnerships: number; first_round: string }[];
  /** Partnerships to date per unordered pair of world regions (`a` <= `b`; a region with itself when `a` = `b`). */
  regions: { a: string; b: string; partnerships: number }[];
}

/**
 * Builds the network from {@link countryPairs} rows, rounds in `roundOrder` (start order). The
 * graph to date is a graphology `UndirectedGraph` with one edge per country pair, weighted by
 * partnerships; density is graphology-metrics' undirected density, 2m / (n (n - 1)), 0 for fewer
 * than two countries. `participants` gives each country's distinct matched participants to date.
 * @throws Error when a row names a round missing from `roundOrder`.
 */
export function countryNetwork(rows: readonly CountryPairRow[], roundOrder: readonly string[], participants: ReadonlyMap<string, number> = new Map()): CountryNetwork {
  const byRound = new Map<string, CountryPairRow[]>(roundOrder.map((r) => [r, []]));
  for (const r of rows) {
    const list = byRound.get(r.round);
    if (!list) throw new Error(`round ${r.round} is not in the round order`);
    list.push(r);
  }
  const graph = new UndirectedGraph();
  const firstRound = new Map<string, string>();
  const regions = new Map<string, number>();
  const rounds: NetworkRound[] = [];
  for (const round of roundOrder) {
    const list = byRound.get(round)!;
    const countries = new Set<string>();
    let newPairs = 0;
    let partnerships = 0;
    let crossRegion = 0;
    for (const r of list) {
      countries.add(r.a).add(r.b);
      partnerships += r.partnerships;
      const ra = regionOrUnknown(r.a);
      const rb = regionOrUnknown(r.b);
      if (ra !== rb) crossRegion += r.partnerships;
      const rk = ra <= rb ? `${ra}\u0000${rb}` : `${rb}\u0000${ra}`;
      regions.set(rk, (regions.get(rk) ?? 0) + r.partnerships);
      graph.mergeNode(r.a);
      graph.mergeNode(r.b);
      if (graph.hasEdge(r.a, r.b)) graph.updateEdgeAttribute(r.a, r.b, "weight", (w: number) => w + r.partnerships);
      else {
        graph.addEdge(r.a, r.b, { weight: r.partnerships });
        firstRound.set(`${r.a}\u0000${r.b}`, round);
        newPairs++;
      }
    }
    rounds.push({
      round,
      countries: countries.size,
      pairs: list.length,
      new_pairs: newPairs,
      partnerships,
      cross_region: proportion(crossRegion, partnerships),
      to_date: { countries: graph.order, pairs: graph.size, density: graph.order < 2 ? 0 : density(graph) },
    });
  }
  const countries: NetworkCountry[] = graph
    .mapNodes((c) => ({
      country: c,
      region: regionOrUnknown(c),
      participants: participants.get(c) ?? 0,
      countries_met: graph.degree(c),
      partnerships: graph.reduceEdges(c, (s: number, _e, attr) => s + (attr.weight as number), 0),
    }))
    .sort((x, y) => y.countries_met - x.countries_met || y.partnerships - x.partnerships || (x.country < y.country ? -1 : 1));
  const pairs = graph
    .mapEdges((_e, attr, s, t) => {
      const [a, b] = s < t ? [s, t] : [t, s];
      return { a, b, partnerships: attr.weight as number, first_round: firstRound.get(`${a}\u0000${b}`)! };
    })
    .sort((x, y) => y.partnerships - x.partnerships || (x.a + x.b < y.a + y.b ? -1 : 1));
  const regionRows = [...regions].map(([k, partnerships]) => {
    const [a, b] = k.split("\u0000");
    return { a, b, partnerships };
  });
  regionRows.sort((x, y) => y.partnerships - x.partnerships || (x.a + x.b < y.a + y.b ? -1 : 1));
  return { rounds, countries, pairs, regions: regionRows };
}

/**
 * The network of the database's rounds ({@link countryPairs} then {@link countryNetwork}), with
 * each country's distinct matched participants to date and the partnerships left out of the
 * graph per round. A round without partnerships (registrations only) has zero of everything.
 */
export async function networkOf(db: Db): Promise<CountryNetwork & { excluded: { round: string; partnerships: number }[] }> {
  const order = (await db.all<{ round_id: string }>(sql`SELECT round_id FROM rounds ORDER BY start_date, round_id`)).map((r) => r.round_id);
  const { pairs, excluded } = await countryPairs(db);
  const people = await db.all<{ country: string; n: number }>(sql`WITH ${MATCHED}
    SELECT g.country, count(DISTINCT m.pid) AS n FROM matched m JOIN registrations g ON g.round_id = m.round_id AND g.pid = m.pid GROUP BY 1`);
  return { ...countryNetwork(pairs, order, new Map(people.map((p) => [p.country, p.n]))), excluded };
}
