import type { Diagnostic } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/closest-names";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";

/** The keys each kind of properties entry may have (others are warned about and ignored). */
export const PROPERTY_KEYS = {
  node: ["name", "description", "columns", "config", "docs", "meta", "tags", "tests", "data_tests", "group"],
  model: ["name", "description", "columns", "config", "docs", "meta", "tags", "tests", "data_tests", "group", "access", "latest_version", "versions", "constraints", "time_spine", "deprecation_date"],
  column: ["name", "description", "data_type", "tests", "data_tests", "meta", "tags", "constraints", "quote", "config", "policy_tags", "granularity", "include", "exclude", "dimension", "entity"],
  source: ["name", "description", "database", "schema", "loader", "loaded_at_field", "loaded_at_query", "freshness", "quoting", "meta", "tags", "config", "tables", "overrides"],
  table: ["name", "identifier", "description", "loaded_at_field", "loaded_at_query", "freshness", "quoting", "meta", "tags", "columns", "tests", "data_tests", "config", "external", "docs"],
} as const;

/**
 * Warns (TSDBT-W060) about each key of a properties entry that dbt does not know, with the
 * closest known key; the position is looked up only when there is something to say.
 */
export function warnUnknownKeys(parsed: ParsedYaml, entry: Record<string, unknown>, path: YamlPathSegment[], known: readonly string[], what: string, diagnostics: Diagnostic[]): void {
  for (const key of Object.keys(entry)) {
    if (known.includes(key)) continue;
    const close = didYouMean(key, known);
    diagnostics.push(
      diagnosticAt(parsed, [...path, key], {
        code: "TSDBT-W060",
        severity: "warn",
        message: `'${key}' is not a property of ${what} and is ignored.${close ? ` ${close}` : ""}`,
        hint: `Known properties: ${known.join(", ")}.`,
      }),
    );
  }
}
