import { mkdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import { DiagnosticError, parseCliVars } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";
import { addPackage } from "../deps/add-package";
import { hubBaseUrl } from "../deps/hub-client";
import { installLockEntry, type InstallReport } from "../deps/install-packages";
import { readLock, writeLock } from "../deps/lock-file";
import { packagesHash } from "../deps/package-spec";
import { PackageSource } from "../deps/package-source";
import { readProjectPackages } from "../deps/read-package-specs";
import { resolvePackages } from "../deps/resolve-packages";

/**
 * `tsdbt deps`, as dbt's: resolves packages.yml / dependencies.yml (hub, git, tarball and local
 * packages, transitively) into package-lock.yml, or reuses the lock while the entries are
 * unchanged (same `sha1_hash`), then installs the locked packages into packages-install-path.
 * `--upgrade` resolves again, `--lock` only writes the lock, `--add-package` adds an entry first.
 */
export async function depsCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const projectDir = path.resolve(ctx.cwd, ctx.args.projectDir);
  const flags = ctx.args.flags;
  const cliVars = parseCliVars(ctx.args.vars);
  if (cliVars.diagnostics.length) throw new DiagnosticError(cliVars.diagnostics);
  let project = await readProjectPackages(projectDir, ctx.env, cliVars.vars);

  if (typeof flags["add-package"] === "string") {
    const source = typeof flags.source === "string" ? flags.source : "hub";
    const added = addPackage(projectDir, project.specFile, flags["add-package"], source);
    for (const r of added.removed) ctx.logger.fire("DepsFoundDuplicatePackage", `Found duplicate package in packages.yml, removing: ${JSON.stringify(r)}`, { removed_package: r });
    ctx.logger.fire("DepsAddPackage", `Added new package ${added.name}@${added.version ?? "None"} to ${added.file}`, { package_name: added.name, version: added.version ?? null, packages_filepath: added.file });
    project = await readProjectPackages(projectDir, ctx.env, cliVars.vars);
  }

  const source = new PackageSource(hubBaseUrl(ctx.env), ctx.env);
  try {
    const hash = packagesHash(project.specs);
    const lock = readLock(projectDir, ctx.env);
    if (project.specs.length && (!lock || flags.upgrade === true || lock.sha1_hash !== hash)) {
      const pinned = await resolvePackages(project.specs, { projectDir, rootName: project.name, source, env: ctx.env });
      for (const p of pinned) {
        if (!p.unpinned) continue;
        const how = p.unpinned.revision === "HEAD" ? "is not pinned (it follows the default branch)" : `follows the "${p.unpinned.revision}" branch`;
        ctx.logger.fire("DepsUnpinned", `WARNING: The git package "${p.unpinned.url}" ${how}: new commits can change your project without notice. Pin \`revision:\` to a tag or a commit (or set warn-unpinned: false).`, { revision: p.unpinned.revision, git: p.unpinned.url });
      }
      const file = writeLock(projectDir, pinned, hash);
      ctx.logger.fire("DepsLockUpdating", `Updating lock file in file path: ${file}`, { lock_filepath: file });
    }
    if (flags.lock === true) return { exitCode: 0, result: [] };

    const installDir = path.resolve(projectDir, project.config.packagesInstallPath);
    rmSync(installDir, { recursive: true, force: true });
    mkdirSync(installDir, { recursive: true });
    const entries = project.specs.length ? (readLock(projectDir, ctx.env)?.packages ?? []) : [];
    if (entries.length === 0) {
      ctx.logger.fire("DepsNoPackagesFound", "Warning: No packages were found in packages.yml");
      return { exitCode: 0, result: [] };
    }
    const reports: InstallReport[] = [];
    const outdated: string[] = [];
    for (const entry of entries) {
      const label = typeof entry.package === "string" ? entry.package : typeof entry.tarball === "string" ? String(entry.name) : typeof entry.git === "string" && typeof entry.subdirectory === "string" ? `${entry.git}/${entry.subdirectory}` : String(entry.git ?? entry.local ?? "");
      ctx.logger.fire("DepsStartPackageInstall", `Installing ${label}`, { package_name: label });
      const r = await installLockEntry(entry, installDir, projectDir, source, ctx.env);
      reports.push(r);
      ctx.logger.fire("DepsInstallInfo", `Installed from ${r.versionName}`, { version_name: r.versionName });
      if (r.version !== undefined) {
        if (r.latest && r.latest !== r.version) {
          outdated.push(r.label);
          ctx.logger.fire("DepsUpdateAvailable", `Updated version available: ${r.latest}`, { version_latest: r.latest });
        } else ctx.logger.fire("DepsUpToDate", "Up to date!");
      }
      if (r.subdirectory) ctx.logger.fire("DepsListSubdirectory", `and subdirectory ${r.subdirectory}`, { subdirectory: r.subdirectory });
    }
    if (outdated.length) {
      ctx.logger.fire("Formatting", "", {});
      const list = `[${outdated.map((p) => `'${p}'`).join(", ")}]`;
      ctx.logger.fire("DepsNotifyUpdatesAvailable", `Updates available for packages: ${list}\nUpdate your versions in packages.yml, then run tsdbt deps`, { packages: outdated });
    }
    return { exitCode: 0, result: reports.map((r) => r.name) };
  } finally {
    source.dispose();
  }
}
