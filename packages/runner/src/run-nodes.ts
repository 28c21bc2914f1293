import type { Relation } from "@tsdbt/adapter-api";
import { runResultForJinja, type ManifestNode } from "@tsdbt/core";
import { executeNode, isSuccessful, skippedResult, threadName, type ExecutionEnvironment } from "./execute-node";
import { nodeInfo } from "./node-info";
import { commentedAdapter } from "./materializations/commented-adapter";
import { runProjectHooks } from "./run-hooks";
import { stoppableAdapter } from "./stoppable-adapter";
import { runSchedule } from "./scheduler/dag-scheduler";
import { buildRunTasks } from "./scheduler/run-graph";
import { runnableNode } from "./unit-tests/unit-test-node";
import { withUnitTestTasks } from "./unit-tests/unit-test-tasks";
import { exposureNode, isExposureNode, withExposureTasks } from "./exposures/exposure-tasks";
import type { NodeResult, NodeStatus, RunHookError, RunOptions, RunSummary } from "./types";

/**
 * Executes the selected nodes of a manifest on an adapter: on-run-start hooks, then the
 * nodes in dependency order on `threads` workers (failures skip dependents; `failFast`
 * and the abort signal stop the run), then on-run-end hooks with the results.
 */
export async function runNodes(options: RunOptions): Promise<RunSummary> {
  const { manifest, adapter, compiler } = options;
  const started = new Date();
  const emit = options.onEvent ?? (() => undefined);
  const results: NodeResult[] = [];
  const hookErrors: RunHookError[] = [];
  const schemas = new Map<string, Promise<void>>();
  const stopped = new AbortController();
  const environment: ExecutionEnvironment = {
    adapter: stoppableAdapter(adapter, stopped.signal),
    compiler,
    fullRefresh: options.fullRefresh ?? false,
    storeFailures: options.storeFailures ?? false,
    projectDir: options.projectDir,
    packageDirs: options.packageDirs ?? {},
    emit,
    queryComment: options.queryComment,
    microbatch: options.microbatch,
    startedAt: started,
    threads: adapter.capabilities.concurrentStatements ? Math.max(1, options.threads) : 1,
    onRunSql: options.onRunSql,
    ensureSchema: (relation) => ensureSchema(schemas, environment.adapter, relation),
  };
  const tasks = withExposureTasks(manifest, options.selected, withUnitTestTasks(manifest, options.selected, buildRunTasks(manifest, options.selected)));
  const nodeOf = (id: string): ManifestNode => (runnableNode(manifest, id) ?? exposureNode(manifest, id))!;
  const recorded = (node: ManifestNode) => !(node.resource_type === "model" && node.config.materialized === "ephemeral");
  const total = tasks.filter((t) => recorded(nodeOf(t.id))).length;
  let index = 0;
  const record = (node: ManifestNode, result: NodeResult, position: number): void => {
    if (!recorded(node)) return;
    results.push(result);
    emit({ kind: "node_finish", index: position, total, node_info: nodeInfo(node, environment, result), result });
  };

  await adapter.open();
  // the run's hooks carry the query comment of statements of no node, as dbt's "master" connection does
  const runComment = options.queryComment?.(null) ?? null;
  const hookAdapter = runComment ? commentedAdapter(adapter, runComment) : adapter;
  const startHooks = await runProjectHooks("on-run-start", options.onRunStart ?? [], hookAdapter, compiler, {}, emit, options.projectName);
  results.push(...startHooks.results);
  const startError = startHooks.error;
  let interrupted = false;
  if (startError) hookErrors.push(startError);
  if (startError && options.skipNodesIfOnRunStartFails) {
    // dbt's `skip_nodes_if_on_run_start_fails` flag: every node skipped by the run itself, with no message
    for (const task of tasks) {
      const node = nodeOf(task.id);
      record(node, skippedResult(node, null, environment, MAIN_THREAD), recorded(node) ? ++index : index);
    }
  } else {
    const outcome = await runSchedule(tasks, {
      threads: adapter.capabilities.concurrentStatements ? Math.max(1, options.threads) : 1,
      failFast: options.failFast,
      signal: options.signal,
      stop: () => {
        stopped.abort();
        return adapter.cancel();
      },
      run: async (id, thread) => {
        const node = nodeOf(id);
        const position = recorded(node) ? ++index : index;
        // dbt announces no start for an exposure: it only reports the no-op
        if (recorded(node) && !isExposureNode(node)) emit({ kind: "node_start", index: position, total, node_info: nodeInfo(node, environment, null), thread: threadName(thread) });
        const result = await executeNode(node, environment, thread);
        record(node, result, position);
        return isSuccessful(result.status);
      },
      skip: (id, reason) => {
        const node = nodeOf(id);
        // dbt records no message for a node skipped because a parent failed; --fail-fast's skips say so
        const skipped = reason.kind === "fail-fast" ? skippedResult(node, FAIL_FAST_MESSAGE, environment, MAIN_THREAD) : skippedResult(node, null, environment);
        record(node, skipped, recorded(node) ? ++index : index);
      },
    });
    interrupted = outcome.interrupted;
  }
  if (!interrupted) {
    const schemaList = [...schemas.keys()].map((key) => JSON.parse(key) as [string | null, string]);
    // the nodes' results (not the hooks'), each with its node, as dbt's RunResult in on-run-end's `results`
    const nodeResults = results.filter((r) => !startHooks.results.includes(r));
    const extra = { results: nodeResults.map((r) => runResultForJinja(r, nodeOf(r.unique_id))), schemas: schemaList.map(([, s]) => s), database_schemas: schemaList };
    const ended = await runProjectHooks("on-run-end", options.onRunEnd ?? [], hookAdapter, compiler, extra, emit, options.projectName);
    results.push(...ended.results);
    if (ended.error) hookErrors.push(ended.error);
  }
  return {
    results,
    elapsed: (Date.now() - started.getTime()) / 1000,
    counts: countStatuses(results),
    interrupted,
    startedAt: started.toISOString(),
    hookErrors,
  };
}

/** The message of a node `--fail-fast` kept from running, as dbt words it. */
const FAIL_FAST_MESSAGE = "Skipping due to fail_fast";
/** dbt's name of the thread that records the nodes the run itself skipped. */
const MAIN_THREAD = "MainThread";

function countStatuses(results: readonly NodeResult[]): Record<NodeStatus, number> {
  const counts: Record<NodeStatus, number> = { success: 0, error: 0, skipped: 0, pass: 0, warn: 0, fail: 0, "no-op": 0, "partial success": 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** Creates a relation's schema the first time a run builds into it. */
function ensureSchema(cache: Map<string, Promise<void>>, adapter: ExecutionEnvironment["adapter"], relation: Relation): Promise<void> {
  const key = JSON.stringify([relation.database, relation.schema]);
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const existing = await adapter.listSchemas(relation.database);
      if (!existing.some((s) => s.toLowerCase() === relation.schema.toLowerCase())) {
        await adapter.execute(adapter.dialect.createSchema(relation.database, relation.schema, relation.quotePolicy), { fetch: false });
      }
    })();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}
