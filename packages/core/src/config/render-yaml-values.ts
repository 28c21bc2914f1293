import { createEnvironment, hostFunction, HOST_FUNCTION, type HostFunction, type JinjaEnvironment } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { createEnvVarFunction, type EnvironmentVariables } from "./env-var";
import { evaluateEnvVarExpression } from "./env-var-expression";
import { findConfigValueError, type ConfigValueError } from "./load-error";
import { renderNative } from "./native-render";
import { createVarFunction, isPlainObject, type Vars } from "./vars";

/** What Jinja in a YAML value can see while a file is loaded. */
export interface YamlRenderContext {
  env: EnvironmentVariables;
  /** Variables `var()` sees (dbt_project.yml: only `--vars`; properties files: the package's vars). */
  vars?: Vars;
  /** The rest of dbt's context for this file (`target`, `modules`, `run_started_at`, …; see yaml-context.ts). */
  extra?: Record<string, unknown>;
  /** Decides which values are rendered now (`value` is the one at `path`); others are kept as written. Default: all. */
  shouldRender?: (path: readonly YamlPathSegment[], value: unknown) => boolean;
  /** Sees every environment variable `env_var()` reads, with its value (partial parsing). */
  onEnvRead?: (name: string, value: string | undefined) => void;
  /** Whether `env_var()` may read `DBT_ENV_SECRET…` variables (dbt: profiles.yml and packages.yml only). */
  secretsAllowed?: boolean;
  /**
   * Whether `var()` renders the Jinja in a text value it returns (default true, as dbt's project,
   * profile and packages contexts do; its properties-file context returns the text as written).
   */
  renderVarValues?: boolean;
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
  if (context.shouldRender && !context.shouldRender(path, value)) return value;
  if (typeof value === "string") return renderString(value, parsed, path, context, diagnostics);
  if (Array.isArray(value)) return value.map((item, i) => renderYamlValues(item, parsed, [...path, i], context, diagnostics));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderYamlValues(v, parsed, [...path, k], context, diagnostics);
    return out;
  }
  return value;
}

/** Why a YAML value could not be rendered: a stable code, a sentence (no location) and a hint. */
export interface YamlRenderFailure {
  code: string;
  /** Completes "…could not be rendered: " or, for a missing env var or var, is a whole sentence. */
  message: string;
  hint: string;
  /** Whether `message` is a whole sentence (a missing env var or var) rather than a reason. */
  known: boolean;
}

const RENDER_HINT = "YAML values are rendered when the file is loaded: only dbt's context for that file (env_var(), var(), target, modules, …) is available, not macros, ref() or source().";

/**
 * Renders one YAML string holding Jinja in Jinja's native mode (see {@link renderNative}) with
 * `context`; the value, or why it failed.
 */
export function renderYamlText(text: string, context: YamlRenderContext, file: string): { value: unknown } | { failure: YamlRenderFailure } {
  if (!text.includes("{{") && !text.includes("{%")) return { value: text };
  // `{{ env_var('X', 'default') }}` (most profiles) needs no template
  const direct = evaluateEnvVarExpression(text, context);
  if (direct) return direct;
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
  scope.env_var = capturing(createEnvVarFunction(context.env, context.onEnvRead, context.secretsAllowed));
  const plainVar = capturing(createVarFunction(context.vars ?? {}));
  scope.var = context.renderVarValues === false ? plainVar : hostFunction((args, kwargs) => {
    const value = plainVar[HOST_FUNCTION](args, kwargs);
    const given = Object.prototype.hasOwnProperty.call(context.vars ?? {}, String(args[0] ?? kwargs.name ?? ""));
    return given && typeof value === "string" && (value.includes("{{") || value.includes("{%")) ? environment().render(value, scope, { file }) : value;
  });
  try {
    return { value: renderNative(environment(), text, scope, file) };
  } catch (e) {
    const known = failure ?? findConfigValueError(e);
    if (known) return { failure: { code: known.code, message: known.message, hint: known.hint, known: true } };
    return { failure: { code: "TSDBT-E003", message: (e as Error).message, hint: RENDER_HINT, known: false } };
  }
}

/** {@link renderYamlText} bound to a context and a file, for one file's values (selectors.yml). */
export function createYamlTextRenderer(context: YamlRenderContext, file: string): (text: string) => ReturnType<typeof renderYamlText> {
  return (text) => renderYamlText(text, context, file);
}

function renderString(text: string, parsed: ParsedYaml, path: YamlPathSegment[], context: YamlRenderContext, diagnostics: Diagnostic[]): unknown {
  const result = renderYamlText(text, context, parsed.file);
  if ("value" in result) return result.value;
  const { failure } = result;
  const at = parsed.locateValue(path);
  const where = path.length > 0 ? ` (at '${path.join(".")}')` : "";
  diagnostics.push({
    code: failure.code,
    severity: "error",
    message: failure.known ? failure.message.replace(/\.$/, `${where}.`) : `The Jinja in ${parsed.file}${where} could not be rendered: ${failure.message}`,
    file: parsed.file,
    line: at?.line,
    col: at?.col,
    snippet: at ? parsed.lineText(at.line) : undefined,
    hint: failure.hint,
  });
  return text;
}
