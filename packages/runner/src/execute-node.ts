import { Relation, type Adapter } from "@tsdbt/adapter-api";
import { isMicrobatchModel, type ManifestNode } from "@tsdbt/core";
import { runDataTest } from "./data-tests/run-data-test";
import type { BuildContext, BuildOutcome } from "./materializations/build-context";
import { materializationFor } from "./materializations/registry";
import { commentedAdapter, type QueryComment } from "./materializations/commented-adapter";
import { sessionQueryTag } from "./materializations/session-query-tag";
import { taggedAdapter } from "./materializations/tagged-adapter";
import { seedMaterialization } from "./materializations/seed";
import { snapshotMaterialization } from "./snapshots/snapshot-materialization";
import { isUnitTestNode } from "./unit-tests/unit-test-node";
import { isExposureNode } from "./exposures/exposure-tasks";
import { runUnitTest } from "./unit-tests/run-unit-test";
import { runStoredDataTest, storesFailures } from "./data-tests/store-failures";
import { runJinjaDataTest } from "./data-tests/jinja-data-test";
import { describeError, nodeErrorMessage, RunnerError, RunnerErrorCode } from "./runner-error";
import type { BatchResults, MicrobatchOptions, NodeCompiler, NodeResult, NodeStatus, RunEvent, TimingInfo } from "./types";
import { runMicrobatch } from "./materializations/microbatch";
import { jinjaMaterialization } from "./materializations/jinja-materialization";
import { jinjaSeedMaterialization } from "./materializations/jinja-seed";
import { statementLoggingAdapter } from "./statement-log";
import { responseOf } from "./results/adapter-response";
import { recordRunSql, type RunSqlRecorder } from "./run-sql";

/** What executing nodes needs besides the node itself. */
export interface ExecutionEnvironment {
  adapter: Adapter;
  compiler: NodeCompiler;
  fullRefresh: boolean;
  projectDir: string;
  /** Directory of each installed package (see RunOptions.packageDirs). */
  packageDirs?: Record<string, string>;
  /** Creates the node's schema once per run, before its first build. */
  ensureSchema(relation: Relation): Promise<void>;
  /** `--store-failures`: every data test keeps its failing rows in a table (else a test's `store_failures` config decides). */
  storeFailures?: boolean;
  /** Receives the statements and debug notes of node builds. */
  emit?: (event: RunEvent) => void;
  /**
   * Keeps the SQL a node ran (see {@link RunSqlRecorder.runSql}) as dbt's target/run file and
   * returns that file's path, which a failed node's message then names.
   */
  onRunSql?: (node: ManifestNode, sql: string) => string | undefined;
  /** The query comment of a node's statements (see RunOptions.queryComment). */
  queryComment?: (node: ManifestNode | null) => QueryComment | null;
  /** How microbatch models choose their batches (see RunOptions.microbatch). */
  microbatch?: MicrobatchOptions;
  /** When the run started (the clock of microbatch models without `--event-time-end`). */
  startedAt?: Date;
  /** The run's worker count: the most batches of one microbatch model that run at once. */
  threads?: number;
}

/** Statuses after which dependents may run. */
export function isSuccessful(status: NodeStatus): boolean {
  return status === "success" || status === "pass" || status === "warn" || status === "no-op";
}

/** `Thread-<n> (worker)`, as dbt names its threads. */
export function threadName(thread: number): string {
  return `Thread-${thread} (worker)`;
}

/** The relation a model or seed builds, or null for tests. */
export function relationFor(node: ManifestNode, environment: ExecutionEnvironment): Relation | null {
  if (node.resource_type === "test" || isUnitTestNode(node) || isExposureNode(node)) return null;
  const ref = environment.compiler.relationOf(node.unique_id);
  // core's relation keeps the project's quote policy (Snowflake leaves names unquoted by default)
  return ref instanceof Relation ? ref : new Relation(ref, environment.adapter.dialect.quote);
}

/**
 * Executes one node (model, seed or data test) and returns its result; every error the
 * node raises, from compile to warehouse, becomes an `error` result.
 */
