import type { DynamicTableSettings } from "@tsdbt/adapter-api";
import { RunnerError, RunnerErrorCode } from "../runner-error";
import { configValue, type Materialization } from "./build-context";
import { cannotBuild } from "./cannot-build";
import { applyGrants, type GrantedBuild } from "./grants";
import { runNodeHooks } from "./hooks";
import { clearLeftovers } from "./relation-lookup";

/** A setting as the engine compares it: case and spacing aside. */
const normal = (value: string) => value.trim().replace(/\s+/g, " ").toLowerCase();

/** The settings of `wanted` that differ from `current`. */
function changed(wanted: DynamicTableSettings, current: DynamicTableSettings): DynamicTableSettings {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => normal(current[key] ?? "") !== normal(value)));
}

/**
 * `materialized: dynamic_table`, on engines whose dialect has `dynamicTables` (Snowflake), as
 * dbt-snowflake builds it. The table is created when it is missing, is another kind of relation,
 * or on `--full-refresh`. Otherwise its settings (`target_lag`, `snowflake_warehouse`,
 * `refresh_mode`) are read and compared with the config: unchanged, the table is refreshed;
 * changed, `on_configuration_change` decides: `apply` (default) alters it in place, or creates it
 * again when a setting (refresh_mode) cannot be altered; `continue` leaves it as it is with a
 * warning; `fail` fails the node (TSDBT-E413). A changed query needs `--full-refresh`, as in dbt.
 * Elsewhere the node fails with TSDBT-E401.
 */
export const dynamicTableMaterialization: Materialization = async (context) => {
  const { adapter, relation, node } = context;
  const dynamic = adapter.dialect.dynamicTables;
  if (!dynamic) {
    throw cannotBuild(context, "", "Use `materialized: table` or an incremental model on this warehouse.");
  }
  const sql = context.compile(false);
  const wanted = dynamic.wanted(node.config);
  const target = { relation: relation.render(), database: relation.database, schema: relation.schema, identifier: relation.identifier };
  const existing = await clearLeftovers(adapter, relation);
  await runNodeHooks(context, adapter, "pre-hook", false);
  await runNodeHooks(context, adapter, "pre-hook", true);
  const current = existing && existing.kind === "table" ? dynamic.read((await adapter.execute(dynamic.describe(target))).rows) : null;
  const create = async (): Promise<void> => {
    await adapter.execute(dynamic.create(target.relation, sql, node.config), { fetch: false, nodeId: node.unique_id });
  };
  let built: GrantedBuild = "changed";
  let message = "REFRESH DYNAMIC TABLE";
  if (!existing || !current || context.fullRefresh) {
    // a view, or a table that is not dynamic, is dropped first: `create or replace` keeps the kind
    if (existing && !current) await adapter.execute(adapter.dialect.dropRelation(target.relation, existing.kind), { fetch: false });
    await create();
    built = existing && current ? "replaced" : "new";
    message = "CREATE DYNAMIC TABLE";
  } else {
    const changes = changed(wanted, current);
    const names = Object.keys(changes);
    const policy = String(configValue(node, "on_configuration_change", "apply")).toLowerCase();
    if (names.length === 0) {
      await adapter.execute(dynamic.refresh(target.relation), { fetch: false, nodeId: node.unique_id });
    } else if (policy === "fail") {
      throw new RunnerError(RunnerErrorCode.configurationChanged, `Dynamic table ${target.relation} has other settings than model ${node.name} asks for (${names.join(", ")}), and on_configuration_change is 'fail'.`, {
        file: node.original_file_path,
        hint: "Apply the change with on_configuration_change: apply, or rebuild with --full-refresh.",
      });
    } else if (policy === "continue") {
      context.warn(`${node.unique_id}: dynamic table ${target.relation} keeps its settings (${names.join(", ")} differ from the config) because on_configuration_change is 'continue'.`);
      message = "SKIP";
    } else {
      const statements = dynamic.alter(target.relation, changes);
      if (statements === null) {
        await create();
        built = "replaced";
        message = "CREATE DYNAMIC TABLE";
      } else {
        for (const statement of statements) await adapter.execute(statement, { fetch: false, nodeId: node.unique_id });
        message = "ALTER DYNAMIC TABLE";
      }
    }
  }
  await runNodeHooks(context, adapter, "post-hook", true);
  await applyGrants(context, adapter, "table", built);
  await runNodeHooks(context, adapter, "post-hook", false);
  return { rowsAffected: null, message };
};
