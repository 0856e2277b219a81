/**
 * Small real-looking rounds for the privacy attacks (issue 12): 24 matched participants in 12
 * partnerships, every one answering the survey, with a lone person in a world region (Zoë, the
 * only one from Europe), a lone country, a lone sector, a lone health class (one partnership
 * dissolved) and a lone satisfaction segment. Program satisfaction is the issue's example:
 * Americas 13 answers (0, 2, 5, 3, 3 of 1..5: mean 3.538), Oceania 10 (0, 1, 4, 4, 1: mean 3.5),
 * Europe 1 (answer 1); overall 24, mean 3.4167, so 24 x 3.4167 - 13 x 3.538 - 10 x 3.5 = 1.
 * Other people's comments and a coordinator's note name Zoë by name and email, and by her given
 * name alone (p01, in her round).
 */
import type { RoundFiles } from "./rounds";

/** A Google Forms registration export's header row, as the small rounds write it. */
export const REG_HEADER =
  "Timestamp,Email Address,Full name,Country where you work,Library sector,Your role,Years of experience in libraries,Professional interests,Partner sector preference,Partner career stage preference,Countries you would like a partner from (optional),Languages you can work in,Have you taken part in ILN before?";
/** A Google Forms survey export's header row, as the small rounds write it. */
export const SURVEY_HEADER =
  "Timestamp,Email Address,\"Overall, how satisfied are you with the ILN program?\",How satisfied were you with your partner?,How often were you in contact with your partner?,How did you communicate with your partner?,The ILN gave me new perspectives on librarianship,I gained new ideas for my work,I feel more confident working with international colleagues,I feel more motivated in my career,How likely are you to recommend the ILN to a colleague?,Would you participate in the ILN again?,Will you continue the partnership after the round?,Any other comments?";

/** The lone person: her email (NFC), name and given name, pseudonym-free identifiers and her own comment. */
export const ZOE = {
  email: "zo\u00eb.lonely@example.org",
  name: "Zo\u00eb Lonely",
  given: "Zo\u00eb",
  comment: "My partner and I wrote a zine about tidepools",
};

interface Person {
  email: string;
  name: string;
  country: string;
  sector: string;
  years: string;
  program: number;
}

/** The 24 people: Americas 13 (US 5, BR 4, CA 4), Oceania 10 (AU 6, NZ 4), Europe 1 (FR: Zoë). */
export function smallRoundPeople(): Person[] {
  const americas = [2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5];
  const oceania = [2, 3, 3, 3, 3, 4, 4, 4, 4, 5];
  const countries = [...Array(5).fill("USA"), ...Array(4).fill("Brazil"), ...Array(4).fill("Canada"), ...Array(6).fill("Australia"), ...Array(4).fill("New Zealand")];
  const answers = [...americas, ...oceania];
  const sectors = ["Academic", "Public", "Academic", "Public", "Academic", "Public"];
  const people: Person[] = countries.map((country, i) => ({
    email: `p${String(i + 1).padStart(2, "0")}@example.org`,
    name: `Person ${String.fromCharCode(65 + i)} Tester`,
    country,
    sector: sectors[i % sectors.length],
    years: ["0-2", "6-10", "11-20"][i % 3],
    program: answers[i],
  }));
  // Zoë: the only one from Europe (and France), the only special librarian, program satisfaction 1.
  people.push({ email: ZOE.email, name: ZOE.name, country: "France", sector: "Special", years: "3-5", program: 1 });
  return people;
}

/** The 1-5 satisfaction answers as the survey's form labels them. */
export const LABELS = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"];

/**
 * The round's files. `id` names the round (dates follow `year`); Zoë is partnered with the 24th
 * person (p23, New Zealand) in partnership `<id>-12`, the round's only dissolved one.
 */
export function smallRound(id = "S1", year = 2016, emailOfZoe: string = ZOE.email): Required<Omit<RoundFiles, "mapping.json">> {
  const people = smallRoundPeople();
  people[23].email = emailOfZoe;
  const reg = people.map((p, i) => `7/${10 + (i % 15)}/${year} 9:${String(i).padStart(2, "0")}:00,${p.email},${p.name},${p.country},${p.sector},Librarian,${p.years},Outreach,Any sector,No preference,,English,No`);
  const pairs: [number, number][] = Array.from({ length: 12 }, (_, k) => [2 * k, 2 * k + 1]);
  const partnerships = pairs.map(([a, b], k) => {
    const dissolved = k === 11;
    return `${id}-${k + 1},${people[a].email},${people[b].email},${year}-08-01,${dissolved ? "dissolved" : "completed"},${dissolved ? `${year}-09-15` : `${year}-11-30`},,${dissolved ? "no" : "yes"}`;
  });
  const events = [
    "date,email,type,note",
    `${year}-08-20,${people[22].email},contact_logged,Met ${ZOE.name} online`,
    `${year}-09-10,${people[22].email},no_response_reported,Zoe${"\u0301"} Lonely (${ZOE.email.toUpperCase()}) has not replied`,
    `${year}-09-15,${people[22].email},dissolved,`,
    ...people.slice(0, 22).map((p) => `${year}-09-01,${p.email},contact_logged,`),
  ];
  const survey = people.map((p, i) => {
    const comment = i === 23 ? ZOE.comment : i === 22 ? `My partner ${ZOE.name} stopped replying` : i === 0 ? `Say hi to ${ZOE.given} (${ZOE.email})` : "";
    const partnerSat = i === 23 || i === 22 ? 1 : 4;
    return `12/${1 + (i % 20)}/${year} 10:00:00,${p.email},${LABELS[p.program - 1]},${LABELS[partnerSat - 1]},${i >= 22 ? "Never" : "Weekly"},Email,Agree,Agree,Agree,Agree,${i % 11},Yes,${i === 23 ? "No" : "Yes"},${comment}`;
  });
  return {
    "round.json": JSON.stringify({ id, name: `Small round ${id}`, start: `${year}-08-01`, end: `${year}-11-30` }),
    "registrations.csv": [REG_HEADER, ...reg].join("\r\n") + "\r\n",
    "partnerships.csv": ["partnership_id,email_a,email_b,matched_on,status,ended_on,replaces,continued", ...partnerships].join("\n") + "\n",
    "events.csv": events.join("\n") + "\n",
    "survey.csv": [SURVEY_HEADER, ...survey].join("\n") + "\n",
  };
}