export async function executeNode(node: ManifestNode, environment: ExecutionEnvironment, thread: number): Promise<NodeResult> {
  const startedAt = new Date();
  const compileTiming: { started: Date | null; completed: Date | null; failed: boolean } = { started: null, completed: null, failed: false };
  let compiledCode: string | null = null;
  let relation: Relation | null = null;
  const compile = (isIncremental: boolean): string => {
    compileTiming.started ??= new Date();
    try {
      compiledCode = environment.compiler.compileNode(node.unique_id, { isIncremental });
      return compiledCode;
    } catch (error) {
      compileTiming.failed = true;
      throw error;
    } finally {
      compileTiming.completed = new Date();
    }
  };

  let status: NodeStatus;
  let message: string | null = null;
  let failures: number | null = null;
  let adapterResponse: Record<string, unknown> = {};
  let storedFailures: string | null = null;
  let batchResults: BatchResults | undefined;
  // what the node sent, for its file under target/run (where the run keeps those files)
  let recorded: RunSqlRecorder | null = null;
  const writeRunSql = (failed: boolean): string | undefined => {
    const sql = recorded?.runSql(compiledCode, failed) ?? null;
    return sql === null ? undefined : environment.onRunSql?.(node, sql);
  };
  try {
    relation = relationFor(node, environment);
    // every statement of the node reaches the warehouse with the project's query comment
    const comment = environment.queryComment?.(node) ?? null;
    const commented = comment ? commentedAdapter(environment.adapter, comment) : environment.adapter;
    // (recorded as written, without the comment, as dbt's target/run files are)
    if (environment.onRunSql) recorded = recordRunSql(commented);
    const nodeEnvironment = { ...environment, adapter: recorded?.adapter ?? commented };
    if (isExposureNode(node)) {
      // dbt's build reports an exposure and runs nothing for it
      status = "no-op";
      message = "NO-OP";
      failures = 0;
    } else if (isUnitTestNode(node)) {
      ({ status, failures, message } = await runUnitTest(nodeEnvironment.adapter, environment.compiler.unitTests, node, (sql) => (compiledCode = sql)));
      adapterResponse = { _message: "OK" };
    } else if (node.resource_type === "test") {
      const store = storesFailures(node, environment);
      // a `test` materialization of the project takes the place of tsdbt's own verdict query
      const jinja = environment.compiler.macros?.materialization(node.unique_id);
      const note = (level: "debug" | "warn") => (message: string) => environment.emit?.({ kind: "node_debug", unique_id: node.unique_id, message, thread: threadName(thread), level });
      const verdict = jinja
        ? await runJinjaDataTest(nodeEnvironment, node, compile, note)
        : store
          ? await runStoredDataTest(nodeEnvironment, node, compile(false), store)
          : await runDataTest(nodeEnvironment.adapter, node, compile(false));
      if ("relationName" in verdict && verdict.relationName !== undefined) storedFailures = String(verdict.relationName);
      ({ status, failures, message } = verdict);
      adapterResponse = verdict.response ?? { _message: "OK" };
    } else {
      const outcome = await build(node, nodeEnvironment, relation!, compile, thread);
      status = "success";
      message = outcome.message;
      adapterResponse = responseOf(outcome.message, outcome.rowsAffected);
      if ("batchResults" in outcome) {
        // a microbatch model: its batches decide (dbt reports no adapter response and no failures count)
        batchResults = outcome.batchResults as BatchResults;
        status = batchResults.failed.length === 0 ? "success" : outcome.message === "ERROR" ? "error" : "partial success";
        adapterResponse = {};
        failures = 0;
      }
    }
  } catch (error) {
    status = "error";
    const phase = compileTiming.failed ? "compile" : "execute";
    message = nodeErrorMessage(node, error, phase, phase === "execute" ? writeRunSql(true) : undefined);
  }
  if (status !== "error") writeRunSql(false);
  const completedAt = new Date();
  const timing: TimingInfo[] = [];
  // a seed compiles nothing: dbt still times an empty compile phase, and records neither compiled nor the relation in the result
  const seed = node.resource_type === "seed";
  if (seed) compileTiming.started = compileTiming.completed = startedAt;
  if (compileTiming.started && compileTiming.completed) {
    timing.push({ name: "compile", started_at: compileTiming.started.toISOString(), completed_at: compileTiming.completed.toISOString() });
  }
  timing.push({ name: "execute", started_at: (compileTiming.completed ?? startedAt).toISOString(), completed_at: completedAt.toISOString() });
  const ephemeral = node.config.materialized === "ephemeral";
  return {
    status,
    timing,
    thread_id: threadName(thread),
    execution_time: (completedAt.getTime() - startedAt.getTime()) / 1000,
    adapter_response: adapterResponse,
    message,
    failures,
    unique_id: node.unique_id,
    compiled: seed ? null : compiledCode !== null,
    compiled_code: compiledCode,
    relation_name: seed ? null : storedFailures ?? (relation && !ephemeral ? relation.render() : null),
    ...(batchResults ? { batch_results: batchResults } : {}),
  };
}

