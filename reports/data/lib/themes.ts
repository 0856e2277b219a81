/**
 * What the themes page publishes (docs/privacy.md and docs/themes.md): counts and shares of commenting
 * respondents per theme and round, with 95% Wilson intervals, under the publication rules of
 * `publish.ts` (a count or its complement below the minimum cell size hides the share; a round or
 * segment of fewer than `min` commenting respondents is left out and counted), the mean sentiment
 * where n >= min, the latest change between rounds, and never any comment text.
 *
 * Example quotes exist only in an internal build (`ILN_INTERNAL_BUILD=1`): redacted with
 * `src/themes/redact.ts` and marked so on the page.
 */
import type { Coder } from "../../../src/themes/coder";
import type { CodedRespondent, ThemeGroup, ThemesDocument } from "../../../src/themes/metrics";
import { redact } from "../../../src/themes/redact";
import { publishShare, type PublishedShare } from "./publish";

/** A published group: n (null when small) and, per theme, its published share. */
export interface PublishedThemeGroup {
  n: number;
  sentiment: number | null;
  themes: ({ theme: string } & PublishedShare)[];
}

function publishGroup(g: ThemeGroup, min: number): PublishedThemeGroup {
  return { n: g.n, sentiment: g.sentiment, themes: g.themes.map((t) => ({ theme: t.theme, ...publishShare(t, min) })) };
}

/** The published themes document (no text of any comment). */
export interface PublishedThemes {
  min_cell: number;
  synthetic: boolean;
  codebook: ThemesDocument["codebook"];
  rounds: ({ round: string } & PublishedThemeGroup)[];
  overall: PublishedThemeGroup | null;
  segments: ({ round: string; segment: string; value: string } & PublishedThemeGroup)[];
  /** Rounds and segments left out because fewer than `min_cell` respondents commented. */
  hidden_groups: number;
  trend: ThemesDocument["trend"];
  /** Internal builds only: redacted example quotes per theme; absent from public builds. */
  quotes?: { theme: string; round: string; text: string }[];
}

/**
 * Turns a themes document into what the page publishes. Groups (rounds, segments, overall) with
 * fewer than `min` commenting respondents are dropped and counted in `hidden_groups`.
 */
export function publishThemes(doc: ThemesDocument, min: number): PublishedThemes {
  let hidden = 0;
  const keep = (n: number) => {
    if (n >= min) return true;
    if (n > 0) hidden++;
    return false;
  };
  const rounds = doc.rounds.filter((r) => keep(r.n)).map((r) => ({ round: r.round, ...publishGroup(r, min) }));
  const segments = doc.rounds.flatMap((r) => r.segments.filter((s) => keep(s.n)).map((s) => ({ round: r.round, segment: s.segment, value: s.value, ...publishGroup(s, min) })));
  const trend = doc.trend.filter((t) => {
    const a = doc.rounds.find((r) => r.round === t.from)!;
    const b = doc.rounds.find((r) => r.round === t.to)!;
    return a.n >= min && b.n >= min;
  });
  return {
    min_cell: min,
    synthetic: doc.synthetic,
    codebook: doc.codebook,
    rounds,
    overall: doc.overall.n >= min ? publishGroup(doc.overall, min) : null,
    segments,
    hidden_groups: hidden,
    trend,
  };
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
