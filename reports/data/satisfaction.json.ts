/**
 * satisfaction.json: distributions of every 1-5 item per round (small answer cells merged) and the
 * two satisfaction items by segment (segments of fewer than the minimum cell size left out, and
 * counted), for the satisfaction page.
 */
import { LIKERT_ITEMS, SEGMENTS, likertDistributions, satisfactionBySegment } from "../../src/metrics";
import { displayName } from "./lib/countries";
import { publishBreakdown, publishSummary } from "./lib/publish";
import { runLoader } from "./lib/run";

await runLoader("satisfaction.json", async (db, min) => {
  const dist = await likertDistributions(db);
  const distributions = [];
  const groups = new Map<string, { round: string; item: string; rows: { key: string; count: number }[] }>();
  for (const d of dist) {
    const id = `${d.round}|${d.item}`;
    const g = groups.get(id) ?? { round: d.round, item: d.item, rows: [] };
    g.rows.push({ key: String(d.answer), count: d.count });
    groups.set(id, g);
  }
  for (const g of groups.values()) {
    const n = g.rows.reduce((s, r) => s + r.count, 0);
    if (n < min) continue;
    const rows = publishBreakdown(g.rows, min, "merged");
    distributions.push({
      round: g.round,
      item: g.item,
      n,
      answers: rows.map((r) => ({ answer: r.key === "merged" ? "merged" : Number(r.key), count: r.count, share: r.count === null ? null : r.count / n })),
    });
  }
  const segments = [];
  let hidden = 0;
  for (const segment of SEGMENTS) {
    for (const item of ["program_satisfaction", "partner_satisfaction"] as const) {
      for (const row of await satisfactionBySegment(db, { segment, item })) {
        if (row.n < min) {
          if (row.n > 0) hidden++;
          continue;
        }
        const s = publishSummary(row, min);
        if (s.top2 === null) {
          hidden++;
          continue;
        }
        segments.push({
          round: row.round,
          segment,
          item,
          value: row.segment,
          label: segment === "country" ? displayName(row.segment) : row.segment,
          ...s,
        });
      }
    }
  }
  return { min_cell: min, items: LIKERT_ITEMS, distributions, segments, hidden_segments: hidden };
});
