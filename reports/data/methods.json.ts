/**
 * methods.json: what the methods page documents from code: the health rules, the minimum cell
 * size, whether the data are synthetic and, when they are, the planted outcome model of the demo
 * generator (coefficients of src/demo/planted-model.ts).
 */
import { sql } from "../../src/db";
import { PLANTED_COMPLETION, PLANTED_SATISFACTION } from "../../src/demo/planted-model";
import { COUNTRY_CAP, HEALTH_RULES, Z_TEST, FISHER_TEST } from "../../src/metrics";
import { runLoader } from "./lib/run";

await runLoader("methods.json", async (db, min) => {
  const [row] = await db.all<{ synthetic: boolean; rounds: number }>(sql`SELECT coalesce(bool_or(synthetic), false) AS synthetic, count(*) AS rounds FROM rounds`);
  return {
    min_cell: min,
    synthetic: row.synthetic,
    rounds: row.rounds,
    country_cap: COUNTRY_CAP,
    health_rules: HEALTH_RULES,
    tests: { z: Z_TEST, fisher: FISHER_TEST },
    planted_model: row.synthetic ? { completion: PLANTED_COMPLETION, satisfaction: PLANTED_SATISFACTION } : null,
  };
}, { undeclared: "publishes no count of people" });
