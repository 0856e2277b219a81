/**
 * Privacy against a determined reader, end to end (issue 12), on a small real-looking round with a
 * lone person in a region, a country, a sector, a health class and a satisfaction segment
 * (test/helpers/small-round.ts):
 * - the site built from it is attacked by differencing: every published total minus the published
 *   parts of it must not leave a group of 1 to min - 1 people (count or sum of answers);
 * - a build killed midway leaves the previous site as it was;
 * - after `iln forget` and a rebuild, no byte of her (email in several Unicode forms and cases,
 *   name, given name alone in another's comment, pseudonym, comment) is left in any file the
 *   toolkit keeps: the database, its write-ahead log, the staging folder, the replay cache, the
 *   built site, the build's leftovers.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build-site";
import { openDatabase, sql } from "../../src/db";
import { keyPathFor, loadKey, pseudonymiser } from "../../src/privacy/pseudonym";
import { tempDir, writeRound } from "../helpers/rounds";
import { buildSiteExclusive } from "../helpers/site";
import { smallRound, ZOE } from "../helpers/small-round";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/iln.js");
const MIN = 5;

function iln(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: process.env });
  return { code: r.status, stderr: r.stderr };
}

/** Every file under `dir`, recursively (none when it does not exist). */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A built data file, by its name before Framework's content hash. */
function data(dist: string, name: string): any {
  const dir = path.join(dist, "_file", "data");
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"));
  if (!file) throw new Error(`no ${name} in ${dir}`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8"));
}

/**
 * Differencing attacks on a total and published parts of it: what is left once every published
 * part is subtracted. Returns the attacks that isolate 1..min-1 people.
 */
function remainders(label: string, total: { n: number | null; sum?: number | null }, parts: { n: number | null; sum?: number | null }[]): string[] {
  if (total.n === null) return [];
  const shown = parts.filter((p) => p.n !== null);
  const left = total.n - shown.reduce((a, p) => a + (p.n as number), 0);
  const out: string[] = [];
  if (left > 0 && left < MIN) out.push(`${label}: ${left} left once the published parts are subtracted`);
  return out;
}

describe("a small round, attacked", () => {
  const dir = tempDir("iln-privacy-");
  const db = path.join(dir, "p.duckdb");
  const dist = path.join(dir, "dist");
  const replays = path.join(dir, "replays");
  const saved = process.env.ILN_REPLAY_CACHE;

  beforeAll(async () => {
    process.env.ILN_REPLAY_CACHE = replays;
    expect(iln(["ingest", writeRound(dir, "S1", smallRound("S1", 2016)), "--db", db]).code).toBe(0);
    await buildSiteExclusive({ dbPath: db, outDir: dist, quiet: true });
  }, 600_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.ILN_REPLAY_CACHE;
    else process.env.ILN_REPLAY_CACHE = saved;
  });

  it("holds a lone person in a region, a country, a sector, a health class and a segment (the attack has something to find)", async () => {
    const h = await openDatabase(db, { readOnly: true });
    try {
      expect(await h.all(sql`SELECT country, count(*)::INTEGER AS n FROM registrations GROUP BY country HAVING count(*) = 1`)).toEqual([{ country: "FR", n: 1 }]);
      expect(await h.all(sql`SELECT sector, count(*)::INTEGER AS n FROM registrations GROUP BY sector HAVING count(*) = 1`)).toEqual([{ sector: "special", n: 1 }]);
    } finally {
      h.close();
    }
    const metrics = data(dist, "metrics");
    const s1 = metrics.rounds.find((r: { round: string }) => r.round === "S1");
    // The headline figures the issue subtracts from are published.
    expect(s1.program_satisfaction.n).toBe(24);
    expect(s1.program_satisfaction.mean).toBeCloseTo(82 / 24, 9);
    expect(s1.participants).toBe(24);
  });

  it("publishes nothing from which subtraction isolates fewer than 5 people", () => {
    const metrics = data(dist, "metrics");
    const sat = data(dist, "satisfaction");
    const coverage = data(dist, "coverage");
    const health = data(dist, "health");
    const leaks: string[] = [];
    for (const r of metrics.rounds) {
      for (const item of ["program_satisfaction", "partner_satisfaction"]) {
        const m = r[item];
        const total = { n: m.n, sum: m.mean === null || m.n === null ? null : m.mean * m.n };
        const segs = sat.segments.filter((s: { round: string; item: string }) => s.round === r.round && s.item === item);
        // Groups of small countries are published beside the countries (their n, no mean).
        const groups = (sat.country_groups ?? []).filter((g: { round: string; item: string; n: number | null }) => g.round === r.round && g.item === item && g.n !== null);
        leaks.push(...remainders(`${r.round} ${item} by country and groups of small countries`, total, [
          ...segs.filter((s: { segment: string }) => s.segment === "country").map((s: { n: number }) => ({ n: s.n })),
          ...groups.map((g: { n: number }) => ({ n: g.n })),
        ]));
        for (const kind of ["country", "region", "sector", "career_stage", "returning", "contact_frequency"]) {
          const parts = segs.filter((s: { segment: string }) => s.segment === kind).map((s: { n: number; mean: number }) => ({ n: s.n, sum: s.mean * s.n }));
          leaks.push(...remainders(`${r.round} ${item} by ${kind}`, total, parts));
          // The sum too: a published mean minus the published parts' sums, over a small remainder.
          if (total.sum !== null && parts.length) {
            const left = (total.n as number) - parts.reduce((a: number, p: { n: number }) => a + p.n, 0);
            if (left > 0 && left < MIN) leaks.push(`${r.round} ${item} by ${kind}: the answers of ${left} people sum to ${total.sum - parts.reduce((a: number, p: { sum: number }) => a + p.sum, 0)}`);
          }
        }
        // Countries within each published region.
        for (const region of segs.filter((s: { segment: string }) => s.segment === "region")) {
          const countries = segs.filter((s: { segment: string; value: string }) => s.segment === "country" && coverage.countries.find((c: { country: string; region: string }) => c.country === s.value)?.region === region.value);
          leaks.push(...remainders(`${r.round} ${item} region ${region.value} by country`, { n: region.n }, countries.map((c: { n: number }) => ({ n: c.n }))));
        }
      }
      const countries = coverage.countries.filter((c: { round: string }) => c.round === r.round);
      const regions = coverage.regions.filter((c: { round: string }) => c.round === r.round);
      leaks.push(...remainders(`${r.round} participants by country`, { n: r.participants }, countries.map((c: { participants: number | null }) => ({ n: c.participants }))));
      leaks.push(...remainders(`${r.round} participants by region`, { n: r.participants }, regions.map((c: { participants: number | null }) => ({ n: c.participants }))));
      for (const reg of regions) {
        leaks.push(...remainders(`${r.round} region ${reg.region} by country`, { n: reg.participants }, countries.filter((c: { region: string }) => c.region === reg.region).map((c: { participants: number | null }) => ({ n: c.participants }))));
      }
      leaks.push(...remainders(`${r.round} participants by sector`, { n: r.participants }, r.sectors.map((s: { count: number | null }) => ({ n: s.count }))));
      const classes = health.classes.filter((c: { round: string }) => c.round === r.round);
      if (classes.length) leaks.push(...remainders(`${r.round} partnerships by health class`, { n: classes[0].partnerships }, classes.map((c: { count: number | null }) => ({ n: c.count }))));
      leaks.push(...remainders(`${r.round} partnerships by health class (metrics total)`, { n: r.partnerships }, classes.map((c: { count: number | null }) => ({ n: c.count }))));
    }
    // The replays: a matching's people are its matched (twice its pairs, or twice total / mean
    // points) and its unmatched; its pairs are the historical ones kept and the ones changed.
    const matching = data(dist, "matching");
    for (const r of matching.replays) {
      for (const w of ["default", "fitted"]) {
        const x = r[w];
        if (!x) continue;
        for (const m of ["historical", "replayed"]) {
          const q = x[m];
          const pairs = q.pairs ?? (q.total !== null && q.mean ? Math.round(q.total / q.mean) : null);
          leaks.push(...remainders(`${r.round} ${w} ${m} matching: people`, { n: q.people }, [{ n: pairs === null ? null : 2 * pairs }, { n: q.unmatched }]));
        }
        leaks.push(...remainders(`${r.round} ${w} replayed pairs: kept and changed`, { n: x.replayed.pairs }, [{ n: x.same_pairs }, { n: x.pairs_changed }]));
      }
    }
    // A figure one page hides must not come back from another (review F1-F3): a mean metrics.json
    // hides, from segment rows covering every respondent; a round's participants or registered,
    // from its sectors, its response rate's n, a replay's pool or a pending round's registrations;
    // and no country's number of people to date (network.json) beside the rounds' countries.
    for (const r of metrics.rounds) {
      for (const item of ["program_satisfaction", "partner_satisfaction"]) {
        const m = r[item];
        if (m.n === null || m.mean !== null) continue;
        for (const kind of ["country", "region", "sector", "career_stage", "returning", "contact_frequency"]) {
          const rows = sat.segments.filter((s: { round: string; item: string; segment: string }) => s.round === r.round && s.item === item && s.segment === kind);
          if (rows.length && rows.reduce((a: number, s: { n: number }) => a + s.n, 0) === m.n) leaks.push(`${r.round} ${item}: the hidden mean is the ${kind} rows' (they cover all ${m.n})`);
        }
      }
      const sum = (rows: { count: number | null }[] | null) => (rows && rows.length && rows.every((x) => x.count !== null) ? rows.reduce((a, x) => a + (x.count as number), 0) : null);
      if (r.participants === null && r.stage !== "registered") {
        if (sum(r.sectors) !== null) leaks.push(`${r.round}: hidden participants = the sectors' ${sum(r.sectors)}`);
        if (r.response_rate?.n != null) leaks.push(`${r.round}: hidden participants = the response rate's n ${r.response_rate.n}`);
      }
      if (r.registered === null) {
        if (sum(r.applicant_sectors) !== null) leaks.push(`${r.round}: hidden registered = the applicants' sectors' ${sum(r.applicant_sectors)}`);
        const replay = matching.replays.find((x: { round: string }) => x.round === r.round);
        if (replay?.people != null) leaks.push(`${r.round}: hidden registered = the replay's pool ${replay.people}`);
        const pending = (matching.pending ?? []).find((x: { round: string }) => x.round === r.round);
        if (pending?.registered != null) leaks.push(`${r.round}: hidden registered = the pending round's ${pending.registered}`);
      }
    }
    for (const c of data(dist, "network").countries) if ("participants" in c) leaks.push(`network.json publishes ${c.country}'s people to date`);
    expect(leaks).toEqual([]);
    // And the site still says something about the round: the lone person's region is hidden, not
    // the round (Americas or Oceania hidden with Europe).
    const regions = sat.segments.filter((s: { round: string; item: string; segment: string }) => s.round === "S1" && s.item === "program_satisfaction" && s.segment === "region");
    expect(regions.map((s: { value: string }) => s.value)).not.toContain("Europe");
    expect(regions.length).toBeLessThanOrEqual(1);
  });

  it("a build killed midway leaves the previous site as it was", async () => {
    const before = files(dist).map((f) => `${path.relative(dist, f)}:${createHash("sha256").update(readFileSync(f)).digest("hex")}`).sort();
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/build-site.ts"], {
      cwd: ROOT, env: { ...process.env, ILN_DB: db, ILN_SITE_OUT: dist }, detached: true, stdio: "ignore",
    });
    // Kill it once it has taken its snapshot (its private working folder exists beside the database).
    const started = Date.now();
    while (!readdirSync(dir).some((n) => n.startsWith(`.${path.basename(db)}.build-`)) && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((r) => child.on("close", r));
    const after = files(dist).map((f) => `${path.relative(dist, f)}:${createHash("sha256").update(readFileSync(f)).digest("hex")}`).sort();
    expect(after).toEqual(before);
  }, 180_000);

  it("after forget and a rebuild, no byte of her is left in any file the toolkit keeps", async () => {
    const pid = pseudonymiser(loadKey(keyPathFor(db)))(ZOE.email);
    const given = [ZOE.given, ZOE.given.normalize("NFD"), ZOE.given.toUpperCase(), ZOE.given.toLowerCase()];
    const needles = [ZOE.email, ZOE.email.normalize("NFD"), ZOE.email.toUpperCase(), ZOE.name, ZOE.name.normalize("NFD"), ...given, pid, pid.slice(2), ZOE.comment].map((n) => Buffer.from(n));
    // The coordinators' at-risk list is theirs to keep; it is written before the erasure.
    expect(iln(["metrics", "--round", "S1", "--at-risk", path.join(dir, "at-risk.csv"), "--db", db]).code).toBe(0);
    // Positive control: the database file holds her.
    const dbBytes = readFileSync(db);
    for (const n of [ZOE.email, ZOE.name, pid, ZOE.comment, `Say hi to ${ZOE.given} (`]) expect(dbBytes.includes(Buffer.from(n)), n).toBe(true);
    expect(files(replays).length).toBeGreaterThan(0);
    // Erase her by her email in another Unicode form and case.
    const r = iln(["forget", ` ${"ZOE\u0308.LONELY@EXAMPLE.ORG"} `, "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/erased: registrations 1/);
    await buildSiteExclusive({ dbPath: db, outDir: dist, quiet: true });
    const kept = [db, `${db}.wal`, ...files(`${db}.staging`), ...files(replays), ...files(dist), ...readdirSync(dir).filter((n) => n.startsWith(".")).flatMap((n) => files(path.join(dir, n)))];
    expect(kept.filter((f) => existsSync(f)).length).toBeGreaterThan(10);
    const found = kept.filter((f) => existsSync(f) && statSync(f).isFile()).flatMap((f) => {
      const bytes = readFileSync(f);
      return needles.filter((n) => bytes.includes(n)).map((n) => `${path.relative(dir, f)}: ${n.toString()}`);
    });
    expect(found).toEqual([]);
    // Her partner's comment stays, with her name redacted; so does another's that named her by her given name alone.
    expect(readFileSync(db).includes(Buffer.from("My partner [erased] stopped replying"))).toBe(true);
    expect(readFileSync(db).includes(Buffer.from("Say hi to [erased] ([erased])"))).toBe(true);
    // The rebuilt site no longer counts her registration; her partnership stays, with a tombstone.
    const s1 = data(dist, "metrics").rounds[0];
    expect([s1.registered, s1.partnerships]).toEqual([23, 12]);
  }, 600_000);
});
