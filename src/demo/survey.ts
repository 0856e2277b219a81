/**
 * The end-of-round survey: who answers (planted non-random response), and what they answer.
 * Partner satisfaction follows the planted ordered-logit model of `planted-model.ts`; the other
 * answers follow from it (documented in data/demo/README.md).
 *
 * Non-response is planted so that the metrics' weighting can be tested against a known truth:
 * the response probability depends on how the partnership went and on the participant's world
 * region, and so does program satisfaction, so respondents overstate the program's satisfaction.
 * Every participant's would-be answers are drawn, respondents or not (`simulateSurvey` returns
 * both), so the true figure among all participants is known.
 */
import { addDays } from "./dates";
import type { Partnership } from "./outcomes";
import type { Registration } from "./people";
import { PLANTED_SATISFACTION, linearPredictor, satisfactionFromLatent } from "./planted-model";
import { plantThemes, writeComment, type PlantedTheme } from "./comments";
import { regionOf } from "../domain/countries/regions";
import { Rng } from "./random";
import { METHODS } from "./vocab";

/** One survey submission. Numbers are 1-5 (0-10 for recommend); null = left blank. */
export interface SurveyAnswer {
  reg: Registration;
  partner: Registration;
  /** Start and submission time. */
  started: Date;
  submitted: Date;
  program: number | null;
  partnerSat: number | null;
  /** Index into CONTACT_LABELS (0 = Weekly). */
  contact: number | null;
  methods: string[];
  perspective: number | null;
  ideas: number | null;
  confidence: number | null;
  motivation: number | null;
  recommend: number | null;
  again: "Yes" | "No" | "Maybe" | null;
  continuePartnership: "Yes" | "No" | "Undecided" | null;
  comments: string;
  /** The themes planted in `comments` (see comments.ts); empty when there is no comment. */
  themes: PlantedTheme[];
  /** SurveyMonkey: whether the respondent's first/last name columns are filled. */
  showsName: boolean;
}

/** Planted region factor of the response probability (UN M49 region of the participant's country). */
export const RESPONSE_BY_REGION: Readonly<Record<string, number>> = Object.freeze({ Europe: 1.25, Oceania: 1.2, Americas: 1.05, Asia: 0.7, Africa: 0.6 });

/** Planted factor of the response probability when the partnership did not complete (58% against 33% in the program's own figures). */
export const RESPONSE_IF_FAILED = 0.55;

/** Planted shift of the latent program satisfaction when the partnership did not complete. */
export const PROGRAM_SHIFT_IF_FAILED = -1.6;

/** Planted shift of the latent program satisfaction by region (regions that answer less are also less satisfied). */
export const PROGRAM_SHIFT_BY_REGION: Readonly<Record<string, number>> = Object.freeze({ Asia: -0.7, Africa: -0.7 });

