/**
 * The default demo (seed 2013) read back from its files with csv-parse: layouts, consistency rules
 * the ingest enforces, and the calibration figures of docs/README.md.
 * Expected figures come from the published ILN numbers (docs/README.md), not from the generator.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemo, type DemoSummary } from "../../src/demo/index";
import { syntheticProblem, type SyntheticMarker } from "../../src/privacy/synthetic";

countries.registerLocale(en);

const ROUNDS = ["2013P", "2013B", "2014A", "2014B", "2015A", "2015B", "2016A", "2016B"];
const REG_HEADERS = "Timestamp,Email Address,Full name,Country where you work,Library sector,Your role,Years of experience in libraries,Professional interests,Partner sector preference,Partner career stage preference,Countries you would like a partner from (optional),Languages you can work in,Have you taken part in ILN before?";
const QUESTIONS = [
  "Overall, how satisfied are you with the ILN program?", "How satisfied were you with your partner?",
  "How often were you in contact with your partner?", "How did you communicate with your partner?",
  "The ILN gave me new perspectives on librarianship", "I gained new ideas for my work",
  "I feel more confident working with international colleagues", "I feel more motivated in my career",
  "How likely are you to recommend the ILN to a colleague?", "Would you participate in the ILN again?",
  "Will you continue the partnership after the round?", "Any other comments?",
];
// The variants the brief allows (typed by hand from the brief); other names go through i18n-iso-countries.
const VARIANTS: Record<string, string> = {
  "USA": "US", "United States": "US", "U.S.A.": "US", "united states ": "US", "UK": "GB", "United Kingdom": "GB",
  "England": "GB", "Scotland": "GB", "Netherlands": "NL", "The Netherlands": "NL", "Holland": "NL", "South Korea": "KR",
  "Republic of Korea": "KR", "Côte d'Ivoire": "CI", "Ivory Coast": "CI", "Australia": "AU", "australia": "AU",
};
const VARIANT_CODES = new Set(Object.values(VARIANTS));
function code(text: string): string {
  if (text in VARIANTS) return VARIANTS[text];
  const c = countries.getAlpha2Code(text, "en");
  if (!c) throw new Error(`unknown country ${JSON.stringify(text)}`);
  expect(VARIANT_CODES.has(c), `${text} should be one of the listed variants`).toBe(false);
  return c;
}
const norm = (e: string) => e.trim().toLowerCase();
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
function googleTime(s: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a Google Forms timestamp: ${s}`);
  return Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]);
}

interface Round {
  id: string;
  meta: { id: string; name: string; start: string; end: string; synthetic: SyntheticMarker };
  regText: string;
  reg: string[][];
  partnerships: Record<string, string>[];
  events: Record<string, string>[];
  surveyText: string;
  survey: string[][];
  /** email -> country code, from the latest registration row */
  country: Map<string, string>;
  returningYes: Map<string, boolean>;
  participants: Set<string>;
}

let dir: string;
let summary: DemoSummary;
const rounds: Round[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "iln-demo-"));
  summary = await writeDemo(dir);
  for (const id of ROUNDS) {
    const f = (n: string) => readFile(path.join(dir, id, n), "utf8");
    const regText = await f("registrations.csv");
    const reg = parse(regText) as string[][];
    const surveyText = await f("survey.csv");
    const country = new Map<string, string>();
    const returningYes = new Map<string, boolean>();
    for (const r of reg.slice(1)) { country.set(norm(r[1]), code(r[3])); returningYes.set(norm(r[1]), r[12] === "Yes"); }
    const partnerships = parse(await f("partnerships.csv"), { columns: true }) as Record<string, string>[];
    const participants = new Set(partnerships.flatMap((p) => [norm(p.email_a), norm(p.email_b)]));
    rounds.push({
      id, meta: JSON.parse(await f("round.json")), regText, reg, partnerships,
      events: parse(await f("events.csv"), { columns: true }) as Record<string, string>[],
      surveyText, survey: parse(surveyText, { relax_column_count: false }) as string[][], country, returningYes, participants,
    });
  }
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byId = (id: string) => rounds.find((r) => r.id === id)!;

