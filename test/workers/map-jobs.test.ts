/**
 * Where worker threads start (src/workers/map-jobs.ts): the `.mjs` entry beside the module from
 * the sources, the compiled twin once the compiled CLI names its folder. That the compiled
 * workers do the sources' work is test/scripts/build-cli.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { useCompiledWorkers, workerUrl } from "../../src/workers/map-jobs";

describe("workerUrl", () => {
  afterEach(() => useCompiledWorkers(undefined));

  it("is the entry itself from the sources", () => {
    const entry = new URL("file:///x/src/matching/replay-worker.mjs");
    expect(workerUrl(entry).href).toBe(entry.href);
  });

  it("is the compiled worker of the same name in the compiled CLI's folder", () => {
    useCompiledWorkers(new URL("file:///x/build/cli/0123456789abcdef/"));
    expect(workerUrl(new URL("file:///x/src/matching/replay-worker.mjs")).href).toBe("file:///x/build/cli/0123456789abcdef/replay-worker.js");
    expect(workerUrl(new URL("file:///x/loaders/parse-worker.mjs")).href).toBe("file:///x/build/cli/0123456789abcdef/parse-worker.js");
    useCompiledWorkers(undefined);
    expect(workerUrl(new URL("file:///x/loaders/parse-worker.mjs")).href).toBe("file:///x/loaders/parse-worker.mjs");
  });
});
