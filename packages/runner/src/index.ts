/**
 * @packageDocumentation
 * Executes compiled nodes on an adapter: a DAG scheduler with worker threads,
 * materializations (view, table, incremental, ephemeral, seed), data tests, hooks and
 * run_results.json.
 */
export * from "./types";
export type { QueryComment } from "./materializations/commented-adapter";
export { runNodes } from "./run-nodes";
export { RunnerError, RunnerErrorCode, describeError } from "./runner-error";
export { runSchedule, type ScheduledTask, type ScheduleOptions, type ScheduleOutcome, type SkipReason } from "./scheduler/dag-scheduler";
export { buildRunTasks } from "./scheduler/run-graph";
export { buildRunResults, writeRunResults, RUN_RESULTS_SCHEMA, type RunResultsArtifact, type RunResultsMetadata } from "./results/run-results";
export { parseCsv, scanCsv, type CsvTable } from "./seeds/csv-reader";
export { ColumnKindInference, inferColumnKinds, seedColumns, type SeedColumnKind } from "./seeds/infer-column-types";
export { MODEL_MATERIALIZATIONS } from "./materializations/registry";
export { INCREMENTAL_STRATEGIES, type IncrementalStrategy, type IncrementalInput } from "./materializations/incremental-strategies";
export type { UnitTestPort, TypedColumn } from "./unit-tests/unit-test-port";
export { diffRows, formatRowDiff, type RowDiff } from "./unit-tests/row-diff";
export { checkFreshness, freshnessQuery, type FreshnessResult } from "./freshness/check-freshness";
export { criteriaOf, hasFreshness, freshnessStatus, FreshnessErrorCode, type FreshnessCriteria, type FreshnessTime, type FreshnessPeriod } from "./freshness/freshness-criteria";
export { writeSourcesArtifact, SOURCES_SCHEMA } from "./freshness/sources-artifact";
export { storesFailures } from "./data-tests/store-failures";
