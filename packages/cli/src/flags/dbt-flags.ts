/** What tsdbt does with a flag of dbt's. */
export type FlagSupport =
  /** It does what dbt's does. */
  | "supported"
  /** Accepted and ignored: it has no meaning in tsdbt (documented in docs/cli.md). */
  | "no-op"
  /** Accepted with a warning that tsdbt does not act on it yet. */
  | "not-yet";

/** One command-line flag (dbt-core 1.10's, unless `tsdbtOnly`). */
export interface FlagSpec {
  /** Long name without the dashes (`log-level`). */
  name: string;
  /** Other spellings: long names, or one letter for `-x`. */
  aliases?: string[];
  type: "boolean" | "string" | "number" | "array";
  choices?: readonly string[];
  /** The environment variable dbt reads when the flag is not given. */
  env?: string;
  /** The commands that take it (`all`: every command, as dbt's global flags). */
  commands: "all" | readonly string[];
  support: FlagSupport;
  /** One line for `--help` and docs/cli.md. */
  help: string;
  /** Not in dbt's `--help` (dbt hides it too): accepted, not listed. */
  hidden?: boolean;
  /** A flag of tsdbt's own. */
  tsdbtOnly?: boolean;
  /** The commands tsdbt acts on it for, when fewer than dbt's (elsewhere it warns as not yet supported). */
  supportedBy?: readonly string[];
}

const EXECUTING = ["build", "run", "seed", "snapshot", "test", "retry"] as const;

const SELECTING = ["build", "clone", "compile", "docs", "ls", "run", "seed", "show", "snapshot", "source", "test"] as const;
const WITH_TARGET_PATH = ["build", "clean", "clone", "compile", "docs", "ls", "parse", "retry", "run", "run-operation", "seed", "show", "snapshot", "source", "test"] as const;
const WITH_THREADS = ["build", "clone", "compile", "docs", "parse", "retry", "run", "run-operation", "seed", "show", "snapshot", "source", "test"] as const;
const LEVELS = ["debug", "info", "warn", "error", "none"] as const;
const FORMATS = ["text", "debug", "json", "default"] as const;

