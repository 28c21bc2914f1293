import type { DynamicTableDialect, DynamicTableSettings, RelationConfig } from "@tsdbt/adapter-api";
import { snowflakeError, SnowflakeErrorCode } from "./snowflake-errors";
import { splitRenderedName } from "./snowflake-identifiers";

const REFRESH_MODES = ["AUTO", "FULL", "INCREMENTAL"];
const INITIALIZE = ["ON_CREATE", "ON_SCHEDULE"];
const literal = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

function text(config: RelationConfig, key: string): string | null {
  const value = config[key];
  return value === undefined || value === null || String(value).trim() === "" ? null : String(value).trim();
}

function oneOf(config: RelationConfig, key: string, allowed: string[]): string | null {
  const value = text(config, key)?.toUpperCase() ?? null;
  if (value !== null && !allowed.includes(value)) {
    throw snowflakeError(SnowflakeErrorCode.invalidModelConfig, `The dynamic table's ${key} is '${value}', which Snowflake does not know.`, `Use one of ${allowed.join(", ")}.`);
  }
  return value;
}

/** `target_lag`, `warehouse` and (when given) `refresh_mode` of a dynamic table's config. */
function wanted(config: RelationConfig): DynamicTableSettings {
  const lag = text(config, "target_lag");
  const warehouse = text(config, "snowflake_warehouse");
  if (lag === null || warehouse === null) {
    throw snowflakeError(
      SnowflakeErrorCode.invalidModelConfig,
      `A dynamic table needs ${lag === null ? "target_lag" : "snowflake_warehouse"} in its config.`,
      "Set e.g. target_lag='5 minutes' (or 'downstream') and snowflake_warehouse='TRANSFORMING'.",
    );
  }
  const mode = oneOf(config, "refresh_mode", REFRESH_MODES);
  // AUTO lets Snowflake choose, and Snowflake then reports the mode it chose: nothing to compare
  return { target_lag: lag, warehouse, ...(mode && mode !== "AUTO" ? { refresh_mode: mode } : {}) };
}

/** A column of a `show dynamic tables` row, whatever case the driver gives its name. */
function field(row: Record<string, unknown>, name: string): string | null {
  const key = Object.keys(row).find((k) => k.toLowerCase() === name);
  return key === undefined || row[key] === null || row[key] === undefined ? null : String(row[key]);
}

/**
 * Snowflake's dynamic tables, as dbt-snowflake builds them: `create or replace dynamic table …
 * target_lag = '…' warehouse = … [refresh_mode = …] [initialize = …] as (…)`; `show dynamic tables
 * like … in schema …` reads the settings of the existing one; `alter dynamic table … set
 * target_lag … warehouse …` changes those two in place; a new `refresh_mode` needs the table
 * created again; `alter dynamic table … refresh` refreshes it.
 */
export const snowflakeDynamicTables: DynamicTableDialect = {
  create: (relation, sql, config) => {
    const settings = wanted(config);
    const initialize = oneOf(config, "initialize", INITIALIZE);
    return [
      `create or replace dynamic table ${relation}`,
      `target_lag = ${literal(settings.target_lag!)}`,
      `warehouse = ${settings.warehouse}`,
      ...(settings.refresh_mode ? [`refresh_mode = ${settings.refresh_mode}`] : []),
      ...(initialize ? [`initialize = ${initialize}`] : []),
      `as (\n${sql}\n)`,
    ].join("\n");
  },
  wanted,
  describe: (target) => {
    const schema = splitRenderedName(target.relation).slice(0, -1).join(".");
    return `show dynamic tables like ${literal(target.identifier)} in schema ${schema}`;
  },
  read: (rows) => {
    const row = rows[0];
    if (!row) return null;
    const out: Record<string, string> = {};
    for (const key of ["target_lag", "warehouse", "refresh_mode"]) {
      const value = field(row, key);
      if (value !== null) out[key] = value;
    }
    return out;
  },
  alter: (relation, changes) => {
    if ("refresh_mode" in changes) return null;
    const set = [
      ...(changes.target_lag !== undefined ? [`target_lag = ${literal(changes.target_lag)}`] : []),
      ...(changes.warehouse !== undefined ? [`warehouse = ${changes.warehouse}`] : []),
    ];
    return set.length === 0 ? [] : [`alter dynamic table ${relation} set ${set.join(" ")}`];
  },
  refresh: (relation) => `alter dynamic table ${relation} refresh`,
};

