import { readFile } from "node:fs/promises";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { EnvironmentVariables } from "../config/env-var";
import type { LoadResult } from "../config/load-error";
import { renderYamlValues, type YamlRenderContext } from "../config/render-yaml-values";
import { isPlainObject, type Vars } from "../config/vars";
import { createYamlContext, unsetTarget } from "../config/yaml-context";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { parseYaml, type ParsedYaml, type YamlPathSegment } from "../yaml/parse-yaml";
import { buildProjectConfig } from "./build-project-config";
import { checkProjectConfigTypes } from "../config/check-project-configs";
import { didYouMean } from "../diagnostics/closest-names";
import { PROJECT_KEYS, RENAMED_PROJECT_KEYS, type ProjectConfig } from "./project-config";

/** Options of {@link loadProjectConfig}. */
export interface LoadProjectConfigOptions {
  /** Environment for `env_var()` (default `process.env`). */
  env?: EnvironmentVariables;
  /** `--vars`, the only vars `var()` sees while the root dbt_project.yml is rendered (installed packages see none). */
  cliVars?: Vars;
  /**
   * dbt's context for dbt_project.yml (see createYamlContext): `target` and the base context.
   * Default: the base context with an unset target whose every key reads as '' (dbt's for
   * commands that have no profile, such as deps and clean).
   */
  context?: Record<string, unknown>;
  /** How to name the file in diagnostics (default `dbt_project.yml`; installed packages pass their path). */
  fileLabel?: string;
  /** Report keys written twice (TSDBT-W003): dbt warns for the root project, not for installed packages. */
  warnDuplicateKeys?: boolean;
  /** Sees every environment variable read while rendering. */
  onEnvRead?: (name: string, value: string | undefined) => void;
}

/** Config trees whose model hooks dbt leaves unrendered at load time (they render per node). */
const HOOK_TREES = new Set(["models", "seeds", "snapshots", "tests", "data_tests"]);
const LATE_RENDERED = new Set(["on-run-start", "on-run-end", "query-comment", "vars"]);
const HOOK_KEYS = new Set(["pre-hook", "post-hook", "pre_hook", "post_hook"]);

/**
 * Reads `<projectDir>/dbt_project.yml` into a {@link ProjectConfig}: dbt's defaults filled in,
 * `env_var()`/`var()` rendered as dbt renders them at load time (run hooks, model hooks,
 * `vars` and `query-comment` are kept as written). Problems come back as diagnostics:
 * TSDBT-E002 no file, TSDBT-E001 bad YAML, TSDBT-E003 wrong value, TSDBT-E004 missing env var,
 * TSDBT-W001 unknown key, TSDBT-W002 unsatisfied `require-dbt-version`.
 */
export async function loadProjectConfig(projectDir: string, options: LoadProjectConfigOptions = {}): Promise<LoadResult<ProjectConfig>> {
  const absoluteDir = path.resolve(projectDir);
  const text = await readProjectFile(absoluteDir, options.fileLabel ?? "dbt_project.yml");
  if (typeof text !== "string") return text;
  return projectConfigFromText(text, absoluteDir, options);
}

/** What dbt reads from dbt_project.yml before the profile: the project's name and the profile it names. */
export interface ProjectHeader {
  name: string | null;
  profile: string | null;
}

/**
 * The name and profile of dbt_project.yml, rendered as dbt renders the profile name before the
 * profile is loaded (`env_var()` and `--vars` only: no target yet). Missing keys are `null`.
 */
export async function loadProjectHeader(projectDir: string, options: Pick<LoadProjectConfigOptions, "env" | "cliVars" | "onEnvRead"> = {}): Promise<LoadResult<ProjectHeader>> {
  const text = await readProjectFile(path.resolve(projectDir), "dbt_project.yml");
  if (typeof text !== "string") return text;
  const read = readProjectYaml(text, "dbt_project.yml");
  if (!("parsed" in read)) return read;
  const diagnostics: Diagnostic[] = [];
  const env = options.env ?? process.env;
  let context: YamlRenderContext | undefined;
  const value = (key: string): string | null => {
    const raw = read.mapping[key];
    if (raw === undefined || raw === null) return null;
    context ??= { env, vars: options.cliVars, extra: createYamlContext({ env }), onEnvRead: options.onEnvRead };
    const rendered = renderYamlValues(raw, read.parsed, [key], context, diagnostics);
    return typeof rendered === "string" || typeof rendered === "number" ? String(rendered) : null;
  };
  return { value: { name: value("name"), profile: value("profile") }, diagnostics };
}

