/**
 * What the network page publishes (docs/privacy.md): the network of countries of
 * `src/metrics/network.ts` as aggregates. Pure functions; `reports/data/network.json.ts` calls them.
 *
 * Rules, with `min` the minimum cell size:
 * - a country is listed (with its partner countries and its pairs) only when at least `min`
 *   distinct people from it were matched to date; the others are counted, not named, and their
 *   pairs are not listed, so no pair can point at the one participant of a small country. The
 *   number of people is not published: a country's people to date, with the per-round counts of
 *   coverage.json and the totals of metrics.json, gives back small groups (a country present in
 *   one round only makes its to-date count that round's, which coverage.json may hide; a
 *   region's round total minus it gives back a small country's count), and no audit here covers
 *   people across rounds by country. Listed countries are ordered by partner countries met;
 * - a pair's or region pair's partnerships between 1 and `min - 1` are published as `null` (shown
 *   as "1-4"), and, row by row, while a country's (region's) hidden cells sum to 1..min-1 the
 *   smallest shown cell of that row is hidden too (complementary suppression, as
 *   `suppressBreakdown` does), repeated until no row changes, since hiding a cell hides it in two
 *   rows;
 * - per round, counts of countries and of country pairs are published as they are (they count
 *   countries, not people), partnerships under `suppressCount`, the cross-region share under the
 *   share rule of publish.ts.
 */
import type { CountryNetwork, NetworkRound } from "../../../src/metrics/network";
import { suppressCount } from "../../../src/privacy/suppress";
import { displayName } from "./countries";
import { publishShare, type PublishedShare } from "./publish";

/** A round of the network as published. */
export interface PublishedNetworkRound extends Omit<NetworkRound, "partnerships" | "cross_region"> {
  partnerships: number | null;
  cross_region: PublishedShare;
}

/** The network document of the page. */
export interface PublishedNetwork {
  min_cell: number;
  synthetic: boolean;
  rounds: PublishedNetworkRound[];
  /** Countries with at least `min_cell` matched people to date (their number is not published), most partner countries first. */
  countries: { country: string; name: string; region: string; countries_met: number }[];
  /** Countries in the network with fewer than `min_cell` matched people to date (not listed). */
  small_countries: number;
  /** Pairs of listed countries (`a` < `b`); `partnerships` null = 1..min-1 or hidden by complementary suppression. */
  pairs: { a: string; b: string; partnerships: number | null; first_round: string }[];
  /** Pairs involving a small country (not listed). */
  unlisted_pairs: number;
  /** Partnerships to date between world regions (`a` <= `b`), suppressed like pairs. */
  regions: { a: string; b: string; partnerships: number | null }[];
}

/**
 * Suppresses a symmetric table of counts given as undirected cells (see module rules): small
 * cells become null, then complementary suppression row by row until stable. Zeros are absent.
 * @returns the published counts, in the input order.
 */
export function suppressSymmetric(cells: readonly { a: string; b: string; count: number }[], min: number): (number | null)[] {
  const out: (number | null)[] = cells.map((c) => (c.count > 0 && c.count < min ? null : c.count));
  const rows = new Map<string, number[]>();
  cells.forEach((c, i) => {
    for (const k of c.a === c.b ? [c.a] : [c.a, c.b]) rows.set(k, [...(rows.get(k) ?? []), i]);
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const idx of rows.values()) {
      const hidden = idx.filter((i) => out[i] === null).reduce((s, i) => s + cells[i].count, 0);
      if (hidden === 0 || hidden >= min) continue;
      const next = idx.filter((i) => out[i] !== null && cells[i].count > 0).sort((x, y) => cells[x].count - cells[y].count || x - y)[0];
      if (next === undefined) continue;
      out[next] = null;
      changed = true;
    }
  }
  return out;
}

/**
 * Publishes the network (module rules).
 * @throws RangeError when `min` < 1.
 */
export function publishNetwork(net: CountryNetwork, min: number, synthetic: boolean): PublishedNetwork {
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`the minimum cell size must be an integer >= 1, got ${min}`);
  const listed = new Set(net.countries.filter((c) => c.participants >= min).map((c) => c.country));
  const pairs = net.pairs.filter((p) => listed.has(p.a) && listed.has(p.b));
  const pairCounts = suppressSymmetric(pairs.map((p) => ({ a: p.a, b: p.b, count: p.partnerships })), min);
  const regionCounts = suppressSymmetric(net.regions.map((r) => ({ a: r.a, b: r.b, count: r.partnerships })), min);
  return {
    min_cell: min,
    synthetic,
    rounds: net.rounds.map((r) => ({ ...r, partnerships: suppressCount(r.partnerships, min), cross_region: publishShare(r.cross_region, min) })),
    countries: net.countries
      .filter((c) => listed.has(c.country))
      .map((c) => ({ country: c.country, name: displayName(c.country), region: c.region, countries_met: c.countries_met })),
    small_countries: net.countries.length - listed.size,
    pairs: pairs.map((p, i) => ({ a: p.a, b: p.b, partnerships: pairCounts[i], first_round: p.first_round })),
    unlisted_pairs: net.pairs.length - pairs.length,
    regions: net.regions.map((r, i) => ({ a: r.a, b: r.b, partnerships: regionCounts[i] })),
  };
}
