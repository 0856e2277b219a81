// Worker thread entry for parse-files.ts: makes TypeScript importable here, then loads the worker.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
