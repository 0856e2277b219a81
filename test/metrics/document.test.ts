import { existsSync, readFileSync, rmSync } from "node:fs";
import { parse } from "csv-parse/sync";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db";
import { ingest } from "../../loaders/ingest";
import { UnknownRoundError } from "../../src/domain/errors";
import { metricsDocument, type MetricsDocument } from "../../src/metrics/document";
import { satisfactionBySegment } from "../../src/metrics/satisfaction";
import { MONTH_FIRST, baseRound, freshDb, tempDir, testPseudonymiser, writeRound } from "../helpers/rounds";
import { historyDb, prop, rounded } from "./fixture";

/** Every number in the document is finite, and every share-like field is in 0..1 (the NPS and its interval are on -100..100). */
function checkNumbers(v: unknown, key = "", parent = ""): void {
  if (typeof v === "number") {
    expect(Number.isFinite(v), key).toBe(true);
    if (parent === "nps" && key === "ci") expect(v >= -100 && v <= 100, `nps.ci=${v}`).toBe(true);
    else if (parent === "changes" && /^(ci|diff)$/.test(key)) expect(v >= -1 && v <= 1, `changes.${key}=${v}`).toBe(true);
    else if (/share|rate|top2|promoters|detractors|^ci$|_ci$|p_value|p_adjusted/.test(key)) expect(v >= 0 && v <= 1, `${key}=${v}`).toBe(true);
  } else if (typeof v === "bigint") {
    throw new Error(`bigint at ${key}`);
  } else if (Array.isArray(v)) {
    v.forEach((x) => checkNumbers(x, key, parent));
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) checkNumbers(x, k, key);
  }
}

/** The NPS interval of 2 promoters and 1 detractor of 4 (test/metrics/expected/stats_expected.py, `nps_2_1_4`), clipped at 100. */
const NPS_2_1_4 = { n: 4, promoters: 0.5, detractors: 0.25, score: 25, ci: [expect.closeTo(-56.25581424161613, 9), 100] };

describe("metricsDocument on the three-round fixture", () => {
  let db: Db;
  beforeAll(async () => {
    db = await historyDb();
  });
  afterAll(() => db.close());

  it("assembles every family per round, JSON-safe, shares in 0..1", async () => {
    const doc = await metricsDocument(db);
    checkNumbers(doc);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.rounds.map((r) => r.round)).toEqual(["Z0", "A1", "B2"]);
    const a1 = doc.rounds[1];
    // Hand-computed in the family tests: see retention/coverage/satisfaction/health tests.
    expect([a1.registered, a1.participants, a1.partnerships, a1.countries, a1.new_countries]).toEqual([6, 6, 3, 6, 4]);
    expect(a1.nps).toMatchObject(NPS_2_1_4);
    expect(doc.rounds[0].nps).toBeNull();
    // Z0 has no survey: nothing was asked, so no figure at all (not n = 0), and nothing weighted.
    expect(doc.rounds[0].survey).toBeNull();
    expect(doc.rounds[0].program_satisfaction).toEqual({ asked: false, n: null, mean: null, top2: null, top2_ci: null, weighted: null });
    // A1's responses were written without the ingest: every question counts as asked.
    expect(a1.survey).toEqual({ anonymous: false, asked: expect.arrayContaining(["program_satisfaction", "comments"]) });
    // From status and events only (test/metrics/health.test.ts): A1's three completed partnerships are ok.
    expect(a1.health).toEqual({ partnerships: 3, thriving: 0, ok: 3, at_risk: 0, failed: 0, no_information: 0 });
    // A1 is the only surveyed round: no change to test.
    expect(doc.changes).toEqual([]);
    expect(doc.multiple_testing).toMatchObject({ method: "holm", family: 0 });
    // Response by the outcome of the participant's last partnership (A1: all completed, 5 of 6 answered).
    expect(a1.response?.by_status.completed).toMatchObject({ n: 6, count: 5 });
    expect(doc.overall).toMatchObject({ rounds: 3, registered: 10, participants: 10, countries: 8, partnerships: 7 });
    expect(doc.overall.cohort_retention).toHaveLength(3);
    expect(doc.synthetic).toBe(false);
    // Z0 and B2 have partnerships but no survey; A1 has survey answers.
    expect(doc.rounds.map((r) => r.stage)).toEqual(["matched", "surveyed", "matched"]);
  });

  it("restricts rounds to --round, keeps overall whole", async () => {
    const doc = await metricsDocument(db, { round: "B2" });
    expect(doc.rounds.map((r) => r.round)).toEqual(["B2"]);
    expect(doc.rounds[0].returning_share!.count).toBe(2);
    expect(doc.overall.participants).toBe(10);
    await expect(metricsDocument(db, { round: "nope" })).rejects.toThrow(UnknownRoundError);
  });

  it("works on an empty database", async () => {
    const empty = await freshDb();
    try {
      const doc = await metricsDocument(empty);
      expect(doc).toMatchObject({ synthetic: false, rounds: [], changes: [], overall: { rounds: 0, registered: 0, participants: 0, countries: 0, partnerships: 0, to_date: [], cohort_retention: [] } });
    } finally {
      empty.close();
    }
  });
});

