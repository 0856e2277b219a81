/**
 * The demo's free-text comments: a planted theme model (which themes a respondent's comment
 * carries, from their partnership's outcome and their satisfaction) and comments written from
 * template fragments in several registers, so the theme coder's quality can be measured against
 * the planted themes (documented in data/demo/README.md).
 *
 * Registers: short (a few words per theme), long (full sentences with filler), non-native
 * phrasing, typos (one or two letters dropped, doubled, changed or swapped), mixed themes, and
 * negated decoys: a sentence that negates a theme the comment does NOT carry ("I can't say I feel
 * more confident", "No problems with time zones at all").
 */
import type { Rng } from "./random";

/** The codebook's theme ids (src/themes/codebook.yaml), the ones the demo plants. */
export type PlantedTheme =
  | "international_perspective" | "new_ideas" | "confidence" | "motivation" | "connection" | "gratitude"
  | "communication_barrier" | "partner_unresponsive" | "time_pressure" | "suggestion" | "negative_experience";

/** What the planted model reads of a respondent. */
export interface CommentContext {
  /** Whether the respondent's (last) partnership completed. */
  completed: boolean;
  /** For a failed partnership: whether the respondent is the one who stopped responding or withdrew. */
  quitter: boolean;
  /** Partner satisfaction 1-5. */
  partnerSat: number;
  /** The partner's first name (used when the comment names the partner). */
  partnerFirst: string;
  /** The partner's country, as a name. */
  partnerCountry: string;
}

type Probs = Record<PlantedTheme, number>;

/**
 * The planted model: probability of each theme in a comment, by outcome. A comment draws each
 * theme independently with these probabilities.
 */
export const PLANTED_THEME_PROBABILITIES: Readonly<Record<"completed_satisfied" | "completed_other" | "failed_left" | "failed_quit", Probs>> = {
  completed_satisfied: { international_perspective: 0.4, new_ideas: 0.35, confidence: 0.15, motivation: 0.15, connection: 0.35, gratitude: 0.35, communication_barrier: 0.1, partner_unresponsive: 0.02, time_pressure: 0.1, suggestion: 0.2, negative_experience: 0.02 },
  completed_other: { international_perspective: 0.25, new_ideas: 0.2, confidence: 0.08, motivation: 0.08, connection: 0.12, gratitude: 0.25, communication_barrier: 0.2, partner_unresponsive: 0.08, time_pressure: 0.2, suggestion: 0.3, negative_experience: 0.12 },
  failed_left: { international_perspective: 0.05, new_ideas: 0.05, confidence: 0.02, motivation: 0.02, connection: 0.03, gratitude: 0.15, communication_barrier: 0.15, partner_unresponsive: 0.6, time_pressure: 0.05, suggestion: 0.3, negative_experience: 0.35 },
  failed_quit: { international_perspective: 0.03, new_ideas: 0.03, confidence: 0.02, motivation: 0.02, connection: 0.02, gratitude: 0.1, communication_barrier: 0.2, partner_unresponsive: 0.03, time_pressure: 0.6, suggestion: 0.15, negative_experience: 0.15 },
};

/** Theme order (the codebook's). */
export const PLANTED_THEMES = Object.keys(PLANTED_THEME_PROBABILITIES.completed_satisfied) as PlantedTheme[];

/** Draws the planted themes of one comment (possibly none), in codebook order. */
export function plantThemes(rng: Rng, ctx: CommentContext): PlantedTheme[] {
  const key = ctx.completed ? (ctx.partnerSat >= 4 ? "completed_satisfied" : "completed_other") : ctx.quitter ? "failed_quit" : "failed_left";
  const p = PLANTED_THEME_PROBABILITIES[key];
  return PLANTED_THEMES.filter((t) => rng.chance(p[t]));
}

type Register = "short" | "long" | "nonNative";

