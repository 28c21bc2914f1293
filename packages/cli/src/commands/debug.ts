import * as path from "node:path";
import { formatDiagnostic, loadProfile, loadProjectConfig, DiagnosticError, type Diagnostic } from "@tsdbt/core";
import { startAdapterWorker, type ProfileTarget } from "@tsdbt/adapter-api";
import type { CommandContext, CommandOutcome } from "../command-context";

/** `tsdbt debug`: checks dbt_project.yml, the profile and the connection, one line each. */
export async function debugCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const log = (msg: string) => ctx.logger.fire("DebugCmdOut", msg);
  const problems: Diagnostic[] = [];
  const projectDir = path.resolve(ctx.cwd, ctx.args.projectDir);
  if (ctx.args.flags["config-dir"]) {
    // dbt's `debug --config-dir`: where profiles.yml is looked for first, and nothing else
    const dir = path.resolve(ctx.cwd, ctx.args.profilesDir ?? ctx.env.DBT_PROFILES_DIR ?? projectDir);
    const open = process.platform === "darwin" ? "open" : process.platform === "win32" ? "start" : "xdg-open";
    ctx.logger.fire("OpenCommand", `To view your profiles.yml file, run:\n\n${open} ${dir}`, { open_cmd: open, profiles_dir: dir });
    return { exitCode: 0 };
  }
  log(`Using dbt_project.yml file at ${path.join(projectDir, "dbt_project.yml")}`);
  const project = await loadProjectConfig(projectDir, { env: ctx.env });
  problems.push(...project.diagnostics.filter((d) => d.severity === "error"));
  log(`  dbt_project.yml file [${project.value ? "OK found and valid" : "ERROR invalid"}]`);
  if (!project.value) return finish(ctx, problems);
  const profile = await loadProfile({ projectDir, profilesDir: ctx.args.profilesDir === undefined ? undefined : path.resolve(ctx.cwd, ctx.args.profilesDir), profileName: ctx.args.profile ?? project.value.profile ?? project.value.name, targetName: ctx.args.target, env: ctx.env });
  problems.push(...profile.diagnostics.filter((d) => d.severity === "error"));
  log(`  profiles.yml file [${profile.value ? `OK found and valid (${profile.value.file})` : "ERROR invalid"}]`);
  if (!profile.value) return finish(ctx, problems);
  log(`Connection:\n  type: ${profile.value.target.type}\n  target: ${profile.value.targetName}\n  schema: ${profile.value.target.schema}\n  threads: ${profile.value.threads}`);
  try {
    const adapter = await startAdapterWorker(profile.value.target as ProfileTarget, { projectDir, targetPath: path.resolve(projectDir, project.value.targetPath) });
    try {
      await adapter.open();
      await adapter.execute("select 1 as ok");
      log("  Connection test: [OK connection ok]");
    } finally {
      await adapter.close();
    }
  } catch (e) {
    const err = e as { code?: string; message: string; hint?: string };
    problems.push({ code: err.code ?? "TSDBT-E043", severity: "error", message: `Could not connect to the target: ${err.message}`, hint: err.hint ?? "Check the target's connection settings in profiles.yml." });
    log("  Connection test: [ERROR]");
  }
  return finish(ctx, problems);
}

function finish(ctx: CommandContext, problems: Diagnostic[]): CommandOutcome {
  if (problems.length) {
    for (const d of problems) ctx.logger.fire("DebugCmdResult", formatDiagnostic(d), {}, { level: "error" });
    throw new DiagnosticError(problems);
  }
  ctx.logger.fire("DebugCmdResult", "All checks passed!");
  return { exitCode: 0 };
}
