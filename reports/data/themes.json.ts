/**
 * themes.json: theme shares of commenting respondents per round, overall and by segment, with 95%
 * Wilson intervals and small cells suppressed (reports/data/lib/themes.ts), for the themes page.
 * No comment text, except in an internal build (ILN_INTERNAL_BUILD=1), which adds redacted
 * example quotes.
 */
import { sql } from "../../src/db";
import { loadCodebook } from "../../src/themes/codebook";
import { createCoder } from "../../src/themes/coder";
import { codedRespondents, themesDocument } from "../../src/themes/metrics";
import { exampleQuotes, themesPlan } from "./lib/themes";
import { runLoader } from "./lib/run";

await runLoader("themes.json", async (db, min, record) => {
  const coder = createCoder(loadCodebook(process.env.ILN_CODEBOOK || undefined));
  const people = await codedRespondents(db, coder);
  const { plan, published } = themesPlan(await themesDocument(db, coder, {}, people), min);
  record(plan);
  if (process.env.ILN_INTERNAL_BUILD === "1") {
    const ids = await db.all<{ email: string; name: string | null }>(sql`SELECT email, name FROM identities`);
    published.quotes = exampleQuotes(people, coder, ids.flatMap((r) => [r.email, r.name ?? ""]));
  }
  return published;
}, { whenEmpty: "no respondent commented yet: every published count of commenting respondents is 0, and 0 reveals no group" });
