// Types of scripts/build-row-filter.mjs (plain JavaScript, run by node without TypeScript).

/** The generated src/matching/solver/row-filter-wasm.ts for the WebAssembly text `wat`. @throws when it does not compile. */
export declare function rowFilterModule(wat: string): Promise<string>;