describe("metricsDocument on ingested rounds (the real loaders)", () => {
  let db: Db;
  let doc: MetricsDocument;
  beforeAll(async () => {
    const dir = tempDir();
    db = await freshDb(dir);
    const pseudonymise = testPseudonymiser();
    await ingest(db, writeRound(dir, "T1", baseRound()), { pseudonymise });
    // T2: the same seven people again, in a later round.
    await ingest(db, writeRound(dir, "T2", { ...baseRound(), "round.json": JSON.stringify({ id: "T2", name: "Test round 2", start: "2017-08-01", end: "2017-11-30" }), "mapping.json": MONTH_FIRST }), { pseudonymise });
    doc = await metricsDocument(db);
  });
  afterAll(() => db.close());

  it("counts a round by hand: rematches, blanks, continuation, NPS, health", () => {
    const t1 = doc.rounds[0];
    // baseRound(): 7 registrants, all matched, 4 partnerships of which T1-4 is a rematch of T1-2.
    expect([t1.round, t1.registered, t1.participants, t1.partnerships, t1.rematches, t1.countries, t1.new_countries]).toEqual(["T1", 7, 7, 4, 1, 7, 7]);
    // completed T1-1, T1-3; dissolved T1-2 + withdrawn T1-4; continued: T1-1 (yes), not T1-3 (unknown, Dev undecided).
    expect(rounded([t1.completion_rate, t1.dissolution_rate, t1.continued_share, t1.response_rate, t1.returning_share]))
      .toEqual(rounded([prop(2, 4), prop(2, 4), prop(1, 2), prop(4, 7), prop(0, 7)]));
    // program 5, 4, 2, 4: mean 3.75, top2 3/4; partner 4, 5, 1, 3: mean 3.25, top2 2/4.
    const { weighted: _w1, ...prog } = t1.program_satisfaction;
    const { weighted: _w2, ...part } = t1.partner_satisfaction;
    expect(rounded(prog)).toEqual(rounded({ asked: true, n: 4, mean: 3.75, top2: 0.75, top2_ci: prop(3, 4).ci }));
    expect(rounded(part)).toEqual(rounded({ asked: true, n: 4, mean: 3.25, top2: 0.5, top2_ci: prop(2, 4).ci }));
    expect(t1.survey).toEqual({ anonymous: false, asked: ["program_satisfaction", "partner_satisfaction", "contact_frequency", "methods", "outcome_perspective", "outcome_ideas", "outcome_confidence", "outcome_motivation", "recommend", "participate_again", "continue_partnership", "comments"] });
    // recommend 10, 9, 3, 7: promoters 2/4, detractors 1/4.
    expect(t1.nps).toMatchObject(NPS_2_1_4);
    // From status and events only: T1-2 dissolved and T1-4 withdrawn -> failed; T1-1 and T1-3 completed, nothing logged -> ok.
    expect(t1.health).toEqual({ partnerships: 4, thriving: 0, ok: 2, at_risk: 0, failed: 2, no_information: 0 });
    expect(t1.sectors).toEqual({ academic: 3, public: 2, school: 1, special: 1 });
  });

  it("a round with registrations only: stage registered, applicants known, everything matched null (never 0)", async () => {
    const dir = tempDir();
    const own = await freshDb(dir);
    try {
      const pseudonymise = testPseudonymiser();
      await ingest(own, writeRound(dir, "T1", baseRound()), { pseudonymise });
      const files = baseRound();
      await ingest(own, writeRound(dir, "T3", {
        "round.json": JSON.stringify({ id: "T3", name: "Test round 3", start: "2017-08-01", end: "2017-11-30" }),
        "registrations.csv": files["registrations.csv"],
      }), { pseudonymise });
      const d = await metricsDocument(own);
      checkNumbers(d);
      const t3 = d.rounds[1];
      // baseRound's registrations: seven people (Ana twice) from seven countries; academic Ana, Chloé, Fay;
      // public Ben, Gus; special Dev; school Emi. Largest country: a 1/7 tie broken by code (AU).
      expect(t3).toMatchObject({
        round: "T3", stage: "registered", registered: 7, applicant_countries: 7,
        applicant_sectors: { academic: 3, public: 2, special: 1, school: 1 },
        largest_country: { country: "AU", applicants: 1, registered: 7, over_cap: false },
        participants: null, partnerships: null, rematches: null, countries: null, new_countries: null, sectors: null,
        returning_share: null, completion_rate: null, dissolution_rate: null, continued_share: null, response_rate: null,
        pairing: null, health: null, nps: null,
      });
      expect(t3.survey).toBeNull();
      expect(t3.program_satisfaction).toEqual({ asked: false, n: null, mean: null, top2: null, top2_ci: null, weighted: null });
      expect([t3.response, t3.participate_again.weighted]).toEqual([null, null]);
      expect(d.rounds[0].stage).toBe("surveyed");
      // Trends across rounds leave T3 out: nothing to date, no cohort cell.
      expect(d.overall.to_date.map((r) => r.round)).toEqual(["T1"]);
      expect(d.overall.cohort_retention).toEqual([]);
      expect(d.overall).toMatchObject({ rounds: 2, registered: 7, participants: 7 });
    } finally {
      own.close();
    }
  });

  it("recognises returning participants across two rounds by pseudonym", () => {
    const t2 = doc.rounds[1];
    expect(rounded(t2.returning_share)).toEqual(rounded(prop(7, 7)));
    expect(t2.new_countries).toBe(0);
    expect(rounded(doc.overall.cohort_retention)).toEqual(rounded([{ cohort: "T1", round: "T2", cohort_size: 7, retained: 7, share: 1, ci: prop(7, 7).ci }]));
    expect(doc.overall).toMatchObject({ participants: 7, countries: 7, partnerships: 8 });
  });
});

