/**
 * Small published documents, written by hand in the shapes the data loaders publish, for the
 * findings and deck tests. Round R1 "Round 1" and R2 "Round 2"; R3 "Round 3" has registrations
 * only (nothing matched, nothing surveyed).
 */
import type { HealthDoc, MetricsDoc, NetworkDoc, RetentionDoc, ThemesDoc } from "../../src/findings/findings";

const share = (count: number | null, n: number | null, ci: [number, number] | null) => ({ n, count, share: count === null || n === null ? null : count / n, ci });
const item = (n: number | null, top2: number | null, ci: [number, number] | null) => ({ n, mean: top2 === null ? null : 4, top2, top2_ci: ci });
const none = share(null, null, null);

export function metricsDoc(synthetic = true): MetricsDoc {
  return {
    min_cell: 5,
    synthetic,
    rounds: [
      {
        round: "R1", name: "Round 1", registered: 100, participants: 92, partnerships: 46, countries: 20, new_countries: 20,
        largest_country: { country_name: "United States", share: 0.25, cap: 0.2, over_cap: true },
        returning_share: share(0, 92, [0, 0.04]), completion_rate: share(40, 46, [0.74, 0.94]), response_rate: share(50, 92, [0.44, 0.64]),
        program_satisfaction: item(50, 0.9, [0.79, 0.96]), partner_satisfaction: item(49, 0.8, [0.67, 0.89]),
        outcomes: { outcome_ideas: item(48, 0.75, [0.61, 0.85]), outcome_confidence: item(48, 0.6, [0.46, 0.73]) },
      },
      {
        round: "R2", name: "Round 2", registered: 1100, participants: 1001, partnerships: 500, countries: 40, new_countries: 21,
        largest_country: { country_name: "Australia", share: 0.18, cap: 0.2, over_cap: false },
        returning_share: share(22, 1001, [0.015, 0.033]), completion_rate: share(400, 500, [0.76, 0.83]), response_rate: share(500, 1001, [0.47, 0.53]),
        program_satisfaction: item(500, 0.86, [0.827, 0.887]), partner_satisfaction: item(498, null, null),
        outcomes: { outcome_ideas: item(480, 0.7, [0.66, 0.74]), outcome_confidence: item(480, 0.72, [0.68, 0.76]) },
      },
      {
        round: "R3", name: "Round 3", registered: 900, participants: 0, partnerships: 0, countries: 0, new_countries: 0,
        largest_country: { country_name: "Japan", share: 0.1, cap: 0.2, over_cap: false },
        returning_share: none, completion_rate: none, response_rate: none,
        program_satisfaction: item(0, null, null), partner_satisfaction: item(0, null, null), outcomes: {},
      },
    ],
    overall: { rounds: 3, participants: 1071, countries: 45, partnerships: 546, to_date: [{ round: "R1", participants: 92, countries: 20 }, { round: "R2", participants: 1071, countries: 41 }, { round: "R3", participants: 1071, countries: 41 }] },
  };
}

export function retentionDoc(): RetentionDoc {
  return {
    cohorts: [
      { cohort: "R1", round: "R2", cohort_size: 92, retained: 22, share: 22 / 92 },
      { cohort: "R1", round: "R3", cohort_size: 92, retained: null, share: null },
      { cohort: "R2", round: "R3", cohort_size: 1001, retained: 80, share: 80 / 1001 },
    ],
  };
}

export function healthDoc(): HealthDoc {
  const row = (round: string, health: string, count: number | null, total: number) => ({ round, health, count, share: count === null ? null : count / total, partnerships: total });
  return {
    classes: [
      row("R1", "thriving", 20, 46), row("R1", "ok", 16, 46), row("R1", "at_risk", null, 46), row("R1", "failed", null, 46),
      row("R2", "thriving", 60, 100), row("R2", "ok", 20, 100), row("R2", "at_risk", 10, 100), row("R2", "failed", 10, 100),
    ],
  };
}

export function themesDoc(): ThemesDoc {
  return {
    codebook: [{ id: "new_ideas", label: "New ideas" }, { id: "gratitude", label: "Gratitude" }, { id: "confidence", label: "Confidence" }],
    rounds: [
      {
        round: "R2", n: 120,
        themes: [
          { theme: "new_ideas", n: 120, count: 30, share: 0.25, ci: [0.18109821656809566, 0.33441136664125615] },
          { theme: "gratitude", n: 120, count: 45, share: 0.375, ci: [0.29, 0.47] },
          { theme: "confidence", n: 120, count: null, share: null, ci: null },
        ],
      },
    ],
  };
}

export function networkDoc(): NetworkDoc {
  const cr = (count: number, n: number) => ({ n, count, share: count / n, ci: [count / n - 0.05, count / n + 0.05] as [number, number] });
  return {
    rounds: [
      { round: "R1", countries: 20, pairs: 30, new_pairs: 30, cross_region: cr(34, 46), to_date: { countries: 20, pairs: 30, density: 0.158 } },
      { round: "R2", countries: 40, pairs: 100, new_pairs: 90, cross_region: cr(375, 500), to_date: { countries: 41, pairs: 120, density: 0.146 } },
      { round: "R3", countries: 0, pairs: 0, new_pairs: 0, cross_region: { n: 0, count: 0, share: null, ci: null }, to_date: { countries: 41, pairs: 120, density: 0.146 } },
    ],
    countries: [{ name: "United States", countries_met: 30 }],
  };
}
