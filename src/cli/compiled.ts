/**
 * Entry of the compiled CLI: scripts/build-cli.mjs bundles this module, with the replay and parse
 * workers, into build/cli/<fingerprint>/, and bin/iln.js runs it. The bin calls
 * {@link useCompiledWorkers} with that folder, so worker threads start from the compiled workers
 * there, then {@link main}.
 */
export { main } from "./main";
export { useCompiledWorkers } from "../workers/map-jobs";
