import { cpSync, existsSync, rmSync } from "node:fs";
import * as path from "node:path";
import { DiagnosticError, loadInstalledPackages, loadProjectConfig, type Diagnostic } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";

/**
 * `tsdbt deps`: installs the packages of packages.yml / dependencies.yml into the packages
 * install path. `local:` packages are copied in; packages from the hub, git or a tarball
 * cannot be downloaded by tsdbt yet — an installed copy (from `dbt deps` or by hand) is used
 * when present, otherwise the command says so and exits 2.
 */
export async function depsCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.args.projectDir);
  const project = await loadProjectConfig(projectDir, { env: ctx.env });
  if (!project.value) throw new DiagnosticError(project.diagnostics.filter((d) => d.severity === "error"));
  const installDir = path.resolve(projectDir, project.value.packagesInstallPath);
  const { declarations, value: installed } = await loadInstalledPackages(project.value, { env: ctx.env });
  if (declarations.length === 0) {
    ctx.logger.fire("DepsNoPackagesFound", "No packages to install: there is no packages.yml or dependencies.yml with packages.");
    return { exitCode: 0, result: [] };
  }
  const problems: Diagnostic[] = [];
  const done: string[] = [];
  for (const d of declarations) {
    if (d.source === "local") {
      const from = path.resolve(projectDir, d.spec);
      const local = await loadProjectConfig(from, { env: ctx.env });
      if (!local.value) {
        problems.push({ code: "TSDBT-E056", severity: "error", message: `The local package '${d.spec}' has no readable dbt_project.yml.`, file: d.file, hint: "Point `local:` at a dbt project folder." });
        continue;
      }
      const to = path.join(installDir, local.value.name);
      rmSync(to, { recursive: true, force: true });
      cpSync(from, to, { recursive: true, filter: (src) => !/[\\/](target|dbt_packages|node_modules|\.git)$/.test(src) });
      ctx.logger.fire("DepsInstallInfo", `Installed local package ${local.value.name} from ${d.spec}`);
      done.push(local.value.name);
      continue;
    }
    const name = d.spec.split("/").pop()?.replace(/\.git$/, "") ?? d.spec;
    const present = (installed ?? []).some((p) => p.name === name || path.basename(p.projectDir) === name) || existsSync(path.join(installDir, name));
    if (present) {
      ctx.logger.fire("DepsUpToDate", `Using the installed copy of ${d.spec} (tsdbt does not download ${d.source} packages).`);
      done.push(name);
    } else {
      problems.push({
        code: "TSDBT-E057",
        severity: "error",
        message: `tsdbt cannot download the ${d.source} package '${d.spec}' yet.`,
        file: d.file,
        hint: `Install it with \`dbt deps\`, or copy the package into ${path.relative(projectDir, installDir) || installDir}/${name}; tsdbt uses installed packages as they are.`,
      });
    }
  }
  if (problems.length) throw new DiagnosticError(problems);
  return { exitCode: 0, result: done };
}
