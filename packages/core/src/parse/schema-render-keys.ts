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
 * clauses, and the `relation` of a snapshot defined in YAML (read as written). Of a data test,
 * only the text values of its `config:` are rendered now (`where: "{{ var('cutoff') }}"`), as
 * dbt renders them when it builds the test; `value` is the value at `keyPath`.
 */
export function shouldRenderSchemaKey(section: string, keyPath: readonly YamlPathSegment[], value?: unknown): boolean {
  if (keyPath.length === 0) return true;
  const inTest = testConfigRendering(keyPath, value);
  if (inTest !== undefined) return inTest;
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

/**
 * Under a data test (`…tests/data_tests, <n>, …`): true down to and at the text values of the
 * test's `config:` (`{unique: {config: {where: …}}}`, or `config:` of a `{name:, test_name:}`
 * entry), false for everything else in it (arguments render when the test compiles, lists and
 * mappings in its config stay as written, as dbt leaves them); undefined outside tests.
 */
function testConfigRendering(keyPath: readonly YamlPathSegment[], value: unknown): boolean | undefined {
  const at = keyPath.findIndex((k, i) => (k === "tests" || k === "data_tests") && (i === keyPath.length - 1 || typeof keyPath[i + 1] === "number"));
  if (at < 0) return undefined;
  const mapping = value !== null && typeof value === "object" && !Array.isArray(value);
  // the list of tests, then each test entry that is a mapping (`- unique` has nothing to render)
  if (keyPath.length === at + 1) return Array.isArray(value);
  if (keyPath.length === at + 2) return mapping;
  const rest = keyPath.slice(at + 2);
  // the test's own mapping (`unique: {…}`), or a key of a `{name:, test_name:, config:}` entry
  if (rest.length === 1) return mapping;
  const config = rest[0] === "config" ? 1 : rest[1] === "config" ? 2 : -1;
  if (config < 0) return false;
  return rest.length === config ? mapping : rest.length === config + 1 ? typeof value === "string" : false;
}
