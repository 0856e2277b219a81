/**
 * The weights file (docs/matching.md): how pair features turn into a pair score.
 *
 *     score(pair) = base + Σ_f weights[f] · x_f + scale · Σ_t weight_t · σ(intercept_t + Σ_f c_{t,f} · x_f)      (points)
 *
 * with x_f the features of `features.ts` and σ the logistic function. The last part, `utility`,
 * is optional: `iln weights fit` writes it so that a pair's score is its expected utility (the
 * probability of each good outcome under a fitted model, weighted), with every linear weight 0. The file is JSON, validated here with zod; every one of
 * the nine features must be given (a typo is an error, not a silent 0). `weights.default.json`
 * beside this module holds the defaults, which encode the program's stated principles (see its
 * `description`). `iln weights fit` writes the same shape with a `fitted` block describing the
 * model the weights came from.
 *
 * Pure (no Node imports): the dashboards bundle it. Reading a file is the caller's job.
 */
import { z } from "zod";
import { DuplicateKeyError, parseJson } from "../domain/json";
import { FEATURE_NAMES, type FeatureName } from "./features";
import defaultsJson from "./weights.default.json";

/** Largest absolute weight accepted (keeps integer scores well inside 32 bits, see `score.ts`). */
export const MAX_ABS_WEIGHT = 1000;

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const weight = finite.refine((x) => Math.abs(x) <= MAX_ABS_WEIGHT, `must be between -${MAX_ABS_WEIGHT} and ${MAX_ABS_WEIGHT}`);

/** zod schema of the per-feature weights: exactly the nine features of `FEATURE_NAMES`. */
export const FeatureWeights = z.strictObject(
  Object.fromEntries(FEATURE_NAMES.map((f) => [f, weight])) as Record<FeatureName, typeof weight>,
);

const PROBABILITY_TERM = z.strictObject({
  /** What the term is the probability of (informative). */
  outcome: z.string(),
  /** Weight of this outcome in the utility. */
  weight: finite,
  /** Intercept and per-feature coefficients of the term's linear predictor (logit scale). */
  intercept: weight,
  coefficients: FeatureWeights,
});

/** zod schema of the optional expected-utility part of a weights file. */
export const UtilityPart = z.strictObject({
  /** Points per unit of utility (e.g. 100: a pair's score is its expected good outcomes × 100). */
  scale: finite.refine((x) => x > 0 && x <= MAX_ABS_WEIGHT, `must be above 0 and at most ${MAX_ABS_WEIGHT}`),
  terms: z.array(PROBABILITY_TERM).min(1),
});

/** zod schema of a weights file. */
export const WeightsFile = z.strictObject({
  /** Free text: what these weights are for, where they came from. */
  description: z.string().optional(),
  /** Constant added to every allowed pair's score, points (keeps scores positive so nobody is left out needlessly). */
  base: weight.default(0),
  /** Points per unit of each feature. */
  weights: FeatureWeights,
  /** Expected utility added to the score (see the module doc); written by `iln weights fit`. */
  utility: UtilityPart.optional(),
  /** Written by `iln weights fit`: the model and data the weights came from (informative only). */
  fitted: z.record(z.string(), z.unknown()).optional(),
});

/** A validated weights file (the zod schema is the single source of this type). */
export type Weights = z.infer<typeof WeightsFile>;

/** Thrown when a weights file is not valid: `problems` lists each as `path: message`. */
export class WeightsError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`invalid weights file ${source}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "WeightsError";
  }
}

/**
 * Validates a parsed weights document.
 * @param source name shown in errors (file path, "default").
 * @throws WeightsError listing every problem (unknown or missing feature, non-number, out of range).
 */
export function parseWeights(doc: unknown, source = "weights"): Weights {
  const r = WeightsFile.safeParse(doc);
  if (r.success) return r.data;
  throw new WeightsError(
    source,
    r.error.issues.map((i) => {
      const where = i.path.length ? i.path.join(".") : "(root)";
      const keys = (i as { keys?: string[] }).keys;
      return `${where}: ${i.message}${keys ? ` (${keys.join(", ")}; features are ${FEATURE_NAMES.join(", ")})` : ""}`;
    }),
  );
}

/**
 * Parses and validates the text of a weights file.
 * @throws WeightsError when the text is not JSON, gives a key twice in one object (the problem is
 *   `path: the key ... is given twice in one object (lines 3 and 9) ...`; JSON alone would keep the
 *   last silently) or is not a valid weights document.
 */
export function parseWeightsText(text: string, source = "weights"): Weights {
  let doc: unknown;
  try {
    doc = parseJson(text);
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw new WeightsError(source, [`${err.path}: ${err.message}`]);
    throw new WeightsError(source, [`not JSON: ${(err as Error).message}`]);
  }
  return parseWeights(doc, source);
}

/** The default weights (`weights.default.json`), validated. A fresh copy on each call. */
export function defaultWeights(): Weights {
  return parseWeights(structuredClone(defaultsJson), "weights.default.json");
}

/**
 * Pair score in points: `base + Σ weights[f] · x[f]`, plus the utility part when present (see
 * module doc). Summed in this order: base, the features in `FEATURE_NAMES` order, then each
 * utility term (its linear predictor summed intercept first, features in order); `score.ts`
 * reproduces it exactly.
 * @example pairScore(defaultWeights(), x) // 4 + 3·sector_pref_met + ...
 */
export function pairScore(w: Weights, x: Readonly<Record<FeatureName, number>>): number {
  let s = w.base;
  for (const f of FEATURE_NAMES) s += w.weights[f] * x[f];
  if (w.utility) {
    for (const t of w.utility.terms) {
      let eta = t.intercept;
      for (const f of FEATURE_NAMES) eta += t.coefficients[f] * x[f];
      s += w.utility.scale * t.weight * (1 / (1 + Math.exp(-eta)));
    }
  }
  return s;
}