/** Fragments per theme and register; `{first}` is the partner's first name, `{country}` their country. */
const FRAGMENTS: Record<PlantedTheme, Record<Register, string[]>> = {
  international_perspective: {
    short: ["Eye-opening view of librarianship abroad.", "Great international perspective.", "Loved hearing about libraries in {country}."],
    long: [
      "It opened my eyes to how libraries work on the other side of the world.",
      "Hearing how academic libraries in {country} handle the same budget problems put our own situation in a new perspective.",
      "I now understand much more about the profession in another country, which I never had a chance to see before.",
    ],
    nonNative: ["Very good for knowing the librarianship of other country.", "I discover how is the library in {country}, it is very different from us."],
  },
  new_ideas: {
    short: ["Picked up lots of new ideas.", "Great tips for work.", "Some ideas I will try at my library."],
    long: [
      "I came away with several ideas for our outreach programme that I have already started to implement.",
      "We swapped practical tips on digital preservation and I picked up a technique I now use every week.",
      "My partner showed me a new approach to information literacy classes that I want to bring back to my team.",
    ],
    nonNative: ["I get many new idea for apply in my work.", "Now I have knowledge of new tools for the cataloguing."],
  },
  confidence: {
    short: ["Feel more confident now.", "A real confidence boost."],
    long: [
      "Talking every week with a peer gave me the confidence to speak up in meetings at work.",
      "I feel much more comfortable working with international colleagues than I did before the round.",
      "It gave me the courage to apply for a senior role.",
    ],
    nonNative: ["I am more confident for to talk with colleagues of other places.", "It give me confidence in my work as librarian."],
  },
  motivation: {
    short: ["Very inspiring!", "Feel re-energised about my career."],
    long: [
      "I came out of the round really inspired, and it reminded me why I love this profession.",
      "After a tough year at work the program gave me back my motivation.",
    ],
    nonNative: ["It was very motivating for me and my career.", "I am inspired to do more projects in my library."],
  },
  connection: {
    short: ["Made a good friend.", "Great for networking.", "Working with {first} was the highlight of my year."],
    long: [
      "{first} and I plan to meet at a conference next year, and we will definitely keep in touch.",
      "My partner and I have become good friends and we still email every month.",
      "I now have a professional network that reaches well beyond my own country.",
    ],
    nonNative: ["We are friends now and we continue to write us.", "I find a friend in the profession, this is the most important for me."],
  },
  gratitude: {
    short: ["Thank you!", "Thanks so much to the organisers.", "Thanks to {first} for being so generous with their time."],
    long: [
      "Many thanks to all the volunteers who run this, it must take a lot of work.",
      "I am really grateful to the coordinators for matching me so thoughtfully.",
      "I really appreciate the work the team puts into the discussion topics.",
    ],
    nonNative: ["Thank you very much for this opportunity, it was a pleasure.", "I am very grateful for the program and the organisators."],
  },
  communication_barrier: {
    short: ["Time zones were a pain.", "Hard to find a time with a 10-hour time difference."],
    long: [
      "The time difference meant we could only ever email, never call.",
      "Our video calls kept dropping because of a bad internet connection on one side.",
      "My partner's first language is not English and we sometimes had to use translation tools.",
    ],
    nonNative: ["My english is not so good so the calls were difficult for me.", "The internet connection in my library is not good for the video calls."],
  },
  partner_unresponsive: {
    short: ["Partner never replied.", "My partner went quiet after week two.", "{first} had stopped replying by the third week."],
    long: [
      "My partner never replied after the first email, even after the coordinators followed up.",
      "We exchanged a couple of emails and then they stopped responding altogether.",
      "My partner dropped out without a word halfway through the round.",
    ],
    nonNative: ["My partner did not answer to my emails.", "After the first message my partner disappear and I never hear from them again."],
  },
  time_pressure: {
    short: ["Too busy at work this round.", "Hard to keep up during semester."],
    long: [
      "Work got really busy in the second half of the round, so I could not give it the time it deserved.",
      "Between a new job and family commitments I struggled to find the time for regular calls.",
      "I had too many other commitments to keep up with the fortnightly topics.",
    ],
    nonNative: ["I did not have time because of my workload in the library.", "The semester was very busy for me, so little time for the program."],
  },
  suggestion: {
    short: ["Longer rounds please.", "Maybe a mid-round check-in?", "Please add a topic on research data."],
    long: [
      "It would help to have a short check-in from the coordinators halfway through the round.",
      "I would love a discussion topic on open access, and maybe an online meetup for everyone in the round.",
      "Next time it would be good to be able to choose a partner from a particular region.",
    ],
    nonNative: ["I suggest to make the rounds more long, four months is short.", "It would be nice to have more topics about school libraries."],
  },
  negative_experience: {
    short: ["A bit disappointing overall.", "Frustrating round."],
    long: [
      "Honestly the round was a disappointment, we never really found anything to talk about.",
      "I found the whole thing frustrating and felt a bit lost about what we were supposed to do.",
      "The partnership never worked out and it felt like a waste of time.",
    ],
    nonNative: ["For me the experience was not useful, sorry.", "I was disappointed, the partnership did not work for me."],
  },
};

