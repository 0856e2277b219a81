/**
 * What happens to partnerships during a round: completion or failure drawn from the planted model,
 * dissolutions and withdrawals with their dates, rematches of the partner left behind, and the
 * coordinators' event log.
 */
import { pairFeatures, type PairFeatures } from "../matching/features";
import { addDays, daysBetween, startOfDay } from "./dates";
import type { Registration } from "./people";
import { PLANTED_SATISFACTION, completionProbability, linearPredictor, sigmoid } from "./planted-model";
import type { Rng } from "./random";

/** One partnership of a round. */
export interface Partnership {
  id: string;
  a: Registration;
  b: Registration;
  matchedOn: Date;
  status: "completed" | "dissolved" | "withdrawn";
  endedOn: Date;
  /** Id of the failed partnership of `a` that this rematch replaces, or "". */
  replaces: string;
  /** As recorded in the coordinators' sheet. */
  continued: "yes" | "no" | "unknown";
  /** Whether the partners really kept in touch (drives the survey's continue answer). */
  continuedTruth: boolean;
  features: PairFeatures;
  /** For a failed partnership: who stopped responding or withdrew, and who was left. */
  quitter?: Registration;
  stayer?: Registration;
}

/** One line of the coordinators' log. */
export interface DemoEvent {
  date: Date;
  email: string;
  type: "contact_logged" | "no_response_reported" | "intervention" | "dissolved" | "withdrew" | "rematched";
  note: string;
}

const NOTES = {
  contact_logged: ["Check-in form: in touch by email", "Check-in form: had a video call", "Check-in form: discussed this fortnight's topic", "Partners report regular contact", "Check-in: exchanged reading lists"],
  no_response_reported: ["Partner has not replied to three emails", "No reply since the first week", "Reports partner has gone quiet", "Partner unresponsive for two weeks"],
  intervention: ["Coordinator emailed to check in", "Reminder sent to partner", "Coordinator followed up by email", "Second reminder sent"],
  dissolved: ["Partnership ended: no response", "Closed after no reply to reminders", "Ended by mutual agreement"],
  withdrew: ["Withdrew: work commitments", "Withdrew: changed jobs", "Withdrew: personal reasons", "Withdrew: parental leave"],
  rematched: ["Rematched with a new partner", "Rematched from the waiting list", "Rematched with another participant whose partnership ended"],
} as const;

function note(rng: Rng, type: DemoEvent["type"]): string {
  return rng.pick(NOTES[type]);
}

/** Allowed partners: different countries and never partners before (this round included). */
export function mayPartner(x: Registration, y: Registration): boolean {
  return x.person.country.code !== y.person.country.code && x.person.id !== y.person.id && !x.person.pastPartners.has(y.person.id);
}

/** Records that two people were partners (so they are never matched again). */
export function recordPartners(x: Registration, y: Registration): void {
  x.person.pastPartners.add(y.person.id);
  y.person.pastPartners.add(x.person.id);
}

interface RoundDates { start: Date; end: Date }

/** Draws the fate of a new partnership, pushing its events; the failure date lies in [from + 10, lastDay]. */
function live(rng: Rng, p: Partnership, dates: RoundDates, events: DemoEvent[]): void {
  const ok = rng.chance(completionProbability(p.features));
  const span = daysBetween(p.matchedOn, dates.end);
  if (ok) {
    p.status = "completed";
    p.endedOn = dates.end;
    const satEta = linearPredictor(PLANTED_SATISFACTION, p.features);
    p.continuedTruth = rng.chance(sigmoid(satEta - 2.2));
    p.continued = rng.chance(0.25) ? "unknown" : p.continuedTruth ? "yes" : "no";
    const k = rng.int(3);
    for (let i = 0; i < k; i++) {
      events.push({ date: addDays(p.matchedOn, rng.range(7, Math.max(7, span - 3))), email: rng.chance(0.5) ? p.a.email : p.b.email, type: "contact_logged", note: note(rng, "contact_logged") });
    }
    if (rng.chance(0.08)) {
      // a wobble that recovered
      const d = addDays(p.matchedOn, rng.range(14, Math.max(14, span - 20)));
      const [rep, quiet] = rng.chance(0.5) ? [p.a, p.b] : [p.b, p.a];
      events.push({ date: d, email: rep.email, type: "no_response_reported", note: note(rng, "no_response_reported") });
      events.push({ date: addDays(d, rng.range(1, 4)), email: quiet.email, type: "intervention", note: interventionNote(rng, quiet) });
    }
    return;
  }
  const [quitter, stayer] = rng.chance(0.5) ? [p.a, p.b] : [p.b, p.a];
  p.quitter = quitter;
  p.stayer = stayer;
  p.continued = "no";
  p.continuedTruth = false;
  p.endedOn = addDays(p.matchedOn, rng.range(Math.min(10, span - 1), Math.max(10, span - 3)));
  if (rng.chance(0.3)) events.push({ date: addDays(p.matchedOn, rng.range(3, 9)), email: stayer.email, type: "contact_logged", note: note(rng, "contact_logged") });
  if (rng.chance(0.7)) {
    p.status = "dissolved";
    const reported = addDays(p.endedOn, -rng.range(6, 9));
    events.push({ date: reported, email: stayer.email, type: "no_response_reported", note: note(rng, "no_response_reported") });
    events.push({ date: addDays(reported, rng.range(1, 4)), email: quitter.email, type: "intervention", note: interventionNote(rng, quitter) });
    events.push({ date: p.endedOn, email: stayer.email, type: "dissolved", note: note(rng, "dissolved") });
  } else {
    p.status = "withdrawn";
    events.push({ date: p.endedOn, email: quitter.email, type: "withdrew", note: note(rng, "withdrew") });
  }
}

