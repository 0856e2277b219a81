import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { buildDeck, footerOf, SYNTHETIC_LABEL } from "../../src/slides/deck";
import { healthDoc, metricsDoc, networkDoc, retentionDoc, themesDoc } from "../findings/fixture";

/** The slides of a .pptx in order: their XML, and their notes' XML. */
function slidesOf(pptx: Buffer): { xml: string; notes: string; images: Uint8Array[] }[] {
  const files = unzipSync(new Uint8Array(pptx));
  const n = Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
  return Array.from({ length: n }, (_, i) => {
    const rels = strFromU8(files[`ppt/slides/_rels/slide${i + 1}.xml.rels`]);
    const images = [...rels.matchAll(/Target="\.\.\/media\/([^"]+)"/g)].map((m) => files[`ppt/media/${m[1]}`]);
    const notesFile = /Target="\.\.\/notesSlides\/([^"]+)"/.exec(rels)?.[1];
    return { xml: strFromU8(files[`ppt/slides/slide${i + 1}.xml`]), notes: notesFile ? strFromU8(files[`ppt/notesSlides/${notesFile}`]) : "", images };
  });
}

const input = (synthetic: boolean) => ({ metrics: metricsDoc(synthetic), retention: retentionDoc(), health: healthDoc(), themes: themesDoc(), network: networkDoc() });
const isPng = (b: Uint8Array) => b[0] === 0x89 && strFromU8(b.subarray(1, 4)) === "PNG";

// The documents are test/findings/fixture.ts; every expected sentence is findings.test.ts's.
describe("the conference deck", () => {
  it("has a title slide, one slide per finding with its chart as a PNG and the takeaway as title, and a methods slide, all labelled synthetic", async () => {
    const deck = await buildDeck(input(true), { builtOn: "2026-01-31" });
    const slides = slidesOf(deck.pptx);
    expect(deck.findings.map((f) => f.finding.id)).toEqual(["reach", "satisfaction", "outcomes", "retention", "coverage", "health", "themes", "network"]);
    expect(slides.length).toBe(10);
    expect(deck.slides).toBe(10);
    for (const s of slides) expect(s.xml).toContain(SYNTHETIC_LABEL);
    for (const [k, f] of deck.findings.entries()) {
      const s = slides[k + 1];
      expect(s.images.length, `image on the ${f.finding.id} slide`).toBe(1);
      expect(isPng(s.images[0])).toBe(true);
      expect(s.xml).toContain(f.finding.sentence.replace(/&/g, "&amp;").replace(/'/g, "&apos;").slice(0, 40));
      expect(s.xml).toContain("built 2026-01-31");
      expect(s.notes).toContain("Method:");
    }
    expect(slides[2].xml).toContain("In Round 2, 86% of respondents were satisfied with the program (n = 500, 95% CI 83–89%).");
    expect(slides[2].xml).toContain("n = 500, 95% CI 83–89%  ·  Source: ILN outcomes toolkit, Round 2, built 2026-01-31 (synthetic data)");
    expect(slides[9].xml).toContain("How these figures were made");
  });

  it("carries no synthetic label for real data", async () => {
    const deck = await buildDeck(input(false), { builtOn: "2026-01-31" });
    for (const s of slidesOf(deck.pptx)) expect(s.xml).not.toMatch(/SYNTHETIC|synthetic/);
  });

  it("about one round: that round's findings, charts up to it; topics with nothing publishable are left out and named", async () => {
    const deck = await buildDeck(input(true), { round: "R1", builtOn: "2026-01-31" });
    expect(deck.rounds).toEqual(["R1"]);
    expect(deck.findings.find((f) => f.finding.id === "satisfaction")!.finding.round).toBe("R1");
    // R1 has no cohort with a next round up to R1, and no comments published.
    expect(deck.skipped).toEqual(["retention", "themes"]);
    const slides = slidesOf(deck.pptx);
    expect(slides.length).toBe(8);
    expect(slides.at(-1)!.xml).toContain("Not shown (nothing publishable): retention, themes.");
    await expect(buildDeck(input(true), { round: "R9" })).rejects.toThrow(/unknown round R9/);
  });

  it("with a round not matched yet, is about the latest matched round by default and ends its charts there", async () => {
    const base = input(true);
    const last = base.metrics.rounds.at(-1)!;
    const registered = { ...last, round: "R9", name: "Round R9", stage: "registered" as const, participants: null, partnerships: null, returning_share: null, completion_rate: null, response_rate: null };
    const withNext = { ...base, metrics: { ...base.metrics, rounds: [...base.metrics.rounds, registered] } };
    const deck = await buildDeck(withNext, { builtOn: "2026-01-31" });
    const plain = await buildDeck(base, { builtOn: "2026-01-31" });
    expect(deck.rounds).toEqual(plain.rounds); // R9 is neither the focus nor in any chart
    expect(deck.findings.map((f) => f.finding.sentence)).toEqual(plain.findings.map((f) => f.finding.sentence));
    expect(slidesOf(deck.pptx).map((x) => x.xml).join("")).not.toContain("R9");
  });

  it("footer: n and interval, then the source line", () => {
    expect(footerOf({ id: "x", sentence: "", round: "R2", n: 1458, ci: [0.8287, 0.8783], method: "", available: true }, "Source: S")).toBe("n = 1,458, 95% CI 83–88%  ·  Source: S");
    expect(footerOf({ id: "x", sentence: "", round: null, n: null, ci: null, method: "", available: true }, "Source: S")).toBe("Source: S");
  });

  it("writes well-formed XML whatever a round's name holds: control characters, lone surrogates and non-characters are replaced", async () => {
    const docs = input(false);
    const hostile = "Round\u000b2\u0001\u001b[2J \uD800x\uDFFF \uFFFE end";
    docs.metrics.rounds[1].name = hostile;
    const deck = await buildDeck(docs, { builtOn: "2026-01-31", round: "R2" });
    const files = unzipSync(new Uint8Array(deck.pptx));
    const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const parts = Object.keys(files).filter((f) => /\.(xml|rels)$/.test(f));
    expect(parts.length).toBeGreaterThan(20);
    for (const f of parts) expect(notXml.test(strFromU8(files[f])), f).toBe(false);
    const title = strFromU8(files["ppt/slides/slide1.xml"]);
    expect(title).toContain("Round 2  [2J \uFFFDx\uFFFD \uFFFD end");
  });
});
