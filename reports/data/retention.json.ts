/**
 * retention.json: the cohort retention matrix (cells of fewer than the minimum cell size
 * suppressed) and the survey response rate by country (countries with fewer matched participants
 * or respondents than the minimum left out), for the retention page.
 */
import { cohortRetention, responseRateByCountry } from "../../src/metrics";
import { suppressCount } from "../../src/privacy/suppress";
import { displayName } from "./lib/countries";
import { publishShare } from "./lib/publish";
import { runLoader } from "./lib/run";

await runLoader("retention.json", async (db, min) => {
  const cells = (await cohortRetention(db)).map((c) => {
    const ok = c.cohort_size >= min && !(c.retained > 0 && c.retained < min) && !(c.cohort_size - c.retained > 0 && c.cohort_size - c.retained < min);
    return {
      cohort: c.cohort,
      round: c.round,
      cohort_size: suppressCount(c.cohort_size, min),
      retained: ok ? c.retained : null,
      share: ok ? c.share : null,
    };
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
