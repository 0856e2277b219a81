/**
 * Round plans: the dates and sizes of each simulated round. The default plan is calibrated to
 * the published figures in docs/README.md; `syntheticPlans` builds a long, large history for
 * benchmarks.
 */
import { DEMO_COUNTRIES } from "./countries";

/** How one round is simulated. */
export interface RoundPlan {
  id: string;
  name: string;
  /** ISO dates. */
  start: string;
  end: string;
  /** Participants placed by the initial matching (even; rematches from the waiting list can add one). */
  participants: number;
  /** Active countries: the first `countries` of DEMO_COUNTRIES in outreach order. */
  countries: number;
  /** Returning participants among `participants` (people matched in an earlier round). */
  returning: number;
  /** Registrants who did not confirm their place before matching: registered, never matched. */
  unconfirmed: number;
  /** One more confirmed registrant than `participants`: an odd pool, one left on the waiting list. */
  oddPool: boolean;
  /** Whether stayers of failed partnerships are rematched. */
  rematches: boolean;
  /** Years of experience asked as a number (else as ranges). */
  yearsAsNumbers: boolean;
  /** Survey export layout. */
  surveyLayout: "google" | "surveymonkey";
  /** Base survey response probability (before the completion and country factors). */
  responseBase: number;
  /** Shift of the latent contact frequency (lower = less frequent contact). */
  contactOffset: number;
  /** Give every active country a registrant (else only the countries new this round). */
  seedAllCountries: boolean;
}

function plan(p: Omit<RoundPlan, "surveyLayout" | "name"> & { name?: string }): RoundPlan {
  const year = Number(p.id.slice(0, 4));
  return { ...p, name: p.name ?? `Round ${p.id}`, surveyLayout: year >= 2015 ? "surveymonkey" : "google" };
}

const common = { unconfirmed: 4, oddPool: true, rematches: true, yearsAsNumbers: false, responseBase: 0.56, contactOffset: 0, seedAllCountries: false };

/**
 * The default demo history, 2013 pilot to 2016B (the program closed in March 2017). Sizes give
 * 92 participants in 20 countries for the pilot, exactly 392 in 40 countries and 196 partnerships in
 * 2013B, over 1,500 distinct participants in 105 countries after 2014B, about 3,500 in 122 after
 * 2015B, and over 5,500 in 138 after 2016B.
 */
export function defaultPlans(scale = 1): RoundPlan[] {
  const even = (n: number) => 2 * Math.round((n * scale) / 2);
  const sc = (n: number) => Math.round(n * scale);
  return [
    plan({ ...common, id: "2013P", name: "Pilot 2013", start: "2013-02-18", end: "2013-06-14", participants: even(92), countries: 20, returning: 0, unconfirmed: 2, oddPool: false, rematches: false, yearsAsNumbers: true, responseBase: 0.54, contactOffset: -1.3, seedAllCountries: true }),
    plan({ ...common, id: "2013B", start: "2013-09-02", end: "2013-12-13", participants: even(392), countries: 40, returning: sc(22), unconfirmed: 3, oddPool: false, rematches: false, seedAllCountries: true }),
    plan({ ...common, id: "2014A", start: "2014-03-03", end: "2014-06-27", participants: even(600), countries: 80, returning: sc(110) }),
    plan({ ...common, id: "2014B", start: "2014-08-25", end: "2014-12-12", participants: even(760), countries: 105, returning: sc(160) }),
    plan({ ...common, id: "2015A", start: "2015-03-02", end: "2015-06-26", participants: even(1150), countries: 115, returning: sc(220), unconfirmed: 6 }),
    plan({ ...common, id: "2015B", start: "2015-08-31", end: "2015-12-11", participants: even(1250), countries: 122, returning: sc(260), unconfirmed: 6 }),
    plan({ ...common, id: "2016A", start: "2016-03-07", end: "2016-06-24", participants: even(1300), countries: 128, returning: sc(300), unconfirmed: 7 }),
    plan({ ...common, id: "2016B", start: "2016-08-29", end: "2016-11-25", participants: even(1450), countries: 138, returning: sc(320), unconfirmed: 7 }),
  ];
}

/**
 * A long synthetic history for benchmarks: `rounds` rounds (two a year from 2013: A in March-June,
 * B in August-December) sharing about `registrations` registration rows evenly, 20% returning
 * participants from the third round on (10% in the second), countries growing from 60 to all,
 * a survey response rate of about 62% (about 15 answer columns each in the SurveyMonkey layout).
 * @throws {Error} when rounds < 1 or registrations < 20 * rounds.
 */
export function syntheticPlans(rounds: number, registrations: number, responseBase = 0.62): RoundPlan[] {
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a positive integer, got ${rounds}`);
  if (registrations < 20 * rounds) throw new Error(`registrations must be at least 20 per round, got ${registrations} for ${rounds} rounds`);
  const perRound = registrations / rounds;
  const out: RoundPlan[] = [];
  for (let i = 0; i < rounds; i++) {
    const year = 2013 + Math.floor(i / 2);
    const half = i % 2 === 0 ? "A" : "B";
    const unconfirmed = Math.max(1, Math.round(perRound * 0.004));
    // rows ≈ participants + 1 (odd pool) + unconfirmed + 0.5% duplicate rows
    const participants = 2 * Math.floor((perRound - unconfirmed - 1) / 1.005 / 2);
    const countries = Math.min(DEMO_COUNTRIES.length, Math.round(60 + ((DEMO_COUNTRIES.length - 60) * i) / Math.max(1, rounds - 1)));
    out.push(plan({
      ...common,
      id: `${year}${half}`,
      start: half === "A" ? `${year}-03-01` : `${year}-08-25`,
      end: half === "A" ? `${year}-06-28` : `${year}-12-05`,
      participants,
      countries,
      returning: i === 0 ? 0 : Math.round(participants * (i === 1 ? 0.1 : 0.2)),
      unconfirmed,
      responseBase,
      seedAllCountries: i === 0,
    }));
  }
  return out;
}
