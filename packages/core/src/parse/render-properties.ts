import type { Diagnostic } from "../diagnostics/diagnostic";
import { renderYamlValues, type YamlRenderContext } from "../config/render-yaml-values";
import { isPlainObject, type Vars } from "../config/vars";
import type { EnvironmentVariables } from "../config/env-var";
import type { ParsedYaml } from "../yaml/parse-yaml";
import { shouldRenderSchemaKey } from "./schema-render-keys";
import { renderTestConfigs } from "./render-test-configs";

/** Renders the Jinja in one properties file of a package (see {@link createPropertiesRenderer}). */
export type PropertiesRenderer = (parsed: ParsedYaml, packageName: string, diagnostics: Diagnostic[]) => ParsedYaml;

/** What a {@link PropertiesRenderer} is built from. */
export interface PropertiesRenderInput {
  env: EnvironmentVariables;
  /** dbt's schema-YAML context (createYamlContext with the target and the root project's name). */
  context: Record<string, unknown>;
  /** The variables `var()` sees in a package (CLI, root project, the package's own). */
  varsFor: (packageName: string) => Vars;
  /** Sees every environment variable read (the parse state records them). */
  onEnvRead?: (name: string, value: string | undefined) => void;
}

/**
 * A renderer for properties files as dbt reads them: every entry of every section (`models`,
 * `sources`, `seeds`, …) rendered in Jinja's native mode with dbt's schema-YAML context, except
 * the keys dbt renders later (tests, descriptions, hooks; see shouldRenderSchemaKey), and the
 * text values of data tests' config (see renderTestConfigs). The
 * returned file has the rendered value and the same positions; a file with no Jinja is returned
 * as it is.
 */
export function createPropertiesRenderer(input: PropertiesRenderInput): PropertiesRenderer {
  const contexts = new Map<string, Omit<YamlRenderContext, "shouldRender">>();
  const contextFor = (packageName: string) => {
    let c = contexts.get(packageName);
    if (!c) contexts.set(packageName, (c = { env: input.env, vars: input.varsFor(packageName), extra: input.context, onEnvRead: input.onEnvRead, renderVarValues: false }));
    return c;
  };
  return (parsed, packageName, diagnostics) => {
    const doc = parsed.value;
    if (!isPlainObject(doc) || !mayHoldJinja(doc)) return parsed;
    const rendered: Record<string, unknown> = {};
    for (const [section, entries] of Object.entries(doc)) {
      if (!Array.isArray(entries)) {
        rendered[section] = entries;
        continue;
      }
      rendered[section] = entries.map((entry, i) => {
        if (!isPlainObject(entry)) return entry;
        const base = [section, i];
        const context: YamlRenderContext = { ...contextFor(packageName), shouldRender: (path, value) => shouldRenderSchemaKey(section, path.slice(base.length), value) };
        const rendered = renderYamlValues(entry, parsed, base, context, diagnostics) as Record<string, unknown>;
        return renderTestConfigs(rendered, parsed, base, contextFor(packageName), diagnostics);
      });
    }
    return { ...parsed, value: rendered };
  };
}

/** Whether any string in a YAML value holds Jinja (most properties files hold none outside descriptions). */
function mayHoldJinja(value: unknown): boolean {
  if (typeof value === "string") return value.includes("{{") || value.includes("{%");
  if (Array.isArray(value)) return value.some(mayHoldJinja);
  if (isPlainObject(value)) return Object.values(value).some(mayHoldJinja);
  return false;
}