/** Sentences that negate a theme the comment does not carry (negation decoys). */
const DECOYS: Partial<Record<PlantedTheme, string[]>> = {
  confidence: ["I can't say I feel more confident, but it was nice.", "I did not feel more confident afterwards."],
  communication_barrier: ["No problems with time zones at all.", "Language was never a barrier for us."],
  time_pressure: ["I was not busy this time, luckily.", "Workload was not an issue for me."],
  new_ideas: ["I did not really get new ideas for my work."],
  motivation: ["I wouldn't say it motivated me much."],
  negative_experience: ["It was never frustrating.", "Not disappointing at all."],
  partner_unresponsive: ["My partner always replied quickly."],
};

const FILLERS = ["Overall a good round.", "We mostly talked by email.", "The discussion topics gave us something to start with.", "We talked about once a fortnight."];
const NO_THEME = ["Nothing to add.", "No further comments.", "N/A", "All good.", "We mostly talked by email."];

/** One or two letters dropped, doubled, changed or swapped in a word of 6+ letters. */
function typo(rng: Rng, word: string): string {
  const i = 1 + rng.int(word.length - 2);
  switch (rng.int(4)) {
    case 0: return word.slice(0, i) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word[i] + word.slice(i);
    case 2: return word.slice(0, i) + "aeiou"[rng.int(5)] + word.slice(i + 1);
    default: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

function withTypos(rng: Rng, text: string): string {
  const words = text.split(" ");
  const long = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[a-z]{6,}$/.test(w));
  for (const { i } of rng.sample(long, 1 + rng.int(2))) words[i] = typo(rng, words[i]);
  return words.join(" ");
}

/**
 * Writes a comment carrying exactly `themes` (none: a no-theme remark), in a register drawn at
 * random. With `named`, the comment opens with a sentence naming the partner (`{first}`).
 */
export function writeComment(rng: Rng, themes: readonly PlantedTheme[], ctx: CommentContext, named: boolean): string {
  const fill = (s: string) => s.replaceAll("{first}", ctx.partnerFirst).replaceAll("{country}", ctx.partnerCountry);
  const register: Register = rng.chance(0.35) ? "short" : rng.chance(0.7) ? "long" : "nonNative";
  const sentences: string[] = [];
  const namedIn = (t: PlantedTheme) => FRAGMENTS[t][register].concat(FRAGMENTS[t].short, FRAGMENTS[t].long).filter((f) => f.startsWith("{first}") || f.includes(" {first} "));
  let order = rng.shuffle(themes.slice());
  if (named) {
    const t = order.find((x) => namedIn(x).length > 0);
    if (t) {
      sentences.push(rng.pick(namedIn(t)));
      order = order.filter((x) => x !== t);
    } else {
      sentences.push("{first} and I met on video a few times.");
    }
  }
  for (const t of order) sentences.push(rng.pick(FRAGMENTS[t][register].filter((f) => !f.includes("{first}"))));
  if (themes.length === 0 && sentences.length === 0) sentences.push(rng.pick(NO_THEME));
  if (register === "long" && rng.chance(0.5)) sentences.splice(rng.int(sentences.length + 1), 0, rng.pick(FILLERS));
  const decoys = PLANTED_THEMES.filter((t) => !themes.includes(t) && DECOYS[t]);
  if (decoys.length && rng.chance(0.15)) sentences.push(rng.pick(DECOYS[rng.pick(decoys)]!));
  let text = sentences.map(fill).join(" ");
  if (rng.chance(0.2)) text = withTypos(rng, text);
  if (register === "short" && rng.chance(0.3)) text = text.toLowerCase();
  return text;
}
