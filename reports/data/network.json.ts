/**
 * network.json: the countries the program connected, per round and to date (src/metrics/network.ts),
 * published under the rules of lib/network.ts (small countries counted, not named, and no country's
 * number of people published; pairs of 1 to min-1 partnerships suppressed, with complementary
 * suppression), for the network page.
 */
import { sql } from "../../src/db";
import { networkOf } from "../../src/metrics/network";
import { publishNetwork } from "./lib/network";
import { runLoader } from "./lib/run";

await runLoader("network.json", async (db, min) => {
  const [row] = await db.all<{ synthetic: boolean }>(sql`SELECT coalesce(bool_or(synthetic), false) AS synthetic FROM rounds`);
  return publishNetwork(await networkOf(db), min, row.synthetic);
}, {
  undeclared:
    "publishes no count of people (a country is named when at least min people from it were matched to date, without their number); its counts of partnerships by country pair and region pair to date and per round are protected on their own by lib/network.ts (small countries counted, not named; complementary suppression row by row)",
});
