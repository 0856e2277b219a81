/**
 * The database schema. Participants are keyed everywhere by `pid`, a pseudonym (see
 * `src/privacy/pseudonym.ts`); only `identities` holds emails and names, and only `iln forget`,
 * internal (never published) outputs (at-risk lists, `iln match`'s introductions) and ingest's
 * error messages about rows already in the database read it.
 *
 * Survey responses are stored wide: one row per respondent and round, one column per canonical
 * question (docs/formats.md), because every metric reads whole responses and the question set is
 * fixed by the canonical fields. Multi-selects are `VARCHAR[]`. A response of an anonymous survey
 * (no respondent key) has a NULL `pid`: it joins no registration or partnership, since `=` never
 * matches NULL. `round_surveys` records, per round, whether its survey was anonymous and which
 * questions it asked, so a question a survey did not have reads "not asked", never zero. A
 * response's `submitted_at` is NULL when its file had no submission-time column: unknown, never
 * invented (its file's duplicates were resolved by file order, docs/formats.md).
 *
 * No foreign keys, and primary keys only where a statement needs one (`INSERT OR REPLACE`
 * on `rounds`, `INSERT OR IGNORE` on `erased_people`): DuckDB restricts updates and deletes under foreign keys, and index
 * maintenance dominates bulk loads. The ingest guarantees what the keys would: one identity per pseudonym, one registration and
 * one survey response per person and round (latest wins), unique partnership ids per round
 * (loaders/canonicalise.ts, loaders/consistency.ts).
 */
import { sql, type Sql } from "./sql";

/**
 * The schema's version, stored in `meta` as `schema_version`. 2: survey responses may have no
 * pseudonym (anonymous surveys) and `round_surveys` records each round's survey. 3: a survey
 * response's `submitted_at` may be NULL, unknown (an export without a submission-time column).
 */
export const SCHEMA_VERSION = 3;

