/**
 * @packageDocumentation
 * Project loading, parse, manifest, graph, selection and compile.
 */
export * from "./diagnostics/diagnostic";
export * from "./manifest/types";
