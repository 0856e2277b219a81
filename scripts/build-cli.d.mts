// Types of scripts/build-cli.mjs (plain JavaScript, so the bin can run it before TypeScript loads).

/** The project root. */
export declare const ROOT: string;
/** Where the builds live, one folder per fingerprint. */
export declare const BUILD_DIR: string;
/** The bundle's entries: output name -> source file. */
export declare function entries(): Record<string, string>;
/** The compiled data loader `file` (e.g. `reports/data/metrics.json.ts`) in the build `dir`. */
export declare function compiledLoader(dir: string, file: string): string;
/** The fingerprint of the sources as they are now (16 hex digits). */
export declare function fingerprint(): string;
/** Builds the programs for the sources as they are now (when not built yet); returns the build's folder. @throws when they do not compile. */
export declare function buildCli(opts?: { fp?: string; quiet?: boolean }): Promise<string>;
/** The compiled CLI's entry, built first when needed. @throws when it cannot be built. */
export declare function compiledCli(opts?: { quiet?: boolean }): Promise<URL>;
/** Links `node_modules/.bin/iln` under `root` (default this checkout) to `bin/iln.js`; true when a link was made. */
export declare function linkBin(root?: string): boolean;
