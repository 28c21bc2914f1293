/**
 * @packageDocumentation
 * One conformance suite for every tsdbt adapter, as jest describe-factories: an adapter
 * package's test file calls {@link describeAdapterConformance} with a factory for its adapter.
 * Also: a hand-made project runner over `@tsdbt/runner` and the helper that finds PostgreSQL
 * for tests (`TSDBT_PG_URL`, else PGlite in-process).
 */
export { describeAdapterConformance } from "./describe-adapter-conformance";
export { withSkippedCases, type SkippedCases } from "./conformance/skip-cases";
export { useConformanceContext, typeFamily, columnSignature, leftovers, type ConformanceContext, type ConformanceOptions, type MakeAdapter, type MakeAdapterOptions } from "./conformance/context";
export { AWKWARD_IDENTIFIERS } from "./conformance/quoting";
export { runSpecs, manifestNode, uniqueIdOf, SpecCompiler, type NodeSpec, type NodeSql, type RunSpecsOptions } from "./test-project";
export { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "./postgres-server";
