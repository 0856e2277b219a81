/**
 * The people across rounds (lib/plans/people.ts) and each round's matched participants and
 * registrants (lib/plans/matched.ts) in one plan, with the figures that show one number in both
 * declared as twins (`Plan.twins`): a round's participants (the people plan's, and the total of
 * the round's matched participants that its sectors, its countries' regions, its response rate
 * and its response rates by outcome add up to) and a round's registered (the people plan's, and
 * the total of the round's registrants that its applicants by sector add up to). When the people
 * plan hides one (it would give back a small overlap of rounds), the other is hidden too, and
 * complementary suppression hides more of the round's figures until none adds up to it.
 * Every data loader that publishes a figure of either builds this plan (with the respondents'
 * plan, tied to it: lib/plans/survey.ts), so they agree.
 */
import type { Db } from "../../../../src/db";
import type { Plan } from "../plan";
import { addMatched } from "./matched";
import { addPeople } from "./people";

/** Adds people, matched participants and registrants to `plan`, twinned (protect it afterwards). */
export async function addReach(db: Db, plan: Plan, min: number) {
  const people = await addPeople(db, plan);
  const matched = await addMatched(db, plan, min);
  for (const [round, ids] of people.perRound) {
    const m = matched.matched.get(round);
    if (m) plan.twins([ids.participants, m.participants]);
    const r = matched.largest.get(round);
    if (r) plan.twins([ids.registered, r.ids.registered]);
  }
  return { people, ...matched };
}
