/**
 * Agreement between two codings of the same comments (a coordinator's reading against the coder's,
 * or the coder against planted themes): per theme precision, recall, F1 and Cohen's kappa, and
 * their macro averages. Pure functions.
 *
 * Each theme is a binary decision per comment. With `reference` the human (or planted) coding and
 * `predicted` the one under test: tp = both coded, fp = predicted only, fn = reference only,
 * tn = neither.
 */

/** The 2x2 table and scores of one theme. */
export interface ThemeAgreement {
  theme: string;
  /** Comments the reference codes with the theme. */
  support: number;
  /** Comments the prediction codes with the theme. */
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** tp / (tp + fp); null when nothing was predicted. */
  precision: number | null;
  /** tp / (tp + fn); null when the reference never codes the theme. */
  recall: number | null;
  /** 2tp / (2tp + fp + fn), the harmonic mean of precision and recall; null when both codings never code the theme. */
  f1: number | null;
  /**
   * Cohen's kappa (1960) of the two binary codings: (po - pe) / (1 - pe), po the observed
   * agreement, pe the agreement expected from the margins; null when pe = 1 (both codings
   * constant and equal, where kappa is undefined).
   */
  kappa: number | null;
}

/** The agreement of two codings over all themes. */
export interface Agreement {
  /** Comments compared. */
  n: number;
  themes: ThemeAgreement[];
  /** Themes whose support is at least `minSupport`: the ones the macro averages cover. */
  macroThemes: string[];
  minSupport: number;
  /** Unweighted means over `macroThemes` (a null precision counts as 0); null when no theme qualifies. */
  macro: { precision: number | null; recall: number | null; f1: number | null; kappa: number | null };
}

/**
 * The agreement of `predicted` with `reference`, comment by comment, for every theme in `themes`.
 * @param reference the reference themes of each comment, by comment id.
 * @param predicted the predicted themes, by the same ids.
 * @param themes the theme ids to score, in output order.
 * @param minSupport macro averages cover themes with at least this support (default 5).
 * @throws {Error} when the two codings do not hold the same comment ids, or either codes a theme not in `themes`.
 */
export function agreement(
  reference: ReadonlyMap<string, readonly string[]>,
  predicted: ReadonlyMap<string, readonly string[]>,
  themes: readonly string[],
  minSupport = 5,
): Agreement {
  const onlyRef = [...reference.keys()].filter((id) => !predicted.has(id));
  const onlyPred = [...predicted.keys()].filter((id) => !reference.has(id));
  if (onlyRef.length || onlyPred.length) {
    const show = (ids: string[]) => ids.slice(0, 5).join(", ") + (ids.length > 5 ? ` and ${ids.length - 5} more` : "");
    throw new Error(`the codings cover different comments: ${onlyRef.length ? `only in the reference: ${show(onlyRef)}` : ""}${onlyRef.length && onlyPred.length ? "; " : ""}${onlyPred.length ? `only in the prediction: ${show(onlyPred)}` : ""}`);
  }
  const known = new Set(themes);
  for (const [id, ts] of [...reference, ...predicted]) {
    for (const t of ts) if (!known.has(t)) throw new Error(`comment ${id}: unknown theme ${JSON.stringify(t)}`);
  }
  const n = reference.size;
  const rows = themes.map((theme): ThemeAgreement => {
    let tp = 0, fp = 0, fn = 0, tn = 0;
    for (const [id, ref] of reference) {
      const r = ref.includes(theme);
      const p = predicted.get(id)!.includes(theme);
      if (r && p) tp++;
      else if (p) fp++;
      else if (r) fn++;
      else tn++;
    }
    return { theme, support: tp + fn, predicted: tp + fp, tp, fp, fn, tn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null, f1: tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : null, kappa: cohensKappa(tp, fp, fn, tn) };
  });
  const macroRows = rows.filter((r) => r.support >= minSupport);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return {
    n,
    themes: rows,
    macroThemes: macroRows.map((r) => r.theme),
    minSupport,
    macro: {
      precision: mean(macroRows.map((r) => r.precision ?? 0)),
      recall: mean(macroRows.map((r) => r.recall ?? 0)),
      f1: mean(macroRows.map((r) => r.f1 ?? 0)),
      kappa: macroRows.some((r) => r.kappa === null) ? null : mean(macroRows.map((r) => r.kappa!)),
    },
  };
}

/**
 * Cohen's kappa of a 2x2 agreement table (a = both yes, b = only the second says yes, c = only the
 * first says yes, d = both no): po = (a + d) / N, pe = ((a + b)(a + c) + (c + d)(b + d)) / N².
 * @returns (po - pe) / (1 - pe), in -1..1; null when N = 0 or pe = 1.
 * @throws {RangeError} on a negative or non-integer cell.
 */
export function cohensKappa(a: number, b: number, c: number, d: number): number | null {
  for (const x of [a, b, c, d]) if (!Number.isInteger(x) || x < 0) throw new RangeError(`cells must be non-negative integers, got ${x}`);
  const N = a + b + c + d;
  if (N === 0) return null;
  const po = (a + d) / N;
  const pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (N * N);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}