/** Every flag tsdbt accepts: dbt-core 1.10's (from its CLI), then tsdbt's own. */
export const FLAGS: readonly FlagSpec[] = [
  // dbt's global flags: every command takes them
  { name: "project-dir", type: "string", env: "DBT_PROJECT_DIR", commands: "all", support: "supported", help: "The project's directory (default: the current directory)." },
  { name: "profiles-dir", type: "string", env: "DBT_PROFILES_DIR", commands: "all", support: "supported", help: "Where profiles.yml is (default: the project, then ~/.dbt)." },
  { name: "profile", type: "string", env: "DBT_PROFILE", commands: "all", support: "supported", help: "The profile to use instead of dbt_project.yml's." },
  { name: "target", aliases: ["t"], type: "string", env: "DBT_TARGET", commands: "all", support: "supported", help: "The profile's target to use." },
  { name: "vars", type: "string", commands: "all", support: "supported", help: "Variables as a YAML or JSON mapping." },
  { name: "debug", aliases: ["d"], type: "boolean", env: "DBT_DEBUG", commands: "all", support: "supported", help: "Debug-level events on the console too." },
  { name: "quiet", aliases: ["q"], type: "boolean", env: "DBT_QUIET", commands: "all", support: "supported", help: "Only errors and command output (ls, show, compile --inline) on the console." },
  { name: "log-format", type: "string", choices: FORMATS, env: "DBT_LOG_FORMAT", commands: "all", support: "supported", help: "Console (and, unless --log-format-file, log file) lines: text, debug or json." },
  { name: "log-format-file", type: "string", choices: FORMATS, env: "DBT_LOG_FORMAT_FILE", commands: "all", support: "supported", help: "Lines of logs/dbt.log: debug (default), text or json." },
  { name: "log-level", type: "string", choices: LEVELS, env: "DBT_LOG_LEVEL", commands: "all", support: "supported", help: "Lowest level on the console (and, unless --log-level-file, in the log file)." },
  { name: "log-level-file", type: "string", choices: LEVELS, env: "DBT_LOG_LEVEL_FILE", commands: "all", support: "supported", help: "Lowest level written to logs/dbt.log (default debug; none: no file)." },
  { name: "log-path", type: "string", env: "DBT_LOG_PATH", commands: "all", support: "supported", help: "Folder of dbt.log (default: dbt_project.yml log-path, else <project>/logs)." },
  { name: "use-colors", type: "boolean", env: "DBT_USE_COLORS", commands: "all", support: "supported", help: "Coloured console output (default: on a terminal)." },
  { name: "use-colors-file", type: "boolean", env: "DBT_USE_COLORS_FILE", commands: "all", support: "supported", help: "Colours in logs/dbt.log (default: as --use-colors)." },
  { name: "printer-width", type: "number", env: "DBT_PRINTER_WIDTH", commands: "all", support: "supported", help: "Width of progress lines (default 80)." },
  { name: "warn-error", type: "boolean", env: "DBT_WARN_ERROR", commands: "all", support: "supported", help: "Every warning is an error: the command stops with exit code 2." },
  { name: "warn-error-options", type: "string", env: "DBT_WARN_ERROR_OPTIONS", commands: "all", support: "supported", help: "Which warnings are errors: '{error: all | [names], warn: [names], silence: [names]}'." },
  { name: "fail-fast", aliases: ["x"], type: "boolean", env: "DBT_FAIL_FAST", commands: "all", support: "supported", help: "Stop at the first failure and cancel running statements." },
  { name: "indirect-selection", type: "string", choices: ["eager", "cautious", "buildable", "empty"], env: "DBT_INDIRECT_SELECTION", commands: "all", support: "supported", help: "Which tests follow the models they test (default eager)." },
  { name: "partial-parse", type: "boolean", env: "DBT_PARTIAL_PARSE", commands: "all", support: "supported", help: "Reuse target/partial_parse.json (default on)." },
  { name: "state", type: "string", env: "DBT_STATE", commands: "all", support: "supported", help: "Folder of an earlier manifest.json, for state: selectors." },
  { name: "version", aliases: ["v", "V"], type: "boolean", commands: "all", support: "supported", help: "Print the version and exit." },
  { name: "write-json", type: "boolean", env: "DBT_WRITE_JSON", commands: "all", support: "supported", help: "Write manifest.json and run_results.json (default on)." },
  { name: "version-check", type: "boolean", env: "DBT_VERSION_CHECK", commands: "all", support: "no-op", help: "dbt checks require-dbt-version; tsdbt does not compare itself with dbt versions." },
  { name: "defer", type: "boolean", env: "DBT_DEFER", commands: "all", support: "supported", supportedBy: EXECUTING, help: "Refs to unselected nodes missing from the target resolve to --state's relations (run, build, seed, snapshot, test)." },
  { name: "defer-state", type: "string", env: "DBT_DEFER_STATE", commands: "all", support: "supported", supportedBy: EXECUTING, help: "The state folder used for deferral only." },
  { name: "favor-state", type: "boolean", env: "DBT_FAVOR_STATE", commands: "all", support: "supported", supportedBy: EXECUTING, help: "With --defer: defer even when the node exists in the target." },
  { name: "cache-selected-only", type: "boolean", env: "DBT_CACHE_SELECTED_ONLY", commands: "all", support: "no-op", help: "dbt's relation cache; tsdbt has none to fill." },
  { name: "populate-cache", type: "boolean", env: "DBT_POPULATE_CACHE", commands: "all", support: "no-op", help: "dbt's relation cache; tsdbt has none to fill." },
  { name: "log-cache-events", type: "boolean", env: "DBT_LOG_CACHE_EVENTS", commands: "all", support: "no-op", help: "dbt's relation cache events; tsdbt has no cache." },
  { name: "print", type: "boolean", env: "DBT_PRINT", commands: "all", support: "no-op", help: "{{ print() }} output is always shown." },
  { name: "record-timing-info", aliases: ["r"], type: "string", commands: "all", support: "no-op", help: "dbt's Python profiler output; tsdbt writes none." },
  { name: "send-anonymous-usage-stats", type: "boolean", env: "DBT_SEND_ANONYMOUS_USAGE_STATS", commands: "all", support: "no-op", help: "tsdbt sends no usage statistics." },
  { name: "show-all-deprecations", type: "boolean", commands: "all", support: "no-op", help: "Deprecation warnings are shown as they occur." },
  { name: "static-parser", type: "boolean", env: "DBT_STATIC_PARSER", commands: "all", support: "no-op", help: "tsdbt picks its fast paths itself." },
  { name: "use-experimental-parser", type: "boolean", env: "DBT_USE_EXPERIMENTAL_PARSER", commands: "all", support: "no-op", help: "tsdbt has a single parser." },
  { name: "upload-to-artifacts-ingest-api", type: "boolean", env: "DBT_UPLOAD_TO_ARTIFACTS_INGEST_API", commands: "all", support: "no-op", help: "dbt Cloud upload; tsdbt uploads nothing." },
  { name: "log-file-max-bytes", type: "number", env: "DBT_LOG_FILE_MAX_BYTES", commands: "all", support: "no-op", help: "dbt rotates dbt.log; tsdbt appends.", hidden: true },
  { name: "macro-debugging", type: "boolean", env: "DBT_MACRO_DEBUGGING", commands: "all", support: "no-op", help: "dbt's Jinja debugger.", hidden: true },
  { name: "partial-parse-file-path", type: "string", env: "DBT_PARTIAL_PARSE_FILE_PATH", commands: "all", support: "no-op", help: "tsdbt keeps its parse state in target/partial_parse.json.", hidden: true },
  { name: "partial-parse-file-diff", type: "boolean", env: "DBT_PARTIAL_PARSE_FILE_DIFF", commands: "all", support: "no-op", help: "tsdbt finds changed files itself.", hidden: true },
  { name: "single-threaded", type: "boolean", env: "DBT_SINGLE_THREADED", commands: "all", support: "no-op", help: "dbt's thread pool switch.", hidden: true },
  { name: "use-fast-test-edges", type: "boolean", env: "DBT_USE_FAST_TEST_EDGES", commands: "all", support: "no-op", help: "dbt's graph option.", hidden: true },
  { name: "show-resource-report", type: "boolean", env: "DBT_SHOW_RESOURCE_REPORT", commands: "all", support: "no-op", help: "dbt's resource report.", hidden: true },
  { name: "deprecated-favor-state", type: "string", env: "DBT_FAVOR_STATE_MODE", commands: "all", support: "no-op", help: "dbt's old spelling of --favor-state.", hidden: true },
  { name: "deprecated-defer", type: "boolean", env: "DBT_DEFER_TO_STATE", commands: "all", support: "no-op", help: "dbt's old spelling of --defer.", hidden: true },
  { name: "deprecated-state", type: "string", env: "DBT_ARTIFACT_STATE_PATH", commands: "all", support: "no-op", help: "dbt's old spelling of --state.", hidden: true },
  { name: "deprecated-print", aliases: ["deprecated-no-print"], type: "boolean", env: "DBT_NO_PRINT", commands: "all", support: "no-op", help: "dbt's old spelling of --print.", hidden: true },

  // flags of some commands
  { name: "select", aliases: ["s"], type: "array", commands: SELECTING, support: "supported", help: "Nodes to act on (dbt's selection grammar)." },
  { name: "models", aliases: ["m", "model"], type: "array", commands: SELECTING, support: "supported", help: "Old spelling of --select; with ls it also means --resource-type model." },
  { name: "exclude", type: "array", commands: SELECTING, support: "supported", help: "Nodes to leave out." },
  { name: "selector", type: "string", commands: SELECTING, support: "supported", help: "A named selector of selectors.yml." },
  { name: "resource-type", aliases: ["resource-types"], type: "array", env: "DBT_RESOURCE_TYPES", commands: ["build", "clone", "ls", "test"], support: "supported", help: "Only these resource types (all, default, model, test, …)." },
  { name: "exclude-resource-type", aliases: ["exclude-resource-types"], type: "array", env: "DBT_EXCLUDE_RESOURCE_TYPES", commands: ["build", "clone", "ls", "test"], support: "supported", help: "Leave out these resource types." },
  { name: "target-path", type: "string", env: "DBT_TARGET_PATH", commands: WITH_TARGET_PATH, support: "supported", help: "Where artifacts go (default: dbt_project.yml target-path, else target)." },
  { name: "threads", type: "number", commands: WITH_THREADS, support: "supported", help: "Nodes run at once (default: the target's threads)." },
  { name: "full-refresh", aliases: ["f"], type: "boolean", env: "DBT_FULL_REFRESH", commands: ["build", "clone", "compile", "retry", "run", "seed", "show"], support: "supported", help: "Rebuild incremental models and reload seeds." },
  { name: "dry-run", type: "boolean", commands: ["compile"], support: "supported", help: "Also validate each compiled model, test and analysis in the warehouse and print the bytes it would process, without running it (BigQuery dry runs; free).", tsdbtOnly: true },
  { name: "empty", type: "boolean", env: "DBT_EMPTY", commands: ["build", "compile", "run", "snapshot"], support: "supported", help: "Refs and sources select zero rows: models are built empty, with their columns." },
  { name: "event-time-start", type: "string", env: "DBT_EVENT_TIME_START", commands: ["build", "run"], support: "supported", help: "Start of the batch window of microbatch models (with --event-time-end; YYYY-MM-DD[THH:MM:SS], UTC)." },
  { name: "event-time-end", type: "string", env: "DBT_EVENT_TIME_END", commands: ["build", "run"], support: "supported", help: "End of the batch window of microbatch models (with --event-time-start; rounded up to a batch boundary)." },
  { name: "sample", type: "string", env: "DBT_SAMPLE", commands: ["build", "run"], support: "not-yet", help: "Sample mode of refs with event_time.", hidden: true },
  { name: "store-failures", type: "boolean", env: "DBT_STORE_FAILURES", commands: ["build", "test"], support: "supported", help: "Store the failing rows of tests in tables of their audit schema." },
  { name: "show", type: "boolean", commands: ["build", "seed"], support: "supported", help: "Print up to 10 rows of each seed loaded." },
  { name: "export-saved-queries", type: "boolean", env: "DBT_EXPORT_SAVED_QUERIES", commands: ["build"], support: "no-op", help: "Saved query exports (dbt Cloud).", hidden: true },
  { name: "include-saved-query", type: "boolean", env: "DBT_INCLUDE_SAVED_QUERY", commands: ["build"], support: "no-op", help: "Saved queries in build.", hidden: true },
  { name: "output", aliases: ["o"], type: "string", commands: ["compile", "ls", "show", "source"], support: "supported", help: "ls: selector, name, path or json; compile/show/source: text or json." },
  { name: "output-keys", type: "array", commands: ["ls"], support: "supported", help: "Keys of ls --output json." },
  { name: "inline", type: "string", commands: ["compile", "show"], support: "supported", help: "SQL to compile or preview instead of a node." },
  { name: "inline-direct", type: "string", commands: ["show"], support: "supported", help: "SQL previewed as written, without Jinja.", hidden: true },
  { name: "introspect", type: "boolean", env: "DBT_INTROSPECT", commands: ["compile", "show"], support: "no-op", help: "tsdbt queries the warehouse during compile only when a template asks." },
  { name: "inject-ephemeral-ctes", type: "boolean", commands: ["compile"], support: "no-op", help: "Ephemeral CTEs are always injected.", hidden: true },
  { name: "limit", type: "number", commands: ["show"], support: "supported", help: "Rows to preview (default 5)." },
  { name: "args", type: "string", commands: ["run-operation"], support: "supported", help: "The macro's arguments as a YAML mapping." },
  { name: "compile", type: "boolean", commands: ["docs"], support: "supported", help: "docs generate: compile first (default on)." },
  { name: "empty-catalog", type: "boolean", commands: ["docs"], support: "supported", help: "docs generate: no warehouse queries." },
  { name: "static", type: "boolean", commands: ["docs"], support: "supported", help: "docs generate: also the whole site as one self-contained file, target/static_index.html." },
  { name: "browser", type: "boolean", commands: ["docs"], support: "supported", help: "docs serve: open a browser." },
  { name: "host", type: "string", env: "DBT_HOST", commands: ["docs"], support: "supported", help: "docs serve: address to listen on (default 127.0.0.1)." },
  { name: "port", type: "number", commands: ["docs"], support: "supported", help: "docs serve: port (default 8080)." },
  { name: "connection", type: "boolean", commands: ["debug"], support: "no-op", help: "debug: test only the connection (tsdbt's debug always does)." },
  { name: "config-dir", type: "boolean", commands: ["debug"], support: "supported", help: "debug: print the profiles directory and how to open it." },
  { name: "source", type: "string", choices: ["hub", "git", "local"], commands: ["deps"], support: "supported", help: "deps --add-package: where the package comes from." },
  { name: "lock", type: "boolean", commands: ["deps"], support: "supported", help: "deps: write package-lock.yml without installing." },
  { name: "upgrade", type: "boolean", commands: ["deps"], support: "supported", help: "deps: resolve versions again." },
  { name: "add-package", type: "string", commands: ["deps"], support: "supported", help: "deps: add a package to packages.yml." },
  { name: "skip-profile-setup", type: "boolean", commands: ["init"], support: "supported", help: "init: write no profile." },
  { name: "clean-project-files-only", type: "boolean", env: "DBT_CLEAN_PROJECT_FILES_ONLY", commands: ["clean"], support: "no-op", help: "tsdbt's clean never deletes outside the project." },

  // tsdbt's own
  { name: "upstream", type: "boolean", commands: ["lineage"], support: "supported", help: "lineage: trace towards sources.", tsdbtOnly: true },
  { name: "downstream", type: "boolean", commands: ["lineage"], support: "supported", help: "lineage: trace towards consumers.", tsdbtOnly: true },
  { name: "openlineage-url", type: "string", commands: ["build", "run", "seed", "snapshot", "test"], support: "supported", help: "Send OpenLineage events to this HTTP endpoint.", tsdbtOnly: true },
  { name: "openlineage-file", type: "string", commands: ["build", "run", "seed", "snapshot", "test"], support: "supported", help: "Write OpenLineage events to this file, one per line.", tsdbtOnly: true },
];

