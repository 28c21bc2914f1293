import type { Diagnostic } from "../diagnostics/diagnostic";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { checkConfigLayer, CONFIG_KEY_TYPES } from "./config-types";
import { isPlainObject } from "./vars";

/** The config trees of dbt_project.yml, one per resource type. */
const CONFIG_TREES = ["models", "seeds", "snapshots", "tests", "data_tests", "sources", "unit_tests", "exposures", "metrics", "semantic-models", "saved-queries", "analyses"];

/**
 * TSDBT-E028 for every config in dbt_project.yml's config trees (`models:`, `seeds:` …) whose
 * value does not have the type dbt gives that key: `+key` at any level, and a bare known key
 * whose value is not a mapping (a bare key holding a mapping is a folder). Located at the value.
 */
export function checkProjectConfigTypes(project: Record<string, unknown>, parsed: ParsedYaml, diagnostics: Diagnostic[]): void {
  for (const tree of CONFIG_TREES) {
    const value = project[tree];
    if (isPlainObject(value)) walk(value, [tree], parsed, diagnostics);
  }
}

function walk(level: Record<string, unknown>, path: YamlPathSegment[], parsed: ParsedYaml, diagnostics: Diagnostic[]): void {
  const layer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith("+")) layer[key] = value;
    else if (!isPlainObject(value)) {
      if (key in CONFIG_KEY_TYPES) layer[key] = value;
    } else walk(value, [...path, key], parsed, diagnostics);
  }
  for (const problem of checkConfigLayer(layer, `in ${parsed.file}`)) {
    diagnostics.push(diagnosticAt(parsed, [...path, problem.key], { code: "TSDBT-E028", message: `${problem.message.replace(/\.$/, "")} (under ${[...path, problem.key].join(".")}).`, hint: problem.hint }, true));
    delete level[problem.key];
  }
}
