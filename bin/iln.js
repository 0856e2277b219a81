#!/usr/bin/env node
// The `iln` command: runs the TypeScript CLI through tsx, so a checkout works right after `npm install`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
