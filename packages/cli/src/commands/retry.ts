import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DiagnosticError, loadProjectConfig } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";
import { COMMAND_TYPES, executeCommand } from "./run";

/** `tsdbt retry`: re-runs the nodes that errored, failed or were skipped in the last run_results.json. */
export async function retryCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.args.projectDir);
  const project = await loadProjectConfig(projectDir, { env: ctx.env });
  if (!project.value) throw new DiagnosticError(project.diagnostics.filter((d) => d.severity === "error"));
  const file = path.resolve(projectDir, ctx.args.targetPath ?? project.value.targetPath, "run_results.json");
  if (!existsSync(file)) {
    throw new DiagnosticError([{ code: "TSDBT-E055", severity: "error", message: `There is no ${path.relative(ctx.cwd, file)} to retry from.`, hint: "Run `tsdbt run` or `tsdbt build` first." }]);
  }
  const previous = JSON.parse(readFileSync(file, "utf8")) as { results: { unique_id: string; status: string }[]; args?: { which?: string } };
  const which = previous.args?.which && COMMAND_TYPES[previous.args.which] ? previous.args.which : "build";
  const ids = previous.results.filter((r) => ["error", "fail", "skipped", "runtime error"].includes(r.status)).map((r) => r.unique_id);
  if (ids.length === 0) {
    ctx.logger.fire("NothingToDo", "Nothing to retry: the last run had no errors, failures or skips.", {}, { level: "info" });
    return { exitCode: 0, result: [] };
  }
  ctx.logger.fire("RetryStart", `Retrying ${ids.length} node${ids.length === 1 ? "" : "s"} of the last '${which}'.`);
  return executeCommand(ctx, which, { ids });
}
