/**
 * `flags` as dbt 1.10 shows it to templates during `dbt compile` with default settings: the
 * command-line and project flags in upper case (FULL_REFRESH, STORE_FAILURES, WHICH, …). Values
 * the command line gives override these; a flag dbt does not have reads as undefined.
 */
const DEFAULT_FLAGS: Record<string, unknown> = {
  FULL_REFRESH: false,
  STORE_FAILURES: false,
  WHICH: "compile",
  INVOCATION_COMMAND: "tsdbt",
  TARGET_PATH: null,
  LOG_PATH: "logs",
  WARN_ERROR: null,
  USE_COLORS: true,
  PARTIAL_PARSE: true,
  QUIET: false,
  SEND_ANONYMOUS_USAGE_STATS: true,
  VERSION_CHECK: true,
  EMPTY: false,
  INTROSPECT: true,
  STATIC_PARSER: true,
  USE_EXPERIMENTAL_PARSER: false,
  DEBUG: false,
  LOG_FORMAT: "default",
  FAIL_FAST: false,
  INDIRECT_SELECTION: "eager",
  PRINTER_WIDTH: 80,
  CACHE_SELECTED_ONLY: false,
  WRITE_JSON: true,
  STATE_MODIFIED_COMPARE_MORE_UNRENDERED_VALUES: false,
  REQUIRE_EXPLICIT_PACKAGE_OVERRIDES_FOR_BUILTIN_MATERIALIZATIONS: true,
};

/** The `flags` object: dbt's defaults overlaid with the invocation's (undefined values ignored). */
export function dbtFlags(given: Record<string, unknown> = {}): Record<string, unknown> {
  const flags = { ...DEFAULT_FLAGS };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) flags[k] = v;
  return flags;
}