async function readProjectFile(absoluteDir: string, file: string): Promise<string | LoadResult<never>> {
  try {
    return await readFile(path.join(absoluteDir, "dbt_project.yml"), "utf8");
  } catch {
    return {
      value: null,
      diagnostics: [
        {
          code: "TSDBT-E002",
          severity: "error",
          message: `No dbt_project.yml was found in ${absoluteDir}.`,
          file,
          hint: "Run tsdbt from your project's folder, pass --project-dir <folder>, or create a project with `tsdbt init`.",
        },
      ],
    };
  }
}

function readProjectYaml(text: string, file: string): { parsed: ParsedYaml; mapping: Record<string, unknown> } | LoadResult<never> {
  const parsed = parseYaml(text, file);
  if (parsed.diagnostics.length > 0) return { value: null, diagnostics: parsed.diagnostics };
  if (!isPlainObject(parsed.value)) {
    return {
      value: null,
      diagnostics: [
        diagnosticAt(parsed, [], {
          code: "TSDBT-E003",
          message: `${file} must be a mapping of settings (name: …, profile: …), but it is ${parsed.value === null ? "empty" : "not a mapping"}.`,
          hint: "Start the file with at least `name: my_project` and `profile: my_profile`.",
        }),
      ],
    };
  }
  return { parsed, mapping: parsed.value };
}

/** {@link loadProjectConfig} on text already read (for tests and installed packages). */
export function projectConfigFromText(text: string, projectDir: string, options: LoadProjectConfigOptions = {}): LoadResult<ProjectConfig> {
  const file = options.fileLabel ?? "dbt_project.yml";
  const read = readProjectYaml(text, file);
  if (!("parsed" in read)) return read;
  const { parsed } = read;
  const diagnostics: Diagnostic[] = options.warnDuplicateKeys ? [...parsed.warnings] : [];
  const source = { ...read.mapping };
  checkKeys(source, parsed, diagnostics);
  const env = options.env ?? process.env;
  const rendered = renderYamlValues(source, parsed, [], {
    env,
    vars: options.cliVars,
    extra: options.context ?? createYamlContext({ env, target: unsetTarget() }),
    shouldRender: shouldRenderProjectValue,
    onEnvRead: options.onEnvRead,
  }, diagnostics) as Record<string, unknown>;
  checkProjectConfigTypes(rendered, parsed, diagnostics);
  const project = buildProjectConfig(rendered, parsed, path.resolve(projectDir), diagnostics);
  project.unrendered = source;
  return { value: project, diagnostics };
}

/** dbt renders dbt_project.yml at load time except run hooks, model hooks, vars and query-comment. */
function shouldRenderProjectValue(keyPath: readonly YamlPathSegment[]): boolean {
  if (keyPath.length === 0) return true;
  const first = String(keyPath[0]);
  if (LATE_RENDERED.has(first)) return false;
  if (HOOK_TREES.has(first)) return !keyPath.some((k) => typeof k === "string" && HOOK_KEYS.has(k.replace(/^[+ ]+/, "")));
  return true;
}

function checkKeys(source: Record<string, unknown>, parsed: ParsedYaml, diagnostics: Diagnostic[]): void {
  const known: readonly string[] = PROJECT_KEYS;
  for (const key of Object.keys(source)) {
    if (known.includes(key)) continue;
    const renamed = RENAMED_PROJECT_KEYS[key];
    if (renamed) {
      diagnostics.push(
        diagnosticAt(parsed, [key], {
          code: "TSDBT-W001",
          severity: "warn",
          message: `'${key}' in ${parsed.file} was renamed to '${renamed}'; its value is used as '${renamed}'.`,
          hint: `Rename the key to '${renamed}'.`,
        }),
      );
      if (source[renamed] === undefined) source[renamed] = source[key];
      delete source[key];
      continue;
    }
    diagnostics.push(
      diagnosticAt(parsed, [key], {
        code: "TSDBT-W001",
        severity: "warn",
        message: `'${key}' is not a dbt_project.yml setting and is ignored.${suffix(didYouMean(key, known))}`,
        hint: `Valid top-level keys are: ${known.join(", ")}.`,
      }),
    );
  }
}

const suffix = (hint: string | undefined): string => (hint ? ` ${hint}` : "");
