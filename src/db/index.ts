export * from "./connection";
export * from "./errors";
export * from "./rows";
export * from "./rounds";
export * from "./sql";
export * from "./schema";
export * from "./files";
export * from "./input-file";
