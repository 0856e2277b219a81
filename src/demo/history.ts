/**
 * The whole simulated history, in memory: for each round plan, who registers (new and returning
 * people, the 20% country cap, duplicates), the coordinators' matching, what happens to the
 * partnerships, and the survey. Pure and deterministic for a seed.
 */
import { pairFeatures } from "../matching/features";
import { DEMO_COUNTRIES, type DemoCountry } from "./countries";
import { addDays, parseIsoDate } from "./dates";
import { greedyMatching, heuristicScore } from "./heuristic-match";
import { mayPartner, simulatePartnerships, type DemoEvent, type Partnership } from "./outcomes";
import { earlierDuplicate, newPerson, register, type Person, type Registration } from "./people";
import { Rng } from "./random";
import type { RoundPlan } from "./rounds";
import { simulateSurvey, type SurveyAnswer } from "./survey";

/** Everything simulated for one round. */
export interface RoundData {
  plan: RoundPlan;
  /** Registration rows in submission order, superseded duplicates included. */
  rows: Registration[];
  /** One registration per person: the latest row. */
  registrations: Registration[];
  partnerships: Partnership[];
  events: DemoEvent[];
  survey: SurveyAnswer[];
  /** Every matched participant's would-be survey answers, respondent or not (the planted truth of the non-response tests). */
  everyone: SurveyAnswer[];
  /** Applicants turned away because their country had reached 20% of the round's registrants. */
  turnedAway: number;
  /** Registrants never matched (unconfirmed, or left on the waiting list). */
  unmatched: Registration[];
}

/** Share of registrants who submit the form twice (the earlier row is superseded). */
export const DUPLICATE_SHARE = 0.005;
/** The country cap: no country above this share of a round's registrants. */
export const COUNTRY_CAP = 0.2;

/**
 * Simulates the rounds of `plans` in order.
 * @param seed any integer; the same seed and plans give the same history.
 * @throws {Error} when a round's pool cannot be filled (more returning people requested than exist).
 */
export function simulateHistory(plans: readonly RoundPlan[], seed: number): RoundData[] {
  const root = new Rng(seed);
  const people: Person[] = [];
  const alumni: Person[] = [];
  const alumniSet = new Set<Person>();
  const out: RoundData[] = [];
  let prevCountries = 0;
  for (const plan of plans) {
    const rng = root.fork(`round:${plan.id}`);
    const start = parseIsoDate(plan.start);
    const end = parseIsoDate(plan.end);
    const active = DEMO_COUNTRIES.slice(0, plan.countries);
    const total = plan.participants + plan.unconfirmed + (plan.oddPool ? 1 : 0);
    const cap = Math.floor(COUNTRY_CAP * total);
    const count = new Map<string, number>();
    const regs: Registration[] = [];
    let turnedAway = 0;
    const add = (p: Person) => {
      regs.push(register(rng, p, start, plan.yearsAsNumbers, active));
      count.set(p.country.code, (count.get(p.country.code) ?? 0) + 1);
    };
    const full = (c: DemoCountry) => (count.get(c.code) ?? 0) >= cap;

    // Returning people: drawn with probability proportional to their propensity (0..1) by
    // rejection sampling, skipping countries at the cap.
    if (plan.returning > alumni.length) throw new Error(`Round ${plan.id}: ${plan.returning} returning participants requested, only ${alumni.length} alumni exist`);
    const chosen = new Set<Person>();
    for (let tries = 0; regs.length < plan.returning && tries < 200 * alumni.length; tries++) {
      const p = alumni[rng.int(alumni.length)];
      if (chosen.has(p) || !rng.chance(p.propensity) || full(p.country)) continue;
      chosen.add(p);
      add(p);
    }
    // New people: one for each newly reached country, then drawn by country weight under the cap.
    const seeds = plan.seedAllCountries ? active : active.slice(prevCountries);
    for (const c of seeds) {
      if (regs.length >= total || full(c)) continue;
      const p = newPerson(rng, people.length, c, start, active);
      people.push(p);
      add(p);
    }
    const weights = active.map((c) => c.weight);
    while (regs.length < total) {
      const c = active[rng.weightedIndex(weights)];
      if (full(c)) { turnedAway++; continue; }
      const p = newPerson(rng, people.length, c, start, active);
      people.push(p);
      add(p);
    }
    prevCountries = plan.countries;

    // Duplicates: a few people submit twice; the later row counts.
    const rows = regs.slice();
    for (const r of regs) if (rng.chance(DUPLICATE_SHARE)) rows.push(earlierDuplicate(rng, r, addDays(start, -28)));
    rows.sort((x, y) => x.timestamp.getTime() - y.timestamp.getTime());

    // Unconfirmed registrants (new people from countries with others registered) stay unmatched.
    const unconfirmed: Registration[] = [];
    const order = rng.shuffle(regs.map((_, i) => i));
    const dropped = new Set<number>();
    for (const i of order) {
      if (unconfirmed.length >= plan.unconfirmed) break;
      const r = regs[i];
      const c = r.person.country.code;
      if (r.returning || (count.get(c) ?? 0) < 2) continue;
      count.set(c, count.get(c)! - 1);
      unconfirmed.push(r);
      dropped.add(i);
    }
    const pool = regs.filter((_, i) => !dropped.has(i));

    // The coordinators' matching: people with stated country preferences choose first.
    const withPrefs = pool.map((_, i) => i).filter((i) => pool[i].prefCountries.length > 0);
    const rest = rng.shuffle(pool.map((_, i) => i).filter((i) => pool[i].prefCountries.length === 0));
    const matching = greedyMatching({
      n: pool.length,
      allowed: (i, j) => mayPartner(pool[i], pool[j]),
      score: (i, j) => heuristicScore(pairFeatures(pool[i].profile, pool[j].profile)),
      order: [...rng.shuffle(withPrefs), ...rest],
    }, rng);
    const pairs = matching.pairs.map(([i, j]) => [pool[i], pool[j]] as [Registration, Registration]);
    const waitlist = matching.unmatched.map((i) => pool[i]);

    const { partnerships, events } = simulatePartnerships(rng.fork("partnerships"), plan.id, { start, end }, pairs, waitlist, plan.rematches);
    const matched = new Set<Registration>();
    for (const p of partnerships) { matched.add(p.a); matched.add(p.b); }
    // After the round: experience shapes the wish to come back.
    for (const p of partnerships) {
      for (const r of [p.a, p.b]) {
        // partnerships are in matching order, so a rematch's outcome overrides the failed one
        r.person.propensity = p.status === "completed" ? 1 : p.quitter === r ? 0.1 : 0.6;
      }
    }
    for (const r of matched) {
      r.person.matchedRounds++;
      if (!alumniSet.has(r.person)) { alumniSet.add(r.person); alumni.push(r.person); }
    }
    const { answers: survey, everyone } = simulateSurvey(rng.fork("survey"), partnerships, end, plan.responseBase, plan.contactOffset);
    out.push({
      plan, rows, registrations: regs, partnerships, events, survey, everyone, turnedAway,
      unmatched: [...unconfirmed, ...waitlist.filter((r) => !matched.has(r))],
    });
  }
  return out;
}
