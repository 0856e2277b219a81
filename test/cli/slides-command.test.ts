/**
 * `iln slides` end to end on the demo: the deck's slide count, a chart image on every finding
 * slide, the synthetic label on every slide, no participant's email or name; then LibreOffice
 * (Debian's libreoffice-impress, headless) converts it to PDF without error, one page a slide.
 * The LibreOffice part skips with a message when `soffice` is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, sql } from "../../src/db";
import { writeDemo } from "../../src/demo";

const ROOT = path.resolve(__dirname, "../..");
const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

describe("iln slides on the demo", () => {
  let tmp = "";
  let db = "";
  let deck = "";
  let run: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "iln-slides-"));
    db = path.join(tmp, "iln.duckdb");
    await writeDemo(path.join(tmp, "demo"));
    const ingest = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "ingest", path.join(tmp, "demo"), "--db", db], { cwd: ROOT, encoding: "utf8" });
    if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
    deck = path.join(tmp, "talk.pptx");
    run = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "slides", "--out", deck, "--db", db], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
  }, 300_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("writes 10 slides: title, 8 findings each with a chart image, methods; every slide says SYNTHETIC DATA", async () => {
    expect(run.status, String(run.stderr)).toBe(0);
    expect(String(run.stderr)).toMatch(/wrote 10 slides to .*talk\.pptx/);
    const files = unzipSync(new Uint8Array(readFileSync(deck)));
    const slides = Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)));
    expect(slides.length).toBe(10);
    for (const [i, f] of slides.entries()) {
      const xml = strFromU8(files[f]);
      expect(xml, f).toContain("SYNTHETIC DATA");
      const rels = strFromU8(files[f.replace("slides/", "slides/_rels/").replace(".xml", ".xml.rels")]);
      const images = [...rels.matchAll(/Target="\.\.\/media\/([^"]+\.png)"/g)];
      expect(images.length, `images on ${f}`).toBe(i === 0 || i === slides.length - 1 ? 0 : 1);
      for (const m of images) expect(files[`ppt/media/${m[1]}`].length).toBeGreaterThan(10_000);
    }
    // The deck says what the site says: the latest round's satisfaction with n and interval.
    expect(strFromU8(files["ppt/slides/slide3.xml"])).toMatch(/In Round 2016B, \d+% of respondents were satisfied with the program \(n = [\d,]+, 95% CI \d+–\d+%\)/);
    // No participant's email or name anywhere in the deck.
    const handle = await openDatabase(db, { readOnly: true });
    try {
      const people = await handle.all<{ email: string; name: string | null }>(sql`SELECT email, name FROM identities`);
      const text = Object.values(files).map((b) => strFromU8(b, true)).join("\n").toLowerCase();
      const leaked = people.flatMap((p) => [p.email, p.name ?? ""]).filter((s) => s.length >= 6 && text.includes(s.toLowerCase()));
      expect(leaked).toEqual([]);
    } finally {
      handle.close();
    }
  });

  const convert = "LibreOffice converts the deck to PDF without error, one page a slide";
  it.skipIf(!SOFFICE)(SOFFICE ? convert : `${convert} (skipped: soffice is absent; apt-get install libreoffice-impress)`, () => {
    expect(run.status).toBe(0);
    const out = path.join(tmp, "pdf");
    const profile = path.join(tmp, "lo-profile");
    const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", out, deck], { encoding: "utf8", timeout: 180_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const pdf = path.join(out, "talk.pdf");
    expect(readdirSync(out)).toContain("talk.pdf");
    const pages = (readFileSync(pdf, "latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(10);
  }, 200_000);

  it("refuses an output that is not .pptx, and an unknown round, with exit code 2", () => {
    const bad = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "slides", "--out", path.join(tmp, "x.pdf"), "--db", db], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--out must name a .pptx file");
    const round = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "slides", "--round", "1999Z", "--out", path.join(tmp, "x.pptx"), "--db", db], { cwd: ROOT, encoding: "utf8" });
    expect(round.status).toBe(2);
    expect(round.stderr).toContain('unknown round "1999Z"');
    // A path written as a folder is refused at once, before the data loaders run (it failed after them).
    const t0 = Date.now();
    const slash = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "slides", "--out", `${path.join(tmp, "y.pptx")}/`, "--db", db], { cwd: ROOT, encoding: "utf8" });
    expect(slash.status).toBe(2);
    expect(slash.stderr).toContain("ends with a folder separator; give a file name");
    expect(slash.stderr).not.toContain("publishing the figures");
    expect(Date.now() - t0).toBeLessThan(10_000);
    // A bad ILN_MIN_CELL is a usage error before the loaders run (it was exit 3 with no reason).
    const min = spawnSync(process.execPath, [path.join(ROOT, "bin/iln.js"), "slides", "--out", path.join(tmp, "m.pptx"), "--db", db], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ILN_MIN_CELL: "abc" } });
    expect(min.status).toBe(2);
    expect(min.stderr).toBe('iln: ILN_MIN_CELL must be a whole number of at least 1 written in digits (default 5), got "abc"\n');
  });
});
