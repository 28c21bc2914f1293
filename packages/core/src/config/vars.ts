import { hostFunction, type HostFunction } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { parseYaml } from "../yaml/parse-yaml";
import { ConfigValueError } from "./load-error";
import type { ProjectConfig } from "../project/project-config";

/** Plain variables as `var()` sees them. */
export type Vars = Record<string, unknown>;

/** Options of {@link resolveVars}. */
export interface ResolveVarsOptions {
  /**
   * The dbt_project.yml of the package the node belongs to, when it is not the root project:
   * its own `vars` are the lowest layer.
   */
  packageProject?: ProjectConfig;
  /**
   * Names of every loaded project (root and installed packages). A dict under `vars:` whose
   * key is one of these is scoped to that package, not global. Defaults to the root and `packageName`.
   */
  projectNames?: readonly string[];
}

/**
 * Parses `--vars` text (YAML or JSON, `{key: value}`). Bad text or a non-mapping gives a
 * TSDBT-E007 diagnostic and no vars.
 */
export function parseCliVars(text: string | undefined): { vars: Vars; diagnostics: Diagnostic[] } {
  if (text === undefined || text.trim() === "") return { vars: {}, diagnostics: [] };
  const parsed = parseYaml(text, "--vars");
  const hint = `Pass a YAML or JSON mapping, for example --vars '{"start_date": "2024-01-01", "limit": 10}'.`;
  if (parsed.diagnostics.length > 0) {
    const reason = parsed.diagnostics[0].message.replace(/^The YAML in --vars could not be parsed: /, "");
    return { vars: {}, diagnostics: [{ code: "TSDBT-E007", severity: "error", message: `The --vars argument is not valid YAML or JSON: ${reason}`, hint }] };
  }
  if (parsed.value === null) return { vars: {}, diagnostics: [] };
  if (!isPlainObject(parsed.value)) {
    return {
      vars: {},
      diagnostics: [{ code: "TSDBT-E007", severity: "error", message: `The --vars argument must be a mapping of names to values, not ${describe(parsed.value)}.`, hint }],
    };
  }
  return { vars: parsed.value, diagnostics: [] };
}

/**
 * The variables `var()` sees in one package. Precedence, highest first: CLI `--vars`,
 * root project's `vars: {<packageName>: {...}}`, root project's global vars, then (for an
 * installed package) that package's own dbt_project.yml vars, scoped then global.
 */
export function resolveVars(project: ProjectConfig, packageName: string, cliVars: Vars, options: ResolveVarsOptions = {}): Vars {
  const names = new Set(options.projectNames ?? [project.name, packageName]);
  const layers: Vars[] = [];
  const pkg = options.packageProject;
  if (pkg && pkg.name !== project.name) layers.push(globalVars(pkg.vars, names), scopedVars(pkg.vars, packageName));
  layers.push(globalVars(project.vars, names), scopedVars(project.vars, packageName), cliVars);
  return Object.assign({}, ...layers) as Vars;
}

function globalVars(vars: Vars, projectNames: ReadonlySet<string>): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(vars)) if (!(projectNames.has(k) && isPlainObject(v))) out[k] = v;
  return out;
}

function scopedVars(vars: Vars, packageName: string): Vars {
  const scoped = vars[packageName];
  return isPlainObject(scoped) ? scoped : {};
}

/**
 * dbt's `var(name, default)` over resolved vars: the value, else the default, else a
 * TSDBT-E008 {@link ConfigValueError} naming the variable. `onRead` sees every name read.
 */
export function createVarFunction(vars: Vars, onRead?: (name: string) => void): HostFunction {
  return hostFunction((args, kwargs) => {
    const name = String(args[0] ?? kwargs.name ?? "");
    onRead?.(name);
    if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    if (args.length > 1) return args[1];
    if ("default" in kwargs) return kwargs.default;
    throw new ConfigValueError(
      "TSDBT-E008",
      `The variable '${name}' is required but has no value.`,
      `Define '${name}' under vars: in dbt_project.yml, pass --vars '{${name}: value}', or give a default: var('${name}', 'value').`,
    );
  });
}

/** True for a plain `{...}` object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  return typeof v === "string" ? `the text '${v}'` : `the value ${String(v)}`;
}
