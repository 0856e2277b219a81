/**
 * methods.json: what the methods page documents from code: the health rules and what they are
 * built from, the minimum cell size, the tests, the multiple-testing adjustment and why, the
 * non-response weighting, the matching utility, whether the data are synthetic and, when they
 * are, the planted outcome and response models of the demo generator (src/demo).
 */
import { sql } from "../../src/db";
import { PLANTED_COMPLETION, PLANTED_SATISFACTION } from "../../src/demo/planted-model";
import { PROGRAM_SHIFT_BY_REGION, PROGRAM_SHIFT_IF_FAILED, RESPONSE_BY_REGION, RESPONSE_IF_FAILED } from "../../src/demo/survey";
import { PENALTY_GRID, SATISFACTION_WEIGHT, UTILITY_SCALE } from "../../src/matching/fit";
import { ADJUSTMENT, COUNTRY_CAP, FISHER_TEST, HEALTH_RULES, HEALTH_SOURCES, HOLM_WHY, TRIM_FACTOR, WEIGHTING_NOTE, Z_TEST } from "../../src/metrics";
import { runLoader } from "./lib/run";

await runLoader("methods.json", async (db, min) => {
  const [row] = await db.all<{ synthetic: boolean; rounds: number }>(sql`SELECT coalesce(bool_or(synthetic), false) AS synthetic, count(*) AS rounds FROM rounds`);
  return {
    min_cell: min,
    synthetic: row.synthetic,
    rounds: row.rounds,
    country_cap: COUNTRY_CAP,
    health_rules: HEALTH_RULES,
    health_sources: HEALTH_SOURCES,
    tests: { z: Z_TEST, fisher: FISHER_TEST, adjustment: ADJUSTMENT, adjustment_why: HOLM_WHY },
    weighting: { note: WEIGHTING_NOTE, trim_factor: TRIM_FACTOR },
    matching: { satisfaction_weight: SATISFACTION_WEIGHT, utility_scale: UTILITY_SCALE, penalty_grid: PENALTY_GRID },
    planted_model: row.synthetic
      ? {
          completion: PLANTED_COMPLETION,
          satisfaction: PLANTED_SATISFACTION,
          response: { if_failed: RESPONSE_IF_FAILED, by_region: RESPONSE_BY_REGION, program_shift_if_failed: PROGRAM_SHIFT_IF_FAILED, program_shift_by_region: PROGRAM_SHIFT_BY_REGION },
        }
      : null,
  };
}, { undeclared: "publishes no count of people" });
