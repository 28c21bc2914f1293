import { createEnvironment, hostFunction, HOST_FUNCTION, type HostFunction, type JinjaEnvironment } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { createEnvVarFunction, type EnvironmentVariables } from "./env-var";
import { findConfigValueError, type ConfigValueError } from "./load-error";
import { NativeConversionError, renderNative } from "./native-render";
import { createVarFunction, isPlainObject, type Vars } from "./vars";

/** What Jinja in a YAML value can see while a file is loaded. */
export interface YamlRenderContext {
  env: EnvironmentVariables;
  /** Variables `var()` sees (dbt_project.yml: only `--vars`; properties files: the package's vars). */
  vars?: Vars;
  /** The rest of dbt's context for this file (`target`, `modules`, `run_started_at`, …; see yaml-context.ts). */
  extra?: Record<string, unknown>;
  /** Decides which values are rendered now; others are kept as written. Default: all. */
  shouldRender?: (path: readonly YamlPathSegment[]) => boolean;
  /** Sees every environment variable `env_var()` reads, with its value (partial parsing). */
  onEnvRead?: (name: string, value: string | undefined) => void;
}

let sharedEnvironment: JinjaEnvironment | undefined;
function environment(): JinjaEnvironment {
  sharedEnvironment ??= createEnvironment({ filters: MARKER_FILTERS });
  return sharedEnvironment;
}

/** dbt's marker filters print their value unchanged; {@link renderNative} reads what they mark. */
const MARKER_FILTERS = { as_bool: identity, as_number: identity, as_native: identity, as_text: identity };
function identity(value: unknown): unknown {
  return value;
}

/**
 * Renders every string holding Jinja (`{{`/`{%`) in a parsed YAML value in Jinja's native mode, as
 * dbt does for dbt_project.yml, profiles.yml, packages.yml, selectors.yml and properties files
 * (`"{{ var('n') }}"` gives the variable's value itself, not its text: see {@link renderNative}).
 * Failures become located diagnostics (TSDBT-E004 missing env var, TSDBT-E008 missing var,
 * TSDBT-E003 other Jinja errors) and the value is kept as written. `path` is the location of
 * `value` inside `parsed`.
 */
export function renderYamlValues(
  value: unknown,
  parsed: ParsedYaml,
  path: YamlPathSegment[],
  context: YamlRenderContext,
  diagnostics: Diagnostic[],
): unknown {
  if (context.shouldRender && !context.shouldRender(path)) return value;
  if (typeof value === "string") return renderString(value, parsed, path, context, diagnostics);
  if (Array.isArray(value)) return value.map((item, i) => renderYamlValues(item, parsed, [...path, i], context, diagnostics));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderYamlValues(v, parsed, [...path, k], context, diagnostics);
    return out;
  }
  return value;
}

function renderString(text: string, parsed: ParsedYaml, path: YamlPathSegment[], context: YamlRenderContext, diagnostics: Diagnostic[]): unknown {
  if (!text.includes("{{") && !text.includes("{%")) return text;
  let failure: ConfigValueError | undefined;
  // Template engines may wrap a host function's error without keeping it: remember it here.
  const capturing = (f: HostFunction): HostFunction =>
    hostFunction((args, kwargs) => {
      try {
        return f[HOST_FUNCTION](args, kwargs);
      } catch (e) {
        failure ??= findConfigValueError(e);
        throw e;
      }
    });
  const scope = Object.create(context.extra ?? null) as Record<string, unknown>;
  scope.env_var = capturing(createEnvVarFunction(context.env, context.onEnvRead));
  scope.var = capturing(createVarFunction(context.vars ?? {}));
  try {
    return renderNative(environment(), text, scope, parsed.file);
  } catch (e) {
    const at = parsed.locateValue(path);
    const known = failure ?? findConfigValueError(e);
    const where = path.length > 0 ? ` (at '${path.join(".")}')` : "";
    const reason = e instanceof NativeConversionError ? e.message : (e as Error).message;
    diagnostics.push({
      code: known?.code ?? "TSDBT-E003",
      severity: "error",
      message: known ? known.message.replace(/\.$/, `${where}.`) : `The Jinja in ${parsed.file}${where} could not be rendered: ${reason}`,
      file: parsed.file,
      line: at?.line,
      col: at?.col,
      snippet: at ? parsed.lineText(at.line) : undefined,
      hint: known?.hint ?? "YAML values are rendered when the file is loaded: only dbt's context for that file (env_var(), var(), target, modules, …) is available, not macros, ref() or source().",
    });
    return text;
  }
}
