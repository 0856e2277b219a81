/**
 * Synthetic people and their registrations: who they are (country, sector, experience,
 * interests, languages, preferences) and how they fill in the registration form in a round.
 */
import { careerStage, EXPERIENCE_RANGES, yearsFromExperience } from "../domain/vocabulary";
import type { Profile } from "../matching/features";
import { COUNTRY_VARIANTS, type DemoCountry } from "./countries";
import { addDays, fractionalYear } from "./dates";
import { EMAIL_DOMAINS, NAME_LISTS, emailLocal } from "./names";
import type { Rng } from "./random";
import { EXTRA_LANGUAGES, INTERESTS, ROLES, SECTORS } from "./vocab";

/** A synthetic person, stable across rounds. */
export interface Person {
  id: number;
  first: string;
  last: string;
  email: string;
  country: DemoCountry;
  /** Years of experience when first registering, and the (fractional) year of that registration. */
  years0: number;
  year0: number;
  sector: string;
  interests: string[];
  languages: string[];
  prefSector: "same" | "any";
  prefCareer: "different" | "similar" | "any";
  prefCountries: string[];
  /** Rounds in which the person was matched so far. */
  matchedRounds: number;
  /** Ids of everyone the person was ever partnered with. */
  pastPartners: Set<number>;
  /** Relative chance of registering again (updated after each round from the experience). */
  propensity: number;
}

/**
 * One registration row as submitted (the latest row of a person in a round is the one that counts).
 * The answers shared with a matching profile have its types; `prefCountries` are alpha-2 codes,
 * written to the file as English names.
 */
export interface Registration extends Pick<Profile, "interests" | "languages" | "prefSector" | "prefCareer" | "prefCountries" | "returning"> {
  person: Person;
  /** Email as typed this time. */
  email: string;
  timestamp: Date;
  countryText: string;
  sector: string;
  role: string;
  /** Years of experience as answered ("6-10", or "7" where asked as a number). */
  experience: string;
  /** The profile the ingest will derive from this row. */
  profile: Profile;
}

/** Interests favoured by each sector (drawn three times as often). */
const SECTOR_INTERESTS: Readonly<Record<string, readonly string[]>> = {
  Academic: ["Information literacy", "Research data management", "Open access", "Teaching and learning"],
  Public: ["Community engagement", "Outreach and marketing", "Children and youth services"],
  Special: ["Digital collections", "Copyright", "Library technology"],
  School: ["Children and youth services", "Teaching and learning", "Information literacy"],
  Government: ["Preservation and archives", "Copyright", "Reference services"],
  National: ["Preservation and archives", "Cataloguing and metadata", "Digital collections"],
};

/** 2-5 interests, tilted towards the sector's usual topics. */
export function drawInterests(rng: Rng, sector: string): string[] {
  const favoured = SECTOR_INTERESTS[sector] ?? [];
  const weights: number[] = INTERESTS.map((i) => (favoured.includes(i) ? 3 : 1));
  const k = rng.range(2, 5);
  const out: string[] = [];
  for (let t = 0; t < k; t++) {
    const idx = rng.weightedIndex(weights);
    out.push(INTERESTS[idx]);
    weights[idx] = 0;
  }
  return INTERESTS.filter((i) => out.includes(i));
}

function drawLanguages(rng: Rng, c: DemoCountry): string[] {
  const langs = new Set<string>();
  if (rng.chance(c.english)) langs.add("English");
  if (c.language !== "English" && (langs.size === 0 || rng.chance(0.85))) langs.add(c.language);
  if (rng.chance(0.12)) langs.add(rng.pick(EXTRA_LANGUAGES));
  if (langs.size === 0) langs.add("English");
  // English first, as people list it
  return [...langs].sort((a, b) => (a === "English" ? -1 : b === "English" ? 1 : 0));
}

function drawYears(rng: Rng): number {
  const r = rng.next();
  if (r < 0.22) return rng.range(0, 2);
  if (r < 0.45) return rng.range(3, 5);
  if (r < 0.68) return rng.range(6, 10);
  if (r < 0.9) return rng.range(11, 20);
  return rng.range(21, 35);
}

function drawPrefs(rng: Rng, active: readonly DemoCountry[], own: string) {
  const prefSector: "same" | "any" = rng.chance(0.6) ? "same" : "any";
  const r = rng.next();
  const prefCareer: "different" | "similar" | "any" = r < 0.45 ? "different" : r < 0.65 ? "similar" : "any";
  const prefCountries: string[] = [];
  if (rng.chance(0.15)) {
    const k = rng.range(1, 3);
    const weights = active.map((c) => (c.code === own ? 0 : c.weight));
    for (let t = 0; t < k; t++) {
      const i = rng.weightedIndex(weights);
      if (weights[i] > 0) prefCountries.push(active[i].code);
      weights[i] = 0;
    }
  }
  return { prefSector, prefCareer, prefCountries };
}