/** Region factor of the response probability of a participant from country `code` (1 where the region is not listed). */
export function regionResponseFactor(code: string): number {
  return RESPONSE_BY_REGION[regionOf(code).region] ?? 1;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const AGAIN_YES = [0.1, 0.3, 0.55, 0.8, 0.88];

function answers(rng: Rng, reg: Registration, p: Partnership, submitted: Date, contactOffset: number): SurveyAnswer {
  const partner = p.a === reg ? p.b : p.a;
  const completed = p.status === "completed";
  const latent = linearPredictor(PLANTED_SATISFACTION, p.features) + rng.logistic();
  const partnerSat = satisfactionFromLatent(latent);
  const shift = (completed ? 0 : PROGRAM_SHIFT_IF_FAILED) + (PROGRAM_SHIFT_BY_REGION[regionOf(reg.person.country.code).region] ?? 0);
  const program = satisfactionFromLatent(0.55 * latent + 1.3 + shift + 0.9 * rng.normal());
  const c = latent + (completed ? 0 : -2.5) + contactOffset + 0.7 * rng.normal();
  const contact = c > 3.0 ? 0 : c > 1.9 ? 1 : c > 0.6 ? 2 : c > -1 ? 3 : 4;
  const methods = contact === 4 ? [] : METHODS.filter((_, i) => rng.chance([0.88, 0.45, 0.25, 0.08, 0.3][i]));
  if (contact !== 4 && methods.length === 0) methods.push("Email");
  const agree = () => clamp(Math.round(program - 0.1 + 0.8 * rng.normal()), 1, 5);
  const again = rng.chance(AGAIN_YES[program - 1]) ? "Yes" : rng.chance(0.65) ? "Maybe" : "No";
  let cont: "Yes" | "No" | "Undecided";
  if (!completed) cont = rng.chance(0.8) ? "No" : "Undecided";
  else if (p.continuedTruth) cont = rng.chance(0.85) ? "Yes" : "Undecided";
  else cont = rng.chance(0.1) ? "Yes" : rng.chance(0.6) ? "No" : "Undecided";
  // 18% comment, 30% of them naming the partner. The comment's themes and words come from a
  // generator seeded by this stream's next draw, so the other answers' draws are as before.
  let comments = "";
  let themes: PlantedTheme[] = [];
  if (rng.chance(0.18)) {
    const named = rng.chance(0.3);
    const textRng = new Rng(Math.floor(rng.next() * 4294967296));
    const ctx = {
      completed, quitter: p.quitter === reg, partnerSat,
      partnerFirst: partner.person.first, partnerCountry: partner.person.country.name,
    };
    themes = plantThemes(textRng, ctx);
    comments = writeComment(textRng, themes, ctx, named);
  }
  const blank = <T>(v: T, p = 0.03): T | null => (rng.chance(p) ? null : v);
  return {
    reg, partner, started: addDays(submitted, -(3 + rng.next() * 22) / 1440), submitted,
    program: blank(program, 0.02), partnerSat: blank(partnerSat, 0.02), contact: blank(contact),
    methods: rng.chance(0.03) ? [] : methods,
    perspective: blank(agree()), ideas: blank(agree()), confidence: blank(agree()), motivation: blank(agree()),
    recommend: blank(clamp(Math.round(1.9 * program + 0.6 + 1.1 * rng.normal()), 0, 10)),
    again: blank(again), continuePartnership: blank(cont), comments, themes, showsName: rng.chance(0.3),
  };
}

/** The survey of a round: the submissions, and every participant's would-be answers. */
export interface SimulatedSurvey {
  /** Submissions, sorted by submission time (a superseded earlier submission included). */
  answers: SurveyAnswer[];
  /** One would-be answer set per matched participant, respondent or not (a respondent's is their submission): the truth the weighting is tested against. */
  everyone: SurveyAnswer[];
}

/**
 * The survey of a round: each matched participant, about their last partnership of the round,
 * answers with probability responseBase × (1 if it completed, else {@link RESPONSE_IF_FAILED}) ×
 * {@link regionResponseFactor}, within 3 weeks after the round's end; 1.2% of respondents submit
 * twice (the earlier submission differs and is superseded). Non-respondents' answers are drawn
 * too, into `everyone`, never into the export.
 */
export function simulateSurvey(rng: Rng, partnerships: Partnership[], end: Date, responseBase: number, contactOffset: number): SimulatedSurvey {
  const last = new Map<Registration, Partnership>();
  for (const p of partnerships) {
    for (const r of [p.a, p.b]) {
      const prev = last.get(r);
      if (!prev || prev.matchedOn <= p.matchedOn) last.set(r, p);
    }
  }
  const out: SurveyAnswer[] = [];
  const everyone: SurveyAnswer[] = [];
  for (const [reg, p] of last) {
    const prob = responseBase * (p.status === "completed" ? 1 : RESPONSE_IF_FAILED) * regionResponseFactor(reg.person.country.code);
    if (!rng.chance(prob)) {
      everyone.push(answers(rng, reg, p, end, contactOffset));
      continue;
    }
    const twice = rng.chance(0.012);
    const submitted = addDays(end, (twice ? 1 : 0) + rng.next() * 20);
    if (twice) out.push(answers(rng, reg, p, addDays(submitted, -(0.01 + rng.next() * 0.99)), contactOffset));
    const a = answers(rng, reg, p, submitted, contactOffset);
    out.push(a);
    everyone.push(a);
  }
  return { answers: out.sort((x, y) => x.submitted.getTime() - y.submitted.getTime()), everyone };
}