function interventionNote(rng: Rng, who: Registration): string {
  // Coordinators' notes sometimes name the person: private data that must never be published.
  return rng.chance(0.2) ? `Emailed ${who.person.first} about missed check-ins` : note(rng, "intervention");
}

/**
 * Simulates the round's partnerships from the initial matching, then rematches: the partner left
 * by a failed partnership that ended at least 35 days before the round's end is rematched with
 * probability 0.55, first with someone from the waiting list, else with another such partner;
 * the rematch starts 2-7 days after the later of the two endings and is not rematched again.
 * @param pairs the initial matching (registrations), matched on the round's start.
 * @param waitlist confirmed registrants left unmatched (the odd pool's leftover).
 * @returns partnerships (ids `ROUND-0001`...) and events, both in chronological order.
 */
export function simulatePartnerships(
  rng: Rng,
  roundId: string,
  dates: RoundDates,
  pairs: [Registration, Registration][],
  waitlist: Registration[],
  rematches: boolean,
): { partnerships: Partnership[]; events: DemoEvent[] } {
  const events: DemoEvent[] = [];
  const partnerships: Partnership[] = [];
  let seq = 0;
  const nextId = () => `${roundId}-${String(++seq).padStart(4, "0")}`;
  const make = (a: Registration, b: Registration, on: Date, replaces: string): Partnership => {
    recordPartners(a, b);
    const p: Partnership = {
      id: nextId(), a, b, matchedOn: startOfDay(on), status: "completed", endedOn: dates.end, replaces,
      continued: "unknown", continuedTruth: false, features: pairFeatures(a.profile, b.profile),
    };
    live(rng, p, dates, events);
    partnerships.push(p);
    return p;
  };
  for (const [a, b] of pairs) make(a, b, dates.start, "");
  if (rematches) {
    const orphans = partnerships
      .filter((p) => p.stayer && daysBetween(p.endedOn, dates.end) >= 35 && rng.chance(0.55))
      .sort((x, y) => x.endedOn.getTime() - y.endedOn.getTime());
    const wait = waitlist.slice();
    const done = new Set<Partnership>();
    for (const old of orphans) {
      if (done.has(old)) continue;
      const s = old.stayer!;
      const wi = wait.findIndex((w) => mayPartner(s, w));
      let partner: Registration | undefined;
      let on = old.endedOn;
      if (wi >= 0) {
        partner = wait.splice(wi, 1)[0];
      } else {
        const other = orphans.find((o) => o !== old && !done.has(o) && mayPartner(s, o.stayer!));
        if (other) {
          partner = other.stayer!;
          done.add(other);
          if (other.endedOn > on) on = other.endedOn;
        }
      }
      done.add(old);
      if (!partner) continue;
      const matchedOn = addDays(on, rng.range(2, 7));
      events.push({ date: matchedOn, email: s.email, type: "rematched", note: note(rng, "rematched") });
      events.push({ date: matchedOn, email: partner.email, type: "rematched", note: wi >= 0 ? "Rematched from the waiting list" : note(rng, "rematched") });
      make(s, partner, matchedOn, old.id);
    }
  }
  events.sort((x, y) => x.date.getTime() - y.date.getTime());
  return { partnerships, events };
}