describe("layout", () => {
  it("writes the five files of every round and nothing else", async () => {
    // beside the rounds: the planted comment themes and the planted truth of satisfaction among all participants
    expect((await readdir(dir)).sort()).toEqual([...ROUNDS, "planted-satisfaction.csv", "planted-themes.csv"].sort());
    for (const id of ROUNDS) expect((await readdir(path.join(dir, id))).sort()).toEqual(["events.csv", "partnerships.csv", "registrations.csv", "round.json", "survey.csv"]);
    expect(summary.files).toHaveLength(40);
  });

  it("round.json holds id, name, ISO dates and the signed synthetic marker; the program closes in 2016", async () => {
    for (const r of rounds) {
      expect(Object.keys(r.meta)).toEqual(["id", "name", "start", "end", "synthetic"]);
      expect(r.meta.synthetic).toMatchObject({ generator: "iln demo", signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const exports = ["events.csv", "partnerships.csv", "registrations.csv", "survey.csv"];
      expect(Object.keys(r.meta.synthetic.files).sort()).toEqual(exports);
      // The digests are those of the files on disk (sha256 of the bytes, computed here).
      const bytes = Object.fromEntries(await Promise.all(exports.map(async (f) => [f, await readFile(path.join(dir, r.id, f))] as const)));
      for (const f of exports) expect(r.meta.synthetic.files[f]).toBe(createHash("sha256").update(bytes[f]).digest("hex"));
      expect(syntheticProblem(r.meta, r.meta.synthetic, bytes)).toBeNull();
      expect(r.meta.id).toBe(r.id);
      expect(r.meta.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(day(r.meta.end)).toBeGreaterThan(day(r.meta.start));
    }
    expect(byId("2013P").meta.start.slice(0, 7)).toBe("2013-02");
    expect(byId("2013P").meta.end.slice(0, 7)).toBe("2013-06");
    expect(["2016-11", "2016-12"]).toContain(byId("2016B").meta.end.slice(0, 7));
  });

  it("registrations: Google Forms headers, CRLF, no BOM, timestamps in the 4 weeks before the start", () => {
    for (const r of rounds) {
      expect(r.regText.charCodeAt(0)).not.toBe(0xfeff);
      expect(r.regText.split("\r\n")[0]).toBe(REG_HEADERS);
      expect(r.regText.replace(/\r\n/g, "").includes("\n")).toBe(false);
      const start = day(r.meta.start);
      for (const row of r.reg.slice(1)) {
        const t = googleTime(row[0]);
        expect(t).toBeLessThan(start);
        expect(t).toBeGreaterThanOrEqual(start - 28 * 86_400_000);
        expect(["Academic", "Public", "Special", "School", "Government", "National"]).toContain(row[4]);
        expect(["Same sector", "Any sector"]).toContain(row[8]);
        expect(["Different career stage", "Similar career stage", "No preference"]).toContain(row[9]);
        expect(["Yes", "No"]).toContain(row[12]);
        expect(row[11].split(", ").length).toBeGreaterThan(0);
        for (const c of row[10] ? row[10].split("; ") : []) code(c);
        if (r.id === "2013P") expect(row[6]).toMatch(/^\d+$/);
        else expect(["0-2", "3-5", "6-10", "11-20", "20+"]).toContain(row[6]);
      }
    }
  });

  it("uses the listed country variants and academic as the largest sector", () => {
    const texts = new Set(rounds.flatMap((r) => r.reg.slice(1).map((x) => x[3])));
    for (const v of ["USA", "U.S.A.", "united states ", "UK", "England", "The Netherlands", "Republic of Korea", "Ivory Coast", "australia"]) expect(texts, v).toContain(v);
    const sectors = new Map<string, number>();
    for (const r of rounds) for (const x of r.reg.slice(1)) sectors.set(x[4], (sectors.get(x[4]) ?? 0) + 1);
    const top = [...sectors].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe("Academic");
  });

  it("survey: Google Forms before 2015, SurveyMonkey with two header rows from 2015", () => {
    for (const r of rounds) {
      if (r.id < "2015") {
        expect(r.survey[0]).toEqual(["Timestamp", "Email Address", ...QUESTIONS]);
        expect(r.surveyText.startsWith('Timestamp,Email Address,"Overall, how satisfied')).toBe(true);
        for (const row of r.survey.slice(1)) googleTime(row[0]);
      } else {
        const [h1, h2] = r.survey;
        expect(h1.slice(0, 9)).toEqual(["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]);
        expect(h1.slice(9)).toEqual([...QUESTIONS.slice(0, 4), "", "", "", "", ...QUESTIONS.slice(4)]);
        expect(h2).toEqual([...Array(9).fill(""), "Response", "Response", "Response", "Email", "Video call", "Social media", "Phone", "Messaging", ...Array(7).fill("Response"), "Open-Ended Response"]);
        const rows = r.survey.slice(2);
        for (const row of rows) {
          expect(row[3]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} [AP]M$/);
          for (let k = 0; k < 5; k++) expect(["", h2[12 + k]]).toContain(row[12 + k]);
        }
        expect(rows.some((x) => x[6] !== "")).toBe(true); // names filled for some: the privacy trap
        expect(rows.some((x) => x[6] === "")).toBe(true);
      }
    }
  });
});

describe("consistency the ingest enforces", () => {
  it("partnerships: unique ids, registered partners, different countries, valid statuses and dates", () => {
    for (const r of rounds) {
      const ids = new Set<string>();
      for (const p of r.partnerships) {
        expect(p.partnership_id).toMatch(new RegExp(`^${r.id}-\\d{4}$`));
        expect(ids.has(p.partnership_id)).toBe(false);
        ids.add(p.partnership_id);
        expect(r.country.has(norm(p.email_a)) && r.country.has(norm(p.email_b))).toBe(true);
        expect(r.country.get(norm(p.email_a))).not.toBe(r.country.get(norm(p.email_b)));
        expect(["completed", "dissolved", "withdrawn"]).toContain(p.status);
        expect(["yes", "no", "unknown"]).toContain(p.continued);
        expect(day(p.ended_on)).toBeGreaterThanOrEqual(day(p.matched_on));
        expect(day(p.ended_on)).toBeLessThanOrEqual(day(r.meta.end));
        if (p.status === "completed") expect(p.ended_on).toBe(r.meta.end);
      }
      for (const p of r.partnerships) {
        if (!p.replaces) continue;
        const old = r.partnerships.find((q) => q.partnership_id === p.replaces);
        expect(old, p.replaces).toBeDefined();
        expect(old!.status).not.toBe("completed");
        expect(day(p.matched_on)).toBeGreaterThanOrEqual(day(old!.ended_on));
      }
    }
  });

  it("nobody is in two partnerships that overlap in time", () => {
    for (const r of rounds) {
      const spans = new Map<string, [number, number][]>();
      for (const p of r.partnerships) for (const e of [norm(p.email_a), norm(p.email_b)]) {
        const list = spans.get(e) ?? [];
        list.push([day(p.matched_on), day(p.ended_on)]);
        spans.set(e, list);
      }
      for (const [e, list] of spans) {
        list.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < list.length; i++) expect(list[i][0], e).toBeGreaterThanOrEqual(list[i - 1][1]);
      }
    }
  });

  it("events: known types, registered emails, ISO dates within the round", () => {
    const types = ["contact_logged", "no_response_reported", "intervention", "dissolved", "withdrew", "rematched"];
    for (const r of rounds) for (const e of r.events) {
      expect(types).toContain(e.type);
      expect(r.participants.has(norm(e.email))).toBe(true);
      expect(day(e.date)).toBeGreaterThanOrEqual(day(r.meta.start));
      expect(day(e.date)).toBeLessThanOrEqual(day(r.meta.end));
    }
  });

  it("survey respondents are participants of the round", () => {
    for (const r of rounds) {
      const emailCol = r.id < "2015" ? 1 : 5;
      const rows = r.survey.slice(r.id < "2015" ? 1 : 2);
      for (const row of rows) expect(r.participants.has(norm(row[emailCol]))).toBe(true);
    }
  });

  it("returning participants are never matched with an earlier partner", () => {
    const seen = new Set<string>();
    for (const r of rounds) {
      const here = new Set<string>();
      for (const p of r.partnerships) {
        const key = [norm(p.email_a), norm(p.email_b)].sort().join("|");
        expect(seen.has(key), key).toBe(false);
        here.add(key);
      }
      for (const k of here) seen.add(k);
    }
  });
});

describe("calibration (docs/README.md)", () => {
  const cumulative = (upTo: string) => {
    const people = new Set<string>();
    const cs = new Set<string>();
    for (const r of rounds) {
      if (r.id > upTo) break;
      for (const e of r.participants) { people.add(e); cs.add(r.country.get(e)!); }
    }
    return { people: people.size, countries: cs.size };
  };
  const roundCountries = (r: Round) => new Set([...r.participants].map((e) => r.country.get(e))).size;

  it("2013 pilot: 92 participants from 20 countries", () => {
    expect(byId("2013P").participants.size).toBe(92);
    expect(roundCountries(byId("2013P"))).toBe(20);
  });

  it("round 2013B: exactly 392 participants, 40 countries, 196 partnerships, no rematch", () => {
    const r = byId("2013B");
    expect(r.participants.size).toBe(392);
    expect(roundCountries(r)).toBe(40);
    expect(r.partnerships).toHaveLength(196);
    expect(r.partnerships.every((p) => p.replaces === "")).toBe(true);
  });

  it("cumulative figures after 2014B, 2015B and 2016B", () => {
    const a = cumulative("2014B");
    expect(a.people).toBeGreaterThan(1500);
    expect(a.countries).toBeGreaterThanOrEqual(103);
    const b = cumulative("2015B");
    expect(b.people).toBeGreaterThan(3300); // "about 3,500"
    expect(b.people).toBeLessThan(3700);
    expect(b.countries).toBeGreaterThanOrEqual(115); // "120 countries"
    expect(b.countries).toBeLessThanOrEqual(125);
    const c = cumulative("2016B");
    expect(c.people).toBeGreaterThan(5500);
    expect(c.countries).toBeGreaterThan(130);
    expect(summary.participants).toBe(c.people);
  });

  it("about 80% of survey respondents to 2015B would participate again", () => {
    let yes = 0;
    let n = 0;
    for (const r of rounds.filter((x) => x.id <= "2015B")) {
      const google = r.id < "2015";
      const col = r.survey[0].indexOf("Would you participate in the ILN again?");
      expect(col).toBe(google ? 11 : 22); // counted by hand from the header lists above
      // the latest submission of each respondent counts
      const latest = new Map<string, string>();
      for (const row of r.survey.slice(google ? 1 : 2)) latest.set(norm(row[google ? 1 : 5]), row[col]);
      for (const v of latest.values()) if (v !== "") { n++; if (v === "Yes") yes++; }
    }
    expect(yes / n).toBeGreaterThan(0.75);
    expect(yes / n).toBeLessThan(0.85);
  });

  it("no country over 20% of a round's applicants (the cap turns the rest away)", () => {
    for (const r of rounds) {
      const per = new Map<string, number>();
      for (const c of r.country.values()) per.set(c, (per.get(c) ?? 0) + 1);
      expect(Math.max(...per.values()) / r.country.size, r.id).toBeLessThanOrEqual(0.2);
    }
    expect(summary.rounds.reduce((s, r) => s + r.turnedAway, 0)).toBeGreaterThan(0);
  });

  it("returning participants: 12-35% of each round's participants from 2014A, answering Yes to taking part before", () => {
    const before = new Set<string>();
    for (const r of rounds) {
      const returning = [...r.participants].filter((e) => before.has(e));
      for (const e of returning) expect(r.returningYes.get(e), e).toBe(true);
      if (r.id >= "2014A") {
        expect(returning.length / r.participants.size, r.id).toBeGreaterThan(0.12);
        expect(returning.length / r.participants.size, r.id).toBeLessThan(0.35);
      }
      for (const e of r.participants) before.add(e);
    }
  });

  it("later rounds have unmatched registrants, dissolutions (7-20%), rematches, withdrawals and non-response", () => {
    for (const r of rounds.filter((x) => x.id >= "2014A")) {
      expect(r.country.size - r.participants.size, r.id).toBeGreaterThan(0);
      const failed = r.partnerships.filter((p) => p.status !== "completed").length / r.partnerships.length;
      expect(failed, r.id).toBeGreaterThan(0.07);
      expect(failed, r.id).toBeLessThan(0.2);
      expect(r.partnerships.some((p) => p.replaces !== ""), r.id).toBe(true);
      expect(r.partnerships.some((p) => p.status === "withdrawn"), r.id).toBe(true);
      expect(r.events.some((e) => e.type === "no_response_reported"), r.id).toBe(true);
      expect(r.events.some((e) => e.type === "rematched"), r.id).toBe(true);
    }
  });

  it("response rates 40-65% per round; some people answer twice; comments sometimes name the partner", () => {
    let twice = 0;
    let named = 0;
    for (const r of rounds) {
      const google = r.id < "2015";
      const rows = r.survey.slice(google ? 1 : 2);
      const emails = rows.map((x) => norm(x[google ? 1 : 5]));
      const distinct = new Set(emails);
      twice += emails.length - distinct.size;
      const rate = distinct.size / r.participants.size;
      expect(rate, r.id).toBeGreaterThanOrEqual(0.4);
      expect(rate, r.id).toBeLessThanOrEqual(0.65);
      const comments = rows.map((x) => x[x.length - 1]);
      named += comments.filter((c) => /^[A-Z][^ ]* (and I|was|gave|had)|Working with|Thanks to/.test(c)).length;
    }
    expect(twice).toBeGreaterThan(0);
    expect(named).toBeGreaterThan(0);
  });

  it("a few people register twice in a round (~0.5%), the later row differing", () => {
    let dups = 0;
    let rows = 0;
    for (const r of rounds) {
      const seen = new Map<string, string[]>();
      for (const row of r.reg.slice(1)) {
        const e = norm(row[1]);
        const prev = seen.get(e);
        if (prev) {
          dups++;
          expect(googleTime(row[0])).toBeGreaterThanOrEqual(googleTime(prev[0]));
          expect(row.slice(2)).not.toEqual(prev.slice(2));
        }
        seen.set(e, row);
        rows++;
      }
    }
    expect(dups).toBeGreaterThan(0);
    expect(dups / rows).toBeLessThan(0.015);
  });

  it("about a third of the pilot's respondents were in contact fortnightly or more", () => {
    const rows = byId("2013P").survey.slice(1).map((x) => x[4]).filter((x) => x !== "");
    const share = rows.filter((x) => x === "Weekly" || x === "Fortnightly").length / rows.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
  });
});

describe("determinism", () => {
  async function digest(d: string): Promise<string> {
    const h = createHash("sha256");
    for (const id of (await readdir(d)).sort()) {
      // planted-themes.csv and planted-satisfaction.csv sit beside the round folders
      if (id.endsWith(".csv")) { h.update(`${id}\n`); h.update(await readFile(path.join(d, id))); continue; }
      for (const f of (await readdir(path.join(d, id))).sort()) {
        h.update(`${id}/${f}\n`);
        h.update(await readFile(path.join(d, id, f)));
      }
    }
    return h.digest("hex");
  }

  it("the same seed writes byte-identical files; another seed does not", async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), "iln-demo-"));
    const other = await mkdtemp(path.join(os.tmpdir(), "iln-demo-"));
    try {
      await writeDemo(again, { seed: 2013 });
      await writeDemo(other, { seed: 7 });
      expect(await digest(again)).toBe(await digest(dir));
      expect(await digest(other)).not.toBe(await digest(dir));
    } finally {
      await rm(again, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  });

  it("rejects a bad seed or scale", async () => {
    await expect(writeDemo(dir, { seed: 1.5 })).rejects.toThrow(/seed/);
    await expect(writeDemo(dir, { scale: 0 })).rejects.toThrow(/scale/);
  });
});

describe("replacing round folders", () => {
  it("refuses, before writing anything, a round folder the demo did not write or that changed since", async () => {
    const { cp, mkdir, writeFile, stat } = await import("node:fs/promises");
    const { UsageError } = await import("../../src/domain/errors");
    // A real round named like a demo round, with a coordinator's notes: kept, exit-2 refusal.
    const real = await mkdtemp(path.join(os.tmpdir(), "iln-demo-real-"));
    await mkdir(path.join(real, "2016B"));
    await writeFile(path.join(real, "2016B", "round.json"), JSON.stringify({ id: "2016B", name: "Real", start: "2016-08-01", end: "2016-11-30" }));
    await writeFile(path.join(real, "2016B", "coordinator-notes.txt"), "keep me");
    const err = await writeDemo(real).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(`${path.join(real, "2016B")} exists and its round.json carries no iln demo marker (a real round?); iln demo replaces only round folders it wrote itself`);
    expect(await readFile(path.join(real, "2016B", "coordinator-notes.txt"), "utf8")).toBe("keep me");
    expect((await readdir(real)).sort()).toEqual(["2016B"]); // nothing else written either
    // The demo's own folder with a file added: refused too, naming the file.
    const edited = await mkdtemp(path.join(os.tmpdir(), "iln-demo-edited-"));
    await cp(path.join(dir, "2014A"), path.join(edited, "2014A"), { recursive: true });
    await writeFile(path.join(edited, "2014A", "notes.txt"), "mine");
    await expect(writeDemo(edited)).rejects.toThrow(/2014A exists and it is not as iln demo wrote it: the folder holds notes\.txt, which the generator did not write/);
    // The demo's own folder whose round.json gives a key twice (the same value, so JSON.parse's
    // last-wins would verify the signature): no round.json the demo wrote, refused.
    const twice = await mkdtemp(path.join(os.tmpdir(), "iln-demo-twice-"));
    await cp(path.join(dir, "2014A"), path.join(twice, "2014A"), { recursive: true });
    const roundJson = await readFile(path.join(twice, "2014A", "round.json"), "utf8");
    await writeFile(path.join(twice, "2014A", "round.json"), roundJson.replace("{", '{"id": "2014A", '));
    await expect(writeDemo(twice)).rejects.toThrow(/2014A exists and its round\.json is not one iln demo wrote/);
    // A file where a round folder would go.
    const file = await mkdtemp(path.join(os.tmpdir(), "iln-demo-file-"));
    await writeFile(path.join(file, "2013P"), "x");
    await expect(writeDemo(file)).rejects.toThrow(/2013P exists and it is not a folder/);
    expect((await stat(path.join(file, "2013P"))).isFile()).toBe(true);
    await Promise.all([real, edited, twice, file].map((d) => rm(d, { recursive: true, force: true })));
  });

  it("replaces its own unchanged folders and empty ones", async () => {
    const { cp, mkdir } = await import("node:fs/promises");
    const again = await mkdtemp(path.join(os.tmpdir(), "iln-demo-again-"));
    await cp(path.join(dir, "2013P"), path.join(again, "2013P"), { recursive: true });
    await mkdir(path.join(again, "2013B"));
    await writeDemo(again);
    expect((await readdir(path.join(again, "2013B"))).sort()).toEqual(["events.csv", "partnerships.csv", "registrations.csv", "round.json", "survey.csv"]);
    await rm(again, { recursive: true, force: true });
  }, 120_000);
});
