/**
 * What the themes page publishes (docs/privacy.md and docs/themes.md): counts and shares of commenting
 * respondents per theme and round, with 95% Wilson intervals, under the share rule (a count or
 * its complement below the minimum cell size hides the share) and the disclosure audit
 * (`themesPlan`: a round or segment whose n is hidden, fewer than `min` or hidden so that no
 * small group can be worked out, is left out and counted), the mean sentiment where n >= min,
 * the latest change between rounds where both shares are published, and never any comment text.
 *
 * Example quotes exist only in an internal build (`ILN_INTERNAL_BUILD=1`): redacted with
 * `src/themes/redact.ts` and marked so on the page.
 */
import type { Coder } from "../../../src/themes/coder";
import { THEME_SEGMENTS, type CodedRespondent, type ThemeGroup, type ThemesDocument } from "../../../src/themes/metrics";
import { redact } from "../../../src/themes/redact";
import { Plan } from "./plan";
import { shareAllowed } from "../../../src/privacy/suppress";
import type { PublishedShare } from "./publish";

/** A published group: n and, per theme, its published share. */
export interface PublishedThemeGroup {
  n: number;
  sentiment: number | null;
  themes: ({ theme: string } & PublishedShare)[];
}

/** The published themes document (no text of any comment). */
export interface PublishedThemes {
  min_cell: number;
  synthetic: boolean;
  codebook: ThemesDocument["codebook"];
  rounds: ({ round: string } & PublishedThemeGroup)[];
  overall: PublishedThemeGroup | null;
  segments: ({ round: string; segment: string; value: string } & PublishedThemeGroup)[];
  /** Rounds and segments left out: fewer than `min_cell` respondents commented, or they were hidden so that none such can be worked out. */
  hidden_groups: number;
  trend: ThemesDocument["trend"];
  /** Internal builds only: redacted example quotes per theme; absent from public builds. */
  quotes?: { theme: string; round: string; text: string }[];
}

/** Figure ids of a group: its n in every population that holds it, its count per theme, its sentiment sum. */
interface GroupIds {
  n: number[];
  count: Map<string, number[]>;
  sentiment: number | null;
}

/**
 * The publication plan of the themes (docs/privacy.md, "Disclosure audit"): per theme, the
 * commenting respondents of all rounds by round, and those of each round by outcome, sector and
 * region, each a population whose hub is "the comment carries the theme"; figures are each group's
 * n (one number, held by every theme's populations: hidden together), its count per theme (the
 * share rule first) and its mean sentiment as a sum (`sum:sentiment`, in the first theme's
 * populations). Groups (rounds, segments, overall) are published when their n is.
 * @throws DisclosureError when a leak cannot be closed.
 */
