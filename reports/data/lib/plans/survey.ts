/**
 * The survey's respondents as two plans see them, tied together (docs/privacy.md, "One number in
 * several populations"). The matched participants' plan (lib/plans/matched.ts) counts a round's
 * respondents and its respondents per country (retention.json's response rates, metrics.json's
 * respondents); the respondents' plan (lib/plans/respondents.ts) splits the same people by
 * country among its segments. When the numbers agree (every respondent answered a satisfaction
 * item and was a matched participant, which is usual) they are one number: each item's
 * respondents' population gets a copy of it (the attacker knows it from retention.json), shown
 * exactly when the original is (`RespondentsPlan.mirror`). So a country's respondents published
 * on the retention page cannot be subtracted from the satisfaction page's groups of countries,
 * and when the satisfaction page's audit hides a copy, the retention page hides the original.
 * Where they differ they are different numbers, and nothing is tied.
 *
 * Every data loader that publishes a figure of either plan builds both and ties them with
 * {@link addSurveyReach} (or {@link tieRespondents} when it adds other plans in between), so the
 * pages agree.
 */
import type { Db } from "../../../../src/db";
import type { Plan } from "../plan";
import type { MatchedRound } from "./matched";
import { addReach } from "./reach";
import { addRespondents, type RespondentsPlan } from "./respondents";

/**
 * Ties the matched participants' respondents (per round, and per round and country) to the same
 * numbers in the respondents' populations by segment, where they are equal (module doc).
 * Call after both plans are added, before `protect()`.
 */
export function tieRespondents(plan: Plan, matched: ReadonlyMap<string, MatchedRound>, respondents: RespondentsPlan): void {
  for (const [round, m] of matched) {
    respondents.mirror(round, { id: m.respondents, family: "metrics.json", label: `${round}: respondents`, value: m.answered });
    for (const c of m.countries) {
      respondents.mirror(round, { id: c.respondents, family: "retention.json", label: `${round} country ${c.country} response: respondents`, dimension: "country", values: [c.country], value: c.answered });
    }
  }
}

/** Adds the reach plan (people, matched participants, registrants) and the respondents' plan to `plan`, tied (protect it afterwards). */
export async function addSurveyReach(db: Db, plan: Plan, min: number) {
  const reach = await addReach(db, plan, min);
  const respondents = await addRespondents(db, plan, min);
  tieRespondents(plan, reach.matched, respondents);
  return { ...reach, respondents };
}
