#!/usr/bin/env node
// The `iln` command. Runs the compiled CLI (scripts/build-cli.mjs), building it first when the
// sources changed since the last build (well under a second); when it cannot be built, runs the
// TypeScript sources through tsx instead (slower to start, same behaviour), saying nothing more.
import { compiledCli } from "../scripts/build-cli.mjs";

const argv = process.argv.slice(2);
let entry;
try {
  entry = await compiledCli({ quiet: true });
} catch {
  entry = undefined;
}
if (entry) {
  const { main } = await import(entry.href);
  process.exitCode = await main(argv);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../src/cli/main.ts");
  process.exitCode = await main(argv);
}