async function build(
  node: ManifestNode,
  environment: ExecutionEnvironment,
  relation: Relation,
  compile: (isIncremental: boolean) => string,
  thread: number,
): Promise<BuildOutcome> {
  // tsdbt compiles Python models but does not run them: the sentence is dbt's for an adapter without Python
  if (node.language === "python") {
    // compiled first, as dbt's run does (its file is in target/compiled)
    compile(false);
    throw new RunnerError(RunnerErrorCode.pythonModel, `Materialization "materialization_${node.config.materialized}_default" only supports languages ['sql']; got "python"`, {
      file: node.original_file_path,
      hint: `tsdbt compiles Python models but does not run them: write ${node.name} in SQL, or leave it out of the selection (--exclude ${node.name}).`,
    });
  }
  const macros = environment.compiler.macros;
  const emit = environment.emit;
  const note = (level: "debug" | "warn") => (message: string) => emit?.({ kind: "node_debug", unique_id: node.unique_id, message, thread: threadName(thread), level });
  const debug = note("debug");
  // a materialization macro of the project or a package (dbt's precedence) takes the place of tsdbt's own
  const jinja = (node.resource_type === "model" || node.resource_type === "snapshot" || node.resource_type === "seed") && macros ? macros.materialization(node.unique_id) : null;
  const materialize = jinja
    ? node.resource_type === "seed"
      ? jinjaSeedMaterialization
      : jinjaMaterialization
    : node.resource_type === "seed"
      ? seedMaterialization
      : node.resource_type === "snapshot"
        ? snapshotMaterialization
        : node.resource_type === "model"
          ? materializationFor(node)
          : null;
  if (!materialize) {
    throw new RunnerError(RunnerErrorCode.unsupportedResource, `${node.unique_id} is a ${node.resource_type}, which tsdbt cannot execute yet.`, {
      file: node.original_file_path,
      hint: `Exclude it from the selection, e.g. --exclude resource_type:${node.resource_type}.`,
    });
  }
  debug(
    jinja
      ? `${node.unique_id}: materialization '${node.config.materialized}' runs the Jinja macro ${jinja.macroId}.`
      : `${node.unique_id}: materialization '${node.config.materialized}' runs tsdbt's built-in TypeScript strategy.`,
  );
  // (the adapter adds the node's query comment below the logging: the statement events show the statement itself)
  const logged = emit ? statementLoggingAdapter(environment.adapter, (sql) => emit({ kind: "node_sql", unique_id: node.unique_id, sql, thread: threadName(thread) })) : environment.adapter;
  // the model's query_tag goes with every statement of its build (engines without tags ignore it);
  // where the engine has query tags, an override of set_query_tag() decides it, as in dbt's materializations
  const sessionTag = environment.adapter.capabilities.queryTags && macros ? sessionQueryTag(macros, node.unique_id) : null;
  const queryTag = sessionTag ?? node.config.query_tag;
  const adapter = typeof queryTag === "string" && queryTag !== "" ? taggedAdapter(logged, queryTag) : logged;
  const context: BuildContext = {
    node,
    adapter,
    compiler: environment.compiler,
    relation,
    fullRefresh: environment.fullRefresh,
    projectDir: environment.packageDirs?.[node.package_name] ?? environment.projectDir,
    compile,
    macros,
    debug,
    warn: note("warn"),
  };
  if (node.config.materialized !== "ephemeral") await environment.ensureSchema(relation);
  if (isMicrobatchModel(node)) {
    const report = (p: import("./materializations/microbatch").BatchProgress) =>
      emit?.(
        p.kind === "start"
          ? { kind: "batch_start", unique_id: node.unique_id, index: p.index, total: p.total, label: p.label, thread: threadName(thread) }
          : { kind: "batch_finish", unique_id: node.unique_id, index: p.index, total: p.total, label: p.label, status: p.status, message: p.message, error: p.error, execution_time: p.executionTime, thread: threadName(thread) },
      );
    return runMicrobatch(context, materialize, { options: environment.microbatch ?? {}, startedAt: environment.startedAt ?? new Date(), concurrency: environment.threads ?? 1, report });
  }
  return materialize(context);
}

/**
 * The result of a node that did not run. dbt leaves `message` null when a failure upstream
 * skipped the node, and records the reason only for a run cut short (`Skipping due to fail_fast`);
 * `thread` is the worker's name, or dbt's `MainThread` for nodes the run itself skipped.
 */
export function skippedResult(node: ManifestNode, message: string | null, environment: ExecutionEnvironment, thread: string = threadName(1)): NodeResult {
  let relationName: string | null = null;
  try {
    relationName = relationFor(node, environment)?.render() ?? null;
  } catch {
    relationName = null;
  }
  return {
    status: "skipped",
    timing: [],
    thread_id: thread,
    execution_time: 0,
    adapter_response: {},
    message,
    failures: null,
    unique_id: node.unique_id,
    compiled: false,
    compiled_code: null,
    relation_name: relationName,
  };
}