/** dbt-core 1.10's commands (and tsdbt's `lineage`), with one line each for `--help`. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  build: "Seeds, models, snapshots and tests in dependency order.",
  clean: "Delete the clean-targets of dbt_project.yml.",
  clone: "Make the target's relations views of those --state's manifest built.",
  compile: "Render models, tests, analyses and snapshots to target/compiled.",
  debug: "Check dbt_project.yml, profiles.yml and the connection.",
  deps: "Install the packages of packages.yml / dependencies.yml.",
  docs: "docs generate: catalog and docs site; docs serve: serve it.",
  init: "Start a new project.",
  ls: "List resources (also `list`).",
  parse: "Read the project and write target/manifest.json.",
  retry: "Re-run what failed or was skipped last time.",
  run: "Build the selected models.",
  "run-operation": "Call a macro.",
  seed: "Load the CSV files of seeds.",
  show: "Preview the rows of a node or of inline SQL.",
  snapshot: "Run snapshots.",
  source: "source freshness: check sources' freshness.",
  test: "Run data tests and unit tests.",
  lineage: "Where a column comes from and what it feeds (tsdbt only).",
};

/** True when `command` takes the flag in dbt (or in tsdbt, for its own flags). */
export function takesFlag(flag: FlagSpec, command: string): boolean {
  return flag.commands === "all" || flag.commands.includes(command);
}
