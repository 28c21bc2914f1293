import type { Diagnostic } from "../diagnostics/diagnostic";
import { renderYamlValues, type YamlRenderContext } from "../config/render-yaml-values";
import { isPlainObject } from "../config/vars";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { CONFIG_KEYS } from "./generic-test";

const TEST_LISTS = ["tests", "data_tests"];
/** Where test lists sit inside one entry of a properties file, below the entry itself. */
const NESTED = ["columns", "versions", "tables"];

/**
 * Renders the config of the data tests written in one properties-file entry as dbt does when it
 * builds a generic test: every text value of the test's `config:` and of its legacy config keys
 * (`severity:`, `enabled:`, `where:` … beside the arguments) that holds Jinja is rendered in
 * native mode (`enabled: "{{ target.type != 'spark' }}"` gives `true`). Arguments are left as
 * written (they are rendered when the test compiles), and so are nested values such as `meta:`'s.
 * Returns the entry with the rendered values; `path` locates it in `parsed`.
 */
export function renderTestConfigs(
  entry: Record<string, unknown>,
  parsed: ParsedYaml,
  path: YamlPathSegment[],
  context: YamlRenderContext,
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  let out = entry;
  const set = (key: string, value: unknown) => {
    if (out === entry) out = { ...entry };
    out[key] = value;
  };
  for (const key of TEST_LISTS) {
    const list = entry[key];
    if (Array.isArray(list)) set(key, list.map((test, i) => renderOneTest(test, parsed, [...path, key, i], context, diagnostics)));
  }
  for (const key of NESTED) {
    const list = entry[key];
    if (!Array.isArray(list)) continue;
    set(key, list.map((child, i) => (isPlainObject(child) ? renderTestConfigs(child, parsed, [...path, key, i], context, diagnostics) : child)));
  }
  return out;
}

function renderOneTest(test: unknown, parsed: ParsedYaml, path: YamlPathSegment[], context: YamlRenderContext, diagnostics: Diagnostic[]): unknown {
  if (!isPlainObject(test)) return test;
  if ("test_name" in test) return renderConfigKeys(test, parsed, path, context, diagnostics);
  const keys = Object.keys(test);
  if (keys.length !== 1 || !isPlainObject(test[keys[0]])) return test;
  return { [keys[0]]: renderConfigKeys(test[keys[0]] as Record<string, unknown>, parsed, [...path, keys[0]], context, diagnostics) };
}

function renderConfigKeys(body: Record<string, unknown>, parsed: ParsedYaml, path: YamlPathSegment[], context: YamlRenderContext, diagnostics: Diagnostic[]): Record<string, unknown> {
  const out = { ...body };
  const renderText = (value: unknown, at: YamlPathSegment[]) => (typeof value === "string" ? renderYamlValues(value, parsed, at, context, diagnostics) : value);
  for (const key of CONFIG_KEYS) if (key in out) out[key] = renderText(out[key], [...path, key]);
  if (isPlainObject(out.config)) {
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(out.config)) config[key] = renderText(value, [...path, "config", key]);
    out.config = config;
  }
  return out;
}
