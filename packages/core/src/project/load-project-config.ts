import { readFile } from "node:fs/promises";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { EnvironmentVariables } from "../config/env-var";
import type { LoadResult } from "../config/load-error";
import { renderYamlValues } from "../config/render-yaml-values";
import { isPlainObject, type Vars } from "../config/vars";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { parseYaml, type ParsedYaml, type YamlPathSegment } from "../yaml/parse-yaml";
import { buildProjectConfig } from "./build-project-config";
import { didYouMean } from "../diagnostics/closest-names";
import { PROJECT_KEYS, RENAMED_PROJECT_KEYS, type ProjectConfig } from "./project-config";

/** Options of {@link loadProjectConfig}. */
export interface LoadProjectConfigOptions {
  /** Environment for `env_var()` (default `process.env`). */
  env?: EnvironmentVariables;
  /** `--vars`, the only vars `var()` sees while dbt_project.yml is rendered. */
  cliVars?: Vars;
  /** The profile target, visible as `target` in Jinja, when it is already known. */
  target?: Record<string, unknown>;
  /** How to name the file in diagnostics (default `dbt_project.yml`; installed packages pass their path). */
  fileLabel?: string;
}

const CONFIG_TREES = new Set(["models", "seeds", "snapshots", "tests", "data_tests", "sources", "unit_tests", "exposures", "metrics", "semantic-models", "saved-queries"]);
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
  const file = options.fileLabel ?? "dbt_project.yml";
  let text: string;
  try {
    text = await readFile(path.join(absoluteDir, "dbt_project.yml"), "utf8");
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
  return projectConfigFromText(text, absoluteDir, options);
}

/** {@link loadProjectConfig} on text already read (for tests and installed packages). */
export function projectConfigFromText(text: string, projectDir: string, options: LoadProjectConfigOptions = {}): LoadResult<ProjectConfig> {
  const file = options.fileLabel ?? "dbt_project.yml";
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
  const diagnostics: Diagnostic[] = [];
  const source = { ...parsed.value };
  checkKeys(source, parsed, diagnostics);
  const rendered = renderYamlValues(source, parsed, [], {
    env: options.env ?? process.env,
    vars: options.cliVars,
    extra: options.target ? { target: options.target } : undefined,
    shouldRender: shouldRenderProjectValue,
  }, diagnostics) as Record<string, unknown>;
  const project = buildProjectConfig(rendered, parsed, path.resolve(projectDir), diagnostics);
  return { value: project, diagnostics };
}

/** dbt renders dbt_project.yml at load time except run hooks, model hooks, vars and query-comment. */
function shouldRenderProjectValue(keyPath: readonly YamlPathSegment[]): boolean {
  if (keyPath.length === 0) return true;
  const first = String(keyPath[0]);
  if (LATE_RENDERED.has(first)) return false;
  if (CONFIG_TREES.has(first)) return !keyPath.some((k) => typeof k === "string" && HOOK_KEYS.has(k.replace(/^\+/, "")));
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
