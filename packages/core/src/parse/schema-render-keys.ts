import type { YamlPathSegment } from "../yaml/parse-yaml";

/** Keys dbt renders later, not when it reads a properties file: tests render at test time, descriptions with doc(). */
const LATER = new Set(["tests", "data_tests", "description", "loaded_at_query"]);
const LATER_HOOKS = new Set(["pre_hook", "post_hook", "loaded_at_query"]);
const COLUMN_LISTS = new Set(["columns", "dimensions", "measures", "entities"]);
const COLUMN_LATER = new Set(["tests", "data_tests", "description"]);

/**
 * Whether dbt renders the value at `keyPath` (relative to one entry of a properties-file section
 * such as `models` or `sources`) when it reads the file. Not rendered then: tests and their
 * arguments, descriptions, `loaded_at_query` and `config.pre_hook`/`post_hook` (of the entry, of
 * its columns and versions), a source's own description, metric filters, saved-query `where`
 * clauses, and the `relation` of a snapshot defined in YAML (read as written).
 */
export function shouldRenderSchemaKey(section: string, keyPath: readonly YamlPathSegment[]): boolean {
  if (keyPath.length === 0) return true;
  switch (section) {
    case "sources":
      if (keyPath[0] === "description" || keyPath[0] === "loaded_at_query") return false;
      if (keyPath[0] === "config" && keyPath[1] === "loaded_at_query") return false;
      return !(keyPath[0] === "tables" && renderedLater(keyPath.slice(2)));
    case "macros":
      return keyPath[0] === "arguments" ? !renderedLater(keyPath.slice(1)) : !renderedLater(keyPath);
    case "metrics":
      if (keyPath[keyPath.length - 1] === "filter" || keyPath[keyPath.length - 2] === "filter") return false;
      return !renderedLater(keyPath);
    case "saved_queries":
      if (keyPath[0] === "query_params" && keyPath[1] === "where") return false;
      return !renderedLater(keyPath);
    case "snapshots":
      return keyPath[0] !== "relation" && !renderedLater(keyPath);
    default:
      return !renderedLater(keyPath);
  }
}

/** dbt's keys of an entry (or a table of a source) that are rendered later. */
function renderedLater(keyPath: readonly YamlPathSegment[]): boolean {
  const [first, second, third] = keyPath;
  if (keyPath.length >= 1 && LATER.has(String(first))) return true;
  if (keyPath.length === 2 && LATER.has(String(second))) return true;
  if (keyPath.length >= 2 && first === "config" && LATER_HOOKS.has(String(second))) return true;
  if (keyPath.length === 5 && keyPath[4] === "description") return true;
  return keyPath.length >= 3 && COLUMN_LISTS.has(String(first)) && COLUMN_LATER.has(String(third));
}
