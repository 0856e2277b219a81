/**
 * retention.json: the cohort retention matrix (cells of fewer than the minimum cell size
 * suppressed) and the survey response rate by country (countries with fewer matched participants
 * or respondents than the minimum left out), for the retention page.
 */
import { cohortRetention, responseRateByCountry } from "../../src/metrics";
import { displayName } from "./lib/countries";
import { publishShare } from "./lib/publish";
import { runLoader } from "./lib/run";

await runLoader("retention.json", async (db, min) => {
  // A cell is a share of its cohort: the share rule of lib/publish.ts (no small cohort, retained
  // count or complement).
  const cells = (await cohortRetention(db)).map((c) => {
    const p = publishShare({ n: c.cohort_size, count: c.retained, share: c.share, ci: c.ci }, min);
    return { cohort: c.cohort, round: c.round, cohort_size: p.n, retained: p.count, share: p.share, ci: p.ci };
  });
  const response = [];
  let hidden = 0;
  for (const r of await responseRateByCountry(db)) {
    const p = publishShare({ n: r.participants, count: r.respondents, share: r.share, ci: r.ci }, min);
    if (p.share === null) {
      hidden++;
      continue;
    }
    response.push({ round: r.round, country: r.country, name: displayName(r.country), region: r.region, ...p });
  }
  return { min_cell: min, cohorts: cells, response_by_country: response, hidden_countries: hidden };
});
