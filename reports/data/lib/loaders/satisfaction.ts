/**
 * satisfaction.json: distributions of every 1-5 item per round (small answer cells merged) and the
 * two satisfaction items by segment, for the satisfaction page. What is shown comes from the
 * respondents' publication plan (lib/plans/respondents.ts): a segment row is published whole or
 * left out (and counted in `hidden_segments`), an answer row's count is null when hidden.
 */
import type { Db } from "../../../../src/db";
import { LIKERT_ITEMS } from "../../../../src/metrics";
import { displayName } from "../countries";
import { Plan } from "../plan";
import { addRespondents } from "../plans/respondents";

/** The satisfaction page's data (see module doc). */
export async function satisfactionData(db: Db, min: number, record: (plan: Plan) => void) {
  const plan = new Plan(min);
  const rp = await addRespondents(db, plan, min);
  record(plan.protect());
  const v = (id: number) => plan.value(id);
  const distributions = rp.distributions.map((d) => ({
    round: d.round,
    item: d.item,
    n: d.n,
    answers: d.rows.map((r) => {
      const count = v(r.id);
      return { answer: r.answers.length > 1 ? ("merged" as const) : r.answers[0], count, share: count === null ? null : count / d.n };
    }),
  }));
  const segments = [];
  let hidden = 0;
  for (const s of rp.segments) {
    const n = v(s.ids.n);
    const sum = v(s.ids.sum);
    const top = v(s.ids.top);
    if (n === null || sum === null || top === null) {
      hidden++;
      continue;
    }
    segments.push({
      round: s.round,
      segment: s.segment,
      item: s.item,
      value: s.value,
      label: s.segment === "country" ? displayName(s.value) : s.value,
      n,
      mean: s.summary.mean,
      top2: s.summary.top2,
      top2_ci: s.summary.top2_ci,
    });
  }
  return { min_cell: min, items: LIKERT_ITEMS, distributions, segments, hidden_segments: hidden };
}
