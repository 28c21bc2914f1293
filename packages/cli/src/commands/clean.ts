import { rm } from "node:fs/promises";
import * as path from "node:path";
import { DiagnosticError, loadProjectConfig } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";

/** `tsdbt clean`: removes the clean-targets of dbt_project.yml (only inside the project). */
export async function cleanCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.args.projectDir);
  const loaded = await loadProjectConfig(projectDir, { env: ctx.env });
  if (!loaded.value) throw new DiagnosticError(loaded.diagnostics.filter((d) => d.severity === "error"));
  const removed: string[] = [];
  for (const target of loaded.value.cleanTargets) {
    const full = path.resolve(projectDir, target);
    if (full === projectDir || !full.startsWith(projectDir + path.sep)) {
      throw new DiagnosticError([{ code: "TSDBT-E051", severity: "error", message: `clean-targets entry '${target}' is outside the project directory; tsdbt will not delete it.`, file: "dbt_project.yml", hint: "List only folders inside the project, like target and dbt_packages." }]);
    }
    await rm(full, { recursive: true, force: true });
    removed.push(target);
    ctx.logger.fire("CheckCleanPath", `Cleaned ${target}/`);
  }
  ctx.logger.fire("FinishedCleanPaths", "Finished cleaning all paths.");
  return { exitCode: 0, result: removed };
}