export function themesPlan(doc: ThemesDocument, min: number): { plan: Plan; published: PublishedThemes } {
  const plan = new Plan(min);
  const themes = doc.rounds[0]?.themes.map((t) => t.theme) ?? doc.codebook.map((t) => t.id);
  const family = "themes.json";
  const hub = { name: "has the theme", values: ["yes", "no"] };
  const cellsOf = (g: ThemeGroup, t: number) => [g.themes[t].count, g.n - g.themes[t].count];
  const declare = (P: string, g: ThemeGroup, label: string, ids: GroupIds, t: number, where: { dimension?: string; values?: string[]; cell?: string }, priority: number) => {
    const theme = themes[t];
    const base = { family, population: P, ...where };
    ids.n.push(plan.figure({ ...base, label: `${label}: n`, value: g.n, priority }));
    const k = g.themes[t].count;
    const list = ids.count.get(theme) ?? [];
    list.push(plan.figure({ ...base, label: `${label}: ${theme}`, hub: ["yes"], value: k }, !shareAllowed(k, g.n, min)));
    ids.count.set(theme, list);
    if (t === 0) ids.sentiment = plan.figure({ ...base, label: `${label}: sentiment`, measure: "sum:sentiment", value: g.sentiment === null ? null : g.sentiment * g.n }, g.n < min || g.sentiment === null);
  };
  const newIds = (): GroupIds => ({ n: [], count: new Map(), sentiment: null });
  const roundIds = new Map(doc.rounds.map((r) => [r.round, newIds()]));
  const segmentIds = doc.rounds.map((r) => r.segments.map(() => newIds()));
  const overallIds = newIds();
  const live = doc.rounds.filter((r) => r.n > 0);
  themes.forEach((theme, t) => {
    if (live.length) {
      const A = `commenters, all rounds, theme ${theme}`;
      plan.population({ id: A, unit: "commenting respondent", hub });
      plan.table({ population: A, dimension: "round", cells: Object.fromEntries(live.map((r) => [r.round, cellsOf(r, t)])) });
      for (const r of live) declare(A, r, r.round, roundIds.get(r.round)!, t, { dimension: "round", values: [r.round] }, 3);
      if (doc.overall.n > 0) declare(A, doc.overall, "all rounds", overallIds, t, {}, 4);
    }
    doc.rounds.forEach((r, i) => {
      if (r.n === 0) return;
      const P = `commenters ${r.round}, theme ${theme}`;
      plan.population({ id: P, unit: "commenting respondent", hub });
      plan.table({ population: P, dimension: "all", cells: { all: cellsOf(r, t) } });
      for (const seg of THEME_SEGMENTS) {
        const rows = r.segments.filter((s) => s.segment === seg && s.n > 0);
        if (rows.length) plan.table({ population: P, dimension: seg, cells: Object.fromEntries(rows.map((s) => [s.value, cellsOf(s, t)])) });
      }
      declare(P, r, r.round, roundIds.get(r.round)!, t, {}, 3);
      r.segments.forEach((s, j) => {
        if (s.n === 0) return;
        const label = `${r.round} ${s.segment} ${s.value}`;
        declare(P, s, label, segmentIds[i][j], t, { dimension: s.segment, values: [s.value], cell: label }, 0);
      });
    });
  });
  for (const ids of [...roundIds.values(), ...segmentIds.flat(), overallIds]) {
    plan.twins(ids.n);
    for (const list of ids.count.values()) plan.twins(list);
    for (const n of ids.n) plan.follow(n, [...[...ids.count.values()].flat(), ...(ids.sentiment === null ? [] : [ids.sentiment])]);
  }
  plan.protect();
  let hidden = 0;
  const groupOf = (g: ThemeGroup, ids: GroupIds, counted = true): PublishedThemeGroup | null => {
    if (!ids.n.length || !plan.shown(ids.n[0])) {
      if (g.n > 0 && counted) hidden++;
      return null;
    }
    return {
      n: g.n,
      sentiment: ids.sentiment !== null && plan.shown(ids.sentiment) ? g.sentiment : null,
      themes: g.themes.map((s) => {
        const shown = plan.shown(ids.count.get(s.theme)![0]);
        return { theme: s.theme, n: g.n, count: shown ? s.count : null, share: shown ? s.share : null, ci: shown ? s.ci : null };
      }),
    };
  };
  const rounds = doc.rounds.flatMap((r) => {
    const g = groupOf(r, roundIds.get(r.round)!);
    return g ? [{ round: r.round, ...g }] : [];
  });
  const segments = doc.rounds.flatMap((r, i) =>
    r.segments.flatMap((s, j) => {
      const g = groupOf(s, segmentIds[i][j]);
      return g ? [{ round: r.round, segment: s.segment, value: s.value, ...g }] : [];
    }),
  );
  const overall = doc.overall.n > 0 ? groupOf(doc.overall, overallIds, false) : null;
  const shownCount = (round: string, theme: string) => rounds.find((r) => r.round === round)?.themes.find((x) => x.theme === theme)?.count != null;
  const trend = doc.trend.filter((t) => shownCount(t.from, t.theme) && shownCount(t.to, t.theme));
  return { plan, published: { min_cell: min, synthetic: doc.synthetic, codebook: doc.codebook, rounds, overall, segments, hidden_groups: hidden, trend } };
}

/**
 * Turns a themes document into what the page publishes ({@link themesPlan}): groups whose n is
 * hidden are dropped and counted in `hidden_groups`; shares under the share rule and the audit.
 */
export function publishThemes(doc: ThemesDocument, min: number): PublishedThemes {
  return themesPlan(doc, min).published;
}

/**
 * Internal builds only: up to `perTheme` example quotes per theme from the latest rounds, each
 * redacted (entities, proper nouns, country names, and the `names` of the identities table).
 */
export function exampleQuotes(people: readonly CodedRespondent[], coder: Coder, names: readonly string[], perTheme = 2): NonNullable<PublishedThemes["quotes"]> {
  const out: NonNullable<PublishedThemes["quotes"]> = [];
  for (const t of coder.codebook.themes) {
    let k = 0;
    for (let i = people.length - 1; i >= 0 && k < perTheme; i--) {
      if (!people[i].coded.themes.includes(t.id)) continue;
      out.push({ theme: t.id, round: people[i].round, text: redact(people[i].comment, names) });
      k++;
    }
  }
  return out;
}
