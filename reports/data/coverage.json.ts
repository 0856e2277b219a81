/**
 * coverage.json: participants per country and round (counts of 1 to min-1 published as null and
 * shown as a band), with the countries' names, regions and world-atlas ids, for the coverage map.
 */
import { countryCoverage, regionCoverage } from "../../src/metrics";
import { suppressBreakdown } from "../../src/privacy/suppress";
import { displayName, mapId } from "./lib/countries";
import { runLoader } from "./lib/run";

/** Applies complementary suppression within each round's breakdown (round totals are published). */
function publishPerRound<T extends { round: string; participants: number }>(rows: T[], min: number): (T & { published: number | null })[] {
  const out: (T & { published: number | null })[] = [];
  for (const round of [...new Set(rows.map((r) => r.round))]) {
    const group = rows.filter((r) => r.round === round);
    const published = suppressBreakdown(group.map((r) => r.participants), min);
    group.forEach((r, i) => out.push({ ...r, published: published[i] }));
  }
  return out;
}

await runLoader("coverage.json", async (db, min) => {
  const countries = publishPerRound(await countryCoverage(db), min).map((c) => ({
    round: c.round,
    country: c.country,
    name: displayName(c.country),
    numeric: mapId(c.country),
    region: c.region,
    participants: c.published,
  }));
  const regions = publishPerRound(await regionCoverage(db), min).map((r) => ({ round: r.round, region: r.region, participants: r.published }));
  return { min_cell: min, countries, regions };
});
