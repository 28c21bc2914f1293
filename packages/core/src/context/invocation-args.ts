/** dbt-core 1.10's behaviour flags as `invocation_args_dict` lists them, at their defaults (dbt_project.yml `flags:` overrides them). */
const BEHAVIOUR_FLAG_DEFAULTS: Readonly<Record<string, boolean>> = {
  require_all_warnings_handled_by_warn_error: false,
  require_batched_execution_for_custom_microbatch_strategy: false,
  require_explicit_package_overrides_for_builtin_materializations: true,
  require_generic_test_arguments_property: true,
  require_nested_cumulative_type_params: false,
  require_resource_names_without_spaces: true,
  require_yaml_configuration_for_mf_time_spines: false,
  skip_nodes_if_on_run_start_fails: false,
  source_freshness_run_project_hooks: true,
  state_modified_compare_more_unrendered_values: false,
  state_modified_compare_vars: false,
  validate_macro_args: false,
};

/**
 * A command's `invocation_args_dict` once the project is read: the command line's entries (the
 * CLI builds them), the project's behaviour flags and the `--vars` given, keys sorted (dbt's order
 * changes from run to run). `undefined` when the caller gave no command entries.
 */
export function invocationArgsDict(commandArgs: Record<string, unknown> | undefined, projectFlags: Record<string, unknown> = {}, vars: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  if (!commandArgs) return undefined;
  const dict: Record<string, unknown> = { ...commandArgs, vars };
  for (const [name, setting] of Object.entries(BEHAVIOUR_FLAG_DEFAULTS)) dict[name] = typeof projectFlags[name] === "boolean" ? projectFlags[name] : setting;
  return Object.fromEntries(Object.keys(dict).sort().map((key) => [key, dict[key]]));
}
