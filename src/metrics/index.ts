/**
 * The metrics library (docs/metrics.md), one module per family. The CLI, the dashboards' data
 * loaders and the tests all call these functions; each metric is defined once, here.
 */
export * from "./stats";
export { UNKNOWN, regionOrUnknown, type RoundOpts } from "./base";
export * from "./satisfaction";
export * from "./retention";
export * from "./coverage";
export * from "./health";
export * from "./document";
export * from "./nonresponse";
export * from "./homogeneity";
export * from "./pooling";
export * from "./regression";
export * from "./ordinal";
