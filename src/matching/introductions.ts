/**
 * The introductions of a proposed matching (docs/matching.md, "Proposals"): for each proposed
 * pair, what a coordinator needs to write to the two partners: their names, emails and countries,
 * the working languages and professional interests they share, how many hours apart their clocks
 * are, and why the matcher paired them, in words ("same sector (academic) as both asked; different
 * career stages (2 and 15 years) as Ana asked; share Spanish; 3 h apart").
 *
 * Pure (no Node imports, no database): the CLI passes the names, emails and country names in.
 * Internal: the rows name people; they go to coordinators, never to a published page.
 */
import type { PairFeatures } from "./features";
import type { PairQuality } from "./quality";
import type { PoolPerson } from "./score";

/** Columns of the introductions CSV, in order. */
export const INTRODUCTION_COLUMNS = [
  "pair", "partnership_id", "name_a", "email_a", "country_a", "sector_a", "name_b", "email_b", "country_b", "sector_b",
  "shared_languages", "shared_interests", "timezone_gap_hours", "why", "score", "locked",
] as const;

/** One partner as an introduction names them. */
export interface IntroducedPerson {
  profile: PoolPerson;
  /** Full name as registered, or null when the registration gave none. */
  name: string | null;
  email: string;
  /** The country's English name (e.g. "United Kingdom"). */
  countryName: string;
}

/** One row of the introductions CSV (keys: {@link INTRODUCTION_COLUMNS}). */
export type IntroductionRow = Record<(typeof INTRODUCTION_COLUMNS)[number], string | number>;