const demoIndex = path.resolve(__dirname, "../../src/demo/index.ts");

describe.skipIf(!existsSync(demoIndex))("metricsDocument on the demo data (slow: ~30 s)", () => {
  it("reproduces the calibration figures; the weighted satisfaction is closer to the planted truth than the respondents'", async () => {
    const { writeDemo, PLANTED_SATISFACTION_FILE } = await import("../../src/demo/index");
    const dir = tempDir("iln-metrics-demo-");
    await writeDemo(path.join(dir, "demo"));
    const db = await freshDb(dir);
    try {
      await ingest(db, path.join(dir, "demo"), { pseudonymise: testPseudonymiser() });
      const doc = await metricsDocument(db, { round: "2013B" });
      const r = doc.rounds[0];
      expect([r.participants, r.countries, r.partnerships]).toEqual([392, 40, 196]);
      // The pilot (2013P): 92 participants from 20 countries (docs/README.md).
      const pilot = (await metricsDocument(db, { round: "2013P" })).rounds[0];
      expect([pilot.participants, pilot.countries]).toEqual([92, 20]);
      checkNumbers(doc);

      // Non-response is planted (src/demo/survey.ts): the generator knows every participant's
      // would-be answer and writes the share answering 4-5 among ALL of them beside the demo.
      const all = await metricsDocument(db);
      const truth = parse(readFileSync(path.join(dir, "demo", PLANTED_SATISFACTION_FILE), "utf8"), { columns: true }) as Record<string, string>[];
      const t = (round: string) => truth.find((x) => x.round === round && x.item === "program_satisfaction")!;
      let closer = 0;
      let T = 0, R = 0, W = 0, N = 0;
      const lines: string[] = [];
      for (const round of all.rounds) {
        const s = round.program_satisfaction;
        const want = Number(t(round.round).top2_all);
        const n = Number(t(round.round).participants_answering);
        // the file's respondents' figure is the metric's (same answers, latest submission)
        expect(s.top2!).toBeCloseTo(Number(t(round.round).top2_respondents), 6);
        if (Math.abs(s.weighted!.share! - want) < Math.abs(s.top2! - want)) closer++;
        T += n * want; R += n * s.top2!; W += n * s.weighted!.share!; N += n;
        lines.push(`${round.round}: all ${want.toFixed(3)}, respondents ${s.top2!.toFixed(3)}, weighted ${s.weighted!.share!.toFixed(3)}`);
      }
      console.error(`program satisfaction, share answering 4-5 (demo, seed 2013):\n  ${lines.join("\n  ")}\n  all rounds: all ${(T / N).toFixed(3)}, respondents ${(R / N).toFixed(3)}, weighted ${(W / N).toFixed(3)}`);
      // Over the whole history, and in most rounds (the pilot's 92 participants are noisy), the weighted figure is closer.
      expect(Math.abs(W / N - T / N)).toBeLessThan(Math.abs(R / N - T / N));
      expect(R / N - T / N).toBeGreaterThan(0.02); // respondents overstate by more than 2 points
      expect(closer).toBeGreaterThanOrEqual(6);
      // response by outcome, as in the program's own figures: completed partnerships answer more
      const last = all.rounds.at(-1)!;
      expect(last.response!.by_status.completed.share!).toBeGreaterThan(last.response!.by_status.failed.share! + 0.1);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("an anonymous survey counts in satisfaction and the response rate, in nothing that needs a link", () => {
  const dirs = tempDir();
  let linked: MetricsDocument;
  let anonymous: MetricsDocument;
  let segments: { linked: string[]; anonymous: string[] };
  beforeAll(async () => {
    const pseudonymise = testPseudonymiser();
    // T1-1 is not marked continued: only Ana's and Fay's "Yes" to continue_partnership can make it so.
    const partnerships = String(baseRound()["partnerships.csv"]).replace("2016-11-30,,yes", "2016-11-30,,unknown");
    const records = String(baseRound()["survey.csv"]).trimEnd().split("\n").map((l) => l.replace(/^([^,]*),[^,]*,/, "$1,"));
    const anonSurvey = records.join("\n") + "\n";
    const run = async (name: string, survey: string) => {
      const db = await freshDb(path.join(dirs));
      try {
        await ingest(db, writeRound(dirs, name, { ...baseRound(), "partnerships.csv": partnerships, "survey.csv": survey }), { pseudonymise });
        const seg = await satisfactionBySegment(db, { segment: "returning", item: "program_satisfaction" });
        return { doc: await metricsDocument(db), seg: seg.map((s) => `${s.segment}:${s.n}`) };
      } finally {
        db.close();
        rmSync(path.join(dirs, "test.duckdb"), { force: true });
        rmSync(path.join(dirs, "test.duckdb.staging"), { recursive: true, force: true });
      }
    };
    const a = await run("L", String(baseRound()["survey.csv"]));
    const b = await run("A", anonSurvey);
    linked = a.doc;
    anonymous = b.doc;
    segments = { linked: a.seg, anonymous: b.seg };
  });

  it("marks the round's survey anonymous, with the questions it asked", () => {
    expect(linked.rounds[0].survey?.anonymous).toBe(false);
    expect(anonymous.rounds[0].survey).toEqual({ anonymous: true, asked: linked.rounds[0].survey!.asked });
  });

  it("keeps satisfaction, outcomes, NPS, participate again and the response rate", () => {
    const [l, a] = [linked.rounds[0], anonymous.rounds[0]];
    // The same figures; only the non-response weighting needs linked respondents (null when anonymous).
    const unweighted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(unweighted) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== "weighted").map(([k, x]) => [k, unweighted(x)])) : v;
    for (const k of ["program_satisfaction", "partner_satisfaction", "outcomes", "nps", "participate_again", "response_rate"] as const) expect(unweighted(a[k]), k).toEqual(unweighted(l[k]));
    expect(a.program_satisfaction.weighted).toBeNull();
    expect(l.program_satisfaction.weighted).not.toBeNull();
    // 4 responses of 7 matched participants, whether or not anyone knows whose they are.
    expect(rounded(a.response_rate)).toEqual(rounded(prop(4, 7)));
  });

  it("leaves it out of health, continuation and the returning segment", () => {
    // Health comes from status and the log only, so it is the same whether the survey is linked or not:
    // T1-1 and T1-3 completed with nothing logged -> ok; T1-2 dissolved, T1-4 withdrawn -> failed.
    expect(linked.rounds[0].health).toEqual({ partnerships: 4, thriving: 0, ok: 2, at_risk: 0, failed: 2, no_information: 0 });
    expect(anonymous.rounds[0].health).toEqual(linked.rounds[0].health);
    // Completed T1-1 and T1-3: continued by Ana's and Fay's "Yes" when linked (1 of 2). When
    // anonymous, no "Yes" links to a partnership and both are marked unknown: nothing is known of
    // continuing, so the share is null (docs/metrics.md, "A round's stage"), not 0 of 2.
    expect(rounded(linked.rounds[0].continued_share)).toEqual(rounded(prop(1, 2)));
    expect(anonymous.rounds[0].continued_share).toBeNull();
    expect(segments).toEqual({ linked: ["first_time:4"], anonymous: ["unknown:4"] });
  });
});
