import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { isPlainObject, parseYaml } from "@tsdbt/core";
import { DEPS_CODES, depsError } from "./deps-error";
import type { PinnedPackage } from "./resolve-packages";
import { dumpPackagesYaml } from "./yaml-writer";

/** dbt's lock file name, beside dbt_project.yml. */
export const LOCK_FILE = "package-lock.yml";

/** What package-lock.yml holds. */
export interface PackageLock {
  packages: Record<string, unknown>[];
  sha1_hash?: string;
}

/** Reads package-lock.yml; `undefined` when there is none. TSDBT-E062 when it is not a lock. */
export function readLock(projectDir: string, env: Record<string, string | undefined>): PackageLock | undefined {
  const file = path.join(projectDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = parseYaml(readFileSync(file, "utf8"), LOCK_FILE);
  const doc = parsed.value;
  if (parsed.diagnostics.some((d) => d.severity === "error") || (doc !== null && doc !== undefined && !isPlainObject(doc))) {
    throw depsError(DEPS_CODES.invalid, `${LOCK_FILE} is not a package lock.`, `Delete ${LOCK_FILE} and run \`tsdbt deps\` to write it again.`, LOCK_FILE);
  }
  const list = isPlainObject(doc) && Array.isArray(doc.packages) ? doc.packages.filter(isPlainObject) : [];
  const hash = isPlainObject(doc) && typeof doc.sha1_hash === "string" ? doc.sha1_hash : undefined;
  return { packages: list.map((e) => renderEnvVars(e, env)), sha1_hash: hash };
}

/** Writes package-lock.yml as dbt lays it out: each resolved package with its `name`, then `sha1_hash`. */
export function writeLock(projectDir: string, pinned: PinnedPackage[], hash: string): string {
  const file = path.join(projectDir, LOCK_FILE);
  const packages = pinned.map((p) => ({ ...p.lock, name: p.name }));
  writeFileSync(file, dumpPackagesYaml({ packages, sha1_hash: hash }));
  return file;
}

const ENV_VAR = /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]*)\3\s*)?\)\s*\}\}/g;

/** Renders `{{ env_var('NAME') }}` in lock entries (dbt writes git and tarball URLs unrendered). */
function renderEnvVars(entry: Record<string, unknown>, env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    out[k] = typeof v === "string" ? v.replace(ENV_VAR, (whole, _q, name: string, _q2, fallback: string | undefined) => env[name] ?? fallback ?? whole) : v;
  }
  return out;
}
