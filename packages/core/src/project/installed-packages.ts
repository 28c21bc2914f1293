import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { EnvironmentVariables } from "../config/env-var";
import type { LoadResult } from "../config/load-error";
import { renderYamlValues } from "../config/render-yaml-values";
import { isPlainObject, type Vars } from "../config/vars";
import { createYamlContext } from "../config/yaml-context";
import { compareNames } from "../util/compare-names";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { parseYaml } from "../yaml/parse-yaml";
import { loadProjectConfig } from "./load-project-config";
import type { ProjectConfig } from "./project-config";

/** One entry of packages.yml / dependencies.yml. */
export interface PackageDeclaration {
  /** `package` (hub), `git`, `local`, `tarball` or `private`. */
  source: string;
  /** The value of that key (`dbt-labs/dbt_utils`, a URL, a folder). */
  spec: string;
  /** The whole entry after env_var rendering. */
  raw: Record<string, unknown>;
  file: string;
}

/** An installed package: its folder and its loaded dbt_project.yml. */
export interface InstalledPackage {
  name: string;
  projectDir: string;
  config: ProjectConfig;
}

const SOURCES = ["package", "git", "local", "tarball", "private"];

/** Options of {@link loadInstalledPackages}. */
export interface InstalledPackagesOptions {
  env?: EnvironmentVariables;
  /** `--vars`: seen by `var()` in packages.yml (not in the packages' dbt_project.yml, as in dbt). */
  cliVars?: Vars;
  /** dbt's context for the packages' dbt_project.yml (the root project's target); see loadProjectConfig. */
  context?: Record<string, unknown>;
  /** Sees every environment variable read while rendering. */
  onEnvRead?: (name: string, value: string | undefined) => void;
}

/**
 * Reads packages.yml and dependencies.yml, then loads every package installed under
 * `packages-install-path` (and `local:` packages from their folder when not installed)
 * the same way as the root project. TSDBT-E009 when fewer packages are installed than declared.
 */
export async function loadInstalledPackages(
  root: ProjectConfig,
  options: InstalledPackagesOptions = {},
): Promise<LoadResult<InstalledPackage[]> & { declarations: PackageDeclaration[] }> {
  const diagnostics: Diagnostic[] = [];
  const declarations = [
    ...(await readDeclarations(root.projectDir, "packages.yml", options, diagnostics)),
    ...(await readDeclarations(root.projectDir, "dependencies.yml", options, diagnostics)),
  ];
  const installDir = path.resolve(root.projectDir, root.packagesInstallPath);
  const dirs = await readdir(installDir, { withFileTypes: true }).then(
    (entries) => entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith(".")).map((e) => path.join(installDir, e.name)),
    () => [] as string[],
  );
  for (const d of declarations) {
    if (d.source !== "local") continue;
    const dir = path.resolve(root.projectDir, d.spec);
    if (!dirs.some((installed) => path.basename(installed) === path.basename(dir))) dirs.push(dir);
  }
  const loaded = await Promise.all(
    dirs.map(async (dir) => {
      const label = path.relative(root.projectDir, path.join(dir, "dbt_project.yml")).split(path.sep).join("/");
      // dbt renders an installed package's dbt_project.yml with the root's target but without --vars
      const result = await loadProjectConfig(dir, { env: options.env, context: options.context, fileLabel: label, onEnvRead: options.onEnvRead });
      // A folder without dbt_project.yml is not a package (dbt skips it too).
      if (result.diagnostics.some((x) => x.code === "TSDBT-E002")) return null;
      diagnostics.push(...result.diagnostics);
      return result.value ? { name: result.value.name, projectDir: dir, config: result.value } : null;
    }),
  );
  // a `local:` package whose folder name differs from its project name may also be installed
  // (dbt deps copies or links it into packages-install-path): the installed copy wins, as in dbt
  const seen = new Set<string>();
  const packages = loaded
    .filter((p): p is InstalledPackage => p !== null && !seen.has(p.name) && seen.add(p.name) !== undefined)
    .sort((a, b) => compareNames(a.name, b.name));
  if (packages.length < declarations.length) {
    const missing = missingDeclarations(declarations, packages);
    diagnostics.push({
      code: "TSDBT-E009",
      severity: "error",
      message: `${declarations.length} package(s) are declared in ${declarations[0].file} but only ${packages.length} are installed in ${root.packagesInstallPath}${missing.length ? `; not installed: ${missing.join(", ")}` : ""}.`,
      file: declarations[0].file,
      hint: "Run `tsdbt deps` to install the packages.",
    });
  }
  return { value: packages, diagnostics, declarations };
}

/**
 * The declarations no installed package answers to, by the name each one most likely installs as
 * (a hub package's name after the slash, a git or tarball URL's last part, a local folder's name, or
 * the entry's `name:`); `-` and `_` are taken as one.
 */
function missingDeclarations(declarations: PackageDeclaration[], packages: InstalledPackage[]): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, "_");
  const installed = new Set(packages.map((p) => norm(p.name)));
  const guesses = (d: PackageDeclaration): string[] => {
    const last = d.spec.replace(/\.git$|\.tar\.gz$|\/+$/g, "").split(/[/:]/).pop() ?? d.spec;
    return [last, last.replace(/^dbt[-_]/, ""), typeof d.raw.name === "string" ? d.raw.name : ""].filter(Boolean).map(norm);
  };
  return declarations.filter((d) => !guesses(d).some((g) => installed.has(g))).map((d) => d.spec);
}

async function readDeclarations(
  projectDir: string,
  file: string,
  options: InstalledPackagesOptions,
  diagnostics: Diagnostic[],
): Promise<PackageDeclaration[]> {
  let text: string;
  try {
    text = await readFile(path.join(projectDir, file), "utf8");
  } catch {
    return [];
  }
  const parsed = parseYaml(text, file);
  diagnostics.push(...parsed.diagnostics);
  const list = isPlainObject(parsed.value) ? parsed.value.packages : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    diagnostics.push(diagnosticAt(parsed, ["packages"], { code: "TSDBT-E003", message: `'packages' in ${file} must be a list.`, hint: "Write each package as a list item: - package: dbt-labs/dbt_utils" }, true));
    return [];
  }
  const out: PackageDeclaration[] = [];
  const env = options.env ?? process.env;
  let context: Record<string, unknown> | undefined;
  const packagesContext = () => (context ??= createYamlContext({ env }));
  list.forEach((entry, i) => {
    const source = isPlainObject(entry) ? SOURCES.find((k) => typeof entry[k] === "string") : undefined;
    if (!source) {
      diagnostics.push(diagnosticAt(parsed, ["packages", i], { code: "TSDBT-E003", message: `Entry ${i + 1} of 'packages' in ${file} names no package.`, hint: `Give one of: ${SOURCES.join(", ")}.` }));
      return;
    }
    // env_var and --vars, no target (dbt renders dependencies.yml entries later, when deps resolves them)
    const raw = renderYamlValues(entry, parsed, ["packages", i], { env, vars: options.cliVars, extra: packagesContext(), onEnvRead: options.onEnvRead, secretsAllowed: true }, diagnostics) as Record<string, unknown>;
    out.push({ source, spec: String(raw[source]), raw, file });
  });
  return out;
}
