// What the matching page shows of a live re-match (a LiveResult of src/matching/live-rematch.ts,
// delivered by livePools.js's Rematcher): the weight controls and what they mean in words, the
// "re-matching..." status, the headline figures, the wishes table, one breakdown chart, the
// proposed pairs with lock and forbid buttons, the coordinator's edits, and the proposal download.
import * as Inputs from "npm:@observablehq/inputs";
import {Generators} from "npm:@observablehq/stdlib";
import {html} from "npm:htl";
import {BigNumbers, ChartCard} from "./chartCard.js";
import {count, num, pct} from "./format.js";
import {GroupCompare, MATCHINGS} from "./matchingCharts.js";
import {BREAKDOWNS, PRINCIPLE_LABELS, compareRows, gapSentence, groupName, preferenceLabel} from "./matchingFigures.js";

/** The principles and stated preferences a matching is judged on (src/matching/quality.ts). */
export const PRINCIPLES = ["another_country", "similar_sector", "different_stage"];
export const PREFERENCES = ["sector_pref", "career_pref", "country_pref"];

/** What this build carries, and why (matching.json `live`, `synthetic`, `min_cell`). */
export function PrivacyNote(data) {
  return html`<p class="privacy-note">${data.live
    ? html`<strong>Live re-matching.</strong> ${data.synthetic
        ? "Every round here is synthetic, so this page carries the generated people's profiles (no names or emails: people are numbered #1, #2, ...) and your browser re-runs the exact matcher on every change."
        : "This is an internal build (ILN_INTERNAL_BUILD=1): it carries participants' profiles and must not be published."}`
    : html`<strong>Precomputed replays only.</strong> Live re-matching needs each participant's profile (country, sector, experience, wishes), which can identify people from small countries or sectors, so a published build of real data carries only totals, with groups of fewer than ${data.min_cell} people hidden.`}</p>`;
}

/** The weight sliders: the starting points of every pair, then one per feature, at the defaults. */
export function WeightsForm(features, defaults) {
  const form = Inputs.form({
    base: Inputs.range([0, 20], {label: "Starting points (every allowed pair)", step: 0.1, value: defaults.base}),
    ...Object.fromEntries(features.map((f) => [f.name, Inputs.range([f.slider.min, f.slider.max], {label: f.label, step: f.slider.step, value: defaults.weights[f.name]})]))
  });
  form.classList.add("weights-form");
  return form;
}

/** The form's values each time a control is released (change), not on every pixel of a drag. */
export function weightChanges(form) {
  return Generators.observe((notify) => {
    const send = () => notify({...form.value});
    send();
    form.addEventListener("change", send);
    return () => form.removeEventListener("change", send);
  });
}

