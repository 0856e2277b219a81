/**
 * `iln slides [--round R] --out FILE.pptx`: a conference deck of the published findings
 * (src/slides/deck.ts): a title slide, one slide per key finding with its chart, the takeaway
 * as the title, n and interval in the footer and the method in the speaker notes, and a methods
 * slide; "SYNTHETIC DATA" on every slide when the data are synthetic. It holds only what the
 * published dashboards hold: it is built from the documents the site's data loaders publish.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { UsageError } from "../domain/errors";
import type { DeckInput } from "../slides/deck";
import { checkMinCell, dbPathOf, withDb } from "./context";
import { checkOutputFile } from "./output-files";

/** Registers the slides command. */
export function slidesCommand(program: Command): void {
  program
    .command("slides")
    .description("write a conference deck (.pptx) of the published findings")
    .requiredOption("--out <file>", "the .pptx file to write")
    .option("--round <id>", "the round the deck is about (default: the latest)")
    .option("--db <path>", "database file (default: ILN_DB or data/iln.duckdb)")
    .action(async (opts: { out: string; round?: string; db?: string }) => {
      if (path.extname(opts.out).toLowerCase() !== ".pptx") throw new UsageError(`--out must name a .pptx file, got ${JSON.stringify(opts.out)}`);
      checkOutputFile(opts.out, "--out", { db: dbPathOf(opts) });
      checkMinCell(); // the site's loaders read it: a bad value fails here, not in a child process
      const dbPath = dbPathOf(opts);
      // The deck's code (charts, pptxgenjs) loads only now, so `iln --help` starts without it.
      const { checkRound } = await import("../db/rounds");
      const { buildDeck } = await import("../slides/deck");
      const { loadPublished } = await import("../slides/published");
      // Opening checks the database exists and is not busy; an unknown round is a usage error (exit 2).
      await withDb(opts, true, (db) => checkRound(db, opts.round));
      const t0 = Date.now();
      process.stderr.write("slides: publishing the figures (the dashboards' data loaders)...\n");
      const docs = (await loadPublished(dbPath)) as unknown as DeckInput;
      process.stderr.write(`slides: figures ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; drawing the charts...\n`);
      const deck = await buildDeck(docs, { round: opts.round });
      writeFileSync(opts.out, deck.pptx);
      const notes = [
        deck.findings.length ? deck.findings.map((f) => f.finding.id).join(", ") : "no finding",
        ...(deck.skipped.length ? [`nothing publishable for ${deck.skipped.join(", ")}`] : []),
      ];
      process.stderr.write(`wrote ${deck.slides} slides to ${opts.out} (${notes.join("; ")})${deck.synthetic ? "; every slide is labelled SYNTHETIC DATA" : ""}\n`);
    });
}