/**
 * A new person from country `c`, first registering at `when`. Emails are unique through `id`.
 * @param active the countries open this round (for stated country preferences).
 */
export function newPerson(rng: Rng, id: number, c: DemoCountry, when: Date, active: readonly DemoCountry[]): Person {
  const names = NAME_LISTS[c.names];
  const first = rng.pick(names.first);
  const last = rng.pick(names.last);
  const sector = SECTORS[rng.weightedIndex(SECTORS.map((s) => s[1]))][0];
  return {
    id,
    first,
    last,
    email: `${emailLocal(first, last)}${id}@${rng.pick(EMAIL_DOMAINS)}`,
    country: c,
    years0: drawYears(rng),
    year0: fractionalYear(when),
    sector,
    interests: drawInterests(rng, sector),
    languages: drawLanguages(rng, c),
    ...drawPrefs(rng, active, c.code),
    matchedRounds: 0,
    pastPartners: new Set(),
    propensity: 1,
  };
}

/** The experience answer: a whole number of years, or the form's range. */
export function experienceText(years: number, asNumber: boolean): string {
  const y = Math.floor(years);
  if (asNumber) return String(y);
  return EXPERIENCE_RANGES.find((r) => r.max === null || y <= r.max)!.label;
}

/** The country as the person types it: a variant for some countries, else the English name. */
export function countryText(rng: Rng, c: DemoCountry): string {
  const v = COUNTRY_VARIANTS[c.code];
  if (!v) return c.name;
  return v[rng.weightedIndex(v.map((x) => x[1]))][0];
}

/** The profile the ingest derives from a registration's answers. */
export function profileOf(r: Omit<Registration, "profile">): Profile {
  const years = yearsFromExperience(r.experience);
  return {
    country: r.person.country.code,
    sector: r.sector,
    years,
    stage: careerStage(years),
    interests: r.interests,
    languages: r.languages,
    prefSector: r.prefSector,
    prefCareer: r.prefCareer,
    prefCountries: r.prefCountries,
    returning: r.returning,
  };
}

/**
 * The person's registration in a round starting `start`: timestamp within the 4 weeks before it,
 * (more exactly between 27.5 and 1 days before), experience aged since the first registration; returning people sometimes revise interests
 * (30%) or preferences (20%), and a few type their email capitalised (3%).
 */
export function register(rng: Rng, p: Person, start: Date, yearsAsNumbers: boolean, active: readonly DemoCountry[]): Registration {
  const returning = p.matchedRounds > 0;
  if (returning) {
    if (rng.chance(0.3)) p.interests = drawInterests(rng, p.sector);
    if (rng.chance(0.2)) Object.assign(p, drawPrefs(rng, active, p.country.code));
  }
  const years = p.years0 + Math.max(0, fractionalYear(start) - p.year0);
  const stage = careerStage(years);
  let email = p.email;
  if (returning && rng.chance(0.03)) {
    const at = email.indexOf("@");
    email = email.slice(0, at).replace(/(^|\.)([a-z])/g, (_m, dot: string, ch: string) => dot + ch.toUpperCase()) + email.slice(at);
  }
  const base = {
    person: p,
    email,
    timestamp: addDays(start, -(1 + rng.next() * 26.5)),
    countryText: countryText(rng, p.country),
    sector: p.sector,
    role: rng.pick(ROLES[stage]),
    experience: experienceText(years, yearsAsNumbers),
    interests: p.interests.slice(),
    languages: p.languages.slice(),
    prefSector: p.prefSector,
    prefCareer: p.prefCareer,
    prefCountries: p.prefCountries.filter((c) => c !== p.country.code),
    returning,
  };
  return { ...base, profile: profileOf(base) };
}

/**
 * An earlier, superseded submission of the same person (a duplicate): the same answers but for one
 * field (interests, a preference or the role), submitted up to 72 hours before `r` but not before
 * `windowStart` (the opening of the registration form).
 */
export function earlierDuplicate(rng: Rng, r: Registration, windowStart: Date): Registration {
  const maxHours = Math.min(72, (r.timestamp.getTime() - windowStart.getTime()) / 3_600_000);
  const hours = 1 / 6 + rng.next() * Math.max(0, maxHours - 1 / 6);
  const d: Registration = { ...r, timestamp: addDays(r.timestamp, -hours / 24), interests: r.interests.slice() };
  const which = rng.int(3);
  if (which === 0) d.interests = drawInterests(rng, r.sector);
  else if (which === 1) d.prefSector = r.prefSector === "same" ? "any" : "same";
  else d.role = r.role === "Librarian" ? "Library assistant" : "Librarian";
  const { profile: _ignored, ...rest } = d;
  return { ...rest, profile: profileOf(rest) };
}
