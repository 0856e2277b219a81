/**
 * coverage.json: matched participants per country and world region, per round, for the coverage
 * map: counts from the matched participants' publication plan (lib/plans/matched.ts), null where
 * hidden (shown as a band), with the countries' names, regions and world-atlas ids. Rows are in
 * round order, then by published count (largest first), hidden rows last by code, so the order
 * says nothing about the sizes of hidden cells.
 */
import { roundIds, type Db } from "../../../../src/db";
import { displayName, mapId } from "../countries";
import { Plan } from "../plan";
import { addSurveyReach } from "../plans/survey";

/** Published count descending, hidden (null) last, then by key. */
export function byPublished<T>(rows: T[], count: (r: T) => number | null, key: (r: T) => string): T[] {
  return rows.sort((a, b) => (count(b) ?? -1) - (count(a) ?? -1) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The coverage page's data (see module doc). */
export async function coverageData(db: Db, min: number, record: (plan: Plan) => void) {
  const plan = new Plan(min);
  // The people plan and the respondents' too: a round's participants are twinned with the first
  // (lib/plans/reach.ts), its respondents per country with the second (lib/plans/survey.ts).
  const { matched } = await addSurveyReach(db, plan, min);
  record(plan.protect());
  const countries = [];
  const regions = [];
  for (const round of await roundIds(db)) {
    const m = matched.get(round);
    if (!m) continue;
    const cs = m.countries.map((c) => ({ round, country: c.country, name: displayName(c.country), numeric: mapId(c.country), region: c.region, participants: plan.value(c.id) }));
    countries.push(...byPublished(cs, (c) => c.participants, (c) => c.country));
    const rs = m.regions.map((r) => ({ round, region: r.region, participants: plan.value(r.id) }));
    regions.push(...byPublished(rs, (r) => r.participants, (r) => r.region));
  }
  return { min_cell: min, countries, regions };
}
