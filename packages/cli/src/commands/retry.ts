import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DiagnosticError, loadProjectConfig } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";
import type { BatchResults } from "@tsdbt/runner";
import { COMMAND_TYPES, executeCommand, type ExecuteOptions } from "./run";

/** `tsdbt retry`: re-runs the nodes that errored, failed or were skipped in the last run_results.json. */
export async function retryCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.cwd, ctx.args.projectDir);
  const project = await loadProjectConfig(projectDir, { env: ctx.env });
  if (!project.value) throw new DiagnosticError(project.diagnostics.filter((d) => d.severity === "error"));
  const file = path.resolve(projectDir, ctx.args.targetPath ?? project.value.targetPath, "run_results.json");
  if (!existsSync(file)) {
    throw new DiagnosticError([{ code: "TSDBT-E055", severity: "error", message: `There is no ${path.relative(ctx.cwd, file)} to retry from.`, hint: "Run `tsdbt run` or `tsdbt build` first." }]);
  }
  const previous = JSON.parse(readFileSync(file, "utf8")) as PreviousRun;
  const which = previous.args?.which && COMMAND_TYPES[previous.args.which] ? previous.args.which : "build";
  const ids = previous.results.filter((r) => ["error", "fail", "skipped", "runtime error", "partial success"].includes(r.status)).map((r) => r.unique_id);
  if (ids.length === 0) {
    ctx.logger.fire("NothingToDo", "Nothing to retry: the last run had no errors, failures or skips.", {}, { level: "info" });
    return { exitCode: 0, result: [] };
  }
  ctx.logger.fire("RetryStart", `Retrying ${ids.length} node${ids.length === 1 ? "" : "s"} of the last '${which}'.`);
  return executeCommand(ctx, which, { ids, ...microbatchRetry(previous) });
}

/** What retry reads of the last run_results.json. */
interface PreviousRun {
  results: { unique_id: string; status: string; batch_results?: BatchResults | null }[];
  args?: { which?: string; event_time_start?: string; event_time_end?: string };
  metadata?: { invocation_started_at?: string; generated_at?: string };
}

/**
 * How microbatch models are retried, as dbt retries them: a model some of whose batches succeeded
 * runs only its failed batches; the others recompute their batches from the last run's clock and
 * `--event-time-*`, so the same batches are built.
 */
function microbatchRetry(previous: PreviousRun): Pick<ExecuteOptions, "batches" | "now" | "eventTime"> {
  const batches: Record<string, BatchResults> = {};
  for (const r of previous.results) if (r.batch_results && r.batch_results.successful.length > 0 && r.batch_results.failed.length > 0) batches[r.unique_id] = r.batch_results;
  const started = previous.metadata?.invocation_started_at ?? previous.metadata?.generated_at;
  const { event_time_start: start, event_time_end: end } = previous.args ?? {};
  return {
    batches,
    now: started ? new Date(started) : undefined,
    eventTime: start && end ? { start: new Date(`${start}Z`), end: new Date(`${end}Z`) } : undefined,
  };
}
