import { openDatabase } from "../src/db";
import { loadOutcomes } from "../src/matching/round-data";
import { FEATURE_NAMES } from "../src/matching/features";
import { logisticRegression } from "../src/metrics/regression";
import { orderedLogit } from "../src/metrics/ordinal";
const db = await openDatabase(process.argv[2], { readOnly: true });
const rows = await loadOutcomes(db);
const names = [...FEATURE_NAMES];
const use = rows.filter((r) => r.completed !== null);
const X = use.map((r) => names.map((f) => r.features[f])); const y = use.map((r) => r.completed as number);
const SX: number[][] = [], Sy: number[] = [];
for (const r of rows) for (const a of r.partnerSatisfaction) { SX.push(names.map((f) => r.features[f])); Sy.push(a); }
for (const lam of [0, 1, 10, 100]) {
  let t = performance.now(); const f = logisticRegression(X, y, names, { penalty: lam }); const tl = performance.now() - t;
  t = performance.now(); const o = orderedLogit(SX, Sy, names, { penalty: lam }); const to = performance.now() - t;
  console.log(lam, "logit", X.length, tl.toFixed(0), "ms it", f.iterations, "| ordinal", SX.length, to.toFixed(0), "ms it", o.iterations);
}