const signed = (v) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(+v.toFixed(2))}`;

/**
 * What the weights mean, in words: how many points a pair gets for what. Features scored 0, ½
 * or 1 for "both partners' wish met" say what half a wish gives.
 */
export function weightsInWords(values, features) {
  const lines = [`Every allowed pair (partners from different countries, never partners before) starts at ${+values.base.toFixed(2)} points.`];
  const words = {
    same_sector: (w) => `${signed(w)} points when both work in the same sector`,
    career_gap: (w) => `${signed(w)} points for each year of experience between them`,
    sector_pref_met: (w) => `${signed(w)} points when both partners' sector wish is met (${signed(w / 2)} when one partner's is)`,
    career_pref_met: (w) => `${signed(w)} points when both partners' career-stage wish is met (${signed(w / 2)} when one's is)`,
    country_pref_met: (w) => `${signed(w)} points when both partners' country wish is met (${signed(w / 2)} when one's is)`,
    shared_interests: (w) => `up to ${signed(w)} points for shared interests (all interests in common; half of that when they share half of the interests either named)`,
    shared_language: (w) => `${signed(w)} points when they share a working language`,
    timezone_gap: (w) => `${signed(w)} points for each hour between their clocks`,
    both_new: (w) => `${signed(w)} points when both are new to ILN`
  };
  for (const f of features) {
    const w = values[f.name];
    if (w == null || w === 0) continue;
    lines.push(words[f.name] ? `${words[f.name](w)}.` : `${signed(w)} points per unit of ${f.label.toLowerCase()} (${f.unit}).`);
  }
  const off = features.filter((f) => values[f.name] === 0).map((f) => f.label.toLowerCase());
  if (off.length) lines.push(`Not counted (weight 0): ${off.join(", ")}.`);
  lines.push("The solver then picks the partnerships with the most points in total: the exact best, not a greedy guess.");
  return html`<ul class="weights-words">${lines.map((l) => html`<li>${l}</li>`)}</ul>`;
}

/**
 * The status line: "Re-matching 1,458 people..." with a spinner while the worker works, then how
 * long it took. One element, updated in place (its data attributes serve the tests and the benchmark).
 */
export function RematchStatus(rematcher) {
  const el = html`<p class="rematch-status" role="status" aria-live="polite"></p>`;
  let last = null;
  const render = (state) => {
    if (state?.busy) {
      el.classList.add("is-busy");
      el.replaceChildren(html`<span class="spinner" aria-hidden="true"></span> Re-matching ${state.people.toLocaleString("en-GB")} people…`);
    } else if (last) {
      el.classList.remove("is-busy");
      el.replaceChildren(
        last.error
          ? html`Could not re-match: ${last.error}`
          : html`Re-matched ${last.result.people.toLocaleString("en-GB")} people in <span class="ms">${(last.wallMs / 1000).toFixed(2)}</span> s (exact solve in a background worker, so the page stays usable).`
      );
    }
  };
  const take = (r) => {
    last = r;
    el.dataset.doneId = String(r.request.id);
    if (r.result) {
      el.dataset.ms = r.result.ms?.toFixed(1) ?? "";
      el.dataset.wallMs = r.wallMs.toFixed(1);
      el.dataset.people = String(r.result.people ?? "");
    }
    render({busy: rematcher.busy, people: r.request.option.people});
  };
  rematcher.onState(render);
  rematcher.onResult(take);
  if (rematcher.last) take(rematcher.last);
  else render({busy: rematcher.busy, people: rematcher.latest?.option.people ?? 0});
  return el;
}

/** The headline figures of a re-match beside the historical matching under the same weights. */
export function LiveSummary(live, option) {
  const {q, historical: h, predicted} = live;
  const pred = predicted.rematched;
  const hp = predicted.historical;
  const range = (p) => (p?.ci ? ` (model's 95% range ${pct(p.ci[0])}–${pct(p.ci[1])})` : "");
  return BigNumbers([
    {label: "Partnerships proposed", value: q.pairs.toLocaleString("en-GB"), detail: `${q.unmatched.toLocaleString("en-GB")} of ${q.people.toLocaleString("en-GB")} people left unmatched; historically ${h.unmatched.toLocaleString("en-GB")}${option?.take ? " (a sample: partners outside it count as unmatched)" : ""}`},
    {label: "Sector wishes met", value: pct(q.preferences.sector_pref), detail: `of pairs, for both partners; historically ${pct(h.preferences.sector_pref)}`},
    {label: "Career-stage wishes met", value: pct(q.preferences.career_pref), detail: `historically ${pct(h.preferences.career_pref)}`},
    {label: "Country wishes met", value: pct(q.preferences.country_pref), detail: `historically ${pct(h.preferences.country_pref)}`},
    {label: "Predicted to complete", value: pred ? html`${pct(pred.mean)} <span class="prediction-tag">PREDICTION</span>` : "–", detail: pred ? `${range(pred).trim()}; historical pairs ${pct(hp?.mean)}${range(hp)}, by a model fitted on other rounds` : "no model could be fitted"},
    {label: "Points per pair", value: num(q.mean, 1), detail: `on average, by the weights above; the historical pairs score ${num(h.mean, 1)}`},
    {label: "Same pairs as history", value: live.same.toLocaleString("en-GB"), detail: `of ${q.pairs.toLocaleString("en-GB")}: the other pairs never happened, so their outcome was never observed`},
    {label: "Hard rules broken", value: String(q.violations.total), detail: `same country or earlier partners; historically ${h.violations.total}`}
  ]);
}

/** Principles and wishes met, historical against re-matched, in words. */
export function WishesTable(live, features, resultId = "") {
  const {q, historical: h} = live;
  const rows = [
    ...PRINCIPLES.map((k) => ({what: `Partner from ${PRINCIPLE_LABELS[k].toLowerCase().replace(/^same/, "the same")}`, h: h.principles[k], r: q.principles[k]})),
    ...PREFERENCES.map((k) => ({what: `${preferenceLabel(k, features)} for both partners`, h: h.preferences[k], r: q.preferences[k]}))
  ];
  const change = (a, b) => (a == null || b == null ? "–" : `${b >= a ? "+" : "−"}${Math.abs((b - a) * 100).toFixed(0)} points`);
  return html`<table class="data-table share-table" data-result-id=${resultId}><thead><tr><th>Share of pairs with</th><th class="num">Historical</th><th class="num">Re-matched</th><th class="num">Change</th></tr></thead>
    <tbody>${rows.map((d) => html`<tr><td>${d.what}</td><td class="num">${pct(d.h)}</td><td class="num">${pct(d.r)}</td><td class="num">${change(d.h, d.r)}</td></tr>`)}</tbody></table>`;
}

/** One breakdown chart of figure `f` by `by` (region, sector or stage), re-match against history. */
export function LiveBreakdownCard(live, f, by, {min, labels, resize, option}) {
  const b = BREAKDOWNS.find((x) => x.key === by);
  const rows = compareRows(b.key, live.historical.breakdowns[b.key], live.q.breakdowns[b.key], f, {min, labels});
  return ChartCard(resize((width) => GroupCompare(rows, {width, xLabel: f.label, yLabel: b.label, percent: f.percent, domain: f.percent ? [0, 1] : undefined})), {
    title: `Who gains and who loses: ${f.label.toLowerCase()} by ${b.label.toLowerCase()}`,
    id: "live-breakdown",
    takeaway: gapSentence(rows, b.label, f),
    legend: MATCHINGS.map((s) => ({label: s.label, color: s.color})),
    note: `Both matchings scored with the weights above. Groups of fewer than ${min} people are not shown.${f.key === "predicted_completion" ? " Predicted completion is a PREDICTION of a model fitted on other rounds, not an observation." : ""}`,
    source: {about: option?.label, n: `${live.people.toLocaleString("en-GB")} people`}
  });
}

