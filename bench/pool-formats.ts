/**
 * `npx tsx bench/pool-formats.ts [matching.json]`: the size of the matching page's live pools as
 * JSON and as an Arrow IPC file (dictionary-encoded text columns, list columns joined), raw and
 * gzipped: the measurement behind the README's "Why the pages load JSON, not Arrow". Reads the
 * built page data (default: Framework's loader cache, reports/.observablehq/cache/data/matching.json,
 * there after `npm run build`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Bool, Dictionary, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import { ROOT } from "./lib";

const file = process.argv[2] ?? path.join(ROOT, "reports", ".observablehq", "cache", "data", "matching.json");
const doc = JSON.parse(readFileSync(file, "utf8")) as { pools: { people: Record<string, unknown>[] }[] };
const json = Buffer.from(JSON.stringify(doc.pools));
let arrow = 0;
let arrowGz = 0;
for (const p of doc.pools) {
  const col = <T>(k: string) => p.people.map((q) => q[k] as T);
  const dict = (k: string) => vectorFromArray(col<string>(k), new Dictionary(new Utf8(), new Int32()));
  const joined = (k: string) => vectorFromArray(col<string[]>(k).map((x) => x.join(";")), new Utf8());
  const ipc = tableToIPC(
    new Table({
      country: dict("country"), sector: dict("sector"), stage: dict("stage"), prefSector: dict("prefSector"), prefCareer: dict("prefCareer"),
      years: vectorFromArray(col<number>("years"), new Float64()), returning: vectorFromArray(col<boolean>("returning"), new Bool()),
      interests: joined("interests"), languages: joined("languages"), prefCountries: joined("prefCountries"),
    }),
    "file",
  );
  arrow += ipc.length;
  arrowGz += gzipSync(ipc).length;
}
const people = doc.pools.reduce((s, p) => s + p.people.length, 0);
console.log(`| live pools (${people} people) | JSON ${json.length.toLocaleString("en-GB")} B, gzipped ${gzipSync(json).length.toLocaleString("en-GB")} B | Arrow ${arrow.toLocaleString("en-GB")} B, gzipped ${arrowGz.toLocaleString("en-GB")} B |`);
