/**
 * The planted outcome model of the demo data: the "truth" that weight fitting should recover.
 * Exported as data so that a fitting test can compare its estimates with it. Documented with
 * its formulas in data/demo/README.md.
 *
 * Completion (a partnership's status is `completed` rather than `dissolved`/`withdrawn`):
 *   P(completed) = 1 / (1 + exp(-(intercept + Σ_f coef_f · x_f)))
 * Partner satisfaction (each responding partner's 1-5 answer), ordered logit:
 *   y* = Σ_f coef_f · x_f + ε,  ε ~ standard logistic, drawn per respondent
 *   answer = 1 + #{k : y* > cuts[k]}
 * x_f are the pair features of `src/matching/features.ts`; features not listed have coefficient 0.
 */
import type { FeatureName, PairFeatures } from "../matching/features";

/** A linear predictor over pair features. */
export interface LinearPredictor {
  intercept: number;
  coefficients: Readonly<Partial<Record<FeatureName, number>>>;
}

/** Completion: logistic model (log-odds per unit of each feature). */
export const PLANTED_COMPLETION: LinearPredictor = Object.freeze({
  intercept: -0.15,
  coefficients: Object.freeze({
    sector_pref_met: 0.9,
    career_pref_met: 0.7,
    shared_interests: 1.6,
    shared_language: 1.0,
    timezone_gap: -0.12,
  }),
});

/** Partner satisfaction: ordered logit, latent scale (intercept 0; the cut points carry the level). */
export const PLANTED_SATISFACTION: LinearPredictor & { cuts: readonly number[] } = Object.freeze({
  intercept: 0,
  coefficients: Object.freeze({
    sector_pref_met: 1.0,
    career_pref_met: 0.8,
    shared_interests: 2.0,
    shared_language: 1.0,
    timezone_gap: -0.12,
  }),
  cuts: Object.freeze([-0.8, 0.3, 1.2, 2.8]),
});

/** intercept + Σ coef_f · x_f. */
export function linearPredictor(model: LinearPredictor, x: PairFeatures): number {
  let eta = model.intercept;
  for (const [name, coef] of Object.entries(model.coefficients) as [FeatureName, number][]) eta += coef * x[name];
  return eta;
}

/** The logistic function 1 / (1 + e^-z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Planted probability that a partnership with these features completes, 0..1. */
export function completionProbability(x: PairFeatures): number {
  return sigmoid(linearPredictor(PLANTED_COMPLETION, x));
}

/**
 * A 1..5 satisfaction answer from a latent value y*: 1 + the number of cut points below y*.
 * @param latent y* = linear predictor + noise.
 */
export function satisfactionFromLatent(latent: number): number {
  let k = 1;
  for (const c of PLANTED_SATISFACTION.cuts) if (latent > c) k++;
  return k;
}
