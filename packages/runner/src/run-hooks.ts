import type { Adapter } from "@tsdbt/adapter-api";
import { describeError } from "./runner-error";
import type { NodeCompiler, RunEvent, RunHookError } from "./types";

/**
 * Runs on-run-start or on-run-end hooks in order, each rendered for the run (with `extra`
 * in the template context). Stops at the first failure and returns it, or null.
 */
export async function runProjectHooks(
  which: "on-run-start" | "on-run-end",
  hooks: readonly string[],
  adapter: Adapter,
  compiler: NodeCompiler,
  extra: Record<string, unknown>,
  onEvent: (event: RunEvent) => void,
): Promise<RunHookError | null> {
  for (const [i, hook] of hooks.entries()) {
    const index = i + 1;
    try {
      const sql = compiler.renderHook(hook, null, extra);
      if (sql.trim() !== "") await adapter.execute(sql, { fetch: false });
      onEvent({ kind: "run_hook", hook: which, index, total: hooks.length, status: "success", message: null });
    } catch (error) {
      const message = `${which} hook ${index} failed: ${describeError(error)}`;
      onEvent({ kind: "run_hook", hook: which, index, total: hooks.length, status: "error", message });
      return { hook: which, index, message };
    }
  }
  return null;
}
