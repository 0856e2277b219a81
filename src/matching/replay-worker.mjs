// Worker thread entry for replay-jobs.ts: makes TypeScript importable here, then loads the worker.
import { register } from "tsx/esm/api";

register();
await import("./replay-worker.ts");
