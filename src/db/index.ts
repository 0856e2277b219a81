export * from "./connection";
export * from "./sql";
export * from "./schema";
