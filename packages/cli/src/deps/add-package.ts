import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { isPlainObject, parseYaml } from "@tsdbt/core";
import { DEPS_CODES, depsError } from "./deps-error";
import { dumpPackagesYaml } from "./yaml-writer";

/** What `--add-package` did. */
export interface AddedPackage {
  file: string;
  name: string;
  version?: string;
  /** Entries it removed because they named the same package. */
  removed: Record<string, unknown>[];
}

/**
 * `deps --add-package name@version [--source hub|git|local]`: writes the entry into the
 * project's packages file (creating packages.yml when there is none), replacing any entry that
 * names the same package, as dbt does. A version with commas becomes a list of ranges.
 */
export function addPackage(projectDir: string, specFile: string, arg: string, source: string): AddedPackage {
  const at = arg.lastIndexOf("@");
  const name = at > 0 ? arg.slice(0, at) : arg;
  const version = at > 0 ? arg.slice(at + 1) : undefined;
  if (!name) throw depsError(DEPS_CODES.invalid, `--add-package '${arg}' names no package.`, "Write --add-package dbt-labs/dbt_utils@1.3.0.");
  if (source === "hub" && !version) throw depsError(DEPS_CODES.invalid, `--add-package ${name} gives no version; hub packages need one.`, `Write --add-package ${name}@1.0.0 (or a range, e.g. ">=1.0.0,<2.0.0").`);
  const entry: Record<string, unknown> = { [source === "hub" ? "package" : source]: name };
  if (version) entry[source === "git" ? "revision" : "version"] = version.includes(",") ? version.split(",") : version;
  const file = path.join(projectDir, specFile);
  let doc: Record<string, unknown> = { packages: [] };
  if (existsSync(file)) {
    const parsed = parseYaml(readFileSync(file, "utf8"), specFile).value;
    if (isPlainObject(parsed)) doc = { ...parsed };
  }
  const list = Array.isArray(doc.packages) ? (doc.packages as unknown[]) : [];
  const removed: Record<string, unknown>[] = [];
  const kept = list.filter((e) => {
    const same = isPlainObject(e) && Object.values(e).some((v) => typeof v === "string" && v.includes(name));
    if (same) removed.push(e as Record<string, unknown>);
    return !same;
  });
  doc.packages = [...kept, entry];
  writeFileSync(file, dumpPackagesYaml(doc));
  return { file, name, version, removed };
}