/** A language as people write it: "spanish" (stored lower case) -> "Spanish", "bahasa melayu" -> "Bahasa Melayu". */
export function languageLabel(stored: string): string {
  return stored.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Items of `a` also in `b` (compared case-insensitively), in `a`'s order, without repeats. */
function shared(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b.map((x) => x.toLowerCase()));
  const seen = new Set<string>();
  return a.filter((x) => {
    const k = x.toLowerCase();
    if (!other.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Working languages the two share, as labels ("English", "Spanish"). */
export function sharedLanguages(a: PoolPerson, b: PoolPerson): string[] {
  return shared(a.languages, b.languages).map(languageLabel);
}

/** Professional interests the two share, as the first partner wrote them. */
export function sharedInterests(a: PoolPerson, b: PoolPerson): string[] {
  return shared(a.interests, b.interests);
}

/** Hours as a coordinator reads them: 3 -> "3", 5.5 -> "5.5", 9.75 -> "9.75". */
function hours(h: number): string {
  return String(Math.round(h * 100) / 100);
}

/** A short name for a partner in a sentence: the first word of their name, else "partner A"/"B". */
function shortName(p: IntroducedPerson, fallback: string): string {
  return p.name?.trim().split(/\s+/)[0] || fallback;
}

/** "both", "Ana", or null: who of the two asked for something. */
function whoAsked(a: boolean, b: boolean, na: string, nb: string): string | null {
  return a && b ? "both" : a ? na : b ? nb : null;
}

/**
 * Why the matcher paired `a` and `b`, in words, from their profiles and the pair's features
 * (`features`): sector and the sector wishes; career stages with years and the career wishes;
 * the country wishes; shared languages and interests (one named, more counted: the column
 * `shared_interests` lists them); the time-zone gap; whether they are new to
 * ILN; and a lock. Parts joined by "; ". A wish the pair does not meet is said too
 * ("although Ben asked for the same sector").
 * @param options.locked the pair was fixed by a coordinator; options.countryName names a country
 *   code in a wish list (default: the code itself).
 */
export function whyThisPair(
  a: IntroducedPerson,
  b: IntroducedPerson,
  features: PairFeatures,
  options: { locked?: boolean; countryName?: (code: string) => string } = {},
): string {
  const { locked = false, countryName = (c: string) => c } = options;
  const pa = a.profile;
  const pb = b.profile;
  const na = shortName(a, "partner A");
  const nb = shortName(b, "partner B");
  const parts: string[] = [];
  if (locked) parts.push("locked by a coordinator");

  const wantSame = whoAsked(pa.prefSector === "same", pb.prefSector === "same", na, nb);
  if (pa.sector === pb.sector) parts.push(`same sector (${pa.sector})${wantSame ? ` as ${wantSame} asked` : ""}`);
  else parts.push(`different sectors (${pa.sector} and ${pb.sector})${wantSame ? `, although ${wantSame === "both" ? "both" : wantSame} asked for the same sector` : ""}`);

  const years = `${hours(pa.years)} and ${hours(pb.years)} years`;
  const sameStage = pa.stage === pb.stage;
  const met = (p: PoolPerson) => p.prefCareer === (sameStage ? "similar" : "different");
  const unmet = (p: PoolPerson) => p.prefCareer === (sameStage ? "different" : "similar");
  const asked = whoAsked(met(pa), met(pb), na, nb);
  const against = whoAsked(unmet(pa), unmet(pb), na, nb);
  let career = `${sameStage ? `same career stage (${pa.stage}, ${years})` : `different career stages (${years})`}${asked ? ` as ${asked} asked` : ""}`;
  if (against) career += `, although ${against} asked for ${sameStage ? "a different" : "a similar"} stage`;
  parts.push(career);

  for (const [p, q, n] of [[pa, b, na], [pb, a, nb]] as const) {
    if (p.prefCountries.length === 0) continue;
    parts.push(p.prefCountries.includes(q.profile.country) ? `${n} asked for a partner from ${q.countryName}` : `${n}'s wish for a partner from ${listWords(p.prefCountries.map(countryName))} not met`);
  }

  const langs = sharedLanguages(pa, pb);
  parts.push(langs.length ? `share ${listWords(langs)}` : "no working language in common listed");
  // Interest labels contain "and" and commas ("Outreach and marketing"): one is named, more are counted.
  const interests = sharedInterests(pa, pb);
  if (interests.length === 1) parts.push(`both interested in ${interests[0]}`);
  else if (interests.length > 1) parts.push(`${interests.length} interests in common`);
  parts.push(features.timezone_gap === 0 ? "same time zone" : `${hours(features.timezone_gap)} h apart`);
  if (features.both_new === 1) parts.push("both new to ILN");
  else if (pa.returning !== pb.returning) parts.push(`${pa.returning ? na : nb} has taken part before`);
  else parts.push("both have taken part before");
  return parts.join("; ");
}

/**
 * The introductions of a proposal's pairs, in the proposal's order (locked pairs first).
 * @param pairs the proposal's `pairQuality`, indices into `people`.
 * @param people the pool's people as introductions name them (same order as the pool).
 * @param partnershipIds the id each pair gets in the partnerships CSV, in the same order.
 * @param options.locked how many leading pairs are locks; options.countryName as for {@link whyThisPair}.
 */
export function introductions(
  pairs: readonly PairQuality[],
  people: readonly IntroducedPerson[],
  partnershipIds: readonly string[],
  options: { locked?: number; countryName?: (code: string) => string } = {},
): IntroductionRow[] {
  const locked = options.locked ?? 0;
  return pairs.map((q, k) => {
    const a = people[q.a];
    const b = people[q.b];
    return {
      pair: k + 1,
      partnership_id: partnershipIds[k],
      name_a: a.name ?? "",
      email_a: a.email,
      country_a: a.countryName,
      sector_a: a.profile.sector,
      name_b: b.name ?? "",
      email_b: b.email,
      country_b: b.countryName,
      sector_b: b.profile.sector,
      shared_languages: sharedLanguages(a.profile, b.profile).join("; "),
      shared_interests: sharedInterests(a.profile, b.profile).join("; "),
      timezone_gap_hours: hours(q.features.timezone_gap),
      why: whyThisPair(a, b, q.features, { locked: k < locked, countryName: options.countryName }),
      score: q.score === null ? "" : q.score.toFixed(3),
      locked: k < locked ? "yes" : "no",
    };
  });
}
