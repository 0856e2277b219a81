/**
 * retention.json: the cohort retention matrix and the survey response rate by country, for the
 * retention page, from the publication plans of people (cohorts: lib/plans/people.ts) and matched
 * participants (response by country: lib/plans/matched.ts). A cohort cell's share is shown only
 * when its cohort size and retained count are both published; a country's response row only when
 * its participants and respondents are (hidden rows are left out and counted).
 */
import { roundIds, type Db } from "../../../../src/db";
import { cohortRetention, responseRateByCountry } from "../../../../src/metrics";
import { displayName } from "../countries";
import { Plan } from "../plan";
import { addSurveyReach } from "../plans/survey";

/** The retention page's data (see module doc). */
export async function retentionData(db: Db, min: number, record: (plan: Plan) => void) {
  const plan = new Plan(min);
  const { people, matched } = await addSurveyReach(db, plan, min);
  record(plan.protect());
  const v = (id: number | undefined) => (id === undefined ? null : plan.value(id));
  const cohorts = (await cohortRetention(db)).map((c) => {
    const ids = people.cohorts.get(c.cohort);
    const size = v(ids?.size);
    const retained = v(ids?.retained.get(c.round));
    const ok = size !== null && retained !== null && size > 0;
    return { cohort: c.cohort, round: c.round, cohort_size: size, retained: ok ? retained : null, share: ok ? c.share : null, ci: ok ? c.ci : null };
  });
  const order = new Map((await roundIds(db)).map((r, i) => [r, i]));
  const response = [];
  let hidden = 0;
  for (const r of await responseRateByCountry(db)) {
    const c = matched.get(r.round)?.countries.find((x) => x.country === r.country);
    const n = v(c?.n);
    const count = v(c?.respondents);
    if (n === null || count === null) {
      hidden++;
      continue;
    }
    response.push({ round: r.round, country: r.country, name: displayName(r.country), region: r.region, n, count, share: r.share, ci: r.ci });
  }
  response.sort((a, b) => order.get(a.round)! - order.get(b.round)! || (a.country < b.country ? -1 : 1));
  return { min_cell: min, cohorts, response_by_country: response, hidden_countries: hidden };
}