/** A pool person in a few words: "#18 (Kenya, academic, early career)". */
export function personWords(i, people, labels) {
  const p = people[i];
  if (!p) return `#${i + 1}`;
  return `#${i + 1} (${p.country}, ${labels.sector[p.sector] ?? p.sector}, ${(labels.stage[p.stage] ?? p.stage).toLowerCase()})`;
}

/**
 * The proposed pairs with a Lock and a Forbid button each; `filter` keeps pairs whose words
 * contain it; at most `limit` rows are shown.
 */
export function PairsTable(live, people, {labels, onLock, onForbid, filter = "", limit = 10, resultId = ""}) {
  const needle = filter.trim().toLowerCase();
  const rows = live.pairs.filter((p) => !needle || `${personWords(p.a, people, labels)} ${personWords(p.b, people, labels)}`.toLowerCase().includes(needle));
  const shown = rows.slice(0, limit);
  return html`<div class="pairs-table" data-result-id=${resultId}><table class="data-table"><thead><tr><th class="num">Pair</th><th>Partner A</th><th>Partner B</th><th class="num">Points</th><th></th></tr></thead>
    <tbody>${shown.map((p) => html`<tr class=${p.locked ? "is-locked" : ""}>
      <td class="num">${p.pair}</td><td>${personWords(p.a, people, labels)}</td><td>${personWords(p.b, people, labels)}</td><td class="num">${num(p.score, 1)}</td>
      <td class="pair-actions">${p.locked
        ? html`<span class="tag">locked</span>`
        : html`<button type="button" onclick=${() => onLock([p.a, p.b])} title="Keep this pair; the solver completes the rest">Lock</button> <button type="button" onclick=${() => onForbid([p.a, p.b])} title="Rule this pair out; the solver finds another partner for both">Forbid</button>`}</td></tr>`)}</tbody></table>
    <p class="chart-note">${rows.length > shown.length ? `Showing ${shown.length} of ${rows.length.toLocaleString("en-GB")} pairs${needle ? " that match" : ""}; type a country code or #number to find others.` : `${rows.length.toLocaleString("en-GB")} pair${rows.length === 1 ? "" : "s"}${needle ? " match" : ""}.`}${live.unmatched.length ? ` Left unmatched: ${live.unmatched.slice(0, 12).map((i) => `#${i + 1}`).join(", ")}${live.unmatched.length > 12 ? ", ..." : ""}.` : ""}</p></div>`;
}

/** The coordinator's locks and forbids, each with a Remove button, and a form to add one by number. */
export function EditsPanel(edits, {people, labels, onRemove, onAdd, problems = []}) {
  const item = (kind, pair, k) => html`<li>${kind === "locks" ? "Keep" : "Never pair"} ${personWords(pair[0], people, labels)} with ${personWords(pair[1], people, labels)} <button type="button" onclick=${() => onRemove(kind, k)}>Remove</button></li>`;
  const a = html`<input type="number" min="1" max=${people.length} placeholder="#" aria-label="First person's number">`;
  const b = html`<input type="number" min="1" max=${people.length} placeholder="#" aria-label="Second person's number">`;
  const add = (kind) => () => {
    const i = Number(a.value) - 1;
    const j = Number(b.value) - 1;
    if (Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < people.length && j < people.length && i !== j) onAdd(kind, [i, j]);
  };
  return html`<div class="edits-panel">
    ${edits.locks.length || edits.forbids.length
      ? html`<ul>${edits.locks.map((p, k) => item("locks", p, k))}${edits.forbids.map((p, k) => item("forbids", p, k))}</ul>`
      : html`<p>No pairs locked or forbidden: the solver chooses every pair.</p>`}
    ${problems.length ? html`<p class="edit-problems" role="alert"><strong>These locks cannot all be kept:</strong> ${problems.join("; ")}. Remove one to re-match.</p>` : ""}
    <p class="edit-form">Person ${a} and person ${b}: <button type="button" onclick=${add("locks")}>Lock as a pair</button> <button type="button" onclick=${add("forbids")}>Forbid as a pair</button></p>
  </div>`;
}

/** A button that downloads the proposal in the format `iln match` writes. */
export function DownloadProposal(live, option) {
  const button = html`<button type="button" class="download-proposal">Download the proposal (CSV, as iln match writes it)</button>`;
  button.onclick = () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([live.csv], {type: "text/csv"}));
    a.download = `proposal-${option?.key ?? "pool"}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return button;
}

export {count, groupName};
