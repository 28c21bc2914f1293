import { readFile, rm } from "node:fs/promises";
import * as path from "node:path";
import { DiagnosticError, loadProjectConfig } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";

/** `tsdbt clean`: removes the clean-targets of dbt_project.yml (only inside the project). */
export async function cleanCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.cwd, ctx.args.projectDir);
  const loaded = await loadProjectConfig(projectDir, { env: ctx.env });
  if (!loaded.value) throw new DiagnosticError(loaded.diagnostics.filter((d) => d.severity === "error"));
  const removed: string[] = [];
  // every entry is checked before anything is deleted
  for (const target of loaded.value.cleanTargets) {
    const full = path.resolve(projectDir, target);
    if (full === projectDir || !full.startsWith(projectDir + path.sep)) {
      throw new DiagnosticError([{ code: "TSDBT-E051", severity: "error", message: `clean-targets entry '${target}' is outside the project directory; tsdbt will not delete it.`, file: "dbt_project.yml", ...(await entryPosition(projectDir, target)), hint: "List only folders inside the project, like target and dbt_packages." }]);
    }
  }
  for (const target of loaded.value.cleanTargets) {
    await rm(path.resolve(projectDir, target), { recursive: true, force: true });
    removed.push(target);
    ctx.logger.fire("CheckCleanPath", `Cleaned ${target}/`);
  }
  ctx.logger.fire("FinishedCleanPaths", "Finished cleaning all paths.");
  return { exitCode: 0, result: removed };
}

/** Line and column of a clean-targets entry in dbt_project.yml (its first mention after `clean-targets`). */
async function entryPosition(projectDir: string, target: string): Promise<{ line?: number; col?: number }> {
  const lines = (await readFile(path.join(projectDir, "dbt_project.yml"), "utf8").catch(() => "")).split(/\r?\n/);
  const from = lines.findIndex((l) => /^\s*clean-targets\s*:/.test(l));
  if (from < 0) return {};
  for (let i = from; i < lines.length; i++) {
    const col = lines[i]!.indexOf(target, i === from ? lines[i]!.indexOf(":") : 0);
    if (col >= 0) return { line: i + 1, col: col + 1 };
  }
  return {};
}
