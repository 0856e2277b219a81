import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ident, openDatabase, sql, type Db } from "../../src/db";
import { pseudonymiser } from "../../src/privacy/pseudonym";

/** A fixed pseudonym key for tests. */
export const TEST_KEY = Buffer.alloc(32, 7);
export const testPseudonymiser = () => pseudonymiser(TEST_KEY);

/** A fresh temporary folder. */
export function tempDir(prefix = "iln-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Files of one round folder: kind -> file text (or bytes). */
export type RoundFiles = Partial<Record<"round.json" | "registrations.csv" | "partnerships.csv" | "events.csv" | "survey.csv" | "mapping.json", string | Uint8Array>>;

/** Writes a round folder under `dir` and returns its path. */
export function writeRound(dir: string, name: string, files: RoundFiles): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const [f, content] of Object.entries(files)) if (content !== undefined) writeFileSync(path.join(d, f), content);
  return d;
}

/**
 * A mapping.json stating that slashed dates are month-first, as baseRound()'s files are written.
 * Its survey's dates (12/1/2016 to 12/4/2016) read both ways, so a round whose window holds none
 * of them either way (any round but T1) refuses them unless the order is stated.
 */
export const MONTH_FIRST = JSON.stringify({ date_order: "month-first" });

/**
 * A small, valid round "T1" in Google Forms layout: seven applicants from seven countries (one
 * registering twice), three partnerships (one dissolved and rematched), events and a survey.
 */
export function baseRound(): Required<Omit<RoundFiles, "mapping.json">> {
  return {
    "round.json": JSON.stringify({ id: "T1", name: "Test round 1", start: "2016-08-01", end: "2016-11-30" }),
    "registrations.csv": [
      "Timestamp,Email Address,Full name,Country where you work,Library sector,Your role,Years of experience in libraries,Professional interests,Partner sector preference,Partner career stage preference,Countries you would like a partner from (optional),Languages you can work in,Have you taken part in ILN before?",
      "7/10/2016 9:00:00,ana@example.org,Ana Lima,Brazil,Academic,Librarian,3-5,\"Cataloguing, Outreach\",Same sector,Different career stage,,\"English, Portuguese\",No",
      "7/11/2016 10:00:00,Ben@Example.org ,Ben Cole,USA,Public,Manager,11-20,Outreach,Any sector,No preference,,English,Yes",
      "7/12/2016 11:00:00,chloe@example.org,Chloé Martin,France,Academic,Subject librarian,0-2,Cataloguing,Same sector,Different career stage,Australia,\"English, French\",No",
      "7/13/2016 12:00:00,dev@example.org,Dev Patel,Australia,Special,Archivist,6-10,Digital preservation,Any sector,Similar career stage,,English,No",
      "7/14/2016 13:00:00,emi@example.org,Emi Sato,Japan,School,Teacher librarian,20+,Outreach,Any sector,No preference,,\"English, Japanese\",No",
      "7/15/2016 14:00:00,fay@example.org,Fay Okoro,United Kingdom,Academic,Librarian,4,Cataloguing,Same sector,Different career stage,,English,Yes",
      "7/20/2016 15:30:00,ana@example.org,Ana Lima,Brazil,Academic,Senior librarian,3-5,\"Cataloguing, Outreach\",Same sector,Different career stage,,\"English, Portuguese\",No",
      "7/21/2016 9:00:00,gus@example.org,Gus Weber,Germany,Public,Librarian,3-5,Outreach,Same sector,No preference,,\"English, German\",No",
    ].join("\r\n") + "\r\n",
    "partnerships.csv": [
      "partnership_id,email_a,email_b,matched_on,status,ended_on,replaces,continued",
      "T1-1,ana@example.org,fay@example.org,2016-08-01,completed,2016-11-30,,yes",
      "T1-2,ben@example.org,emi@example.org,2016-08-01,dissolved,2016-09-15,,no",
      "T1-3,chloe@example.org,dev@example.org,2016-08-01,completed,2016-11-30,,unknown",
      "T1-4,ben@example.org,gus@example.org,2016-09-15,withdrawn,2016-10-01,T1-2,no",
    ].join("\n") + "\n",
    "events.csv": [
      "date,email,type,note",
      "2016-08-20,ben@example.org,no_response_reported,Emi has not replied",
      "2016-09-15,ben@example.org,dissolved,",
      "2016-09-15,ben@example.org,rematched,",
      "2016-10-01,gus@example.org,withdrew,moved job",
    ].join("\n") + "\n",
    "survey.csv": [
      "Timestamp,Email Address,\"Overall, how satisfied are you with the ILN program?\",How satisfied were you with your partner?,How often were you in contact with your partner?,How did you communicate with your partner?,The ILN gave me new perspectives on librarianship,I gained new ideas for my work,I feel more confident working with international colleagues,I feel more motivated in my career,How likely are you to recommend the ILN to a colleague?,Would you participate in the ILN again?,Will you continue the partnership after the round?,Any other comments?",
      "12/1/2016 10:00:00,ana@example.org,Very satisfied,Satisfied,Weekly,\"Email, Video call\",Strongly agree,Agree,Agree,Neither agree nor disagree,10,Yes,Yes,Fay was wonderful",
      "12/2/2016 10:00:00,fay@example.org,Satisfied,Very satisfied,Fortnightly,Email,Agree,Agree,Strongly agree,Agree,9,Yes,Yes,",
      "12/3/2016 10:00:00,ben@example.org,Dissatisfied,Very dissatisfied,Never,,Disagree,Disagree,Neither agree nor disagree,Disagree,3,Maybe,No,",
      "12/4/2016 10:00:00,dev@example.org,4,3,Monthly,Messaging,4,4,3,3,7,Yes,Undecided,",
    ].join("\n") + "\n",
  };
}

/** Opens a fresh on-disk database in a temp folder. */
export async function freshDb(dir = tempDir()): Promise<Db> {
  return openDatabase(path.join(dir, "test.duckdb"));
}

/** Every table's rows, sorted, as one JSON string: compares whole database states. */
export async function dumpDb(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of ["rounds", "identities", "registrations", "partnerships", "events", "survey_responses", "round_surveys", "ingest_log"]) {
    out[t] = await db.all(sql`SELECT * FROM ${ident(t)} ORDER BY ALL`);
  }
  return JSON.stringify(out);
}
