import { realSet, splitOf } from "./test/themes/real-set";
import { loadCodebook, THEME_IDS } from "./src/themes/codebook";
import { createCoder } from "./src/themes/coder";
import { agreement } from "./src/themes/agreement";
const part = process.argv[2] ?? "dev";
const { comments, labels } = realSet();
const c = createCoder(loadCodebook());
const ref = new Map<string, string[]>(), pred = new Map<string, string[]>();
const t0 = Date.now();
for (const x of comments) {
  if (part !== "all" && splitOf(x.id) !== part) continue;
  const r = c.code(x.text);
  ref.set(x.id, labels.get(x.id)!); pred.set(x.id, r.themes);
  if (process.env.SHOW && (r.themes.join() !== labels.get(x.id)!.join() )) {
    const L = new Set(labels.get(x.id)); const P = new Set(r.themes);
    const fp = r.themes.filter(t=>!L.has(t)).map(t=>`+${t}[${r.triggers[t].map(q=>q.words).join("|")}]`);
    const fn = [...L].filter(t=>!P.has(t)).map(t=>`-${t}`);
    if (fp.length||fn.length) console.log(x.id, [...fp, ...fn].join(" "), "::", x.text.slice(0, 160));
  }
}
const a = agreement(ref, pred, THEME_IDS);
console.log(part, "n", a.n, "ms", Date.now()-t0);
for (const t of a.themes) console.log(t.theme.padEnd(26), t.support, t.predicted, t.precision?.toFixed(2), t.recall?.toFixed(2), t.f1?.toFixed(2), t.kappa?.toFixed(2));
console.log("macro", a.macroThemes.length, JSON.stringify(a.macro));
