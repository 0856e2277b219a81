export * from "./connection";
export * from "./rows";
export * from "./sql";
export * from "./schema";
