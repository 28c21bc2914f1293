import type { Adapter } from "@tsdbt/adapter-api";
import { describeError } from "./runner-error";
import type { NodeCompiler, NodeResult, ProjectHook, RunEvent, RunHookError } from "./types";

/** What running a project's hooks of one kind gave: a result per hook run, and the failure that stopped them. */
export interface ProjectHooksOutcome {
  results: NodeResult[];
  error: RunHookError | null;
}

/**
 * Runs on-run-start or on-run-end hooks in order, each rendered for the run (with `extra`
 * in the template context): the root project's, then installed packages'. Stops at the first
 * failure: the hooks after it are recorded as skipped. Each hook run gives a result as dbt records it: its operation node
 * `operation.<project>.<project>-<which>-<n>`, status success (message
 * `<project>.<which>.<n> passed`, n counting across projects) or error, thread `main`, its SQL.
 */
export async function runProjectHooks(
  which: "on-run-start" | "on-run-end",
  hooks: readonly (string | ProjectHook)[],
  adapter: Adapter,
  compiler: NodeCompiler,
  extra: Record<string, unknown>,
  onEvent: (event: RunEvent) => void,
  projectName = "project",
): Promise<ProjectHooksOutcome> {
  const results: NodeResult[] = [];
  const perProject = new Map<string, number>();
  let failed: RunHookError | null = null;
  for (const [i, entry] of hooks.entries()) {
    const index = i + 1;
    const { project, sql: hook } = typeof entry === "string" ? { project: projectName, sql: entry } : entry;
    // dbt numbers the hooks of one kind across projects in its names, per project in its node ids
    const own = perProject.get(project) ?? 0;
    perProject.set(project, own + 1);
    const uniqueId = `operation.${project}.${project}-${which}-${own}`;
    const name = `${project}.${which}.${i}`;
    const base = { hook: which, index, total: hooks.length, name } as const;
    if (failed) {
      // as dbt: the hooks after a failed one do not run; each is recorded as skipped
      results.push(skippedHook(uniqueId, name));
      onEvent({ kind: "run_hook", ...base, status: "skipped", message: null, execution_time: 0 });
      continue;
    }
    const started = new Date();
    let compiled: Date | null = null;
    let sql: string | null = null;
    let error: unknown = null;
    // as dbt: the hook is rendered, then announced, then run
    try {
      sql = compiler.renderHook(hook, project === projectName ? null : uniqueId, extra);
      compiled = new Date();
    } catch (e) {
      error = e;
    }
    onEvent({ kind: "run_hook", ...base, status: "started", message: null, execution_time: 0 });
    try {
      if (sql !== null && sql.trim() !== "") await adapter.execute(sql, { fetch: false });
    } catch (e) {
      error = e;
    }
    const finished = new Date();
    const executionTime = (finished.getTime() - started.getTime()) / 1000;
    const message = error === null ? `${name} passed` : `${name} failed, error:\n ${describeError(error)}`;
    results.push({
      status: error === null ? "success" : "error",
      timing: [
        { name: "compile", started_at: started.toISOString(), completed_at: (compiled ?? finished).toISOString() },
        { name: "execute", started_at: (compiled ?? finished).toISOString(), completed_at: finished.toISOString() },
      ],
      thread_id: "main",
      execution_time: executionTime,
      adapter_response: {},
      message,
      failures: error === null ? 0 : 1,
      unique_id: uniqueId,
      compiled: sql !== null,
      compiled_code: sql,
      relation_name: null,
    });
    if (error === null) {
      onEvent({ kind: "run_hook", ...base, status: "success", message: null, execution_time: executionTime });
      continue;
    }
    const failure = `${which} hook ${index} failed: ${describeError(error)}`;
    onEvent({ kind: "run_hook", ...base, status: "error", message: failure, execution_time: executionTime });
    failed = { hook: which, index, message: failure };
  }
  return { results, error: failed };
}

/** The result of a hook that did not run because an earlier one failed, as dbt records it (failures 1). */
function skippedHook(uniqueId: string, name: string): NodeResult {
  return {
    status: "skipped",
    timing: [],
    thread_id: "main",
    execution_time: 0,
    adapter_response: {},
    message: `${name} skipped`,
    failures: 1,
    unique_id: uniqueId,
    compiled: false,
    compiled_code: null,
    relation_name: null,
  };
}
