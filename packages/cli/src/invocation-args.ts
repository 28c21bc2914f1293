import * as path from "node:path";
import type { CliArgs } from "./args";

/** What dbt-core 1.10 puts in `invocation_args_dict` for every command, at its defaults. */
const EVERY_COMMAND: Readonly<Record<string, unknown>> = {
  cache_selected_only: false,
  defer: false,
  favor_state: false,
  indirect_selection: "eager",
  introspect: true,
  log_file_max_bytes: 10485760,
  log_format: "default",
  log_format_file: "debug",
  log_level: "info",
  log_level_file: "debug",
  macro_debugging: false,
  partial_parse: true,
  partial_parse_file_diff: true,
  populate_cache: true,
  print: true,
  printer_width: 80,
  quiet: false,
  send_anonymous_usage_stats: true,
  show_all_deprecations: false,
  show_resource_report: false,
  static_parser: true,
  strict_mode: false,
  upload_to_artifacts_ingest_api: false,
  use_colors: true,
  use_colors_file: true,
  use_fast_test_edges: false,
  version_check: true,
  warn_error_options: { error: [], silence: [], warn: [] },
  write_json: true,
};

const SELECTING = { select: [], exclude: [] };

/** The command's own entries at their defaults (dbt-core 1.10; `docs` is `docs generate`). */
const BY_COMMAND: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  run: { ...SELECTING, empty: false },
  build: { ...SELECTING, empty: false, exclude_resource_types: [], resource_types: [], export_saved_queries: false, include_saved_query: false, show: false },
  compile: { ...SELECTING, empty: false, inject_ephemeral_ctes: true, output: "text" },
  docs: { ...SELECTING, compile: true, empty_catalog: false, static: false },
  test: SELECTING,
  seed: { ...SELECTING, show: false },
  snapshot: SELECTING,
  ls: SELECTING,
  show: SELECTING,
  clone: SELECTING,
  retry: {},
  "run-operation": {},
  "source": SELECTING,
};

/** Flags whose given value dbt records under another shape than the flag's own. */
const SHAPED = new Set(["select", "exclude", "models", "vars", "project-dir", "profiles-dir", "log-path"]);

/**
 * `invocation_args_dict` of a command as dbt-core 1.10 gives it to templates (dbt_artifacts and
 * other packages store it): every command's entries and the command's own at dbt's defaults, then
 * what the command line gave (`select`/`exclude` as lists, `full_refresh`, `threads`, `target`, …),
 * `which`, `invocation_command`, and the project, profiles and log folders. The project's behaviour
 * flags and the parsed `vars` are added when the project is read (core's invocationArgsDict).
 */
export function commandInvocationArgs(args: CliArgs, cwd: string, invocationCommand: string): Record<string, unknown> {
  const dict: Record<string, unknown> = { ...EVERY_COMMAND, ...(BY_COMMAND[args.command] ?? {}) };
  for (const [name, value] of Object.entries(args.flags)) {
    if (value === undefined || SHAPED.has(name)) continue;
    dict[name.replace(/-/g, "_")] = value;
  }
  if ("select" in dict) dict.select = [...args.select, ...(args.models ?? [])];
  if ("exclude" in dict) dict.exclude = [...args.exclude];
  if (args.command === "run-operation") dict.macro = args.positional[0];
  const projectDir = path.resolve(cwd, args.projectDir);
  dict.project_dir = projectDir;
  dict.profiles_dir = args.profilesDir ?? process.env.DBT_PROFILES_DIR ?? projectDir;
  dict.log_path = path.resolve(projectDir, args.logPath ?? "logs");
  dict.which = args.command === "docs" ? "generate" : args.command;
  dict.invocation_command = invocationCommand;
  return dict;
}
