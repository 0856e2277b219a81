import { simulateHistory } from "./src/demo/history";
import { defaultPlans } from "./src/demo/rounds";
import { loadCodebook, THEME_IDS } from "./src/themes/codebook";
import { createCoder } from "./src/themes/coder";
import { agreement } from "./src/themes/agreement";
const h = simulateHistory(defaultPlans(1), 2013);
const c = createCoder(loadCodebook());
const ref = new Map<string, string[]>(), pred = new Map<string, string[]>();
let k = 0; const t0 = Date.now();
for (const d of h) for (const a of d.survey) if (a.comments) {
  const id = `${d.plan.id}:${k++}`; const r = c.code(a.comments);
  ref.set(id, a.themes); pred.set(id, r.themes);
  if (process.env.SHOW && r.themes.join() !== a.themes.join()) {
    const L = new Set<string>(a.themes), P = new Set(r.themes);
    console.log([...r.themes.filter(t => !L.has(t)).map(t => `+${t}[${r.triggers[t].map(q => q.words).join("|")}]`), ...[...L].filter(t => !P.has(t)).map(t => `-${t}`)].join(" "), "::", a.comments);
  }
}
const a = agreement(ref, pred, THEME_IDS);
console.log("n", a.n, "ms", Date.now() - t0);
for (const t of a.themes) console.log(t.theme.padEnd(26), t.support, t.predicted, t.precision?.toFixed(2), t.recall?.toFixed(2), t.f1?.toFixed(2), t.kappa?.toFixed(2));
console.log("macro", JSON.stringify(a.macro));
