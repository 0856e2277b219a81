export * from "./connection";
export * from "./rows";
export * from "./rounds";
export * from "./sql";
export * from "./schema";
export * from "./files";