/** DDL statements, idempotent (`IF NOT EXISTS`), applied in order by `ensureSchema`. */
export const SCHEMA_SQL: readonly Sql[] = [
  sql`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  sql`CREATE TABLE IF NOT EXISTS rounds (
     round_id   VARCHAR PRIMARY KEY,
     name       VARCHAR NOT NULL,
     start_date DATE NOT NULL,
     end_date   DATE NOT NULL,
     synthetic  BOOLEAN NOT NULL DEFAULT false
   )`,
  sql`CREATE TABLE IF NOT EXISTS identities (
     pid   VARCHAR NOT NULL,
     email VARCHAR NOT NULL,
     name  VARCHAR
   )`,
  sql`CREATE TABLE IF NOT EXISTS registrations (
     round_id            VARCHAR NOT NULL,
     pid                 VARCHAR NOT NULL,
     submitted_at        TIMESTAMP NOT NULL,
     country             VARCHAR NOT NULL,
     sector              VARCHAR NOT NULL,
     role                VARCHAR,
     years_experience    DOUBLE,
     years_range         VARCHAR,
     interests           VARCHAR[] NOT NULL,
     pref_sector         VARCHAR NOT NULL,
     pref_career         VARCHAR NOT NULL,
     pref_countries      VARCHAR[] NOT NULL,
     languages           VARCHAR[] NOT NULL,
     participated_before BOOLEAN,
     source_row          INTEGER NOT NULL
   )`,
  sql`CREATE TABLE IF NOT EXISTS partnerships (
     round_id       VARCHAR NOT NULL,
     partnership_id VARCHAR NOT NULL,
     pid_a          VARCHAR NOT NULL,
     pid_b          VARCHAR NOT NULL,
     matched_on     DATE NOT NULL,
     status         VARCHAR NOT NULL,
     ended_on       DATE,
     replaces       VARCHAR,
     continued      VARCHAR NOT NULL,
     source_row     INTEGER NOT NULL
   )`,
  sql`CREATE TABLE IF NOT EXISTS events (
     round_id   VARCHAR NOT NULL,
     event_date DATE NOT NULL,
     pid        VARCHAR NOT NULL,
     type       VARCHAR NOT NULL,
     note       VARCHAR,
     source_row INTEGER NOT NULL
   )`,
  sql`CREATE TABLE IF NOT EXISTS survey_responses (
     round_id              VARCHAR NOT NULL,
     pid                   VARCHAR,
     submitted_at          TIMESTAMP,
     program_satisfaction  TINYINT,
     partner_satisfaction  TINYINT,
     contact_frequency     VARCHAR,
     methods               VARCHAR[] NOT NULL,
     outcome_perspective   TINYINT,
     outcome_ideas         TINYINT,
     outcome_confidence    TINYINT,
     outcome_motivation    TINYINT,
     recommend             TINYINT,
     participate_again     VARCHAR,
     continue_partnership  VARCHAR,
     comments              VARCHAR,
     source_row            INTEGER NOT NULL
   )`,
  sql`CREATE TABLE IF NOT EXISTS round_surveys (
     round_id       VARCHAR NOT NULL,
     anonymous      BOOLEAN NOT NULL,
     respondent_key VARCHAR,
     asked          VARCHAR[] NOT NULL
   )`,
  sql`CREATE TABLE IF NOT EXISTS ingest_log (
     file         VARCHAR NOT NULL,
     content_hash VARCHAR NOT NULL,
     kind         VARCHAR NOT NULL,
     round_id     VARCHAR NOT NULL,
     rows         INTEGER NOT NULL,
     ingested_at  TIMESTAMP NOT NULL
   )`,
  // The people `iln forget` erased, by erasure hash (src/privacy/pseudonym.ts): neither email nor
  // pseudonym, so the list keeps no way back to them, while the ingest can skip them in old exports.
  sql`CREATE TABLE IF NOT EXISTS erased_people (
     hash VARCHAR PRIMARY KEY
   )`,
  sql`CREATE OR REPLACE VIEW participants AS
     SELECT pid, min(r.start_date) AS first_registered
     FROM registrations g JOIN rounds r USING (round_id)
     GROUP BY pid`,
];

/**
 * The survey's questions (canonical fields, docs/formats.md), in the order of the
 * `survey_responses` columns: what `round_surveys.asked` lists.
 */
export const SURVEY_QUESTIONS = [
  "program_satisfaction", "partner_satisfaction", "contact_frequency", "methods", "outcome_perspective", "outcome_ideas",
  "outcome_confidence", "outcome_motivation", "recommend", "participate_again", "continue_partnership", "comments",
] as const;
/** One of {@link SURVEY_QUESTIONS}. */
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

/** The questions every survey had to carry before version 2 (all of them were then required). */
const V1_REQUIRED: readonly SurveyQuestion[] = [
  "program_satisfaction", "partner_satisfaction", "contact_frequency", "outcome_perspective", "outcome_ideas",
  "outcome_confidence", "outcome_motivation", "participate_again",
];

/**
 * Upgrades of a database written by an earlier version, by the version they upgrade to; each
 * statement is idempotent. `ensureSchema` (src/db/connection.ts) runs those above the stored
 * version, after `SCHEMA_SQL`. To 2: `survey_responses.pid` loses NOT NULL; every round with
 * survey responses gets its `round_surveys` record: linked by email, asked = the questions version
 * 1 required, plus each optional one that has an answer (a column left blank throughout cannot be
 * told from one not asked). To 3: `survey_responses.submitted_at` loses NOT NULL.
 */
export const MIGRATIONS: Readonly<Record<number, readonly Sql[]>> = {
  2: [
    sql`ALTER TABLE survey_responses ALTER COLUMN pid DROP NOT NULL`,
    sql`INSERT INTO round_surveys
        SELECT round_id, false, 'email',
          list_concat(${[...V1_REQUIRED]}::VARCHAR[], list_filter([
            CASE WHEN bool_or(len(methods) > 0) THEN 'methods' END,
            CASE WHEN count(recommend) > 0 THEN 'recommend' END,
            CASE WHEN count(continue_partnership) > 0 THEN 'continue_partnership' END,
            CASE WHEN count(comments) > 0 THEN 'comments' END], x -> x IS NOT NULL))
        FROM survey_responses WHERE round_id NOT IN (SELECT round_id FROM round_surveys) GROUP BY round_id`,
  ],
  3: [sql`ALTER TABLE survey_responses ALTER COLUMN submitted_at DROP NOT NULL`],
};

/** Tables that hold per-round rows of one export kind, by kind. */
export const KIND_TABLES = {
  registrations: "registrations",
  partnerships: "partnerships",
  events: "events",
  survey: "survey_responses",
} as const;

/** What erasing a person does to a table's rows (docs/privacy.md, "Erasure"). */
export type Erasure =
  /** The rows are the person's alone (their registration, answers, log entries, identity): deleted. */
  | "delete"
  /** A row is shared with someone else (a partnership): the person's column is overwritten with a tombstone, the row kept. */
  | "tombstone";

/**
 * Every table that can hold a participant's pseudonym, with the columns that do and what
 * erasure does there. `iln forget` erases from exactly these (src/privacy/forget.ts), in this
 * order; `test/privacy/forget.test.ts` fails when a table of the schema holds a pseudonym in a
 * column this list does not name, so a new table cannot escape erasure.
 */
export const PID_COLUMNS: Readonly<Record<string, { readonly columns: readonly string[]; readonly erase: Erasure }>> = Object.freeze({
  registrations: { columns: ["pid"], erase: "delete" },
  events: { columns: ["pid"], erase: "delete" },
  survey_responses: { columns: ["pid"], erase: "delete" },
  identities: { columns: ["pid"], erase: "delete" },
  partnerships: { columns: ["pid_a", "pid_b"], erase: "tombstone" },
});

/**
 * Every column of the schema that holds text people typed freely and that may therefore mention
 * other people by name or email: a coordinator's note, a survey comment, the role a registrant
 * typed. `iln forget` redacts the erased person's full name and email wherever they occur in these
 * columns of the rows that remain, and their single names in the rows near them
 * (src/privacy/forget.ts); the ingest does the same to the rows of an old export
 * (loaders/erased.ts). Every table listed has `round_id` and `pid` columns, which decide what is
 * near the person. Not listed: names in `identities` (each person's own, deleted with them), lists
 * of topics and languages (`interests`, `languages`: they match people and name nobody, and a
 * family name such as "English" would break them), ids, dates and vocabulary values, and the
 * coordinators' round names and file names.
 */
export const FREE_TEXT_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  registrations: ["role"],
  events: ["note"],
  survey_responses: ["comments"],
});
