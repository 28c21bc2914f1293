import { createEnvironment, hostFunction, HOST_FUNCTION, type HostFunction, type JinjaEnvironment } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { createEnvVarFunction, type EnvironmentVariables } from "./env-var";
import { findConfigValueError, type ConfigValueError } from "./load-error";
import { createVarFunction, isPlainObject, type Vars } from "./vars";

/** What Jinja in a YAML value can see while a file is loaded. */
export interface YamlRenderContext {
  env: EnvironmentVariables;
  /** Variables `var()` sees at load time (dbt: only `--vars`). */
  vars?: Vars;
  /** Further names (for example `target` when rendering dbt_project.yml). */
  extra?: Record<string, unknown>;
  /** Decides which values are rendered now; others are kept as written. Default: all. */
  shouldRender?: (path: readonly YamlPathSegment[]) => boolean;
}

let sharedEnvironment: JinjaEnvironment | undefined;
function environment(): JinjaEnvironment {
  sharedEnvironment ??= createEnvironment();
  return sharedEnvironment;
}

/** `{{ expr | as_number }}` and friends: dbt's filters that turn the rendered text back into a value. */
const NATIVE_FILTER = /^\s*\{\{([\s\S]*?)\|\s*(as_number|as_bool|as_native|as_text)\s*\}\}\s*$/;

/**
 * Renders every string holding Jinja (`{{`/`{%`) in a parsed YAML value, as dbt does for
 * dbt_project.yml, profiles.yml and packages.yml. Failures become located diagnostics
 * (TSDBT-E004 missing env var, TSDBT-E008 missing var, TSDBT-E003 other Jinja errors) and the
 * value is kept as written. `path` is the location of `value` inside `parsed`.
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
  const native = NATIVE_FILTER.exec(text);
  const source = native ? `{{${native[1]}}}` : text;
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
  const scope = {
    ...context.extra,
    env_var: capturing(createEnvVarFunction(context.env)),
    var: capturing(createVarFunction(context.vars ?? {})),
  };
  try {
    const rendered = environment().render(source, scope, { file: parsed.file });
    return native ? toNative(rendered, native[2]) : rendered;
  } catch (e) {
    const at = parsed.locateValue(path);
    const known = failure ?? findConfigValueError(e);
    const where = path.length > 0 ? ` (at '${path.join(".")}')` : "";
    diagnostics.push({
      code: known?.code ?? "TSDBT-E003",
      severity: "error",
      message: known ? known.message.replace(/\.$/, `${where}.`) : `The Jinja in ${parsed.file}${where} could not be rendered: ${(e as Error).message}`,
      file: parsed.file,
      line: at?.line,
      col: at?.col,
      snippet: at ? parsed.lineText(at.line) : undefined,
      hint: known?.hint ?? "At load time only env_var(), var() and plain Jinja are available in YAML values.",
    });
    return text;
  }
}

function toNative(rendered: string, filter: string): unknown {
  const trimmed = rendered.trim();
  if (filter === "as_text") return rendered;
  if (filter === "as_number") {
    const n = Number(trimmed);
    return trimmed !== "" && Number.isFinite(n) ? n : rendered;
  }
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === "true";
  if (filter === "as_bool") return rendered;
  const n = Number(trimmed);
  if (trimmed !== "" && Number.isFinite(n)) return n;
  if (trimmed === "None") return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return rendered;
  }
}
