import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { DiagnosticError, isPlainObject, loadInstalledPackages, loadProjectConfig, parseYaml, type ProjectConfig } from "@tsdbt/core";
import { sourceOf, type PackageSpec } from "./package-spec";

/** A project's name and package entries. */
export interface ProjectPackages {
  name: string;
  config: ProjectConfig;
  specs: PackageSpec[];
  /** The file `--add-package` writes: dependencies.yml when it lists packages, else packages.yml. */
  specFile: string;
}

/**
 * Reads a project's dbt_project.yml and the entries of its packages.yml / dependencies.yml,
 * each both rendered (env_var, --vars) and as written. Errors in those files throw.
 */
export async function readProjectPackages(dir: string, env: Record<string, string | undefined>, cliVars?: Record<string, unknown>, label?: string): Promise<ProjectPackages> {
  const project = await loadProjectConfig(dir, { env, ...(label ? { fileLabel: label } : {}) });
  if (!project.value) throw new DiagnosticError(project.diagnostics.filter((d) => d.severity === "error"));
  const loaded = await loadInstalledPackages(project.value, { env, cliVars });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error" && d.code !== "TSDBT-E009" && (d.file === "packages.yml" || d.file === "dependencies.yml"));
  if (errors.length) throw new DiagnosticError(errors);
  const specs: PackageSpec[] = [];
  let specFile = "packages.yml";
  for (const file of ["packages.yml", "dependencies.yml"]) {
    const unrendered = await unrenderedEntries(path.join(dir, file));
    const rendered = loaded.declarations.filter((d) => d.file === file);
    if (file === "dependencies.yml" && rendered.length) specFile = file;
    rendered.forEach((d, i) => {
      const source = sourceOf(d.raw);
      const where = { file: label ? path.posix.join(path.dirname(label), file) : file, line: unrendered[i]?.line };
      if (source) specs.push({ source, rendered: d.raw, unrendered: unrendered[i]?.entry ?? d.raw, ...where });
    });
  }
  return { name: project.value.name, config: project.value, specs, specFile };
}

/** The package entries of a packages.yml as written, with the line each starts on. */
async function unrenderedEntries(file: string): Promise<{ entry: Record<string, unknown>; line?: number }[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return [];
  }
  const parsed = parseYaml(text, path.basename(file));
  const doc = parsed.value;
  const list: unknown[] = isPlainObject(doc) && Array.isArray(doc.packages) ? doc.packages : [];
  return list.flatMap((e, i) => (isPlainObject(e) && sourceOf(e) !== undefined ? [{ entry: e, line: parsed.locate(["packages", i])?.line }] : []));
}
