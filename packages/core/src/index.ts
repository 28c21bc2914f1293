/**
 * @packageDocumentation
 * Project loading, parse, manifest, graph, selection and compile.
 */
export * from "./diagnostics/diagnostic";
export * from "./manifest/types";
export { assembleManifest, dbtTimestamp, MANIFEST_SCHEMA } from "./manifest/assemble-manifest";
export { manifestJson, writeManifest, serialisableNode } from "./manifest/write-manifest";
export * from "./project";
export * from "./config";
export * from "./yaml";
export * from "./graph";
export type { SelectionOptions, SelectorDefinition, SelectorsFile, IndirectSelection, SelectionCriterion, SelectionSpec, SelectionSets } from "./selection";
export { SELECTION_ERROR_CODE, STATE_REQUIRED_CODE } from "./selection/selection-error";
export { selectNodes, parseSelectorsFile } from "./selection/lazy-selection";
export { parseProject, parseFromInputs, type ProjectOptions, type ParsedProject, type ParseInputs, type FoundTarget } from "./parse/parse-project";
export { tryPartialParse, loadPartialParse, type PartialParse, type FullParseNeeded } from "./parse/partial/partial-parse";
export { saveParse, countResources, type ResourceCounts } from "./parse/partial/parse-state";
export type { ParseStats } from "./parse/build-nodes";
export { staticParse } from "./parse/static-parse";
export { compileProject, compiledPathOf, hasCompiledFile, type CompileOptions } from "./compile/compile-project";
export { cteDefinition } from "./compile/inject-ctes";
export { ChangedFileWriter } from "./util/write-if-changed";
export { INLINE_FILE, NodeCompiler, type CompiledSql } from "./compile/node-compiler";
export { withQueryComment, type QueryComment } from "./compile/query-comment";
export { MaterializationMacros, BUILTIN_MATERIALIZATIONS, type MacroValue, type MaterializationOutcome } from "./compile/materialization-macros";
export { indexManifest, type ManifestIndex } from "./compile/execution-scope";
export { isMicrobatchModel, type MicrobatchBatch } from "./compile/microbatch-batch";
export { relationFor, type NamingTarget } from "./parse/relation-naming";
export { CompilerError, WarehouseNeededError } from "./context/compiler-error";
export { macroFramesOf, type MacroFrame } from "./context/macro-call-stack";
export * as contracts from "./context/contracts";
export type { SyncWarehouse } from "./context/warehouse";
export { closestName, closestNames, didYouMean } from "./diagnostics/closest-names";
export { renderErrorToDiagnostic } from "./parse/render-diagnostic";
export { snapshotSettingsOf, DEFAULT_META_COLUMNS, SnapshotErrorCode, type SnapshotSettings, type SnapshotStrategy, type HardDeletes, type SnapshotMetaColumns } from "./snapshots/snapshot-settings";
export { UnitTestCompiler, type ResolvedInput } from "./unit-tests/compile-unit-test";
export { UnitTestErrorCode, type UnitTestDefinition, type UnitTestInput, type UnitTestExpected, type FixtureFormat } from "./unit-tests/unit-test-definition";
export type { FixtureColumn } from "./unit-tests/fixture-sql";
export { responseCode } from "./context/runtime/adapter-response";
export { PyDate, PyDateTime } from "./context/modules/py-datetime";
export { transactionWarehouse } from "./context/runtime/transaction-catalog";
export { runResultForJinja, type RunResultFields } from "./context/runtime/run-result";
