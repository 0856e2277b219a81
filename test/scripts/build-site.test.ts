/**
 * `npm run build` clears Framework's loader output before each build (it is keyed on loader
 * files' age, so it could be stale) but keeps the caches keyed by content.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanLoaderCache } from "../../scripts/build-site";
import { tempDir } from "../helpers/rounds";

describe("cleanLoaderCache", () => {
  it("removes loader output and keeps the npm cache and the replay cache", () => {
    const cache = tempDir();
    for (const d of ["_npm", "_replays", "data", "_file"]) {
      mkdirSync(path.join(cache, d));
      writeFileSync(path.join(cache, d, "x.json"), "{}");
    }
    writeFileSync(path.join(cache, "stray.json"), "{}");
    cleanLoaderCache(cache);
    expect(readdirSync(cache).sort()).toEqual(["_npm", "_replays"]);
    expect(readdirSync(path.join(cache, "_replays"))).toEqual(["x.json"]);
  });
});
