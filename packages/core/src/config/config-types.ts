import { isPlainObject } from "./vars";

/**
 * The value types dbt's config classes give the documented config keys (models, seeds, snapshots,
 * data tests, sources, exposures, metrics, semantic models, saved queries, unit tests). A key
 * not listed here (an adapter's own config, a user's custom key) is not checked. `null` is
 * accepted everywhere: it means "not set" and dbt's classes take `None` for these keys. Where
 * dbt-core 1.10 accepts any text at parse (`on_schema_change`, `store_failures_as`,
 * `hard_deletes`, `batch_size`: checked later, when the node runs), only "a string" is required;
 * enums are the ones dbt-core refuses at parse (`access`, `on_configuration_change`, `severity`).
 */
export type ConfigValueType = "boolean" | "string" | "integer" | "mapping" | "string-or-list" | "hooks" | "docs" | "contract" | "persist-docs" | "enum";

interface KeyType {
  type: ConfigValueType;
  /** For `enum`: the values dbt accepts (compared case-insensitively when `caseInsensitive`). */
  values?: readonly string[];
  caseInsensitive?: boolean;
}

const t = (type: ConfigValueType, values?: readonly string[], caseInsensitive = false): KeyType => ({ type, values, caseInsensitive });

/** dbt's documented config keys and their types (from the resource-configs reference pages). */
export const CONFIG_KEY_TYPES: Readonly<Record<string, KeyType>> = {
  enabled: t("boolean"),
  full_refresh: t("boolean"),
  quote_columns: t("boolean"),
  store_failures: t("boolean"),
  invalidate_hard_deletes: t("boolean"),
  tags: t("string-or-list"),
  unique_key: t("string-or-list"),
  check_cols: t("string-or-list"),
  meta: t("mapping"),
  quoting: t("mapping"),
  column_types: t("mapping"),
  grants: t("mapping"),
  snapshot_meta_column_names: t("mapping"),
  freshness: t("mapping"),
  docs: t("docs"),
  contract: t("contract"),
  persist_docs: t("persist-docs"),
  "pre-hook": t("hooks"),
  "post-hook": t("hooks"),
  pre_hook: t("hooks"),
  post_hook: t("hooks"),
  materialized: t("string"),
  alias: t("string"),
  schema: t("string"),
  database: t("string"),
  group: t("string"),
  incremental_strategy: t("string"),
  on_schema_change: t("string"),
  on_configuration_change: t("enum", ["apply", "continue", "fail"]),
  access: t("enum", ["private", "protected", "public"]),
  severity: t("enum", ["error", "warn"], true),
  store_failures_as: t("string"),
  hard_deletes: t("string"),
  delimiter: t("string"),
  strategy: t("string"),
  updated_at: t("string"),
  target_schema: t("string"),
  target_database: t("string"),
  dbt_valid_to_current: t("string"),
  where: t("string"),
  fail_calc: t("string"),
  warn_if: t("string"),
  error_if: t("string"),
  limit: t("integer"),
  lookback: t("integer"),
  batch_size: t("string"),
  loaded_at_field: t("string"),
  loaded_at_query: t("string"),
};

/** How a type is named in messages and hints. */
export function describeType(key: string): string {
  const k = CONFIG_KEY_TYPES[key];
  if (!k) return "a value";
  switch (k.type) {
    case "boolean":
      return "true or false";
    case "string":
      return "a string";
    case "integer":
      return "a whole number";
    case "mapping":
      return "a mapping (key: value)";
    case "string-or-list":
      return "a string or a list of strings";
    case "hooks":
      return "a SQL string, a {sql, transaction} mapping, or a list of those";
    case "docs":
      return "a mapping with `show` (true or false) and `node_color`";
    case "contract":
      return "a mapping with `enforced` (true or false)";
    case "persist-docs":
      return "a mapping with `relation` and `columns` (true or false)";
    case "enum":
      return `one of ${k.values!.map((v) => `'${v}'`).join(", ")}`;
  }
}

/** How a rejected value is named: its kind, and the value itself when it is a short scalar. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return value.length <= 40 ? `the string '${value}'` : "a long string";
  if (typeof value === "boolean" || typeof value === "number") return `${String(value)}`;
  if (Array.isArray(value)) return "a list";
  if (isPlainObject(value)) return "a mapping";
  return typeof value;
}

const isScalarText = (v: unknown) => typeof v === "string" || typeof v === "number";

function isHook(v: unknown): boolean {
  return typeof v === "string" || (isPlainObject(v) && typeof v.sql === "string" && (v.transaction === undefined || typeof v.transaction === "boolean"));
}

const boolOrNull = (v: unknown) => v === undefined || v === null || typeof v === "boolean";

/**
 * Whether `value` fits the type dbt gives config `key`. Unknown keys and `null` always fit.
 * `tags` items may be numbers as well as strings (dbt stringifies them).
 */
export function configValueFits(key: string, value: unknown): boolean {
  const k = CONFIG_KEY_TYPES[key];
  if (!k || value === null || value === undefined) return true;
  switch (k.type) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "mapping":
      return isPlainObject(value);
    case "string-or-list":
      return isScalarText(value) || (Array.isArray(value) && value.every(isScalarText));
    case "hooks":
      return isHook(value) || (Array.isArray(value) && value.every((h) => h === null || isHook(h)));
    case "docs":
      return isPlainObject(value) && boolOrNull(value.show) && (value.node_color === undefined || value.node_color === null || typeof value.node_color === "string");
    case "contract":
      return isPlainObject(value) && boolOrNull(value.enforced) && boolOrNull(value.alias_types);
    case "persist-docs":
      return isPlainObject(value) && boolOrNull(value.relation) && boolOrNull(value.columns);
    case "enum": {
      if (typeof value !== "string") return false;
      const v = k.caseInsensitive ? value.toLowerCase() : value;
      return k.values!.includes(v);
    }
  }
}

/** A config value that does not fit its key's type. */
export interface ConfigTypeProblem {
  key: string;
  message: string;
  hint: string;
}

/**
 * Checks each key of one config layer. `where` names the place for the message
 * ("in dbt_project.yml", "in the config() call of model.pkg.a").
 */
export function checkConfigLayer(layer: Record<string, unknown>, where: string): ConfigTypeProblem[] {
  const problems: ConfigTypeProblem[] = [];
  for (const [rawKey, value] of Object.entries(layer)) {
    const key = rawKey.replace(/^\+/, "").trim();
    if (configValueFits(key, value)) continue;
    problems.push({
      key: rawKey,
      message: `Config '${key}' ${where} must be ${describeType(key)}, not ${describeValue(value)}.`,
      hint: hintFor(key),
    });
  }
  return problems;
}

function hintFor(key: string): string {
  const k = CONFIG_KEY_TYPES[key]!;
  const examples: Record<ConfigValueType, string> = {
    boolean: `${key}: true`,
    string: `${key}: some_name`,
    integer: `${key}: 100`,
    mapping: `${key}: {owner: data_team}`,
    "string-or-list": `${key}: [a, b]`,
    hooks: `${key}: "grant select on {{ this }} to reporter"`,
    docs: `${key}: {show: true}`,
    contract: `${key}: {enforced: true}`,
    "persist-docs": `${key}: {relation: true, columns: true}`,
    enum: `${key}: ${k.values?.[0] ?? ""}`,
  };
  return `dbt expects ${describeType(key)} here; for example \`${examples[k.type]}\`.`;
}
