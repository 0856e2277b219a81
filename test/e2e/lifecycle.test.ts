/**
 * The next round, end to end, on the real `iln` binary and the built site (README, "The next
 * round, end to end"; docs/metrics.md, "A round's stage"):
 *
 * 1. a small synthetic history (three rounds, `writeSyntheticHistory`) and the next round's
 *    folder with round.json and registrations only, ingested;
 * 2. the metrics say "registered" with nulls, never zeros; the site is built and the overview and
 *    the round's page, driven in Chromium, say "registered, matching in progress" and show no
 *    undefined, NaN, Infinity or zero standing for missing data (screenshots when
 *    ILN_SCREENSHOTS names a folder);
 * 3. `iln match` writes the round's partnerships.csv (and introductions.csv), which the round
 *    folder's ingest records as it is: the round is "matched";
 * 4. the coordinators' events, then the survey and the partnerships' outcomes, are ingested: the
 *    round is "surveyed", with the response and completion rates counted here from the files;
 * 5. the site is built again and the pages show the round matched and surveyed.
 * Browser steps skip with a message when /usr/bin/chromium is absent.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../scripts/start";
import { writeSyntheticHistory } from "../../src/demo";
import { buildSiteExclusive, CHROMIUM, CHROMIUM_FLAGS, hasChromium } from "../helpers/site";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the real `iln` binary. */
function iln(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A CSV, LF line ends; cells with a comma or a quote are quoted. */
const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (rows: (string | number)[][]) => rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";

/** Text of `#observablehq-main` of each page, after every chart card has drawn. */
async function pageTexts(url: string, pages: string[], shots: string | undefined, tag: string): Promise<Record<string, string>> {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "iln-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  const out: Record<string, string> = {};
  const problems: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error on ${page.url()}: ${m.text()}`);
    });
    for (const p of pages) {
      await page.goto(url + p, { waitUntil: "networkidle" });
      await page.waitForFunction(() => {
        const cards = Array.from(document.querySelectorAll(".chart-card"));
        return document.querySelector("#observablehq-main h1") && cards.length > 0 && cards.every((c) => !c.querySelector(".chart-body") || c.querySelector(".chart-body svg"));
      }, undefined, { timeout: 20_000 });
      expect(await page.locator(".observablehq--error").count(), `cell errors on /${p}`).toBe(0);
      out[p] = await page.locator("#observablehq-main").innerText();
      out[`${p}#values`] = (await page.$$eval(".big-number .value", (els) => els.map((e) => e.textContent?.trim() ?? ""))).join("|");
      if (shots) await page.screenshot({ path: path.join(shots, `lifecycle-${tag}-${p.replace(/\//g, "_") || "index"}.png`), fullPage: true });
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  expect(problems).toEqual([]);
  return out;
}

/** What no page may show: words for broken values, a float printed raw, or a zero for "no data". */
function expectNoBrokenValues(text: string, where: string): void {
  expect(text, where).not.toMatch(/undefined|NaN|Infinity|\bnull\b/);
  expect(text, where).not.toMatch(/\d\.\d{5,}/);
}

describe("the next round, end to end: registrations -> match -> events -> survey, on the CLI and the built site", () => {
  let tmp = "";
  let roundsDir = "";
  let db = "";
  let next = { id: "", name: "", start: "", end: "" };
  let folder = "";
  let pairs: string[][] = [];
  let server: Server | undefined;
  const shots = process.env.ILN_SCREENSHOTS;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "iln-lifecycle-"));
    roundsDir = path.join(tmp, "rounds");
    db = path.join(tmp, "iln.duckdb");
    process.env.ILN_REPLAY_CACHE = path.join(tmp, "replays");
    if (shots) mkdirSync(shots, { recursive: true });
    // Four simulated rounds; the fourth becomes the next round: its registrations only.
    const history = await writeSyntheticHistory(roundsDir, { rounds: 4, registrations: 800 });
    next.id = history.rounds.at(-1)!.id;
    folder = path.join(roundsDir, next.id);
    for (const f of ["partnerships.csv", "events.csv", "survey.csv"]) rmSync(path.join(folder, f));
    ({ name: next.name, start: next.start, end: next.end } = JSON.parse(readFileSync(path.join(folder, "round.json"), "utf8")));
  }, 120_000);

  afterAll(() => {
    server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("ingests the history and the new round's registrations; the round is 'registered' with nulls, never zeros", () => {
    const r = iln(["ingest", roundsDir, "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("outside round"); // the generator's dates fit their rounds
    const doc = JSON.parse(iln(["metrics", "--json", "--db", db]).stdout);
    const round = doc.rounds.at(-1);
    expect(round).toMatchObject({
      round: next.id, stage: "registered", participants: null, partnerships: null, countries: null, new_countries: null, sectors: null,
      returning_share: null, completion_rate: null, dissolution_rate: null, continued_share: null, response_rate: null, pairing: null, health: null,
    });
    expect(round.registered).toBeGreaterThan(150);
    expect(round.applicant_countries).toBeGreaterThan(20);
    expect(round.largest_country.share).toBeGreaterThan(0);
    expect(doc.rounds.slice(0, -1).map((x: { stage: string }) => x.stage)).toEqual(["surveyed", "surveyed", "surveyed"]);
    expect(doc.overall.to_date.map((x: { round: string }) => x.round)).not.toContain(next.id);
    const table = iln(["metrics", "--round", next.id, "--db", db]).stdout;
    expect(table).toContain(`: registered, matching in progress`);
  });

  it("builds the site: the overview and the round's page say 'registered, matching in progress', with no broken value or zero for missing data", async () => {
    const outDir = path.join(tmp, "dist-registered");
    await buildSiteExclusive({ dbPath: db, outDir, quiet: true });
    // The published metrics: the new round's matched figures are null, not 0.
    const dataDir = path.join(outDir, "_file", "data");
    const metricsFile = readdirJson(dataDir, "metrics.");
    const published = JSON.parse(readFileSync(metricsFile, "utf8"));
    expect(published.rounds.at(-1)).toMatchObject({ round: next.id, stage: "registered", participants: null, partnerships: null, completion_rate: null, response_rate: null });
    if (!hasChromium) return console.warn(`browser checks skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
    let url: string;
    ({ server, url } = await serveStatic(outDir, 0));
    const texts = await pageTexts(url, ["", `rounds/${next.id}`, "coverage", "retention", "matching"], shots, "registered");
    server.close();
    for (const [p, t] of Object.entries(texts)) expectNoBrokenValues(t, `/${p}`);
    expect(texts[""]).toContain(`${next.name}: registered, matching in progress`);
    expect(texts[""]).not.toMatch(/to 0 in|, 0 countries|from \d+ to 0/);
    const roundPage = texts[`rounds/${next.id}`];
    expect(roundPage).toContain("registered, matching in progress");
    expect(roundPage).toContain("Applicants");
    expect(roundPage).toContain("Sectors of applicants");
    expect(texts[`rounds/${next.id}#values`].split("|")).not.toContain("0");
    expect(roundPage).not.toMatch(/had the most participants/);
    expect(texts.matching).toContain(`${next.name} is not matched yet`);
  }, 400_000);

  it("iln match writes the round's partnerships.csv and introductions.csv; the folder's ingest records them as they are", () => {
    const out = path.join(folder, "partnerships.csv");
    const r = iln(["match", "--round", next.id, "--out", out, "--matched-on", next.start, "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Proposed \\d+ partnerships for round ${next.id}`));
    const lines = readFileSync(out, "utf8").trim().split("\r\n");
    expect(lines[0]).toBe("partnership_id,email_a,email_b,matched_on,status,ended_on,replaces,continued");
    pairs = lines.slice(1).map((l) => l.split(","));
    expect(pairs.length).toBeGreaterThan(70);
    for (const p of pairs) expect(p.slice(3)).toEqual([next.start, "active", "", "", ""]);
    const intro = readFileSync(path.join(folder, "introductions.csv"), "utf8").trim().split("\r\n");
    expect(intro).toHaveLength(pairs.length + 1);
    for (const f of [out, path.join(folder, "introductions.csv")]) expect(statSync(f).mode & 0o777).toBe(0o600);

    const ingest = iln(["ingest", folder, "--db", db]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain(`${next.id}\tpartnerships\twritten\t${pairs.length}\t`);
    expect(ingest.stdout).toContain(`${next.id}\tregistrations\tunchanged`);
    expect(ingest.stderr).not.toMatch(/warning: .*(introductions|outside round)/);
    const round = JSON.parse(iln(["metrics", "--json", "--round", next.id, "--db", db]).stdout).rounds[0];
    expect(round).toMatchObject({ stage: "matched", partnerships: pairs.length, participants: 2 * pairs.length, completion_rate: null, response_rate: null });
  });

  it("then the events, then the survey and the outcomes: the round is 'surveyed' with rates counted from the files", () => {
    const day = (offset: number) => new Date(Date.parse(`${next.start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    // Events: a contact logged for every third pair's first partner, a non-response for every seventh.
    const events = [["date", "email", "type", "note"]];
    pairs.forEach((p, k) => {
      if (k % 3 === 0) events.push([day(20), p[1], "contact_logged", ""]);
      if (k % 7 === 0) events.push([day(40), p[2], "no_response_reported", ""]);
    });
    writeFileSync(path.join(folder, "events.csv"), csv(events));
    const e = iln(["ingest", folder, "--db", db]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toContain(`${next.id}\tevents\twritten\t${events.length - 1}\t`);
    expect(JSON.parse(iln(["metrics", "--json", "--round", next.id, "--db", db]).stdout).rounds[0].health.partnerships).toBe(pairs.length);

    // Outcomes: every tenth partnership dissolved, the rest completed at the round's end.
    const partnerships = [["partnership_id", "email_a", "email_b", "matched_on", "status", "ended_on", "replaces", "continued"]];
    pairs.forEach((p, k) => partnerships.push([p[0], p[1], p[2], p[3], k % 10 === 9 ? "dissolved" : "completed", k % 10 === 9 ? day(50) : next.end, "", ""]));
    writeFileSync(path.join(folder, "partnerships.csv"), csv(partnerships));
    // Survey (Google Forms headers): both partners of every pair with an even index answer, 15 days after the end.
    const [y, m, d] = day(Math.round((Date.parse(next.end) - Date.parse(next.start)) / 86_400_000) + 15).split("-").map(Number);
    const header = ["Timestamp", "Email Address", "Overall, how satisfied are you with the ILN program?", "How satisfied were you with your partner?",
      "How often were you in contact with your partner?", "The ILN gave me new perspectives on librarianship", "I gained new ideas for my work",
      "I feel more confident working with international colleagues", "I feel more motivated in my career", "Would you participate in the ILN again?",
      "Will you continue the partnership after the round?"];
    const survey = [header];
    pairs.forEach((p, k) => {
      if (k % 2 !== 0) return;
      for (const email of [p[1], p[2]]) {
        survey.push([`${m}/${d}/${y} 10:00:00`, email, k % 4 === 0 ? "Very satisfied" : "Neutral", "Satisfied", "Weekly", "Agree", "Agree", "Agree", "Agree", "Yes", k % 4 === 0 ? "Yes" : "Undecided"]);
      }
    });
    writeFileSync(path.join(folder, "survey.csv"), csv(survey));
    const s = iln(["ingest", folder, "--db", db]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain(`${next.id}\tsurvey\twritten\t${survey.length - 1}\t`);
    expect(s.stdout).toContain(`${next.id}\tpartnerships\twritten\t${pairs.length}\t`);
    expect(s.stderr).not.toContain("outside round");

    const round = JSON.parse(iln(["metrics", "--json", "--round", next.id, "--db", db]).stdout).rounds[0];
    // Counted from the files written above.
    const dissolved = pairs.filter((_, k) => k % 10 === 9).length;
    const respondents = survey.length - 1;
    const top2 = pairs.filter((_, k) => k % 4 === 0).length * 2;
    expect(round.stage).toBe("surveyed");
    expect(round.completion_rate).toMatchObject({ count: pairs.length - dissolved, n: pairs.length });
    expect(round.dissolution_rate).toMatchObject({ count: dissolved, n: pairs.length });
    // Continued: completed pairs (k % 10 != 9) whose partners said Yes (k % 4 == 0).
    const continued = pairs.filter((_, k) => k % 4 === 0 && k % 10 !== 9).length;
    expect(round.continued_share).toMatchObject({ count: continued, n: pairs.length - dissolved });
    expect(round.response_rate).toMatchObject({ count: respondents, n: 2 * pairs.length });
    expect(round.program_satisfaction).toMatchObject({ n: respondents });
    expect(round.program_satisfaction.top2).toBeCloseTo(top2 / respondents, 10);
    const doc = JSON.parse(iln(["metrics", "--json", "--db", db]).stdout);
    expect(doc.overall.to_date.at(-1).round).toBe(next.id);
  });

  it("builds the site again: the round's page and the overview show it matched and surveyed", async () => {
    const outDir = path.join(tmp, "dist-surveyed");
    await buildSiteExclusive({ dbPath: db, outDir, quiet: true });
    if (!hasChromium) return console.warn(`browser checks skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
    let url: string;
    ({ server, url } = await serveStatic(outDir, 0));
    const texts = await pageTexts(url, ["", `rounds/${next.id}`], shots, "surveyed");
    server.close();
    for (const [p, t] of Object.entries(texts)) expectNoBrokenValues(t, `/${p}`);
    expect(texts[""]).not.toContain("matching in progress");
    expect(texts[""]).toMatch(new RegExp(`From [\\d,]+ people in \\S+ \\S+ to [\\d,]+ in ${next.name}\\.`));
    const roundPage = texts[`rounds/${next.id}`];
    expect(roundPage).toContain("matched and surveyed");
    expect(roundPage).toContain(`Survey answers, ${next.id}`);
    expect(roundPage).toContain(`Partnership health, ${next.id}`);
    expect(roundPage).not.toContain("Not known yet");
  }, 400_000);
});

/** The one file of `dir` whose name starts with `prefix` and ends .json (Framework adds a hash). */
function readdirJson(dir: string, prefix: string): string {
  const found = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(".json"));
  expect(found, `${prefix}*.json in ${dir}`).toHaveLength(1);
  return path.join(dir, found[0]);
}
