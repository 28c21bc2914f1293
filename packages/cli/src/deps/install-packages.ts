import { cpSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import type { HubVersion } from "./hub-client";
import { DEPS_CODES, depsError } from "./deps-error";
import { moveFolder, type PackageSource } from "./package-source";
import { readProjectPackages } from "./read-package-specs";
import { latestVersion } from "./semver";
import { HUB_DBT_VERSION } from "./resolve-packages";
import { satisfiesDbtVersion } from "@tsdbt/core";

/** What installing one lock entry reports (dbt's Deps* events). */
export interface InstallReport {
  /** "Installing <label>". */
  label: string;
  name: string;
  /** "Installed from <versionName>". */
  versionName: string;
  /** Hub packages: the version installed and the latest installable one. */
  version?: string;
  latest?: string;
  subdirectory?: string;
}

/**
 * Installs one package-lock.yml entry into `installDir/<name>`: hub and tarball archives are
 * downloaded and unpacked, git repositories cloned at the locked commit, local packages linked
 * (copied where links are not available), as dbt does.
 */
export async function installLockEntry(entry: Record<string, unknown>, installDir: string, projectDir: string, source: PackageSource, env: Record<string, string | undefined>): Promise<InstallReport> {
  if (typeof entry.package === "string") {
    const pkg = entry.package;
    const version = String(entry.version);
    const versions = await source.hub.versions(pkg);
    const meta = versions[version] as HubVersion | undefined;
    if (!meta) throw depsError(DEPS_CODES.noVersion, `The locked version ${version} of ${pkg} is not in the package hub.`, "Run `tsdbt deps --upgrade` to resolve the versions again.", "package-lock.yml");
    const dir = await source.tarball(meta.downloads.tarball, `package ${pkg}`);
    const name = meta.name ?? String(entry.name);
    moveFolder(dir, path.join(installDir, name));
    const compatible = Object.entries(versions)
      .filter(([, v]) => !v.require_dbt_version || satisfiesDbtVersion(HUB_DBT_VERSION, [v.require_dbt_version].flat().map(String)) !== false)
      .map(([k]) => k);
    return { label: pkg, name, versionName: `version ${version}`, version, latest: latestVersion(compatible, false) };
  }
  if (typeof entry.git === "string") {
    const revision = entry.revision === undefined || entry.revision === null ? "HEAD" : String(entry.revision);
    const subdirectory = typeof entry.subdirectory === "string" ? entry.subdirectory : undefined;
    const { dir } = await source.checkout(entry.git, revision);
    const root = subdirectory ? path.join(dir, subdirectory) : dir;
    const name = typeof entry.name === "string" ? entry.name : (await readProjectPackages(root, env)).name;
    moveFolder(root, path.join(installDir, name));
    return { label: subdirectory ? `${entry.git}/${subdirectory}` : entry.git, name, versionName: revision === "HEAD" ? "HEAD (default revision)" : `revision ${revision}`, subdirectory };
  }
  if (typeof entry.tarball === "string") {
    const name = String(entry.name);
    const dir = await source.tarball(entry.tarball, `package ${name}`);
    moveFolder(dir, path.join(installDir, name));
    return { label: name, name, versionName: `tarball (url: ${entry.tarball})` };
  }
  if (typeof entry.local === "string") {
    const from = path.resolve(projectDir, entry.local);
    const name = typeof entry.name === "string" ? entry.name : (await readProjectPackages(from, env)).name;
    const to = path.join(installDir, name);
    rmSync(to, { recursive: true, force: true });
    mkdirSync(installDir, { recursive: true });
    try {
      symlinkSync(from, to, "dir");
    } catch {
      cpSync(from, to, { recursive: true, filter: (src) => !/[\\/](target|dbt_packages|node_modules|\.git)$/.test(src) });
    }
    return { label: entry.local, name, versionName: `<local @ ${entry.local}>` };
  }
  throw depsError(DEPS_CODES.invalid, `An entry of package-lock.yml names no package: ${JSON.stringify(entry)}.`, "Run `tsdbt deps --upgrade` to write the lock again.", "package-lock.yml");
}
